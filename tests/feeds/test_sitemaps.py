"""Sitemap index, page and month sitemaps, the Google News sitemap and robots.txt."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from tests.news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parents[1] / "data"
SITEMAP = etree.XMLSchema(etree.parse(str(DATA / "sitemap.xsd")))
SITEINDEX = etree.XMLSchema(etree.parse(str(DATA / "siteindex.xsd")))
NEWS_SITEMAP = etree.XMLSchema(etree.parse(str(DATA / "news-sitemap.xsd")))
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def document(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return etree.fromstring(response.content)


def valid(schema, tree):
    assert schema.validate(tree), schema.error_log
    return tree


def published(section, when, **fields):
    return ArticlePageFactory(parent=section, first_published_at=when, last_published_at=when, **fields)


def test_sitemap_index_is_valid_and_lists_pages_then_each_month(client, section):
    published(section, dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC))
    published(section, dt.datetime(2025, 5, 2, 12, tzinfo=dt.UTC))
    tree = valid(SITEINDEX, document(client, "/sitemap.xml"))
    assert tree.xpath("//sm:loc/text()", namespaces=NS) == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-2025-05.xml",
        "http://testserver/sitemap-2025-03.xml",
    ]


def test_pages_sitemap_is_valid_and_lists_front_page_and_sections(client, section):
    tree = valid(SITEMAP, document(client, "/sitemap-pages.xml"))
    assert tree.xpath("//sm:loc/text()", namespaces=NS) == ["http://testserver/", "http://testserver/world/"]


def test_month_sitemap_is_valid_and_lists_that_months_stories_only(client, section):
    march = published(section, dt.datetime(2025, 3, 10, 12, tzinfo=dt.UTC), slug="march-story")
    published(section, dt.datetime(2025, 4, 1, 12, tzinfo=dt.UTC), slug="april-story")
    published(section, dt.datetime(2025, 3, 12, tzinfo=dt.UTC), slug="draft-story", live=False)
    tree = valid(SITEMAP, document(client, "/sitemap-2025-03.xml"))
    assert tree.xpath("//sm:loc/text()", namespaces=NS) == ["http://testserver" + march.url]
    assert tree.xpath("//sm:lastmod/text()", namespaces=NS) == ["2025-03-10"]


@pytest.mark.parametrize("name", ["2025-13", "nonsense", "9999999-01"])
def test_sitemap_that_does_not_exist_is_404(client, home, name):
    assert client.get(f"/sitemap-{name}.xml").status_code == 404


def test_news_sitemap_is_valid_and_has_the_last_48_hours_only(client, section):
    now = timezone.now()
    fresh = published(section, now - dt.timedelta(hours=3), title="Fresh & new", slug="fresh")
    published(section, now - dt.timedelta(hours=49), slug="stale")
    tree = valid(NEWS_SITEMAP, document(client, "/news-sitemap.xml"))
    assert tree.xpath("//sm:loc/text()", namespaces=NS) == ["http://testserver" + fresh.url]
    news = tree.find("sm:url/news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Dateline"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:title", namespaces=NS) == "Fresh & new"
    assert dt.datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS)) == fresh.first_published_at


def test_robots_txt_points_to_both_sitemaps(client, home):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap:")] == [
        "http://testserver/sitemap.xml",
        "http://testserver/news-sitemap.xml",
    ]
    assert "Disallow: /admin/" in lines
