"""RSS 2.0, Atom and JSON Feed: parsed by feedparser, Atom checked against RFC 4287's schema."""

import datetime as dt
import json
from email.utils import parsedate_to_datetime
from pathlib import Path
from unittest import mock

import feedparser
import pytest
from lxml import etree
from wagtail.models import Locale

from dateline.feeds.identity import article_guid
from dateline.photos.models import Photo
from tests.core.query_counts import cold_queries
from tests.news.factories import PersonFactory, SectionPageFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

ATOM_SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).parents[1] / "data" / "atom.rng")))
ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize(
    ("url", "content_type", "version"),
    [("/feeds/rss.xml", "application/rss+xml", "rss20"), ("/feeds/atom.xml", "application/atom+xml", "atom10")],
)
def test_site_feed_is_well_formed_in_its_format(client, story, url, content_type, version):
    story(title="Harbour reopens after storm")
    response, feed = parsed(client, url)
    assert response["Content-Type"].startswith(content_type)
    assert feed.version == version
    assert [entry.title for entry in feed.entries] == ["Harbour reopens after storm"]


def test_site_feed_lists_the_newest_stories_first(client, story):
    story(hours_ago=5, title="Older")
    story(hours_ago=1, title="Newer")
    _, feed = parsed(client, "/feeds/rss.xml")
    assert [entry.title for entry in feed.entries] == ["Newer", "Older"]


def test_rss_channel_has_the_elements_rss_2_requires(client, story):
    story()
    response = client.get("/feeds/rss.xml")
    channel = etree.fromstring(response.content).find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required)
    item = channel.find("item")
    # An item needs a title or a description; ours always has both, and a GUID.
    assert item.findtext("title")
    assert item.findtext("description")
    assert item.find("guid").get("isPermaLink") == "false"


def test_atom_feed_is_valid_against_the_rfc_4287_schema(client, story):
    story(lead_photo=PhotoFactory(), authors=[PersonFactory(name="Ana Pérez")])
    story(title="Unsigned agency copy")
    document = etree.fromstring(client.get("/feeds/atom.xml?full=1").content)
    assert ATOM_SCHEMA.validate(document), ATOM_SCHEMA.error_log


def test_atom_feed_names_an_author_for_every_entry(client, story):
    # RFC 4287 4.1.1: without a feed-level author, each entry must have one.
    story(title="Unsigned agency copy")
    document = etree.fromstring(client.get("/feeds/atom.xml").content)
    assert document.find(f"{ATOM}author/{ATOM}name").text
    assert document.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/feeds/atom.xml"


def test_item_dates_are_first_and_last_publication(client, story):
    article = story(hours_ago=30, title="Updated story")
    article.last_published_at = article.first_published_at + dt.timedelta(hours=2)
    article.save()
    _, feed = parsed(client, "/feeds/atom.xml")
    entry = feed.entries[0]
    assert dt.datetime(*entry.published_parsed[:6], tzinfo=dt.UTC) == article.first_published_at.replace(microsecond=0)
    assert dt.datetime(*entry.updated_parsed[:6], tzinfo=dt.UTC) == article.last_published_at.replace(microsecond=0)


@pytest.mark.parametrize("url", ["/feeds/rss.xml", "/feeds/atom.xml"])
def test_a_feed_is_last_modified_when_its_newest_story_was(client, story, url):
    story(hours_ago=30)
    newest = story(hours_ago=3)
    newest.last_published_at = newest.first_published_at + dt.timedelta(hours=1)
    newest.save()
    response = client.get(url)
    assert parsedate_to_datetime(response["Last-Modified"]) == newest.last_published_at.replace(microsecond=0)
    assert response.content.startswith(b"<?xml")


def test_guid_survives_a_change_of_slug_and_section(client, story, home):
    article = story(title="Moving story", slug="first-slug")
    before = parsed(client, "/feeds/rss.xml")[1].entries[0].id
    elsewhere = SectionPageFactory(parent=home, title="Americas", slug="americas")
    article.slug = "second-slug"
    article.save()
    article.move(elsewhere, pos="last-child")
    after = parsed(client, "/feeds/rss.xml")[1].entries[0]
    assert after.id == before
    assert after.link.endswith("/americas/second-slug/")


def test_translations_of_a_story_get_different_guids(client, story):
    article = story(title="Harbour reopens")
    spanish = article.copy_for_translation(Locale.objects.get_or_create(language_code="es")[0], copy_parents=True)
    spanish.save_revision().publish()
    assert article_guid(article) != article_guid(spanish.specific)


def test_lead_photo_is_an_rss_enclosure_with_its_length_in_bytes(client, story):
    article = story(lead_photo=PhotoFactory())
    _, feed = parsed(client, "/feeds/rss.xml")
    enclosure = feed.entries[0].enclosures[0]
    rendition = article.lead_photo.get_rendition(article.SOCIAL_IMAGE_SPEC)
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == rendition.file.size > 0
    assert enclosure.href == "http://testserver" + rendition.url


def test_lead_photo_is_media_rss_content_with_its_size_and_credit(client, story):
    story(lead_photo=PhotoFactory(credit="Reuters"))
    item = etree.fromstring(client.get("/feeds/rss.xml").content).find("channel/item")
    media = item.find(f"{MEDIA}content")
    assert (media.get("medium"), media.get("width"), media.get("height")) == ("image", "1200", "630")
    assert media.findtext(f"{MEDIA}credit") == "Reuters"


def test_feed_gives_the_standfirst_by_default(client, story):
    story(standfirst="Ships sail again.")
    _, feed = parsed(client, "/feeds/atom.xml")
    assert feed.entries[0].summary == "Ships sail again."
    assert "content" not in feed.entries[0]


def test_full_feed_carries_the_story_with_absolute_links(client, story):
    story(
        lead_photo=PhotoFactory(),
        body=[("paragraph", '<p>The port <a href="/about/">reopened</a> at dawn.</p>')],
    )
    _, feed = parsed(client, "/feeds/rss.xml?full=1")
    html = feed.entries[0].content[0].value
    fragment = etree.HTML(html)
    assert fragment.xpath("//a[text()='reopened']/@href") == ["http://testserver/about/"]
    assert all(src.startswith("http://testserver/media/") for src in fragment.xpath("//img/@src"))
    assert not fragment.xpath("//source | //img[@srcset]")


def test_feed_escapes_markup_in_headlines(client, story):
    story(title="<script>alert(1)</script> & more")
    _, feed = parsed(client, "/feeds/atom.xml")
    assert feed.entries[0].title == "<script>alert(1)</script> & more"


def test_unpublished_stories_stay_out_of_feeds(client, story):
    story(title="Shown")
    story(title="Draft", live=False)
    _, feed = parsed(client, "/feeds/rss.xml")
    assert [entry.title for entry in feed.entries] == ["Shown"]


def test_section_feed_has_only_that_sections_stories(client, story, home):
    sport = SectionPageFactory(parent=home, title="Sport", slug="sport")
    story(title="World story")
    story(title="Sport story", parent=sport)
    _, feed = parsed(client, "/feeds/sections/sport/atom.xml")
    assert [entry.title for entry in feed.entries] == ["Sport story"]
    assert feed.feed.link == "http://testserver/sport/"


def test_tag_feed_has_only_stories_with_that_tag(client, story):
    tagged = story(title="About floods")
    tagged.tags.add("floods")
    tagged.save()
    story(title="About something else")
    _, feed = parsed(client, "/feeds/tags/floods/rss.xml")
    assert [entry.title for entry in feed.entries] == ["About floods"]


def test_an_items_categories_are_its_section_then_its_tags_in_alphabetical_order(client, story):
    tagged = story(title="Storm")
    tagged.tags.add("zambezi", "Harbour", "alerts")
    tagged.save()
    _, feed = parsed(client, "/feeds/rss.xml")
    assert [tag.term for tag in feed.entries[0].tags] == ["World", "alerts", "Harbour", "zambezi"]


def test_person_feed_has_the_stories_they_wrote(client, story):
    writer = PersonFactory(name="Ana Pérez", slug="ana-perez")
    story(title="By Ana", authors=[writer])
    story(title="By someone else", authors=[PersonFactory()])
    _, feed = parsed(client, "/feeds/people/ana-perez/atom.xml")
    assert [entry.title for entry in feed.entries] == ["By Ana"]
    assert feed.entries[0].author == "Ana Pérez"


@pytest.mark.parametrize("url", ["/feeds/sections/nowhere/rss.xml", "/feeds/tags/nothing/atom.xml", "/feeds/xml.xml"])
def test_feed_of_something_that_does_not_exist_is_404(client, home, url):
    assert client.get(url).status_code == 404


def test_json_feed_has_the_fields_of_version_1_1(client, story):
    article = story(title="Harbour reopens", lead_photo=PhotoFactory(), authors=[PersonFactory(name="Ana")])
    response = client.get("/feeds/feed.json")
    assert response["Content-Type"] == "application/feed+json"
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "http://testserver/feeds/feed.json"
    assert feed["language"] == "en"
    item = feed["items"][0]
    assert item["id"].startswith("urn:uuid:")
    assert item["url"] == "http://testserver" + article.url
    assert item["content_text"] == article.standfirst
    assert dt.datetime.fromisoformat(item["date_published"]) == article.first_published_at
    assert item["authors"] == [{"name": "Ana", "url": "http://testserver" + article.authors[0].get_absolute_url()}]
    assert item["image"].startswith("http://testserver/media/")


def test_full_json_feed_has_content_html(client, story):
    story()
    item = json.loads(client.get("/feeds/feed.json?full=1").content)["items"][0]
    assert etree.HTML(item["content_html"]).xpath("//p")


def test_spanish_feed_lists_spanish_stories(client, story):
    english = story(title="Harbour reopens")
    spanish = english.copy_for_translation(Locale.objects.get_or_create(language_code="es")[0], copy_parents=True)
    spanish.title = "Reabre el puerto"
    spanish.save_revision().publish()
    _, feed = parsed(client, "/es/feeds/rss.xml")
    assert [entry.title for entry in feed.entries] == ["Reabre el puerto"]
    assert feed.feed.language == "es"


@pytest.mark.parametrize("url", ["/feeds/rss.xml", "/feeds/atom.xml?full=1", "/feeds/feed.json"])
def test_feed_costs_the_same_queries_for_2_or_12_stories_with_photos_tags_and_authors(client, story, home, url):
    sport = SectionPageFactory(parent=home, title="Sport", slug="sport")

    def busy_story(n):
        article = story(hours_ago=n + 1, parent=sport if n % 2 else None, lead_photo=PhotoFactory())
        article.article_authors.create(person=PersonFactory(), sort_order=0)
        article.tags.add(f"topic-{n}", "news")
        article.save()

    for n in range(2):
        busy_story(n)
    few = cold_queries(client, url)
    for n in range(2, 12):
        busy_story(n)
    assert cold_queries(client, url) == few


def test_full_feed_makes_no_new_renditions_once_they_exist(client, story):
    story(lead_photo=PhotoFactory())
    client.get("/feeds/rss.xml?full=1")
    with mock.patch.object(Photo, "generate_rendition_file", side_effect=AssertionError("made a rendition again")):
        assert client.get("/feeds/rss.xml?full=1").status_code == 200


def test_item_links_are_the_stories_addresses_whatever_their_slug(client, story, home):
    sport = SectionPageFactory(parent=home, title="Sport", slug="sport")
    articles = [story(slug="año-nuevo"), story(slug="plain-slug", parent=sport), story(slug="niño", parent=sport)]
    _, feed = parsed(client, "/feeds/rss.xml")
    assert sorted(entry.link for entry in feed.entries) == sorted(article.get_full_url() for article in articles)
    assert {article.get_full_url() for article in articles} >= {"http://testserver/world/a%C3%B1o-nuevo/"}
