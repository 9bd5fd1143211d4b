"""Finding: 20 wrong passwords for `admin` in 16 seconds met no delay and no lock-out, and the right
password then signed in; password reset could be requested without limit."""

import datetime as dt
import io
import os

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command

from dateline.accounts.models import SignInEvent

from .conftest import PASSWORD, errors_on, is_signed_in, sign_in

pytestmark = pytest.mark.django_db


def test_right_password_is_refused_after_too_many_failures(client, editor, settings):
    for _attempt in range(settings.DATELINE_LOGIN_FAILURE_LIMIT - 1):
        assert sign_in(client, "editor", "wrong-password").status_code == 200
    # The failure that reaches the limit already says so.
    assert sign_in(client, "editor", "wrong-password").status_code == 429

    response = sign_in(client, "editor", PASSWORD)

    assert response.status_code == 429
    assert not is_signed_in(client)
    [message] = errors_on(response)
    assert "Too many failed sign-ins" in message
    assert f"{settings.DATELINE_LOGIN_COOLOFF_MINUTES} minutes" in message


def test_failures_before_the_limit_still_let_the_right_password_in(client, editor, settings):
    for _attempt in range(settings.DATELINE_LOGIN_FAILURE_LIMIT - 1):
        sign_in(client, "editor", "wrong-password")

    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert is_signed_in(client)


def test_failures_for_one_username_lock_it_from_every_address(client, editor, settings):
    for attempt in range(settings.DATELINE_LOGIN_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong-password", address=f"198.51.100.{attempt + 1}")

    assert sign_in(client, "editor", PASSWORD, address="192.0.2.77").status_code == 429
    assert not is_signed_in(client)


def test_failures_from_one_address_lock_it_for_every_username(client, editor, reporter, settings):
    for attempt in range(settings.DATELINE_LOGIN_FAILURE_LIMIT):
        sign_in(client, f"guess-{attempt}", "wrong-password", address="198.51.100.9")

    assert sign_in(client, "reporter", PASSWORD, address="198.51.100.9").status_code == 429
    assert sign_in(client, "reporter", PASSWORD, address="192.0.2.77").status_code == 302


def test_failures_from_one_ipv6_line_count_together_whatever_the_interface_id(client, reporter, settings):
    # A provider gives each line a /64: a guesser picks a new address in it for every attempt.
    for attempt in range(settings.DATELINE_LOGIN_FAILURE_LIMIT):
        sign_in(client, f"guess-{attempt}", "wrong-password", address=f"2001:db8:5:6::{attempt + 1:x}")

    assert sign_in(client, "reporter", PASSWORD, address="2001:db8:5:6::99").status_code == 429
    assert sign_in(client, "reporter", PASSWORD, address="2001:db8:5:7::1").status_code == 302


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(client, reporter, settings):
    settings.DATELINE_TRUSTED_PROXIES = ["10.0.0.0/8"]
    for attempt in range(settings.DATELINE_LOGIN_FAILURE_LIMIT):
        sign_in(client, f"guess-{attempt}", "wrong-password", address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9")

    # Another reader behind the same proxy is not locked out with the guesser.
    response = sign_in(client, "reporter", PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.77")

    assert response.status_code == 302


@pytest.mark.skipif(
    bool(os.environ.get("REDIS_URL")),
    reason="Redis expires the lock by its own clock, which the test cannot move; the run without Redis covers it",
)
def test_lock_out_ends_after_the_cool_down(client, editor, settings):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        for _attempt in range(settings.DATELINE_LOGIN_FAILURE_LIMIT):
            sign_in(client, "editor", "wrong-password")
        clock.shift(dt.timedelta(minutes=settings.DATELINE_LOGIN_COOLOFF_MINUTES - 1))
        assert sign_in(client, "editor", PASSWORD).status_code == 429

        clock.shift(dt.timedelta(minutes=settings.DATELINE_LOGIN_COOLOFF_MINUTES + 1))
        assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_an_administrator_lifts_a_usernames_lock_for_other_addresses(client, editor, settings):
    for _attempt in range(settings.DATELINE_LOGIN_FAILURE_LIMIT):
        sign_in(client, "editor", "wrong-password", address="198.51.100.9")

    call_command("axes_reset_username", "editor", stdout=io.StringIO())

    # The address the failures came from waits out the cool-down; any other lets the editor in.
    assert sign_in(client, "editor", PASSWORD, address="198.51.100.9").status_code == 429
    assert sign_in(client, "editor", PASSWORD, address="192.0.2.77").status_code == 302


def test_sign_ins_and_failures_are_logged_without_password_or_address(client, editor):
    sign_in(client, "editor", "wrong-password", address="198.51.100.9")
    sign_in(client, "editor", PASSWORD, address="198.51.100.9")

    failed, signed_in = SignInEvent.objects.order_by("pk")
    assert (failed.kind, failed.username, failed.user) == (SignInEvent.Kind.FAILED, "editor", None)
    assert (signed_in.kind, signed_in.user) == (SignInEvent.Kind.SIGNED_IN, editor)
    assert failed.address_hash == signed_in.address_hash != ""
    stored = [str(value) for event in (failed, signed_in) for value in vars(event).values()]
    assert not any("198.51.100" in value or "wrong-password" in value for value in stored)


def test_lock_out_is_logged_once_per_refused_attempt(client, editor, settings):
    for _attempt in range(settings.DATELINE_LOGIN_FAILURE_LIMIT + 2):
        sign_in(client, "editor", "wrong-password")

    kinds = list(SignInEvent.objects.order_by("pk").values_list("kind", flat=True))
    limit = settings.DATELINE_LOGIN_FAILURE_LIMIT
    # One line per attempt: the failure that reaches the limit is the lock-out, then each refusal.
    assert kinds == [SignInEvent.Kind.FAILED] * (limit - 1) + [SignInEvent.Kind.LOCKED_OUT] * 3


def test_administrators_read_the_sign_in_log_and_editors_do_not(client, editor, admin_user):
    sign_in(client, "nobody", "wrong-password")
    client.force_login(admin_user)
    page = client.get("/admin/sign_in_log/")
    assert page.status_code == 200
    rows = BeautifulSoup(page.content, "lxml").select("table.listing tbody tr")
    assert any("nobody" in row.get_text() for row in rows)

    client.force_login(editor)
    assert client.get("/admin/sign_in_log/").status_code in (302, 403)


def test_password_reset_e_mails_are_limited(client, editor, settings):
    settings.DATELINE_PASSWORD_RESET_RATE = "3/3600"
    for _request in range(3):
        response = client.post("/admin/password_reset/", {"email": editor.email}, REMOTE_ADDR="198.51.100.9")
        assert response.status_code == 302

    refused = client.post("/admin/password_reset/", {"email": editor.email}, REMOTE_ADDR="198.51.100.9")

    assert refused.status_code == 429
    assert len(mail.outbox) == 3
    [message] = errors_on(refused)
    assert "Too many password reset requests" in message
    assert SignInEvent.objects.filter(kind=SignInEvent.Kind.PASSWORD_RESET_THROTTLED, user=editor).count() == 1


def test_password_reset_limit_counts_per_address_across_e_mails(client, settings):
    settings.DATELINE_PASSWORD_RESET_RATE = "3/3600"
    for number in range(3):
        client.post("/admin/password_reset/", {"email": f"someone{number}@example.org"}, REMOTE_ADDR="198.51.100.9")

    refused = client.post("/admin/password_reset/", {"email": "other@example.org"}, REMOTE_ADDR="198.51.100.9")
    elsewhere = client.post("/admin/password_reset/", {"email": "other@example.org"}, REMOTE_ADDR="192.0.2.7")

    assert (refused.status_code, elsewhere.status_code) == (429, 302)


def test_password_checks_outside_a_request_pass_through_to_the_password(editor):
    from django.contrib.auth import authenticate

    assert authenticate(username="editor", password=PASSWORD) == editor
    assert authenticate(username="editor", password="wrong-password") is None
