"""The app's own page cache: hits with one indexed query, what is never stored, and purges by key."""

import time

import pytest
import time_machine
from django.test import Client

from dateline.core.page_store import page_cache_key, read_page, store_page
from dateline.core.purge import purge, purge_generation
from tests.core.page_cache import page_cache  # noqa: F401
from tests.core.test_cache_bypass_cookies import signed_pending_cookie
from tests.news.factories import ArticlePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def article(section, page_cache):  # noqa: F811
    article = ArticlePageFactory(parent=section, title="Ministers agree")
    article.save_revision().publish()
    Client().get(article.url)  # the first page view creates the site settings, which purges
    page_cache.clear()  # these tests start from a cold cache
    return article


def test_second_anonymous_get_costs_one_query_for_its_purges(client, article, django_assert_num_queries):
    first = client.get(article.url)
    with django_assert_num_queries(1):
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
    with django_assert_num_queries(1):
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
    client.cookies["dateline_pending"] = signed_pending_cookie()
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
    assert client.get(article.url)["X-Dateline-Cache"] == "miss"
    assert client.get(section.url + "?page=1")["X-Dateline-Cache"] == "miss"
    assert client.get(article.url)["X-Dateline-Cache"] == "hit"


def test_purging_a_url_drops_all_its_query_variants(client, section, article, django_capture_on_commit_callbacks):
    client.get(section.url + "?page=1")
    with django_capture_on_commit_callbacks(execute=True):
        purge(urls=[section.get_full_url()])
    assert client.get(section.url + "?page=1")["X-Dateline-Cache"] == "miss"


def test_entry_expires_after_its_lifetime(client, article, settings):
    client.get(article.url)
    with time_machine.travel(time.time() + settings.DATELINE_PAGE_CACHE_SECONDS + 1):
        assert client.get(article.url)["X-Dateline-Cache"] == "miss"


def test_not_found_pages_are_kept_briefly(client, article, settings):
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


def test_a_page_rendered_before_a_purge_committed_is_never_served(rf, article, page_cache):  # noqa: F811
    request = rf.get(article.url)
    generation = purge_generation(request)  # the render starts, and reads the content of that moment
    response = Client().get(article.url)
    purge(keys=[f"article-{article.pk}"])  # an editor's change commits while it renders
    key = page_cache_key(request)
    store_page(key, request, response, generation=generation, rendered_at=time.time(), ttl=600)
    assert page_cache.get(key) is not None
    assert read_page(key, now=time.time()) is None


def test_a_purge_rolled_back_with_its_change_drops_nothing(client, article):
    from django.db import transaction

    client.get(article.url)

    def failing_change():
        with transaction.atomic():
            purge(keys=[f"article-{article.pk}"])
            raise RuntimeError("the editor's change failed")

    with pytest.raises(RuntimeError):
        failing_change()
    assert client.get(article.url)["X-Dateline-Cache"] == "hit"


def test_a_page_the_store_lost_is_a_miss(client, article, page_cache):  # noqa: F811
    client.get(article.url)
    page_cache.clear()
    assert client.get(article.url)["X-Dateline-Cache"] == "miss"
