"""A show's podcast feed, checked against Apple's and Spotify's requirements (feed_requirements.py)."""

import datetime as dt
import uuid

import feedparser
import pytest
from django.utils import timezone
from lxml import etree

from dateline.demo.audio import ensure_podcast
from dateline.podcasts.models import PodcastShowPage

from ..photos.factories import PhotoFactory
from .conftest import read_media
from .factories import PodcastEpisodePageFactory
from .feed_requirements import NS, feed_problems, podcast_guid_for

pytestmark = pytest.mark.django_db


def _feed(client, show) -> bytes:
    response = client.get(show.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return response.content


def test_the_demo_show_feed_meets_apples_and_spotifys_requirements(client, home):
    ensure_podcast(home, now=timezone.now())
    show = PodcastShowPage.objects.get()

    xml = _feed(client, show)

    assert feed_problems(xml, read_media=read_media) == []
    parsed = feedparser.parse(xml)
    assert len(parsed.entries) == 3
    assert parsed.feed.title == "The Hourly"


def test_the_check_finds_what_a_bad_feed_lacks(client, show, episode):
    show.artwork = PhotoFactory(file__width=600, file__height=400)
    show.save_revision().publish()
    episode()

    xml = _feed(client, PodcastShowPage.objects.get(pk=show.pk))
    broken = xml.replace(b"<itunes:explicit>false</itunes:explicit>", b"<itunes:explicit>no</itunes:explicit>", 1)

    problems = feed_problems(broken, read_media=read_media)

    assert any("not a square of 1400 to 3000" in problem for problem in problems)
    assert "itunes:explicit is not true or false" in problems


def test_the_podcast_guid_is_the_uuid5_of_the_first_feed_url_and_survives_a_move(client, show, episode):
    episode()
    first = feedparser.parse(_feed(client, show))
    guid = first.feed.podcast_guid
    assert uuid.UUID(guid) == podcast_guid_for("http://testserver/harbour-hour/feed/")

    show.slug = "harbour-hour-weekly"
    show.save_revision().publish()
    show.refresh_from_db()
    moved = etree.fromstring(_feed(client, show))

    assert moved.findtext("channel/podcast:guid", namespaces=NS) == guid


def test_an_episode_guid_survives_a_new_title_and_slug(client, show, episode):
    page = episode(title="Sea wall, part one", slug="sea-wall-1")
    before = etree.fromstring(_feed(client, show)).findtext("channel/item/guid")

    page.title, page.slug = "The sea wall: part one", "the-sea-wall-part-one"
    page.save_revision().publish()
    after = etree.fromstring(_feed(client, show)).findtext("channel/item/guid")

    assert after == before == str(page.episode_guid)


def test_an_episode_copy_gets_its_own_guid(show, episode):
    page = episode(slug="original")
    copy = page.copy(update_attrs={"slug": "copy", "title": "Copy"})

    assert copy.specific.episode_guid != page.episode_guid


def test_enclosure_carries_the_files_length_and_type(client, show, episode):
    page = episode()

    enclosure = etree.fromstring(_feed(client, show)).find("channel/item/enclosure")

    assert enclosure.get("length") == str(page.audio.file_size)
    assert enclosure.get("type") == "audio/mpeg"
    assert enclosure.get("url") == "http://testserver" + page.audio.file.url


def test_m4a_episodes_are_announced_as_apple_names_them(client, show, episode):
    from ..audio.factories import AudioFactory, sample

    episode(audio=AudioFactory(file=sample("tone.m4a")))

    enclosure = etree.fromstring(_feed(client, show)).find("channel/item/enclosure")

    assert enclosure.get("type") == "audio/x-m4a"


def test_drafts_scheduled_and_restricted_episodes_never_appear(client, show, episode):
    from wagtail.models import PageViewRestriction

    episode(title="Published")
    PodcastEpisodePageFactory(parent=show, title="Draft", live=False)
    scheduled = PodcastEpisodePageFactory(parent=show, title="Scheduled", live=False)
    scheduled.go_live_at = timezone.now() + dt.timedelta(days=1)
    scheduled.save_revision().publish()
    restricted = episode(title="Members only")
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="secret")

    titles = [entry.title for entry in feedparser.parse(_feed(client, show)).entries]

    assert titles == ["Published"]


def test_transcript_captions_and_chapters_are_linked_and_served(client, show, episode):
    from django.core.files.base import ContentFile

    from ..audio.factories import AudioFactory

    audio = AudioFactory(transcript="Good morning.", captions=ContentFile(b"WEBVTT\n", name="w.vtt"))
    page = episode(audio=audio, chapters="0:00 Headlines\n1:30 Weather")
    item = etree.fromstring(_feed(client, show)).find("channel/item")

    transcripts = {t.get("type"): t.get("url") for t in item.findall("podcast:transcript", NS)}
    chapters = item.find("podcast:chapters", NS)

    assert transcripts["text/vtt"] == "http://testserver" + audio.captions.url
    assert client.get(transcripts["text/plain"]).content == b"Good morning."
    response = client.get(chapters.get("url"))
    assert response["Content-Type"] == "application/json+chapters"
    assert response.json()["chapters"] == [
        {"startTime": 0, "title": "Headlines"},
        {"startTime": 90, "title": "Weather"},
    ]
    assert page.chapter_list == [(0, "Headlines"), (90, "Weather")]


def test_the_feed_is_locked_to_the_owner_by_default(client, show, episode):
    episode()
    locked = etree.fromstring(_feed(client, show)).find("channel/podcast:locked", NS)

    assert (locked.text, locked.get("owner")) == ("yes", "podcasts@example.com")
