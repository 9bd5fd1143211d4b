"""Only a valid cookie bypasses the caches: a pending-comment cookie the comments room signed, a
session that exists. A made-up sessionid or dateline_pending is served the shared page."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils.crypto import get_random_string

from dateline.comments.pending import PENDING_COOKIE, add_pending_comment
from dateline.core.headers import COOKIE_CHECK_HEADER, COOKIE_VERDICT_HEADER, bypasses_shared_caches
from tests.core.page_cache import page_cache  # noqa: F401
from tests.news.factories import ArticlePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


class Posted:
    pk = 42


def signed_pending_cookie() -> str:
    """The cookie exactly as the comments room sets it after a reader posts."""
    response = HttpResponse()
    add_pending_comment(RequestFactory().get("/"), response, Posted())
    return response.cookies[PENDING_COOKIE].value


@pytest.fixture
def article(section, page_cache):  # noqa: F811
    article = ArticlePageFactory(parent=section, title="Ministers agree")
    article.save_revision().publish()
    Client().get(article.url)  # the first page view creates the site settings, which purges
    page_cache.clear()
    Client().get(article.url)  # stored for anonymous readers
    return article


def made_up_session_key() -> str:
    return get_random_string(32, VALID_KEY_CHARS)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("sessionid", "x"),
        ("sessionid", made_up_session_key()),
        (PENDING_COOKIE, "1"),
        (PENDING_COOKIE, "42:1vGx2Q:forgedsignatureforgedsignatureforgedsig"),
    ],
)
def test_a_made_up_cookie_is_served_the_cached_page(article, name, value):
    reader = Client()
    reader.cookies[name] = value
    response = reader.get(article.url)
    assert response["X-Dateline-Cache"] == "hit"
    assert "public" in response["Cache-Control"]


def test_a_signed_pending_cookie_gets_a_page_of_its_own(article):
    reader = Client()
    reader.cookies[PENDING_COOKIE] = signed_pending_cookie()
    response = reader.get(article.url)
    assert "X-Dateline-Cache" not in response
    assert "no-store" in response["Cache-Control"]


def test_an_expired_pending_cookie_no_longer_bypasses(article):
    cookie = signed_pending_cookie()
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(days=4)):
        request = RequestFactory().get(article.url, HTTP_COOKIE=f"{PENDING_COOKIE}={cookie}")
        assert bypasses_shared_caches(request) is False


def test_a_real_session_gets_a_page_of_its_own(article, admin_user):
    editor = Client()
    editor.force_login(admin_user)
    response = editor.get(article.url)
    assert "X-Dateline-Cache" not in response
    assert "no-store" in response["Cache-Control"]


def test_a_made_up_session_costs_at_most_one_lookup(django_assert_max_num_queries, django_assert_num_queries):
    shaped = RequestFactory().get("/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={made_up_session_key()}")
    with django_assert_max_num_queries(1):
        assert bypasses_shared_caches(shaped) is False
    junk = RequestFactory().get("/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={'x' * 4000}")
    with django_assert_num_queries(0):
        assert bypasses_shared_caches(junk) is False


def test_varnish_is_told_to_serve_its_own_copy_for_a_made_up_cookie(client, article):
    client.cookies["sessionid"] = made_up_session_key()
    response = client.get(article.url, headers={COOKIE_CHECK_HEADER: "1"})
    assert response.status_code == 204
    assert response[COOKIE_VERDICT_HEADER] == "invalid"
    assert response.content == b""


def test_varnish_gets_the_private_page_for_a_valid_cookie(client, article):
    client.cookies[PENDING_COOKIE] = signed_pending_cookie()
    response = client.get(article.url, headers={COOKIE_CHECK_HEADER: "1"})
    assert response.status_code == 200
    assert COOKIE_VERDICT_HEADER not in response
    assert "no-store" in response["Cache-Control"]


def test_a_made_up_cookie_on_a_cache_miss_is_rendered_and_stored_as_anonymous(section, page_cache):  # noqa: F811
    article = ArticlePageFactory(parent=section, title="Fresh story")
    article.save_revision().publish()
    Client().get(article.url)
    page_cache.clear()
    reader = Client()
    reader.cookies[PENDING_COOKIE] = "1"
    assert reader.get(article.url)["X-Dateline-Cache"] == "miss"
    assert Client().get(article.url)["X-Dateline-Cache"] == "hit"
