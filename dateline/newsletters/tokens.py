"""Signed links: the confirmation link (expires) and the unsubscribe link (never expires, as
RFC 8058 links in old e-mails must keep working). Both are signed with SECRET_KEY; neither carries
the address itself."""

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

CONFIRM_SALT = "dateline.newsletters.confirm"
UNSUBSCRIBE_SALT = "dateline.newsletters.unsubscribe"


def hash_email(email: str) -> str:
    """A keyed hash of a normalised address, for lookups that must not read the address."""
    return salted_hmac("dateline.newsletters.email", normalise_email(email), algorithm="sha256").hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def confirmation_token(email_hash: str, subscription_ids: list[int]) -> str:
    return signing.dumps({"e": email_hash, "s": sorted(subscription_ids)}, salt=CONFIRM_SALT, compress=True)


def read_confirmation_token(token: str) -> tuple[str, list[int]] | None:
    """(email hash, subscription ids) the link vouches for, or None when forged or expired."""
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=settings.DATELINE_NEWSLETTER_CONFIRM_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("e"), str) or not isinstance(payload.get("s"), list):
        return None
    ids = [value for value in payload["s"] if isinstance(value, int)]
    return payload["e"], ids


def unsubscribe_token(subscription_id: int) -> str:
    return signing.dumps(subscription_id, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> int | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, int) else None
