"""Staff second factor: who must have one, setting up an authenticator app, recovery codes, checking
a code at sign-in, and an administrator's reset. Built on django-otp's TOTP and static devices."""

import math
import re
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .roles import EDITORS

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"
_TOTP_CODE = re.compile(r"\d{6}")


class CodeRefused(Exception):
    """The code was not accepted; the message says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def second_factor_required(user: User) -> bool:
    """Editors and administrators need a second factor unless DATELINE_STAFF_2FA is off."""
    if not settings.DATELINE_STAFF_2FA or not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS).exists()


def has_second_factor(user: User) -> bool:
    """Whether the person has set up an authenticator app (or still holds recovery codes)."""
    return user_has_device(user, confirmed=True)


def pending_authenticator(user: User) -> TOTPDevice:
    """The authenticator being set up: the same secret on every visit until a code confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def authenticator_secret(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def authenticator_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address of the device as an SVG QR code (no script, no inline style)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")


def _normalise(code: str) -> str:
    return re.sub(r"[\s-]", "", code or "").lower()


def _wait_message(until) -> str:
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    return ngettext(
        "Too many wrong codes. Wait %(seconds)d second before trying again.",
        "Too many wrong codes. Wait %(seconds)d seconds before trying again.",
        seconds,
    ) % {"seconds": seconds}


def _verify(device: Device, code: str) -> bool:
    allowed, info = device.verify_is_allowed()
    if not allowed:
        if info and "locked_until" in info:
            raise CodeRefused(_wait_message(info["locked_until"]))
        raise CodeRefused(str(_("Too many wrong codes. Wait a moment before trying again.")))
    return device.verify_token(code)


def confirm_authenticator(*, user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm a new authenticator with a code it shows, replacing any earlier one and its recovery
    codes; return the new recovery codes (shown once). Raises CodeRefused for a wrong code."""
    # The failed try is counted (django-otp's throttle) in its own transaction: raising inside it
    # would roll the count back.
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        accepted = _verify(device, _normalise(code))
        if accepted:
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            return issue_recovery_codes(user)
    raise CodeRefused(str(_("That code did not match. Check the time on your phone and type the newest code.")))


@transaction.atomic
def issue_recovery_codes(user: User) -> list[str]:
    """Replace the person's recovery codes with RECOVERY_CODE_COUNT new single-use ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def check_second_factor(*, user: User, code: str) -> Device:
    """Return the device that accepts the code: six digits go to the authenticator app, anything
    else is a recovery code, spent once accepted. Raises CodeRefused (wrong, or too many tries:
    django-otp doubles the wait after each wrong code)."""
    code = _normalise(code)
    wanted = TOTPDevice if _TOTP_CODE.fullmatch(code) else StaticDevice
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if isinstance(device, wanted) and _verify(device, code):
                return device
    raise CodeRefused(
        str(_("That code did not match. Type the six digits your app shows now, or one of your recovery codes."))
    )


@transaction.atomic
def reset_second_factor(user: User) -> int:
    """Remove the person's authenticator and recovery codes and sign them out everywhere; at the
    next sign-in they set up a new app (if required). Returns how many devices were removed."""
    removed = sum(
        model.objects.filter(user=user).delete()[1].get(model._meta.label, 0) for model in (TOTPDevice, StaticDevice)
    )
    user.rotate_session_token()
    user.save(update_fields=["session_token"])
    return removed
