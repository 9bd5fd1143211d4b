"""The five security headers on every kind of response, and the admin's own Content-Security-Policy.

Public pages keep their strict policy; the admin (Wagtail's and Django's) gets its own, whose nonces
go only to Wagtail's widget initialisers. tests/browser/test_admin_csp.py proves the admin works
under it.
"""

import pytest
from bs4 import BeautifulSoup
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import path, reverse
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from dateline.core.security_headers import ContentSecurityPolicyMiddleware, is_wagtail_initialiser
from dateline.news.blocks import PARAGRAPH_FEATURES
from dateline.urls import urlpatterns as site_urlpatterns
from tests.core.page_cache import page_cache  # noqa: F401
from tests.news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

FIVE_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
)
FEATURES_OFF = ("camera", "microphone", "geolocation", "payment", "usb")


def broken_view(request):
    raise RuntimeError("a bug in a view")


# The site's own URLs plus one view that fails, for the 500 page.
urlpatterns = [path("broken/", broken_view), *site_urlpatterns]


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


@pytest.fixture
def article(section):
    article = ArticlePageFactory(parent=section, title="Ministers agree")
    article.save_revision().publish()
    return article


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


@pytest.fixture
def editor_client(editor, settings):
    # The second factor is another test's concern: these look at headers once signed in.
    settings.DATELINE_STAFF_2FA = False
    client = Client()
    client.force_login(editor)
    return client


def assert_five_headers(response):
    missing = [name for name in FIVE_HEADERS if name not in response]
    assert not missing, f"{response.status_code} response lacks {missing}"
    assert response["X-Content-Type-Options"] == "nosniff"
    features = dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))
    assert all(features[feature] == "()" for feature in FEATURES_OFF)


def test_public_page_carries_the_five_headers(reader, article):
    assert_five_headers(reader.get(article.url))


def test_page_served_from_the_app_cache_carries_the_five_headers(reader, article, page_cache):  # noqa: F811
    reader.get(article.url)  # the first page view creates the site settings, which purges
    reader.get(article.url)
    response = reader.get(article.url)
    assert response["X-Dateline-Cache"] == "hit"
    assert_five_headers(response)


def test_not_found_page_carries_the_five_headers(reader, home):
    response = reader.get("/no-such-story/")
    assert response.status_code == 404
    assert_five_headers(response)


def test_server_error_page_carries_the_five_headers(reader, home, settings):
    settings.ROOT_URLCONF = __name__
    response = reader.get("/broken/")
    assert response.status_code == 500
    assert_five_headers(response)


def test_bad_request_page_carries_the_five_headers(reader, home):
    response = reader.get("/world/%01/")
    assert response.status_code == 400
    assert_five_headers(response)


def test_admin_carries_the_five_headers(editor_client):
    response = editor_client.get("/admin/")
    assert response.status_code == 200
    assert_five_headers(response)


def test_admin_sign_in_page_carries_the_five_headers(reader, home):
    assert_five_headers(reader.get("/admin/login/"))


def test_django_admin_prefix_carries_the_admin_policy(reader, home):
    response = reader.get("/django-admin/")
    assert_five_headers(response)
    assert "'unsafe-inline'" not in directives(response)["script-src"]


def test_admin_scripts_run_only_from_our_origin_or_with_the_nonce(editor_client):
    policy = directives(editor_client.get("/admin/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    scripts = [value for value in policy["script-src"] if value != "'report-sample'"]
    assert scripts[0] == "'self'"
    assert all(value.startswith("'nonce-") for value in scripts[1:])
    # Style attributes stay refused; only <style> elements may be inline (Draftail writes them).
    assert "'unsafe-inline'" not in policy["style-src"]


def test_every_process_sends_the_policy_in_the_same_order(reader, article):
    parts = reader.get(article.url)["Content-Security-Policy"].split("; ")
    assert parts == sorted(parts)


def test_public_pages_keep_their_strict_policy(reader, article):
    policy = directives(reader.get(article.url))
    assert policy["default-src"] == ["'self'"]
    assert not any("unsafe" in value or "nonce" in value for values in policy.values() for value in values)


def test_preview_keeps_the_policy_its_page_is_served_with(editor_client, reader, article):
    edit_form = editor_client.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode()
    data = querydict_from_html(edit_form, form_id="page-edit-form")
    for key in [key for key in data if "__prefix__" in key]:
        del data[key]
    body = [("paragraph", rich_text("<p>Changed.</p>", features=PARAGRAPH_FEATURES))]
    data.update(nested_form_data({"body": streamfield(body)}))  # the editor's script builds the body
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    assert editor_client.post(url, data).json()["is_valid"] is True
    preview = editor_client.get(url)
    assert preview.status_code == 200
    assert directives(preview) == directives(reader.get(article.url))


def test_every_inline_script_in_the_page_editor_carries_the_nonce_of_the_header(editor_client, article):
    response = editor_client.get(f"/admin/pages/{article.pk}/edit/")
    nonce = next(value for value in directives(response)["script-src"] if value.startswith("'nonce-"))
    inline = [script for script in BeautifulSoup(response.content, "lxml").find_all("script") if not script.get("src")]
    code = [script for script in inline if script.get("type") in (None, "text/javascript", "module")]
    assert code, "the page editor has inline initialisers to test"
    assert all(f"'nonce-{script.get('nonce')}'" == nonce for script in code)


def test_injected_inline_script_gets_no_nonce():
    page = (
        '<script>new PageChooser("id_page", {"modalUrl": "/admin/choose-page/"});</script>'
        "<script>alert(document.cookie)</script>"
    )
    request = RequestFactory().get("/admin/pages/1/edit/")
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse(page))
    response = middleware(request)
    scripts = BeautifulSoup(response.content, "lxml").find_all("script")
    assert scripts[0].get("nonce") == request._csp_nonce
    assert scripts[1].get("nonce") is None


@pytest.mark.parametrize(
    "script",
    [
        'new ImageChooser("id_lead_photo", {"modalUrl": "/admin/images/chooser/"});',
        'initDateTimeChooser("id_go_live_at", {"dayOfWeekStart": 0, "format": "Y-m-d H:i"});',
        (
            "\n        (function() {\n            var panel = new InlinePanel("
            'JSON.parse("{\\u0022formsetPrefix\\u0022: 1}"));\n        })();\n    '
        ),
    ],
)
def test_wagtail_initialisers_are_recognised(script):
    assert is_wagtail_initialiser(script)


@pytest.mark.parametrize(
    "script",
    [
        "alert(1)",
        'eval("alert(1)");',
        'new ImageChooser("a", {}); alert(1); new ImageChooser("b", {});',
        'initDateChooser("a", window.open("https://evil.example/"));',
        'new Function("alert(1)")();',
    ],
)
def test_other_inline_scripts_are_not(script):
    assert not is_wagtail_initialiser(script)
