"""Imported articles as readers, crawlers and old links meet them: the same page checks as our own."""

import datetime as dt
import json

import feedparser
import pytest

from dateline.comments.models import Comment
from tests.news import test_article_page as own_article_checks
from tests.news.test_article_page import meta, read

from .conftest import MARKET, PASSWORD, PRIVATE, STRIKE, TERMINAL, article

pytestmark = pytest.mark.django_db

# Dateline's own article-page checks that hold for any article, run on imported ones.
SHARED_CHECKS = [
    own_article_checks.test_dateline_appears_once,
    own_article_checks.test_comments_have_their_place_in_the_article,
    own_article_checks.test_up_link_leads_back_to_the_top_of_the_page,
    own_article_checks.test_article_declares_its_language,
    own_article_checks.test_page_runs_no_inline_script_or_style,
]


@pytest.mark.parametrize("check", SHARED_CHECKS, ids=lambda check: check.__name__.removeprefix("test_"))
@pytest.mark.parametrize("wp_id", [STRIKE, TERMINAL, MARKET])
def test_imported_article_passes_our_own_article_page_checks(client, imported, wp_id, check):
    check(client, article(wp_id))


@pytest.mark.parametrize("wp_id", [STRIKE, TERMINAL, MARKET])
def test_headline_is_the_only_h1_and_the_original_date_is_shown(client, imported, wp_id):
    page = article(wp_id)
    soup = read(client, page.url)
    assert [h1.get_text(strip=True) for h1 in soup.find_all("h1")] == [page.title]
    published = soup.select_one("article .byline time.published")
    assert dt.datetime.fromisoformat(published["datetime"]) == page.first_published_at
    assert page.first_published_at.year == 2024
    data = json.loads(soup.find("script", type="application/ld+json").string)
    articles = [node for node in (data.get("@graph") or [data]) if "datePublished" in node]
    assert dt.datetime.fromisoformat(articles[0]["datePublished"]) == page.first_published_at
    assert meta(soup, "og:title") == page.title


def test_lead_figure_shows_the_featured_images_caption_then_credit(client, imported):
    soup = read(client, article(STRIKE).url)
    caption = soup.select_one("figure.photo--lead figcaption")
    assert caption.get_text(" ", strip=True) == "Strikers gather at the north gate on Tuesday morning. (Photo: AFP)"
    assert soup.select_one("figure.photo--lead img")["alt"] == "Dockworkers holding banners at the harbour gate"


def test_body_blocks_render_as_our_own(client, imported):
    body = read(client, article(TERMINAL).url).select_one(".article__body")
    assert [h.get_text(strip=True) for h in body.find_all(["h2", "h3"])] == ["Bigger ships", "Pictures from the quay"]
    assert len(body.select("figure img")) == 4
    assert len(body.select(".embed iframe")) == 1
    assert not body.find_all("script")
    assert not body.find_all(attrs={"onclick": True})


def test_fifty_comments_show_as_approved_threads_without_emails(client, imported):
    strike = article(STRIKE)
    response = client.get(strike.url)
    soup = read(client, strike.url)
    shown = soup.select("#comments .comment")
    approved = Comment.objects.filter(article=strike, status="approved")
    assert len(shown) == approved.count() == 43
    replies = soup.select("#comments .comments__replies .comment")
    assert len(replies) == approved.exclude(parent=None).count() == 7
    assert b"@readers.example" not in response.content
    assert b"203.0.113." not in response.content
    assert "portwatch.example" not in soup.select_one("#comments").get_text()  # the pingback is not a comment


@pytest.mark.parametrize(
    "old_path",
    [
        "/2024/03/12/dockworkers-strike-shuts-the-harbour/",
        "/?p=4",
        "/2024/03/dockworkers-strike-shuts-the-harbour/",
        "/local/dockworkers-strike-shuts-the-harbour/",
    ],
)
def test_old_links_answer_301_to_the_article(client, imported, old_path):
    response = client.get(old_path)
    assert response.status_code == 301
    assert response["Location"].endswith(article(STRIKE).url)


def test_category_and_tag_archives_answer_301(client, imported):
    category = client.get("/category/local/")
    assert (category.status_code, category["Location"]) == (301, "/local/")
    tag = client.get("/tag/strike/")
    assert (tag.status_code, tag["Location"]) == (301, "/tags/strike/")
    assert client.get(tag["Location"]).status_code == 200


def test_password_post_asks_for_the_password_and_hides_its_text(client, imported):
    page = article(PASSWORD)
    response = client.get(page.url)
    assert b"lost money for the third year" not in response.content
    assert read(client, page.url).find("input", attrs={"type": "password"}) is not None


def test_private_post_is_not_public(client, imported):
    response = client.get(article(PRIVATE).url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert b"night shift" not in client.get(article(PRIVATE).url, follow=True).content


def test_restricted_posts_stay_out_of_listings_and_feeds(client, imported):
    titles = {entry.title for entry in feedparser.parse(client.get("/feeds/rss.xml").content).entries}
    assert article(STRIKE).title in titles
    assert not titles & {article(PRIVATE).title, article(PASSWORD).title}
    section = read(client, article(PASSWORD).get_parent().url).get_text()
    assert article(PASSWORD).title not in section
