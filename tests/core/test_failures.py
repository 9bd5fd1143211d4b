"""Redis or PostgreSQL going away mid-load: pages keep serving without Redis; without the database,
readers and writers get a clear 503."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests.core.page_cache import page_cache  # noqa: F401
from tests.news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

CLOSED_REDIS = "redis://127.0.0.1:6390/0"


def redis_cache(prefix: str) -> dict:
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": CLOSED_REDIS,
        "KEY_PREFIX": prefix,
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {alias: redis_cache(alias) for alias in ("default", "renditions", "pages")}
    settings.DATELINE_PAGE_CACHE_SECONDS = 600
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def article(section):
    article = ArticlePageFactory(parent=section, title="Ministers agree")
    article.save_revision().publish()
    return article


def database_down():
    return mock.patch.object(connection, "cursor", side_effect=OperationalError("server closed the connection"))


def test_pages_serve_while_redis_is_down(redis_down, article):
    response = Client().get(article.url)
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "lxml").find("h1").get_text(strip=True) == "Ministers agree"


def test_editors_stay_logged_in_while_redis_is_down(redis_down, article, admin_user):
    editor = Client()
    editor.force_login(admin_user)
    assert editor.get("/admin/").status_code == 200


def test_database_down_gives_readers_a_503_page_with_retry_after(article):
    reader = Client(raise_request_exception=False)
    with database_down():
        response = reader.get(article.url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    assert BeautifulSoup(response.content, "lxml").find("h1") is not None


def test_database_down_tells_a_writer_nothing_was_saved(article):
    reader = Client(raise_request_exception=False)
    with database_down():
        url = reverse("comments:post", kwargs={"article_id": article.pk})
        response = reader.post(url, {"body": "x"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 503
    paragraphs = [p.get_text(strip=True) for p in BeautifulSoup(response.content, "lxml").select("main p")]
    assert any("not saved" in text for text in paragraphs)


def test_a_stored_page_is_not_served_while_the_database_cannot_say_it_is_current(page_cache, article):  # noqa: F811
    # Without the database nobody can tell whether the story was taken down since it was stored.
    reader = Client(raise_request_exception=False)
    reader.get(article.url)  # the first page view creates the site settings, which purges
    assert reader.get(article.url)["X-Dateline-Cache"] == "miss"
    assert reader.get(article.url)["X-Dateline-Cache"] == "hit"
    with database_down():
        assert reader.get(article.url).status_code == 503


def test_the_comment_challenge_is_served_while_the_database_is_down(article):
    reader = Client(raise_request_exception=False)
    with database_down():
        response = reader.get(reverse("comments:challenge"), HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert {"algorithm", "challenge", "salt", "signature"} <= set(response.json())
    assert "no-store" in response["Cache-Control"]


def test_app_reconnects_after_the_database_returns(article):
    reader = Client(raise_request_exception=False)
    with database_down():
        assert reader.get(article.url).status_code == 503
    assert reader.get(article.url).status_code == 200
