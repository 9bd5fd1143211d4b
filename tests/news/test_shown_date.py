"""The date readers see: an editor may give a story its original publication date; the real
publication time stays in the page's history."""

import datetime as dt
import json

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageLogEntry

from dateline.news.models import ArticlePage

from .test_admin_article import add_url, article_form

pytestmark = pytest.mark.django_db

ORIGINAL = dt.datetime(2019, 5, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def moved_story(as_editor, section, story):
    story(hours_ago=2, title="A newer story", slug="newer")
    data = article_form(as_editor, section, first_published_at="2019-05-02 09:30", **{"action-publish": "1"})
    with timezone.override(dt.UTC):
        response = as_editor.post(add_url(ArticlePage, section), data)
    assert response.status_code == 302
    return ArticlePage.objects.get(slug="ministers-agree")


def test_the_editor_s_date_is_the_one_readers_see(client, moved_story):
    assert moved_story.live
    assert moved_story.first_published_at == ORIGINAL
    soup = BeautifulSoup(client.get(moved_story.url).content, "html.parser")
    assert dt.datetime.fromisoformat(soup.select_one("time.published")["datetime"]) == ORIGINAL
    data = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    news = next(block for block in data if block["@type"].endswith("NewsArticle"))  # typed by its kind of work
    assert dt.datetime.fromisoformat(news["datePublished"]) == ORIGINAL


def test_feeds_carry_the_editor_s_date(client, moved_story):
    feed = feedparser.parse(client.get("/feeds/atom.xml").content)
    entry = next(entry for entry in feed.entries if entry.link.endswith(moved_story.url))
    assert entry.published.startswith("2019-05-02")


def test_listings_order_it_by_the_date_readers_see(client, moved_story):
    soup = BeautifulSoup(client.get("/world/").content, "html.parser")
    headlines = [a.get_text(strip=True) for a in soup.select(".listing h2 a, .listing h3 a")]
    assert headlines.index("A newer story") < headlines.index(moved_story.title)


def test_the_real_publication_time_stays_in_the_history(moved_story):
    entry = PageLogEntry.objects.get(page=moved_story, action="wagtail.publish")
    assert abs(entry.timestamp - timezone.now()) < dt.timedelta(minutes=1)


def test_a_date_in_the_future_is_refused(as_editor, section):
    data = article_form(as_editor, section, first_published_at="2099-01-01 10:00", **{"action-publish": "1"})
    response = as_editor.post(add_url(ArticlePage, section), data)
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="ministers-agree").exists()
