"""The show and episode pages, the OPML, the front page's list of shows, and the admin's warnings."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from lxml import etree

from dateline.podcasts.wagtail_hooks import warn_about_show_artwork

from ..photos.factories import PhotoFactory
from .factories import PodcastShowPageFactory

pytestmark = pytest.mark.django_db


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "lxml")


def test_the_show_page_lists_its_episodes_and_links_its_feed(client, show, episode):
    episode(title="Sea wall, part one")

    soup = _soup(client.get(show.url))

    assert [a.get_text(strip=True) for a in soup.select(".podcast-show__episodes h3 a")] == ["Sea wall, part one"]
    assert soup.find("link", rel="alternate", type="application/rss+xml")["href"] == show.url + "feed/"


def test_the_episode_page_plays_the_recording_with_its_transcript(client, show, episode):
    page = episode(chapters="0:00 Headlines\n1:30 Weather")

    soup = _soup(client.get(page.url))

    player = soup.select_one("audio[controls]")
    assert soup.find(id=player["aria-labelledby"]).get_text(strip=True) == page.audio.title
    assert player.find("source")["src"] == page.audio.file.url
    assert [li.get_text(" ", strip=True) for li in soup.select(".podcast-episode__chapters li")] == [
        "0:00 Headlines",
        "1:30 Weather",
    ]


def test_bad_chapters_get_a_clear_message(show):
    from .factories import PodcastEpisodePageFactory

    page = PodcastEpisodePageFactory.build(chapters="0:00 Headlines\nWeather at half past")

    with pytest.raises(ValidationError) as raised:
        page.clean()

    assert "Line 2 is not a start time and a title" in str(raised.value)


def test_the_opml_lists_live_shows_with_their_feeds(client, home, show):
    PodcastShowPageFactory(parent=home, title="Draft show", live=False)

    response = client.get("/podcasts.opml")
    outlines = etree.fromstring(response.content).findall("body/outline")

    assert response["Content-Type"] == "text/x-opml; charset=utf-8"
    assert [(o.get("text"), o.get("xmlUrl")) for o in outlines] == [
        ("The Harbour Hour", "http://testserver/harbour-hour/feed/")
    ]


def test_the_front_page_links_the_shows(client, home, show):
    soup = _soup(client.get(home.url))

    links = soup.select(".podcast-shows a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [("The Harbour Hour", show.url)]


def test_editors_are_warned_about_artwork_podcast_apps_refuse(show):
    show.artwork = PhotoFactory(file__width=1000, file__height=800)
    request = RequestFactory().get("/")
    request.session = {}
    request._messages = FallbackStorage(request)

    warn_about_show_artwork(request, show)

    warnings = [str(message) for message in get_messages(request)]
    assert any("1000 by 800 pixels" in warning for warning in warnings)
    assert any("not square" in warning for warning in warnings)


def test_good_artwork_gets_no_warning(show):
    request = RequestFactory().get("/")
    request.session = {}
    request._messages = FallbackStorage(request)

    warn_about_show_artwork(request, show)

    assert list(get_messages(request)) == []
