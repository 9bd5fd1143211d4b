"""Helpers for the door to the admin: signing in through the real form, codes from a real app."""

import pytest
from bs4 import BeautifulSoup
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import STAFF_PASSWORD as PASSWORD


@pytest.fixture
def second_factor_on(settings):
    """The production default, which dateline.settings.test switches off for the rest of the suite."""
    settings.DATELINE_STAFF_2FA = True


def sign_in(client, username, password=PASSWORD, address="203.0.113.5", **extra):
    """Post Wagtail's sign-in form as a browser at `address` would."""
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def current_code(device: TOTPDevice, offset_steps: int = 0) -> str:
    """The code an authenticator app holding the device's secret shows now (or `offset_steps` later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def errors_on(response) -> list[str]:
    """The error messages a person reads on the page (form errors and the messages list)."""
    soup = BeautifulSoup(response.content, "lxml")
    texts = (" ".join(node.get_text(" ").split()) for node in soup.select("li.error, .w-field__errors"))
    return [text for text in texts if text]
