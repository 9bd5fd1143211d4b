"""Share links: plain, fully encoded links to each network's own share page; no third-party script."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from bs4 import BeautifulSoup

from dateline.core.models import NewsroomSettings
from tests.news.factories import ArticlePageFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

# A headline with every character that breaks a hand-built query string.
HEADLINE = 'Prices rise 5% & "bread" costs more: why? #economy +tax'
CANONICAL = "http://testserver/world/prices-rise/"


@pytest.fixture
def article(section):
    article = ArticlePageFactory(
        parent=section,
        title=HEADLINE,
        slug="prices-rise",
        standfirst="Bakers blame flour & fuel.",
        lead_photo=PhotoFactory(),
    )
    with time_machine.travel(dt.datetime(2026, 2, 20, 14, 5, tzinfo=dt.UTC), tick=False):
        article.save_revision().publish()
    return article


@pytest.fixture
def share_bar(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "lxml")
    return soup.find("nav", attrs={"aria-label": "Share"})


@pytest.fixture
def og_image(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "lxml")
    return soup.find("meta", property="og:image")["content"]


def link(share_bar, network):
    return share_bar.select_one(f"a.share__link--{network}")["href"]


def params(href):
    parts = urlsplit(href)
    # parse_qs decodes; strict parsing fails on any malformed escape.
    return parts, parse_qs(parts.query, strict_parsing=True)


def test_share_bar_is_a_labelled_navigation(share_bar):
    assert share_bar is not None
    assert share_bar.find("ul") is not None


def test_pinterest_link_carries_url_photo_and_headline(share_bar, og_image):
    parts, query = params(link(share_bar, "pinterest"))
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "www.pinterest.com", "/pin/create/button/")
    assert query == {"url": [CANONICAL], "media": [og_image], "description": [HEADLINE]}


def test_telegram_link_carries_url_and_headline(share_bar):
    parts, query = params(link(share_bar, "telegram"))
    assert (parts.netloc, parts.path) == ("t.me", "/share/url")
    assert query == {"url": [CANONICAL], "text": [HEADLINE]}


def test_linkedin_link_carries_the_url(share_bar):
    parts, query = params(link(share_bar, "linkedin"))
    assert (parts.netloc, parts.path) == ("www.linkedin.com", "/sharing/share-offsite/")
    assert query == {"url": [CANONICAL]}


def test_whatsapp_link_carries_headline_and_url_in_one_text(share_bar):
    parts, query = params(link(share_bar, "whatsapp"))
    assert (parts.netloc, parts.path) == ("wa.me", "/")
    assert query == {"text": [f"{HEADLINE} {CANONICAL}"]}


def test_x_link_carries_url_and_headline(share_bar):
    parts, query = params(link(share_bar, "x"))
    assert (parts.netloc, parts.path) == ("x.com", "/intent/post")
    assert query == {"url": [CANONICAL], "text": [HEADLINE]}


def test_facebook_link_carries_the_url(share_bar):
    parts, query = params(link(share_bar, "facebook"))
    assert (parts.netloc, parts.path) == ("www.facebook.com", "/sharer/sharer.php")
    assert query == {"u": [CANONICAL]}


def test_email_link_has_headline_as_subject_and_standfirst_with_url_as_body(share_bar):
    parts, query = params(link(share_bar, "email"))
    assert parts.scheme == "mailto"
    assert query == {"subject": [HEADLINE], "body": [f"Bakers blame flour & fuel.\n\n{CANONICAL}"]}


def test_spaces_are_encoded_as_percent_twenty_not_plus(share_bar):
    # mail clients and WhatsApp show a "+" literally.
    assert "+" not in urlsplit(link(share_bar, "email")).query.replace("%2B", "")
    assert "%20" in link(share_bar, "whatsapp")


def test_network_links_open_in_a_new_tab_without_referrer(share_bar):
    for network in ("pinterest", "telegram", "linkedin", "whatsapp", "x", "facebook"):
        anchor = share_bar.select_one(f"a.share__link--{network}")
        assert anchor["target"] == "_blank"
        assert {"noopener", "noreferrer"} <= set(anchor["rel"])


def test_email_link_opens_the_mail_program_in_place(share_bar):
    assert share_bar.select_one("a.share__link--email").get("target") is None


def test_copy_link_is_the_canonical_address(share_bar):
    copy = share_bar.select_one("[data-copy-link]")
    assert copy["href"] == CANONICAL
    assert copy["data-copied-text"] == "Link copied."


def test_web_share_button_waits_hidden_for_browsers_that_have_it(share_bar):
    item = share_bar.select_one("[data-web-share]")
    assert item.has_attr("hidden")
    button = item.find("button")
    assert (button["data-share-title"], button["data-share-url"]) == (HEADLINE, CANONICAL)


def test_share_bar_loads_no_third_party_script(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "lxml")
    sources = [urlsplit(script["src"]) for script in soup.find_all("script", src=True)]
    assert sources
    assert all(source.netloc in ("", "testserver") for source in sources)


def test_newsroom_chooses_which_networks_are_offered_and_in_what_order(client, article):
    NewsroomSettings.objects.update_or_create(site=article.get_site(), defaults={"share_targets": "whatsapp,email"})
    soup = BeautifulSoup(client.get(article.url).content, "lxml")
    classes = [a["class"][-1] for a in soup.select("nav.share a.share__link")]
    assert classes == ["share__link--whatsapp", "share__link--email", "share__link--copy"]


def test_article_without_photo_shares_to_pinterest_without_media(client, section):
    article = ArticlePageFactory(parent=section, slug="no-photo")
    article.save_revision().publish()
    soup = BeautifulSoup(client.get(article.url).content, "lxml")
    _, query = params(soup.select_one("a.share__link--pinterest")["href"])
    assert "media" not in query
