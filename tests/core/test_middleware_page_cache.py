"""The app's own page cache: hits without the database, what is never stored, and purges by key."""

import time

import pytest
import time_machine
from django.test import Client

from dateline.core.cache import purge
from tests.core.page_cache import page_cache  # noqa: F401
from tests.news.factories import ArticlePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def article(section, page_cache):  # noqa: F811
    article = ArticlePageFactory(parent=section, title="Ministers agree")
    article.save_revision().publish()
    Client().get(section.url)  # the first page view creates the site settings, which purges
    page_cache.clear()  # forget those purge markers: these tests start from a cold cache
    return article


def test_second_anonymous_get_is_served_without_the_database(client, article, django_assert_num_queries):
    first = client.get(article.url)
    with django_assert_num_queries(0):
        second = client.get(article.url)
    assert first["X-Dateline-Cache"] == "miss"
    assert second["X-Dateline-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_cached_page_answers_304_to_its_etag(client, article):
    etag = client.get(article.url)["ETag"]
    response = client.get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["X-Dateline-Cache"] == "hit"


def test_head_is_served_from_the_get_entry_without_a_body(client, article, django_assert_num_queries):
    get = client.get(article.url)
    with django_assert_num_queries(0):
        head = client.head(article.url)
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def test_query_string_is_part_of_the_key(client, section, article):
    client.get(section.url)
    response = client.get(section.url + "?utm_source=x")
    assert response["X-Dateline-Cache"] == "miss"


def test_query_parameter_order_does_not_matter(client, section, article):
    client.get(section.url + "?a=1&b=2")
    assert client.get(section.url + "?b=2&a=1")["X-Dateline-Cache"] == "hit"


def test_editor_with_a_session_never_gets_the_shared_copy(client, article, admin_user):
    client.get(article.url)
    client.force_login(admin_user)
    response = client.get(article.url)
    assert "X-Dateline-Cache" not in response
    assert b"wagtail-userbar" in response.content


def test_editor_pages_are_never_stored_for_readers(article, admin_user):
    editor = Client()
    editor.force_login(admin_user)
    editor.get(article.url)
    assert Client().get(article.url)["X-Dateline-Cache"] == "miss"


def test_reader_with_pending_comment_bypasses_the_cache(client, article):
    client.get(article.url)
    client.cookies["dateline_pending"] = "1"
    assert "X-Dateline-Cache" not in client.get(article.url)


def test_response_that_sets_a_cookie_is_not_stored(client, article, monkeypatch):
    from dateline.news.models import ArticlePage

    original = ArticlePage.serve

    def serve_with_cookie(self, request, *args, **kwargs):
        response = original(self, request, *args, **kwargs)
        response.set_cookie("reader", "one")
        return response

    monkeypatch.setattr(ArticlePage, "serve", serve_with_cookie)
    response = client.get(article.url)
    assert response["Cache-Control"] == "private, no-store"
    assert "X-Dateline-Cache" not in client.get(article.url)


def test_purging_a_key_drops_every_page_that_carries_it(client, section, article, django_capture_on_commit_callbacks):
    client.get(article.url)
    client.get(section.url + "?page=1")
    with django_capture_on_commit_callbacks(execute=True):
        purge(keys=[f"section-{section.pk}"])
    with time_machine.travel(time.time() + 2):
        assert client.get(article.url)["X-Dateline-Cache"] == "miss"
        assert client.get(section.url + "?page=1")["X-Dateline-Cache"] == "miss"
        assert client.get(article.url)["X-Dateline-Cache"] == "hit"


def test_purging_a_url_drops_all_its_query_variants(client, section, article, django_capture_on_commit_callbacks):
    client.get(section.url + "?page=1")
    with django_capture_on_commit_callbacks(execute=True):
        purge(urls=[section.get_full_url()])
    with time_machine.travel(time.time() + 2):
        assert client.get(section.url + "?page=1")["X-Dateline-Cache"] == "miss"


def test_entry_expires_after_its_lifetime(client, article, settings):
    client.get(article.url)
    with time_machine.travel(time.time() + settings.DATELINE_PAGE_CACHE_SECONDS + 1):
        assert client.get(article.url)["X-Dateline-Cache"] == "miss"


def test_not_found_pages_are_kept_briefly(client, home, settings):
    client.get("/nothing-here/")
    assert client.get("/nothing-here/")["X-Dateline-Cache"] == "hit"
    with time_machine.travel(time.time() + settings.DATELINE_NOT_FOUND_CACHE_SECONDS + 1):
        assert client.get("/nothing-here/")["X-Dateline-Cache"] == "miss"


def test_turned_off_cache_stores_nothing(client, article, settings):
    settings.DATELINE_PAGE_CACHE_SECONDS = 0
    client.get(article.url)
    response = client.get(article.url)
    assert "X-Dateline-Cache" not in response
    assert "s-maxage" in response["Cache-Control"]


def test_a_copy_this_process_kept_is_dropped_when_its_key_is_purged(client, article, page_cache):  # noqa: F811
    from dateline.core.cache import AppCacheBackend

    client.get(article.url)
    assert client.get(article.url)["X-Dateline-Cache"] == "hit"  # now also held in this process
    with time_machine.travel(time.time() + 1):
        AppCacheBackend({}).purge_keys([f"article-{article.pk}"])
    with time_machine.travel(time.time() + 2):
        assert client.get(article.url)["X-Dateline-Cache"] == "miss"


def test_a_copy_this_process_kept_is_not_trusted_after_the_shared_cache_is_flushed(client, article, page_cache):  # noqa: F811
    client.get(article.url)
    client.get(article.url)
    page_cache.clear()
    assert client.get(article.url)["X-Dateline-Cache"] == "miss"
