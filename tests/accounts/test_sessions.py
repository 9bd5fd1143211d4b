"""Staff sessions end after inactivity, and a person can end all of theirs at once; readers of the
public site meet none of this (no cookie, no session read)."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.accounts.models import SignInEvent

from .conftest import is_signed_in, sign_in

pytestmark = pytest.mark.django_db


def test_staff_session_ends_after_the_idle_limit(client, reporter, settings):
    settings.DATELINE_STAFF_IDLE_MINUTES = 30
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        sign_in(client, "reporter")
        assert client.get("/admin/").status_code == 200
        clock.shift(dt.timedelta(minutes=29))
        assert client.get("/admin/").status_code == 200
        clock.shift(dt.timedelta(minutes=29))
        assert client.get("/admin/").status_code == 200

        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not is_signed_in(client)
    assert SignInEvent.objects.filter(user=reporter, kind=SignInEvent.Kind.SIGNED_OUT_IDLE).exists()


def test_sign_out_everywhere_ends_the_sessions_in_other_browsers(reporter):
    laptop, phone = Client(), Client()
    sign_in(laptop, "reporter")
    sign_in(phone, "reporter", address="192.0.2.44")
    assert phone.get("/admin/").status_code == 200

    response = laptop.post("/admin/security/sign-out-everywhere/")

    assert response["Location"] == "/admin/login/"
    assert laptop.get("/admin/").status_code == 302
    assert phone.get("/admin/").status_code == 302
    assert SignInEvent.objects.filter(user=reporter, kind=SignInEvent.Kind.SIGNED_OUT_EVERYWHERE).exists()
    # Signing in again works, with the new token.
    sign_in(phone, "reporter", address="192.0.2.44")
    assert phone.get("/admin/").status_code == 200


def test_sign_out_everywhere_is_a_post_only(client, reporter):
    client.force_login(reporter)

    assert client.get("/admin/security/sign-out-everywhere/").status_code == 405
    assert is_signed_in(client)


def test_sessions_from_before_the_token_existed_stay_valid(client, reporter):
    client.force_login(reporter)
    assert reporter.session_token == ""

    assert client.get("/admin/").status_code == 200


def test_security_page_is_in_the_account_menu(client, reporter):
    client.force_login(reporter)

    account = client.get("/admin/account/")

    assert b"/admin/security/" in account.content
    assert client.get("/admin/security/").status_code == 200


def test_a_reader_on_the_public_site_gets_no_cookie_and_costs_no_session_query(client, story):
    article = story()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)

    assert response.status_code == 200
    assert not response.cookies
    assert not [query for query in queries if "session" in query["sql"] or "otp_" in query["sql"]]
    assert "Cookie" not in response.get("Vary", "")
