"""Trust a commenter earns, held by that commenter rather than by an e-mail string anyone can type.

What we chose: when a moderator approves a comment posted without proof of its e-mail address, we
e-mail that address a confirmation link (at most once a week per address). Following it stores a
signed token in a cookie on the reader's browser. A comment is published without moderation only
when the post carries that token for the very e-mail it is posted with, and that e-mail already has
enough approved comments; a post under a trusted address without the token waits in the queue like
any other.

Why this way: it needs no accounts or passwords, keeps only a keyed hash of the address, and the
proof is one the impersonator cannot produce (they would need the owner's mailbox or browser).
The cookie is scoped to the comment endpoints (path "/comments/"), so article pages never receive
it: they stay shared in Varnish and the page cache, and the cache rules need not know it exists.
Signing uses SECRET_KEY and the comments hash salt; changing either withdraws every token.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

TRUST_COOKIE = "dateline_commenter"
TRUST_MAX_AGE = 365 * 24 * 60 * 60
LINK_MAX_AGE = 14 * 24 * 60 * 60
LINK_RESEND_AFTER_DAYS = 7


def _salt(purpose: str) -> str:
    return f"dateline.comments.trust.{purpose}.{settings.DATELINE_COMMENTS_HASH_SALT}"


def cookie_path() -> str:
    """The comment endpoints' common path: the only requests the browser sends the token with."""
    return reverse("comments:challenge").removesuffix("challenge/")


@dataclass(frozen=True)
class ConfirmationLink:
    """What a confirmation link vouches for: an e-mail hash, and the language its page speaks."""

    email_hash: str
    language: str


def confirmation_token(email_hash: str, *, language: str) -> str:
    """The token in the link we e-mail: it proves the reader read mail sent to that address."""
    return signing.dumps({"e": email_hash, "l": language}, salt=_salt("link"), compress=True)


def read_confirmation_token(token: str) -> ConfirmationLink | None:
    """What a confirmation link vouches for, or None when it is forged or too old."""
    try:
        payload = signing.loads(token, salt=_salt("link"), max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("e"), str) or len(payload["e"]) != 64:
        return None
    language = payload.get("l")
    known = {code for code, _name in settings.LANGUAGES}
    return ConfirmationLink(email_hash=payload["e"], language=language if language in known else settings.LANGUAGE_CODE)


def confirmed_email_hash(request: HttpRequest) -> str:
    """The e-mail hash this browser proved it owns, or "" without a valid token."""
    value = request.get_signed_cookie(TRUST_COOKIE, default="", salt=_salt("cookie"), max_age=TRUST_MAX_AGE)
    return value if len(value) == 64 else ""


def remember_confirmed_email(request: HttpRequest, response: HttpResponse, email_hash: str) -> None:
    response.set_signed_cookie(
        TRUST_COOKIE,
        email_hash,
        salt=_salt("cookie"),
        max_age=TRUST_MAX_AGE,
        path=cookie_path(),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
