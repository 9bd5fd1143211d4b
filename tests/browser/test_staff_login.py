"""A new editor meets the door to the admin in Chromium: the second factor set up from the page's own
secret, recovery codes, the code at the next sign-in, and the pause after too many wrong passwords;
all under the admin's Content-Security-Policy, with no violation."""

import base64

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.admin import submit_sign_in as sign_in

expect.set_options(timeout=15_000)

RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__reportCspViolation(`${document.location.pathname} ${event.effectiveDirective} ${event.blockedURI}`);
}, true);
"""


@pytest.fixture
def violations(page):
    seen = []
    page.expose_function("__reportCspViolation", lambda violation: seen.append(violation))
    page.add_init_script(RECORD_VIOLATIONS)
    return seen


@pytest.fixture
def second_factor_on(settings):
    settings.DATELINE_STAFF_2FA = True


def code_for(secret_text: str, steps_ahead: int = 0) -> str:
    """What an authenticator app that was given the secret shows now (or `steps_ahead` codes later)."""
    secret = secret_text.replace(" ", "")
    totp = TOTP(base64.b32decode(secret + "=" * (-len(secret) % 8)))
    totp.time = totp.time + 30 * steps_ahead
    return f"{totp.token():06d}"


@pytest.mark.usefixtures("second_factor_on")
def test_new_editor_sets_up_two_factor_sign_in_and_uses_it(page, live_server, editor, violations):
    sign_in(page, live_server.url, "editor")

    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code holding the secret below").first).to_be_visible()
    secret = page.locator("[data-secret]").inner_text()
    page.get_by_role("textbox", name="Code").fill(code_for(secret))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator("ul.recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have saved them; continue").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Your recovery codes")
    assert page.url.rstrip("/").endswith("/admin")

    # The next sign-in asks for the app's code after the password.
    page.context.clear_cookies()
    sign_in(page, live_server.url, "editor")
    expect(page.get_by_role("heading", name="Confirm it is you")).to_be_visible()
    # Each code works once; the next one is accepted too (a phone's clock may run a little ahead).
    page.get_by_role("textbox", name="Code").fill(code_for(secret, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Confirm it is you")).to_have_count(0)

    assert not violations, violations


def test_too_many_wrong_passwords_pause_signing_in_with_a_clear_message(page, live_server, reporter, settings):
    for _attempt in range(settings.DATELINE_LOGIN_FAILURE_LIMIT):
        sign_in(page, live_server.url, "reporter", "wrong-password")

    sign_in(page, live_server.url, "reporter")

    expect(page.get_by_text("Too many failed sign-ins")).to_be_visible()
    assert "/admin/login/" in page.url
