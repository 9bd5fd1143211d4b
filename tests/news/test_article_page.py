"""The public article page, read the way a crawler or screen reader reads it: element by element."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from dateline.core.models import NewsroomSettings
from dateline.news.models import ArticleKind
from tests.news.factories import ArticlePageFactory, PersonFactory
from tests.photos.factories import PhotoFactory

from .factories import publish_at

pytestmark = pytest.mark.django_db

PUBLISHED = dt.datetime(2026, 2, 20, 14, 5, tzinfo=dt.UTC)


@pytest.fixture
def newsroom(section):
    settings, _ = NewsroomSettings.objects.update_or_create(site=section.get_site(), defaults={"outlet_code": "RHC"})
    return settings


@pytest.fixture
def article(section, newsroom):
    photo = PhotoFactory(credit="AFP", default_caption="Delegates arrive for the summit.")
    article = ArticlePageFactory(
        parent=section,
        title="Ministers agree on a budget",
        slug="ministers-agree",
        dateline_place="Brussels",
        authors=[PersonFactory(name="Ana Pérez", slug="ana-perez"), PersonFactory(name="Li Wei", slug="li-wei")],
        edited_by=PersonFactory(name="Sam Okafor", slug="sam-okafor"),
        lead_photo=photo,
        body=[
            ("paragraph", '<p data-block-key="a1">The agreement was signed shortly after dawn.</p>'),
            ("photo", {"photo": PhotoFactory(credit="Reuters", default_caption="The signing."), "caption": ""}),
            ("paragraph", '<p data-block-key="b2">Officials said the text would follow.</p>'),
        ],
    )
    return publish_at(article, PUBLISHED)


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "lxml")


def test_headline_is_the_articles_only_h1(client, article):
    soup = read(client, article.url)
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == ["Ministers agree on a budget"]
    assert soup.find("h1").find_parent("article") is not None


def test_byline_links_each_author_in_order(client, article):
    byline = read(client, article.url).select_one("article .byline")
    authors = byline.find_all("a", rel="author")
    assert [(a.get_text(strip=True), a["href"]) for a in authors] == [
        ("Ana Pérez", "/people/ana-perez/"),
        ("Li Wei", "/people/li-wei/"),
    ]


def test_byline_says_who_edited_it_and_links_their_page(client, article):
    editor = read(client, article.url).select_one("article .byline__editor")
    assert editor.get_text(" ", strip=True) == "Edited by Sam Okafor"
    assert editor.find("a")["href"] == "/people/sam-okafor/"


def test_publication_time_is_machine_readable_and_human_readable(client, article):
    time = read(client, article.url).select_one("article .byline time.published")
    assert dt.datetime.fromisoformat(time["datetime"]) == PUBLISHED
    assert time.get_text(strip=True) == "February 20, 2026, 14:05 UTC"


def test_publication_time_is_shown_in_the_newsrooms_time_zone(client, article, settings):
    settings.TIME_ZONE = "Europe/Brussels"
    time = read(client, article.url).select_one("article .byline time.published")
    assert time["datetime"] == "2026-02-20T15:05:00+01:00"
    assert time.get_text(strip=True) == "February 20, 2026, 15:05 CET"


def test_no_update_time_when_the_article_was_not_updated(client, article):
    assert read(client, article.url).select(".byline .updated") == []


def test_update_time_shows_when_the_article_changed_later(client, article):
    publish_at(article, PUBLISHED + dt.timedelta(hours=2, minutes=30))
    updated = read(client, article.url).select_one(".byline .updated")
    time = updated.find("time")
    assert dt.datetime.fromisoformat(time["datetime"]) == PUBLISHED + dt.timedelta(hours=2, minutes=30)
    assert updated.get_text(" ", strip=True) == "Updated February 20, 2026, 16:35 UTC"


def test_dateline_leads_the_first_paragraph(client, article):
    first = read(client, article.url).select_one(".article__body p")
    dateline = first.find("span", class_="dateline")
    assert first.contents[0] is dateline
    assert dateline.get_text() == "Brussels, February 20 (RHC)"
    assert first.get_text() == "Brussels, February 20 (RHC)-- The agreement was signed shortly after dawn."


def test_dateline_appears_once(client, article):
    assert len(read(client, article.url).select(".dateline")) == 1


def test_agency_story_carries_the_agencys_code_in_the_dateline(client, article):
    article.outlet_code = "AFP"
    publish_at(article, PUBLISHED)
    assert read(client, article.url).select_one(".dateline").get_text() == "Brussels, February 20 (AFP)"


def test_body_opening_with_a_photo_gets_the_dateline_in_its_own_paragraph(client, section, newsroom):
    article = ArticlePageFactory(
        parent=section,
        body=[("photo", {"photo": PhotoFactory(), "caption": ""}), ("paragraph", "<p>Then the text.</p>")],
    )
    publish_at(article, PUBLISHED)
    body = read(client, article.url).select_one(".article__body")
    first = body.find(recursive=False)
    assert first.name == "p"
    assert first.get_text() == "Brussels, February 20 (RHC)--"


def test_lead_figure_shows_caption_then_credit(client, article):
    caption = read(client, article.url).select_one("figure.photo--lead figcaption")
    assert caption.get_text(" ", strip=True) == "Delegates arrive for the summit. (Photo: AFP)"
    assert caption.select_one(".photo__credit").get_text(strip=True) == "(Photo: AFP)"


def test_article_caption_replaces_the_photos_default_caption(client, article):
    article.lead_caption = "The Belgian delegation arrives."
    publish_at(article, PUBLISHED)
    caption = read(client, article.url).select_one("figure.photo--lead figcaption")
    assert caption.get_text(" ", strip=True) == "The Belgian delegation arrives. (Photo: AFP)"


def test_body_photo_has_its_own_caption_and_credit(client, article):
    caption = read(client, article.url).select_one(".article__body figure figcaption")
    assert caption.get_text(" ", strip=True) == "The signing. (Photo: Reuters)"


def test_lead_photo_offers_webp_and_several_widths_with_its_size(client, article):
    picture = read(client, article.url).select_one("figure.photo--lead picture")
    webp = picture.find("source", type="image/webp")
    widths = [candidate.split()[-1] for candidate in webp["srcset"].split(",")]
    assert widths == ["480w", "800w", "1200w"]
    img = picture.find("img")
    assert len(img["srcset"].split(",")) == 3
    assert int(img["width"]) > 0
    assert int(img["height"]) > 0
    assert img["alt"] == "Delegates arrive at the summit venue"


def test_lead_photo_loads_at_once_but_body_photos_load_lazily(client, article):
    soup = read(client, article.url)
    lead = soup.select_one("figure.photo--lead img")
    body = soup.select_one(".article__body figure img")
    assert lead.get("loading") != "lazy"
    assert lead["fetchpriority"] == "high"
    assert body["loading"] == "lazy"


def test_comments_have_their_place_in_the_article(client, article):
    comments = read(client, article.url).find(id="comments")
    assert comments.name == "section"
    assert comments.find_parent("article") is not None


def test_up_link_leads_back_to_the_top_of_the_page(client, article):
    soup = read(client, article.url)
    up = soup.select_one(".article__up a")
    assert up["href"] == "#top"
    assert soup.find(id="top") is not None
    assert up.get_text(" ", strip=True).startswith("Up")


def test_article_declares_its_language(client, article):
    soup = read(client, article.url)
    assert soup.html["lang"] == "en"
    assert soup.find("article")["lang"] == "en"


def test_head_names_the_canonical_address(client, article):
    soup = read(client, article.url)
    assert [link["href"] for link in soup.select('head link[rel="canonical"]')] == [
        "http://testserver/world/ministers-agree/"
    ]


def meta(soup, key):
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def test_open_graph_describes_the_article(client, article):
    soup = read(client, article.url)
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:title") == "Ministers agree on a budget"
    assert meta(soup, "og:description") == article.standfirst
    assert meta(soup, "og:url") == "http://testserver/world/ministers-agree/"
    assert dt.datetime.fromisoformat(meta(soup, "article:published_time")) == PUBLISHED
    assert meta(soup, "article:section") == "World"


def test_open_graph_image_is_the_lead_photo_cropped_for_cards(client, article):
    soup = read(client, article.url)
    image = meta(soup, "og:image")
    assert image.startswith("http://testserver/media/")
    assert ".fill-1200x630" in image
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("1200", "630")
    assert meta(soup, "og:image:alt") == "Delegates arrive at the summit venue"


def test_small_lead_photo_declares_its_real_card_size(client, section, newsroom):
    article = ArticlePageFactory(parent=section, lead_photo=PhotoFactory(file__width=800, file__height=600))
    publish_at(article, PUBLISHED)
    soup = read(client, article.url)
    assert (meta(soup, "og:image:width"), meta(soup, "og:image:height")) == ("800", "420")


def test_twitter_card_uses_the_large_photo(client, article):
    soup = read(client, article.url)
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "twitter:title") == "Ministers agree on a budget"
    assert meta(soup, "twitter:description") == article.standfirst
    assert meta(soup, "twitter:image") == meta(soup, "og:image")


def test_article_without_photo_gets_a_plain_twitter_card(client, section, newsroom):
    article = publish_at(ArticlePageFactory(parent=section), PUBLISHED)
    soup = read(client, article.url)
    assert meta(soup, "twitter:card") == "summary"
    assert meta(soup, "og:image") is None
    assert soup.select("figure.photo--lead") == []


def test_tags_link_to_their_listing(client, article):
    article.tags.add("Trade")
    publish_at(article, PUBLISHED)
    tags = read(client, article.url).select("article .tags a[rel=tag]")
    assert [(a.get_text(), a["href"]) for a in tags] == [("Trade", "/tags/trade/")]


def test_article_type_other_than_news_is_labelled(client, article):
    article.kind = ArticleKind.objects.get(slug="analysis")
    publish_at(article, PUBLISHED)
    assert read(client, article.url).select_one(".article__type").get_text(strip=True) == "Analysis"


def test_page_runs_no_inline_script_or_style(client, article):
    soup = read(client, article.url)
    assert [s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"] == []
    assert soup.select("[style]") == []
