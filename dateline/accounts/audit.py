"""The staff sign-in audit log: what happened at the door, written from auth's and axes' signals."""

from axes.helpers import get_client_ip_address
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

from .models import SignInEvent, User


def hash_client_address(request: HttpRequest | None) -> str:
    """A keyed hash of the client's address, found the way the throttle finds it ("" without one).

    Keyed by SECRET_KEY, so the log tells attempts from one place apart without naming the place.
    """
    if request is None:
        return ""
    address = get_client_ip_address(request) or ""
    return salted_hmac("dateline.accounts.address", address, algorithm="sha256").hexdigest() if address else ""


def record_sign_in_event(
    *, kind: SignInEvent.Kind, request: HttpRequest | None = None, user: User | None = None, username: str = ""
) -> SignInEvent:
    """Add one line to the sign-in log; the username is the account's, or as typed when there is none."""
    if user is not None and not username:
        username = user.get_username()
    return SignInEvent.objects.create(
        kind=kind,
        user=user,
        username=(username or "")[:150],
        address_hash=hash_client_address(request),
    )


def on_user_logged_in(sender, request, user, **kwargs):
    record_sign_in_event(kind=SignInEvent.Kind.SIGNED_IN, request=request, user=user)


def on_user_login_failed(sender, credentials, request=None, **kwargs):
    # A refusal during a lock-out is recorded once, as such, by on_user_locked_out.
    if request is not None and getattr(request, "axes_locked_out", False):
        return
    # Django has already masked the password in credentials; only the username is kept.
    record_sign_in_event(kind=SignInEvent.Kind.FAILED, request=request, username=str(credentials.get("username", "")))


def on_user_locked_out(sender, request, username=None, **kwargs):
    record_sign_in_event(kind=SignInEvent.Kind.LOCKED_OUT, request=request, username=username or "")
