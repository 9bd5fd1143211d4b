"""Every reader-facing page type renders, paginates with stable URLs, and says what it is to machines."""

import datetime as dt
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Locale

from tests.news.factories import ArticlePageFactory, PersonFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

PAGE_SIZE = 20


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


def head_links(soup, rel):
    return [link["href"] for link in soup.head.find_all("link", rel=rel)]


def teaser_titles(soup):
    return [h.get_text() for h in soup.select(".teaser__headline")]


def json_ld(soup, kind):
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data.get("@type") == kind:
            return data
    return None


def many(story, count, **fields):
    return [story(hours_ago=n + 1, slug=f"story-{n}", title=f"Story {n}", **fields) for n in range(count)]


def test_section_page_lists_its_stories_newest_first(client, section, story):
    many(story, 3)
    assert teaser_titles(get(client, "/world/")) == ["Story 0", "Story 1", "Story 2"]


def test_section_page_paginates_with_rel_links_in_the_head(client, section, story):
    many(story, PAGE_SIZE + 1)
    first = get(client, "/world/")
    assert head_links(first, "next") == ["/world/?page=2"]
    assert head_links(first, "prev") == []
    second = get(client, "/world/?page=2")
    assert teaser_titles(second) == [f"Story {PAGE_SIZE}"]
    assert head_links(second, "prev") == ["/world/"]
    assert second.head.find("link", rel="canonical")["href"] == "http://testserver/world/?page=2"


@pytest.mark.parametrize("page", ["3", "0", "-1", "two", "99999999999999999999"])
def test_section_page_past_the_end_or_nonsense_is_404(client, section, story, page):
    many(story, PAGE_SIZE + 1)
    get(client, f"/world/?page={page}", status=404)


def test_section_page_has_breadcrumbs_and_its_feeds(client, section):
    soup = get(client, "/world/")
    crumbs = json_ld(soup, "BreadcrumbList")["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Dateline", "http://testserver/"),
        (2, "World", "http://testserver/world/"),
    ]
    feeds = soup.head.select('link[rel="alternate"][type]')
    assert [link["href"] for link in feeds][:2] == ["/feeds/sections/world/rss.xml", "/feeds/sections/world/atom.xml"]


def test_section_page_has_share_card_tags(client, section):
    head = get(client, "/world/").head
    assert head.find("meta", property="og:title")["content"] == "World"
    assert head.find("meta", property="og:url")["content"] == "http://testserver/world/"


def test_article_page_has_breadcrumbs_through_its_section(client, story):
    article = story(title="Harbour reopens")
    crumbs = json_ld(get(client, article.url), "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Dateline", "World", "Harbour reopens"]
    assert crumbs[-1]["item"] == "http://testserver" + article.url


def test_article_page_announces_its_sections_feeds_and_the_sites(client, story):
    soup = get(client, story().url)
    feeds = [link["href"] for link in soup.head.select('link[rel="alternate"][type]')]
    assert feeds == [
        "/feeds/sections/world/rss.xml",
        "/feeds/sections/world/atom.xml",
        "/feeds/sections/world/feed.json",
        "/feeds/rss.xml",
        "/feeds/atom.xml",
        "/feeds/feed.json",
    ]


def test_article_page_links_its_translations_with_hreflang(client, story):
    article = story(title="Harbour reopens", slug="harbour")
    spanish = article.copy_for_translation(Locale.objects.get_or_create(language_code="es")[0], copy_parents=True)
    spanish.save_revision().publish()
    soup = get(client, article.url)
    alternates = {link["hreflang"]: link["href"] for link in soup.head.select("link[hreflang]")}
    assert alternates["en"] == "http://testserver" + article.url
    assert alternates["es"] == spanish.get_full_url()
    assert alternates["x-default"] == alternates["en"]


def test_untranslated_article_has_no_hreflang(client, story):
    assert not get(client, story().url).head.select("link[hreflang]")


def test_tag_page_lists_tagged_stories_with_feeds_and_pagination(client, story):
    for article in many(story, PAGE_SIZE + 1):
        article.tags.add("floods")
        article.save()
    first = get(client, "/tags/floods/")
    assert len(teaser_titles(first)) == PAGE_SIZE
    assert head_links(first, "next") == ["/tags/floods/?page=2"]
    assert "/feeds/tags/floods/rss.xml" in [link["href"] for link in first.head.select('link[type*="rss"]')]
    assert teaser_titles(get(client, "/tags/floods/?page=2")) == [f"Story {PAGE_SIZE}"]
    get(client, "/tags/floods/?page=3", status=404)


def test_person_page_shows_bio_photo_stories_and_feeds(client, story):
    person = PersonFactory(name="Ana Pérez", slug="ana-perez", bio="Covers the Andes.", photo=PhotoFactory())
    story(title="By Ana", authors=[person])
    story(title="By someone else")
    soup = get(client, "/people/ana-perez/")
    assert soup.find("h1").get_text() == "Ana Pérez"
    assert soup.select_one(".person__bio").get_text(strip=True) == "Covers the Andes."
    photo = soup.select_one("img.person__photo")
    assert (photo["width"], photo["height"]) == ("160", "160")
    assert teaser_titles(soup) == ["By Ana"]
    assert "/feeds/people/ana-perez/rss.xml" in [link["href"] for link in soup.head.select('link[type*="rss"]')]
    assert soup.head.find("meta", property="og:type")["content"] == "profile"


def test_person_page_links_the_profile_in_other_languages(client, home):
    person = PersonFactory(name="Ana Pérez", slug="ana-perez")
    spanish = person.copy_for_translation(Locale.objects.get_or_create(language_code="es")[0])
    spanish.save()
    soup = get(client, "/people/ana-perez/")
    alternates = {link["hreflang"]: link["href"] for link in soup.head.select("link[hreflang]")}
    assert alternates["en"] == "http://testserver/people/ana-perez/"
    assert alternates["es"] == f"http://testserver/es/people/{spanish.slug}/"


def test_tag_page_links_the_same_tag_in_other_languages(client, home, settings):
    Tag.objects.create(name="floods", slug="floods")
    soup = get(client, "/tags/floods/")
    alternates = {link["hreflang"]: link["href"] for link in soup.head.select("link[hreflang]")}
    assert alternates == {
        **{code: f"http://testserver/{code}/tags/floods/" for code, _name in settings.LANGUAGES if code != "en"},
        "en": "http://testserver/tags/floods/",
        "x-default": "http://testserver/tags/floods/",
    }


def test_person_page_paginates(client, story):
    person = PersonFactory(slug="busy-writer")
    many(story, PAGE_SIZE + 1, authors=[person])
    assert head_links(get(client, "/people/busy-writer/"), "next") == ["/people/busy-writer/?page=2"]
    assert len(teaser_titles(get(client, "/people/busy-writer/?page=2"))) == 1


def test_day_archive_lists_that_days_stories(client, section):
    day = dt.datetime(2025, 5, 2, 9, tzinfo=dt.UTC)
    ArticlePageFactory(parent=section, title="That day", first_published_at=day)
    ArticlePageFactory(parent=section, title="Next day", first_published_at=day + dt.timedelta(days=1))
    soup = get(client, "/2025/05/02/")
    assert teaser_titles(soup) == ["That day"]
    assert soup.find("h1").get_text() == "May 2, 2025"


def test_month_and_year_archives_list_their_stories(client, section):
    ArticlePageFactory(parent=section, title="May", first_published_at=dt.datetime(2025, 5, 20, tzinfo=dt.UTC))
    ArticlePageFactory(parent=section, title="June", first_published_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC))
    assert teaser_titles(get(client, "/2025/05/")) == ["May"]
    assert teaser_titles(get(client, "/2025/")) == ["June", "May"]


def test_archive_day_follows_the_newsrooms_time_zone(client, section, settings):
    settings.TIME_ZONE = "America/Havana"
    # 02:00 UTC on 3 May is still 2 May in Havana.
    ArticlePageFactory(parent=section, title="Late story", first_published_at=dt.datetime(2025, 5, 3, 2, tzinfo=dt.UTC))
    assert teaser_titles(get(client, "/2025/05/02/")) == ["Late story"]
    assert teaser_titles(get(client, "/2025/05/03/")) == []


@pytest.mark.parametrize("url", ["/2025/02/30/", "/2025/13/", "/0001/"])
def test_impossible_archive_date_is_404(client, home, url):
    get(client, url, status=404)


def test_draft_article_is_404_in_the_sites_design(client, section):
    draft = ArticlePageFactory(parent=section, slug="not-yet", live=False)
    soup = get(client, draft.url or "/world/not-yet/", status=404)
    assert soup.find("h1").get_text() == "We could not find that page"
    assert soup.find("a", rel="home")
    assert soup.find("form", attrs={"role": "search"})


def test_scheduled_article_is_404_until_it_goes_live(client, section):
    article = ArticlePageFactory(parent=section, slug="embargoed", live=False)
    article.go_live_at = timezone.now() + dt.timedelta(hours=6)
    article.save_revision().publish()
    article.refresh_from_db()
    assert article.get_latest_revision().approved_go_live_at == article.go_live_at
    get(client, "/world/embargoed/", status=404)


def test_server_error_page_needs_no_context(client):
    soup = BeautifulSoup(render_to_string("500.html"), "html.parser")
    assert soup.find("h1").get_text() == "Something went wrong on our side"
    assert soup.html["lang"] == "en"


def test_public_pages_carry_no_csrf_token_or_inline_code(client, section, story):
    article = story()
    for url in ["/", "/world/", article.url, "/search/?q=story"]:
        response = client.get(url)
        soup = BeautifulSoup(response.content, "html.parser")
        assert "csrftoken" not in response.cookies, url
        assert not soup.select("[style]"), url
        inline = [s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"]
        assert not inline, url


def test_article_page_weighs_under_150_kb_before_images(client, story):
    body = [("paragraph", f"<p>{'The council met again to weigh the plan. ' * 12}</p>") for _ in range(9)]
    article = story(lead_photo=PhotoFactory(), body=body, authors=[PersonFactory()])
    response = client.get(article.url)
    soup = BeautifulSoup(response.content, "html.parser")
    assets = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assets += [script["src"] for script in soup.find_all("script", src=True)]
    total = len(response.content)
    for url in assets:
        path = finders.find(url.removeprefix("/static/"))
        assert path, url
        total += Path(path).stat().st_size
    print(f"article page weight before images: {total} bytes")  # noqa: T201 (the figure for the report)
    assert total < 150 * 1024, f"{total} bytes"
