"""Feeds, show pages, the OPML and the front page are cached and purged like every page (core.purge)."""

import feedparser
import pytest
from django.test import Client

from dateline.podcasts.models import PodcastEpisodePage
from tests.core.page_cache import page_cache  # noqa: F401

from ..audio.factories import AudioFactory
from .factories import PodcastEpisodePageFactory, PodcastShowPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def _titles(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [entry.title for entry in feedparser.parse(response.content).entries]


@pytest.fixture
def warm(show, episode, page_cache):  # noqa: F811
    episode(title="First")
    Client().get(show.url)  # the first page view creates the site settings, which purges
    page_cache.clear()
    return show


def test_the_feed_is_served_from_the_cache_until_a_purge(client, warm):
    feed = warm.url + "feed/"
    first = client.get(feed)
    assert "s-maxage" in first["Cache-Control"]

    PodcastEpisodePage.objects.child_of(warm).update(title="Changed without a purge")

    assert _titles(client, feed) == ["First"]


def test_publishing_an_episode_purges_the_cached_feed(client, warm, django_capture_on_commit_callbacks):
    feed = warm.url + "feed/"
    assert _titles(client, feed) == ["First"]

    second = PodcastEpisodePageFactory(parent=warm, title="Second", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        second.save_revision().publish()

    assert _titles(client, feed) == ["Second", "First"]


def test_unpublishing_an_episode_takes_it_out_of_the_cached_feed(client, warm, django_capture_on_commit_callbacks):
    feed = warm.url + "feed/"
    assert _titles(client, feed) == ["First"]

    with django_capture_on_commit_callbacks(execute=True):
        warm.get_children().first().specific.unpublish()

    assert _titles(client, feed) == []


def test_editing_the_recording_purges_the_feed(client, warm, django_capture_on_commit_callbacks):
    feed = warm.url + "feed/"
    client.get(feed)
    audio = warm.get_children().first().specific.audio

    audio.title = "Renamed"
    audio.file = AudioFactory.build().file  # a new upload: new size and URL
    with django_capture_on_commit_callbacks(execute=True):
        audio.save()

    enclosure = feedparser.parse(client.get(feed).content).entries[0].enclosures[0]
    assert enclosure.href.endswith(audio.file.url)


def test_a_new_show_appears_in_the_cached_opml_and_front_page(client, home, warm, django_capture_on_commit_callbacks):
    client.get("/podcasts.opml")
    client.get(home.url)

    new = PodcastShowPageFactory(parent=home, title="Morning Desk", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision().publish()

    assert b"Morning Desk" in client.get("/podcasts.opml").content
    assert b"Morning Desk" in client.get(home.url).content
