"""Finding: no second factor existed. Editors and administrators now set up an authenticator app at
their first sign-in and type its code at every sign-in after; recovery codes work once each."""

import io
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from dateline.accounts.models import SignInEvent
from dateline.accounts.two_factor import confirm_authenticator, pending_authenticator

from .conftest import current_code, errors_on, is_signed_in, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("second_factor_on")]


def _path(response) -> str:
    return urlsplit(response["Location"]).path


def enrolled(user) -> TOTPDevice:
    """Give the user a confirmed authenticator, as the set-up page does; returns it."""
    device = pending_authenticator(user)
    confirm_authenticator(user=user, device=device, code=current_code(device))
    device.refresh_from_db()
    return device


def test_editor_without_a_second_factor_is_sent_to_set_one_up_before_any_admin_page(client, editor):
    sign_in(client, "editor")

    for path in ("/admin/", "/admin/pages/", "/admin/images/", "/admin/comments/"):
        response = client.get(path)
        assert response.status_code == 302
        assert _path(response) == "/admin/security/set-up/"


def test_the_icons_and_translations_the_set_up_page_loads_are_served_before_the_second_factor(client, editor):
    sign_in(client, "editor")

    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200


def test_documents_wait_for_the_second_factor_too(client, editor):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(title="Budget", file=ContentFile(b"figures", name="budget.txt"))
    enrolled(editor)
    sign_in(client, "editor")

    assert _path(client.get(document.url)) == "/admin/security/verify/"
    client.logout()
    assert client.get(document.url).status_code == 200


def test_administrator_is_sent_to_set_up_too(client, admin_user):
    client.force_login(admin_user)

    assert _path(client.get("/admin/")) == "/admin/security/set-up/"


def test_set_up_page_shows_a_qr_code_and_the_secret_without_inline_script(client, editor):
    sign_in(client, "editor")

    page = BeautifulSoup(client.get("/admin/security/set-up/").content, "lxml")

    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert page.select_one("figure svg path") is not None
    assert page.select_one("[data-secret]").get_text().replace(" ", "") in device.config_url
    inline = [script for script in page.select("script:not([src])") if script.get("type") != "application/json"]
    assert not [script for script in inline if script.get_text().strip()]
    assert not page.select("[style]")


def test_setting_up_shows_recovery_codes_once_and_opens_the_admin(client, editor):
    sign_in(client, "editor")
    client.get("/admin/security/set-up/")
    device = TOTPDevice.objects.get(user=editor)

    confirmed = client.post("/admin/security/set-up/", {"code": current_code(device), "next": "/admin/pages/"})

    assert _path(confirmed) == "/admin/security/recovery-codes/"
    codes_page = BeautifulSoup(client.get(confirmed["Location"]).content, "lxml")
    shown = [code.get_text() for code in codes_page.select("ul.recovery-codes code")]
    assert sorted(shown) == sorted(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))
    assert len(shown) == 10
    assert codes_page.select_one("a[data-continue]")["href"] == "/admin/pages/"
    again = BeautifulSoup(client.get("/admin/security/recovery-codes/").content, "lxml")
    assert not again.select("ul.recovery-codes")
    assert client.get("/admin/pages/").status_code == 200


def test_a_wrong_code_does_not_finish_setting_up(client, editor):
    sign_in(client, "editor")
    client.get("/admin/security/set-up/")
    device = TOTPDevice.objects.get(user=editor)

    response = client.post("/admin/security/set-up/", {"code": current_code(device, offset_steps=10)})

    assert response.status_code == 200
    assert errors_on(response)
    device.refresh_from_db()
    assert not device.confirmed
    assert _path(client.get("/admin/")) == "/admin/security/set-up/"


def test_editor_with_an_authenticator_types_its_code_after_the_password(client, editor):
    device = enrolled(editor)
    signed_in = sign_in(client, "editor")
    assert is_signed_in(client)

    asked = client.get(signed_in["Location"])
    assert _path(asked) == "/admin/security/verify/"
    assert client.get("/admin/pages/").status_code == 302

    passed = client.post(
        "/admin/security/verify/", {"code": current_code(device, offset_steps=1), "next": "/admin/pages/"}
    )

    assert passed["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    kinds = list(SignInEvent.objects.filter(user=editor).order_by("pk").values_list("kind", flat=True))
    assert kinds[-2:] == [SignInEvent.Kind.SIGNED_IN, SignInEvent.Kind.SECOND_FACTOR_PASSED]


def test_a_recovery_code_signs_in_once(client, editor):
    enrolled(editor)
    code = StaticToken.objects.filter(device__user=editor).first().token

    sign_in(client, "editor")
    assert client.post("/admin/security/verify/", {"code": code.upper()}).status_code == 302
    assert client.get("/admin/").status_code == 200

    client.logout()
    sign_in(client, "editor", address="192.0.2.8")
    reused = client.post("/admin/security/verify/", {"code": code})
    assert reused.status_code == 200
    assert errors_on(reused)
    assert client.get("/admin/").status_code == 302
    assert StaticToken.objects.filter(device__user=editor).count() == 9


def test_wrong_codes_make_the_next_try_wait(client, editor):
    device = enrolled(editor)
    sign_in(client, "editor")
    for _attempt in range(3):
        client.post("/admin/security/verify/", {"code": "000000" if current_code(device) != "000000" else "111111"})

    # Even the right code waits until the pause is over, and the page says so.
    response = client.post("/admin/security/verify/", {"code": current_code(device)})

    assert response.status_code == 200
    [message] = errors_on(response)
    assert "Too many wrong codes" in message
    assert SignInEvent.objects.filter(user=editor, kind=SignInEvent.Kind.SECOND_FACTOR_FAILED).count() == 4


def test_reporters_may_sign_in_with_the_password_alone(client, reporter):
    sign_in(client, "reporter")

    assert client.get("/admin/").status_code == 200


def test_a_reporter_who_set_up_an_authenticator_is_asked_for_it(client, reporter):
    enrolled(reporter)
    sign_in(client, "reporter")

    assert _path(client.get("/admin/")) == "/admin/security/verify/"


def test_the_setting_lets_editors_in_with_the_password_alone(client, editor, settings):
    settings.DATELINE_STAFF_2FA = False
    sign_in(client, "editor")

    assert client.get("/admin/").status_code == 200


def test_reset_2fa_removes_the_second_factor_and_ends_every_session(client, editor):
    enrolled(editor)
    sign_in(client, "editor")
    out = io.StringIO()

    call_command("reset_2fa", "editor", stdout=out)

    assert "editor" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()
    assert not is_signed_in(client) or client.get("/admin/").status_code == 302
    assert SignInEvent.objects.filter(user=editor, kind=SignInEvent.Kind.SECOND_FACTOR_RESET).exists()
    sign_in(client, "editor")
    assert _path(client.get("/admin/")) == "/admin/security/set-up/"


def test_reset_2fa_names_an_unknown_username(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nobody"):
        call_command("reset_2fa", "nobody")
