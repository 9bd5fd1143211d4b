"""How often the door may be knocked on: the sign-in lock-out's wording and the password-reset limit.

Sign-in failures are counted by django-axes (settings AXES_*), per username and per address; this
module says what a refused person reads, and counts password-reset requests the same way.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import ngettext

from .audit import hash_client_address


class TooManyRequests(Exception):
    """Refused for now; the message says for how long, in words a person reads."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def parse_rate(rate: str) -> tuple[int, int]:
    """ "3/3600" → (3, 3600): at most three in an hour."""
    count, _slash, seconds = rate.partition("/")
    return int(count), int(seconds)


def _minutes(seconds: float) -> int:
    return max(1, math.ceil(seconds / 60))


def lockout_message() -> str:
    minutes = _minutes(timedelta(minutes=settings.DATELINE_LOGIN_COOLOFF_MINUTES).total_seconds())
    return ngettext(
        "Too many failed sign-ins for this username or from this address. For your security, signing in "
        "is paused for %(minutes)d minute, even with the right password. Try again later, or ask an "
        "administrator to unlock the account.",
        "Too many failed sign-ins for this username or from this address. For your security, signing in "
        "is paused for %(minutes)d minutes, even with the right password. Try again later, or ask an "
        "administrator to unlock the account.",
        minutes,
    ) % {"minutes": minutes}


def count_password_reset_request(*, request: HttpRequest, email: str) -> None:
    """Count one password-reset request against its address and its e-mail address.

    Raises TooManyRequests, without counting, once either has reached DATELINE_PASSWORD_RESET_RATE.
    """
    limit, window = parse_rate(settings.DATELINE_PASSWORD_RESET_RATE)
    cache = caches["logins"]
    email_hash = salted_hmac("dateline.accounts.reset-email", email.strip().lower(), algorithm="sha256").hexdigest()
    keys = [f"password-reset:email:{email_hash}"]
    address_hash = hash_client_address(request)
    if address_hash:
        keys.append(f"password-reset:address:{address_hash}")
    if any((cache.get(key) or 0) >= limit for key in keys):
        minutes = _minutes(window)
        raise TooManyRequests(
            ngettext(
                "Too many password reset requests for this e-mail address or from this address. No e-mail "
                "was sent. Check your inbox and spam folder for the last one, or try again in %(minutes)d "
                "minute.",
                "Too many password reset requests for this e-mail address or from this address. No e-mail "
                "was sent. Check your inbox and spam folder for the last one, or try again in %(minutes)d "
                "minutes.",
                minutes,
            )
            % {"minutes": minutes}
        )
    for key in keys:
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=window)
