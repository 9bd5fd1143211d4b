"""Feeds and sitemaps per language: JSON Feed for section, tag and person; sitemap alternates; News language."""

import json

import pytest
from lxml import etree
from wagtail.models import Locale

from dateline.feeds.views import news_language
from tests.news.factories import PersonFactory

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def json_feed(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/feed+json"
    return json.loads(response.content)


def spanish_copy(page, title):
    copy = page.copy_for_translation(Locale.objects.get_or_create(language_code="es")[0], copy_parents=True)
    copy.title = title
    # Published with its source: a test running across midnight on the last day of a month would
    # otherwise find the two in different monthly sitemaps.
    copy.first_published_at = page.first_published_at
    copy.save_revision().publish()
    return copy


def test_section_json_feed_lists_the_sections_stories(client, story, section, home):
    from tests.news.factories import SectionPageFactory

    other = SectionPageFactory(parent=home, slug="sport")
    in_world = story(title="Harbour reopens")
    story(title="Cup final tonight", parent=other)
    feed = json_feed(client, "/feeds/sections/world/feed.json")
    assert [item["title"] for item in feed["items"]] == [in_world.title]
    assert feed["feed_url"] == "http://testserver/feeds/sections/world/feed.json"
    assert feed["home_page_url"] == section.get_full_url()


def test_tag_json_feed_lists_the_tagged_stories(client, story):
    tagged = story(title="Harbour reopens")
    tagged.tags.add("ports")
    tagged.save()
    story(title="Unrelated")
    feed = json_feed(client, "/feeds/tags/ports/feed.json")
    assert [item["title"] for item in feed["items"]] == ["Harbour reopens"]


def test_person_json_feed_lists_their_stories(client, story):
    ana = PersonFactory(name="Ana Pérez", slug="ana-perez")
    story(title="Harbour reopens", authors=[ana])
    story(title="Unsigned")
    feed = json_feed(client, "/feeds/people/ana-perez/feed.json")
    assert [item["title"] for item in feed["items"]] == ["Harbour reopens"]
    assert feed["items"][0]["authors"][0]["name"] == "Ana Pérez"


def test_spanish_section_json_feed_is_in_spanish(client, story, section):
    english = story(title="Harbour reopens")
    spanish_copy(english, "Reabre el puerto")
    feed = json_feed(
        client, f"/es/feeds/sections/{section.get_translation(Locale.objects.get(language_code='es')).slug}/feed.json"
    )
    assert feed["language"] == "es"
    assert [item["title"] for item in feed["items"]] == ["Reabre el puerto"]


def test_json_feed_of_a_missing_section_is_404(client, home):
    assert client.get("/feeds/sections/nowhere/feed.json").status_code == 404


def test_sitemap_lists_each_storys_translations_as_alternates(client, story):
    english = story(title="Harbour reopens")
    spanish = spanish_copy(english, "Reabre el puerto")
    month = english.first_published_at.strftime("%Y-%m")
    tree = etree.fromstring(client.get(f"/sitemap-{month}.xml").content)
    for url in tree.xpath("//sm:url", namespaces=NS):
        links = {link.get("hreflang"): link.get("href") for link in url.xpath("xhtml:link", namespaces=NS)}
        assert links == {
            "en": english.get_full_url(),
            "es": spanish.get_full_url(),
            "x-default": english.get_full_url(),
        }
    assert len(tree.xpath("//sm:url", namespaces=NS)) == 2


def test_untranslated_story_has_no_alternates_in_the_sitemap(client, story):
    english = story(title="Harbour reopens")
    month = english.first_published_at.strftime("%Y-%m")
    tree = etree.fromstring(client.get(f"/sitemap-{month}.xml").content)
    assert not tree.xpath("//xhtml:link", namespaces=NS)


@pytest.mark.parametrize(
    ("code", "expected"), [("en", "en"), ("ar", "ar"), ("pt-br", "pt"), ("zh-hans", "zh-cn"), ("zh-hant", "zh-tw")]
)
def test_news_sitemap_names_languages_as_google_news_does(code, expected):
    assert news_language(code) == expected
