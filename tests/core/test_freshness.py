"""Fresh by construction: every public representation of a story follows publish and unpublish on
the very next request, with the app's page cache on and every page already cached."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.core.page_cache import page_cache  # noqa: F401
from tests.news.factories import ArticlePageFactory, PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

LISTINGS = [
    "/",
    "/world/",
    "/tags/trade/",
    "/people/ana-perez/",
    "{archive}",
    "/feeds/rss.xml",
    "/feeds/atom.xml",
    "/feeds/feed.json",
    "/feeds/sections/world/rss.xml",
    "/feeds/tags/trade/rss.xml",
    "/feeds/tags/trade/atom.xml",
    "/feeds/people/ana-perez/atom.xml",
    "/sitemap-{month}.xml",
    "/news-sitemap.xml",
    "/search/?q=ministers",
]


def listing_urls(story) -> list[str]:
    published = story.first_published_at
    return [url.format(archive=f"/{published:%Y}/{published:%m}/", month=f"{published:%Y-%m}") for url in LISTINGS]


def shows(response, story) -> bool:
    """Whether a page, feed or sitemap links to the story."""
    return story.url in response.content.decode() or story.full_url in response.content.decode()


def publish(section, title: str, author, slug: str):
    story = ArticlePageFactory(parent=section, title=title, slug=slug, authors=[author], live=False)
    story.tags.add("trade")
    story.save_revision().publish()
    story.refresh_from_db()
    return story


@pytest.fixture
def author():
    return PersonFactory(slug="ana-perez")


@pytest.fixture
def story(section, author, page_cache):  # noqa: F811
    story = publish(section, "Ministers agree on trade", author, "ministers-agree")
    Client().get(story.url)  # the first page view creates the site settings, which purges
    page_cache.clear()
    return story


def warm(client, urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Dateline-Cache"] == "hit", url


def test_an_unpublished_story_vanishes_from_every_page_feed_sitemap_and_search(client, story):
    urls = [story.url, *listing_urls(story)]
    warm(client, urls)
    assert [url for url in urls[1:] if not shows(client.get(url), story)] == []

    story.unpublish()

    assert client.get(story.url).status_code == 404
    still_showing = [url for url in urls[1:] if shows(client.get(url), story)]
    assert still_showing == []


def test_a_published_story_appears_on_every_page_feed_sitemap_and_search(client, section, author, story):
    urls = listing_urls(story)
    warm(client, urls)

    newer = publish(section, "Ministers sign the trade deal", author, "ministers-sign")

    missing = [url for url in urls if not shows(client.get(url), newer)]
    assert missing == []


def test_an_edited_headline_shows_everywhere_at_once(client, story):
    # Monthly sitemaps carry addresses only, no headlines.
    urls = [url for url in [story.url, *listing_urls(story)] if not url.startswith("/sitemap-")]
    warm(client, urls)

    story.title = "Ministers agree on a new trade plan"
    story.save_revision().publish()

    stale = [url for url in urls if "new trade plan" not in client.get(url).content.decode()]
    assert stale == []


def test_a_scheduled_story_appears_when_it_goes_live(client, section, author, story):
    urls = listing_urls(story)
    warm(client, urls)
    scheduled = ArticlePageFactory(parent=section, title="Ministers meet again", authors=[author], live=False)
    scheduled.tags.add("trade")
    scheduled.go_live_at = timezone.now() + dt.timedelta(minutes=5)
    scheduled.save_revision().publish()
    assert not shows(client.get("/"), scheduled)

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        call_command("publish_scheduled")
        scheduled.refresh_from_db()
        missing = [url for url in urls if not shows(client.get(url), scheduled)]
    assert missing == []
