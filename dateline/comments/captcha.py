"""Proof-of-work challenges in ALTCHA's format: issued and checked here, signed, expiring, single-use.

The reader's browser fetches a challenge (uncached, one per reader), finds the number whose SHA-256
with the signed salt gives the challenge, and posts it with the comment. The salt carries when the
challenge was issued and when it expires; the signature covers both, so neither can be altered.
"""

import base64
import binascii
import datetime
import json
import logging
import time
import urllib.parse
from dataclasses import dataclass

import altcha
from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

ALGORITHM = "SHA-256"
USED_KEY = "comments:captcha:used:{signature}"


class CaptchaError(Exception):
    """A challenge solution we refuse, with a message for the reader."""

    def __init__(self, code: str, message):
        super().__init__(code)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class SolvedChallenge:
    signature: str
    issued_at: float
    expires_at: float

    def seconds_since_issued(self, now: float | None = None) -> float:
        return (now or time.time()) - self.issued_at


def _hmac_key() -> str:
    return salted_hmac("dateline.comments.captcha", "altcha-hmac-key", algorithm="sha256").hexdigest()


def create_challenge(*, now: float | None = None) -> dict:
    """A fresh signed challenge as the widget expects it from its challenge URL."""
    now = now or time.time()
    lifetime = settings.DATELINE_COMMENTS_CAPTCHA_EXPIRES
    challenge = altcha.create_challenge_v1(
        algorithm=ALGORITHM,
        max_number=settings.DATELINE_COMMENTS_CAPTCHA_MAX_NUMBER,
        hmac_key=_hmac_key(),
        expires=datetime.datetime.fromtimestamp(now + lifetime, tz=datetime.UTC),
        params={"issued": str(int(now))},
    )
    return challenge.to_dict()


MISSING = _("Please complete the check that you are not a robot; it needs JavaScript to run.")
INVALID = _("The check that you are not a robot failed. Please try it again.")
EXPIRED = _("The check that you are not a robot has expired. Please do it again, then post.")
REPLAYED = _("This check was already used for another post. Please do it again, then post.")


def _decode(payload: str) -> dict:
    try:
        data = json.loads(base64.b64decode(payload, validate=True).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise CaptchaError("invalid", INVALID) from error
    if not isinstance(data, dict) or not all(
        isinstance(data.get(key), str) for key in ("algorithm", "challenge", "salt", "signature")
    ):
        raise CaptchaError("invalid", INVALID)
    if data["algorithm"] != ALGORITHM or not isinstance(data.get("number"), int):
        raise CaptchaError("invalid", INVALID)
    return data


def verify_solution(payload: str, *, now: float | None = None) -> SolvedChallenge:
    """Check a posted solution's work, signature and age; raise CaptchaError saying what is wrong.

    Does not mark it used: call `use_challenge` once the post is otherwise acceptable.
    """
    if not payload:
        raise CaptchaError("missing", MISSING)
    data = _decode(payload)
    params = urllib.parse.parse_qs(data["salt"].partition("?")[2])
    try:
        expires_at = float(params["expires"][0])
        issued_at = float(params["issued"][0])
    except (KeyError, IndexError, ValueError) as error:
        raise CaptchaError("invalid", INVALID) from error
    ok, _error = altcha.verify_solution_v1(data, _hmac_key(), check_expires=False)
    if not ok:
        raise CaptchaError("invalid", INVALID)
    # Checked after the signature, so only our own (unaltered) timestamps are trusted.
    if expires_at < (now or time.time()):
        raise CaptchaError("expired", EXPIRED)
    return SolvedChallenge(signature=data["signature"], issued_at=issued_at, expires_at=expires_at)


def use_challenge(solved: SolvedChallenge, *, now: float | None = None) -> None:
    """Mark a solved challenge used, or raise CaptchaError if it already was.

    `cache.add` is atomic in every backend we use, so of two concurrent replays only one wins. With
    the cache unreachable the post goes through: comments must keep working while Redis is down.
    """
    timeout = max(1, int(solved.expires_at - (now or time.time())) + 1)
    try:
        added = cache.add(USED_KEY.format(signature=solved.signature), 1, timeout=timeout)
    except Exception:  # noqa: BLE001 - any cache failure means "cannot tell", and we let the post through
        logger.warning("Comment captcha: cache unavailable, single-use check skipped")
        return
    if added is False:
        raise CaptchaError("replayed", REPLAYED)
    if added is None:  # django-redis with IGNORE_EXCEPTIONS answers None when Redis is down
        logger.warning("Comment captcha: cache unavailable, single-use check skipped")
