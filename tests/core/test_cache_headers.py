"""What anonymous readers' responses tell shared caches, and what personal responses keep to themselves."""

import pytest
from bs4 import BeautifulSoup
from django.utils.cache import cc_delim_re

from dateline.core.headers import path_key
from tests.core.test_cache_bypass_cookies import signed_pending_cookie
from tests.news.factories import ArticlePageFactory, PersonFactory

pytestmark = pytest.mark.django_db


def cache_control(response) -> dict[str, str | bool]:
    directives = {}
    for part in cc_delim_re.split(response.get("Cache-Control", "")):
        name, _, value = part.partition("=")
        directives[name.strip().lower()] = value.strip() or True
    return directives


def vary(response) -> set[str]:
    return {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part}


@pytest.fixture
def article(section):
    article = ArticlePageFactory(parent=section, authors=[PersonFactory(slug="ana-perez")])
    article.tags.add("brexit", "trade")
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def test_anonymous_article_is_public_for_shared_caches(client, article, settings):
    directives = cache_control(client.get(article.url))
    assert directives["public"] is True
    assert int(directives["s-maxage"]) == settings.DATELINE_SHARED_CACHE_SECONDS
    assert int(directives["max-age"]) == settings.DATELINE_BROWSER_CACHE_SECONDS
    assert int(directives["stale-while-revalidate"]) > 0
    assert int(directives["stale-if-error"]) >= 3600


def test_anonymous_article_does_not_vary_on_cookie_or_language(client, article):
    response = client.get(article.url, HTTP_ACCEPT_LANGUAGE="es", HTTP_COOKIE="csrftoken=" + "a" * 32 + "; _ga=1")
    assert not vary(response) & {"cookie", "accept-language"}


def test_accept_language_does_not_change_the_english_page(client, article):
    english = client.get(article.url, HTTP_ACCEPT_LANGUAGE="en")
    spanish_reader = client.get(article.url, HTTP_ACCEPT_LANGUAGE="es")
    assert BeautifulSoup(spanish_reader.content, "lxml").html["lang"] == "en"
    assert spanish_reader["ETag"] == english["ETag"]


def test_public_article_sets_no_cookie_and_holds_no_csrf_token(client, article):
    response = client.get(article.url)
    soup = BeautifulSoup(response.content, "lxml")
    assert not response.cookies
    assert soup.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None


def test_anonymous_article_has_no_editor_userbar(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "lxml")
    assert soup.find("wagtail-userbar") is None


def test_editor_with_a_session_gets_the_userbar_and_a_private_page(client, article, admin_user):
    client.force_login(admin_user)
    response = client.get(article.url)
    assert BeautifulSoup(response.content, "lxml").find("wagtail-userbar") is not None
    assert {"private", "no-store"} <= set(cache_control(response))
    assert "xkey" not in response


def test_reader_with_a_pending_comment_gets_a_private_page(client, article):
    client.cookies["dateline_pending"] = signed_pending_cookie()
    directives = cache_control(client.get(article.url))
    assert "private" in directives
    assert "public" not in directives


def test_article_carries_its_surrogate_keys(client, article, section):
    keys = set(client.get(article.url)["xkey"].split())
    assert {f"article-{article.pk}", f"section-{section.pk}", "tag-brexit", "tag-trade", "person-ana-perez"} <= keys
    assert path_key(article.url) in keys  # so a purge by URL reaches Varnish whatever the Host


def test_section_and_front_pages_carry_their_keys(client, home, section):
    assert f"section-{section.pk}" in client.get(section.url)["xkey"].split()
    assert "front" in client.get(home.url)["xkey"].split()


def test_if_none_match_with_the_current_etag_answers_304(client, article):
    etag = client.get(article.url)["ETag"]
    response = client.get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_etag_is_strong_and_last_modified_is_set(client, article):
    response = client.get(article.url)
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")


def test_not_found_is_shared_briefly(client, home, settings):
    response = client.get("/no-such-story/")
    assert response.status_code == 404
    assert int(cache_control(response)["s-maxage"]) == settings.DATELINE_NOT_FOUND_CACHE_SECONDS


def test_post_is_private(client, home):
    response = client.post("/", {"q": "x"})
    assert {"private", "no-store"} <= set(cache_control(response)) or "no-cache" in cache_control(response)


def test_admin_responses_are_left_to_wagtail(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert "xkey" not in response
    assert "public" not in cache_control(response)


def test_tag_and_person_pages_carry_their_keys(client, article):
    assert "tag-brexit" in client.get("/tags/brexit/")["xkey"].split()
    assert "person-ana-perez" in client.get("/people/ana-perez/")["xkey"].split()
