"""Requests refused before any view: control characters (400), over-long URLs (414), oversize
bodies (413), each with our own page; and Varnish in front refuses at the same limits."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "dateline.vcl"


@pytest.fixture
def client():
    client = Client(raise_request_exception=False)
    return client


def heading(response) -> str:
    return BeautifulSoup(response.content, "lxml").h1.get_text(strip=True)


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/tags/%00/", "We could not read that request"),
        ("/people/%00/", "We could not read that request"),
        ("/feeds/tags/%00/rss.xml", "We could not read that request"),
        ("/es/tags/%00/", "No pudimos leer esa solicitud"),
    ],
)
def test_a_nul_in_a_slug_is_a_bad_request_before_any_query(client, home, path, title):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert not [query for query in queries if "\x00" in query["sql"]]
    assert response.status_code == 400
    assert heading(response) == title
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("query", ["?page=%00", "?q=a%0Db", "?%1B=1", "?page=1&q=%7F"])
def test_a_control_character_in_the_query_is_a_bad_request(client, home, query):
    response = client.get("/search/" + query)
    assert response.status_code == 400


def test_an_ordinary_query_still_reaches_the_view(client, home):
    assert client.get("/search/?q=budget+2026&page=1").status_code == 200


def test_an_address_over_the_limit_gets_414_with_our_page(client, home):
    response = client.get("/search/?q=" + "a" * settings.DATELINE_MAX_URL_LENGTH)
    assert response.status_code == 414
    assert heading(response) == "That address is too long"
    assert client.get("/search/?q=" + "a" * (settings.DATELINE_MAX_URL_LENGTH - 200)).status_code == 200


def test_a_comment_post_over_the_limit_gets_413_with_our_page(client, story):
    article = story()
    body = "body=" + "a" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = client.post(f"/comments/{article.pk}/post/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert heading(response) == "That was too much to send"


def test_form_fields_over_the_limit_in_a_smaller_body_get_413(client, story, settings):
    """Django counts only form fields (not files) against DATA_UPLOAD_MAX_MEMORY_SIZE; it said 400."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    settings.DATELINE_UPLOAD_PATH_PREFIXES = ["/comments/"]
    response = client.post(f"/comments/{story().pk}/post/", {"body": "a" * 2000})
    assert response.status_code == 413


def test_the_admin_takes_uploads_larger_than_a_form_but_not_without_limit(client, editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    settings.DATELINE_MAX_UPLOAD_REQUEST_SIZE = 20_000
    client.force_login(editor)
    small = client.post("/admin/images/add/", {"title": "x", "file": SimpleUploadedFile("x.gif", b"G" * 5000)})
    assert small.status_code == 200  # the form's own error (not an image), not the guard's
    large = client.post("/admin/images/add/", {"title": "x", "file": SimpleUploadedFile("x.gif", b"G" * 30_000)})
    assert large.status_code == 413


def test_the_wordpress_import_takes_an_export_larger_than_other_admin_uploads(admin_client, home, settings, tmp_path):
    settings.DATELINE_MAX_UPLOAD_REQUEST_SIZE = 20_000
    settings.DATELINE_LARGE_UPLOAD_PATHS = {"/admin/import-wordpress/": 100_000}
    settings.DATA_DIR = tmp_path
    client = admin_client
    export = SimpleUploadedFile("export.xml", b"x" * 50_000, content_type="text/xml")
    taken = client.post("/admin/import-wordpress/", {"export": export})
    assert taken.status_code == 200  # the form's own answer (not a WordPress export), not the guard's
    too_large = SimpleUploadedFile("export.xml", b"x" * 150_000, content_type="text/xml")
    assert client.post("/admin/import-wordpress/", {"export": too_large}).status_code == 413
    image = SimpleUploadedFile("x.gif", b"G" * 50_000)
    assert client.post("/admin/images/add/", {"title": "x", "file": image}).status_code == 413


def test_a_malformed_content_length_is_a_bad_request(client, story):
    response = client.post(f"/comments/{story().pk}/post/", "body=x", content_type="text/plain", CONTENT_LENGTH="x")
    assert response.status_code == 400


def vcl_number(name: str) -> int:
    match = re.search(rf"# {name}: (\d+)", VCL.read_text())
    assert match, f"dateline.vcl names no {name}"
    return int(match[1])


def test_varnish_refuses_at_the_same_limits_as_the_app():
    text = VCL.read_text()
    assert vcl_number("DATELINE_MAX_URL_LENGTH") == settings.DATELINE_MAX_URL_LENGTH
    assert f'req.url ~ "^.{{{settings.DATELINE_MAX_URL_LENGTH + 1}}}"' in text
    assert vcl_number("DATA_UPLOAD_MAX_MEMORY_SIZE") == settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert f"> {settings.DATA_UPLOAD_MAX_MEMORY_SIZE})" in text
    assert vcl_number("DATELINE_MAX_UPLOAD_REQUEST_SIZE") == settings.DATELINE_MAX_UPLOAD_REQUEST_SIZE
    assert f"> {settings.DATELINE_MAX_UPLOAD_REQUEST_SIZE})" in text
    for prefix, size in settings.DATELINE_LARGE_UPLOAD_PATHS.items():
        assert f"# DATELINE_LARGE_UPLOAD_PATHS: {prefix} {size}" in text
        assert f'req.url ~ "^{prefix}"' in text
        assert f"> {size})" in text


def test_varnish_sends_the_words_of_our_own_error_pages():
    text = VCL.read_text()
    assert "That was too much to send" in text
    assert "That address is too long" in text


@pytest.mark.parametrize("value", ["abc", "-1", "9" * 40, "1.5"])
def test_a_page_number_that_is_not_one_is_not_found(client, home, value):
    assert client.get(f"/search/?q=budget&page={value}").status_code == 404


def test_a_page_number_past_the_end_in_wagtails_workflow_editor_is_not_found(client, home, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/workflows/edit/1/?p=abc").status_code == 404
    assert client.get("/admin/workflows/edit/1/?p=999").status_code == 404
    assert client.get("/admin/workflows/edit/1/?p=1").status_code == 200


def test_a_query_with_too_many_parameters_is_a_bad_request(client, home):
    query = "&".join(f"a{n}=" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    assert client.get(f"/search/?{query}").status_code == 400


def test_a_refusal_page_carries_the_security_headers(client, home):
    response = client.get("/tags/%00/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
