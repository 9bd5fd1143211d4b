"""Teasers in every listing: the story's address and photo, read for the whole listing at once."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from dateline.core.memo import memo
from dateline.news.queries import TEASER_PHOTO_SPEC, page_urls
from dateline.photos.models import Photo
from tests.core.query_counts import cold_queries
from tests.news.factories import PersonFactory, SectionPageFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

LISTINGS = ["/", "/world/", "/tags/floods/", "/people/ana-perez/", f"/{timezone.now().year}/"]


@pytest.fixture
def stories(home, section, story):
    """Stories in two sections, slugs with and without accents, tagged and signed, one without a photo."""
    sport = SectionPageFactory(parent=home, title="Sport", slug="sport")
    ana = PersonFactory(name="Ana Pérez", slug="ana-perez")
    made = [
        story(hours_ago=1, slug="año-nuevo", lead_photo=PhotoFactory(), authors=[ana]),
        story(hours_ago=2, slug="plain-slug", authors=[ana]),
        story(hours_ago=3, slug="niño", parent=sport, lead_photo=PhotoFactory(), authors=[ana]),
    ]
    for article in made:
        article.tags.add("floods")
        article.save()
    return made


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def teasers(client, url):
    return page(client, url).select("article.teaser")


@pytest.mark.parametrize("url", LISTINGS)
def test_teasers_link_to_their_stories_whatever_the_slug(client, stories, url):
    links = page(client, url).select(".teaser__headline a, .lead-story__headline a")
    found = {link["href"] for link in links}
    expected = {article.url for article in stories}
    assert found <= expected if url == "/world/" else found == expected
    assert "/world/a%C3%B1o-nuevo/" in {article.url for article in stories}


@pytest.mark.parametrize("url", LISTINGS)
def test_teaser_photo_is_the_listing_rendition_at_its_size(client, stories, url):
    photos = {
        teaser.select_one(".teaser__headline a")["href"]: teaser.select_one("img.teaser__photo")
        for teaser in teasers(client, url)
    }
    for article in stories:
        if article.url not in photos:
            continue
        img = photos[article.url]
        if article.lead_photo is None:
            assert img is None
            continue
        rendition = article.lead_photo.get_rendition(TEASER_PHOTO_SPEC)
        assert (img["src"], img["width"], img["height"]) == (rendition.url, str(rendition.width), str(rendition.height))
        assert (img["alt"], img["loading"], img["decoding"]) == ("", "lazy", "async")


@pytest.mark.parametrize("url", LISTINGS)
def test_listing_makes_no_new_renditions_once_they_exist(client, stories, url):
    client.get(url)
    memo.clear()
    with mock.patch.object(Photo, "generate_rendition_file", side_effect=AssertionError("made a rendition again")):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/tags/floods/", "/people/ana-perez/", f"/{timezone.now().year}/"])
def test_listing_costs_the_same_queries_for_3_or_13_stories(client, stories, story, url):
    few = cold_queries(client, url)
    ana = stories[0].authors[0]
    for n in range(10):
        article = story(hours_ago=5 + n, lead_photo=PhotoFactory(), authors=[ana])
        article.tags.add("floods")
        article.save()
    assert cold_queries(client, url) == few


def test_page_urls_match_wagtails_for_pages_under_several_parents(stories, rf):
    request = rf.get("/")
    assert page_urls(stories, request) == {article.pk: article.get_url(request) for article in stories}
    assert page_urls(stories, request, full=True) == {article.pk: article.get_full_url(request) for article in stories}


# --- The teaser's markup, built in Python (news_tags.teaser) ---------------------------------------

HOSTILE = 'Floods "<script>alert(1)</script>" & more'


@pytest.mark.parametrize("url", ["/", "/world/", "/tags/floods/"])
def test_a_teaser_shows_editors_text_as_text(client, story, url):
    article = story(title=HOSTILE, standfirst="<b>Rain</b> & wind", slug="hostile")
    article.tags.add("floods")
    article.save()

    story(title="A second story", slug="second", hours_ago=2).tags.add("floods")  # the front page's lead is the other
    response = client.get(url)
    soup = BeautifulSoup(response.content, "html.parser")

    assert b"<script>alert(1)</script>" not in response.content
    headlines = [a.get_text() for a in soup.select(".teaser__headline a, #lead-headline a")]
    assert HOSTILE in headlines
    standfirsts = [p.get_text() for p in soup.select(".teaser__standfirst, .lead-story__standfirst")]
    assert "<b>Rain</b> & wind" in standfirsts


def test_a_teaser_says_its_date_and_comment_count_in_the_pages_language(client, section_es):
    from tests.comments.factories import CommentFactory
    from tests.news.factories import ArticlePageFactory

    published = timezone.now().replace(month=3, day=4, hour=12)
    article = ArticlePageFactory(
        parent=section_es, slug="lluvias", first_published_at=published, last_published_at=published
    )
    CommentFactory.create_batch(2, article=article)

    teaser = page(client, section_es.url).select_one(".teaser")

    assert teaser.select_one(".teaser__meta time").get_text() == f"4 de marzo de {published.year}"
    assert teaser.select_one(".teaser__meta time")["datetime"] == published.replace(microsecond=0).isoformat()
    assert teaser.select_one(".teaser__meta a").get_text() == "2 comentarios"
    assert "lang" not in teaser.attrs  # the page is in Spanish too


def test_a_listing_under_a_pages_heading_uses_the_next_level(client, stories):
    soup = page(client, "/world/")
    assert soup.select(".teaser h2.teaser__headline") or soup.select(".teaser h3.teaser__headline")
    levels = {heading.name for heading in soup.select(".teaser__headline")}
    assert len(levels) == 1
