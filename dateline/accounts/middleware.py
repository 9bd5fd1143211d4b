"""Staff sessions: they end after inactivity, and the admin waits for the second factor."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import ngettext

from . import two_factor
from .audit import record_sign_in_event
from .models import SignInEvent

LAST_SEEN = "dateline_last_seen"
# Writing the session on every request would cost a write per click; a minute is precise enough.
LAST_SEEN_PRECISION_SECONDS = 60
# Reachable before the second factor: signing in and out, resetting a password, and the step itself.
OPEN_BEFORE_SECOND_FACTOR = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    # Fetched by every admin page, the sign-in and second-factor pages included.
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "accounts:verify",
    "accounts:set_up",
}
# Besides Wagtail's admin: Django's, and documents (a private collection must not open to a password alone).
OTHER_GUARDED_PREFIXES = ("/django-admin/", "/documents/")


def _has_session(request) -> bool:
    # Anonymous readers carry no session cookie: their session is never loaded, so nothing is read,
    # written or added to Vary for them.
    return settings.SESSION_COOKIE_NAME in request.COOKIES and SESSION_KEY in request.session


class IdleSessionMiddleware:
    """Sign a staff member out after DATELINE_STAFF_IDLE_MINUTES without a request.

    Wagtail's page editor pings the server while it is open, so an article being written keeps its
    session; a forgotten dashboard or listing does not.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DATELINE_STAFF_IDLE_MINUTES and _has_session(request):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.DATELINE_STAFF_IDLE_MINUTES * 60:
                user = request.user if request.user.is_authenticated else None
                record_sign_in_event(kind=SignInEvent.Kind.SIGNED_OUT_IDLE, request=request, user=user)
                logout(request)
                minutes = settings.DATELINE_STAFF_IDLE_MINUTES
                messages.info(
                    request,
                    ngettext(
                        "You were signed out after %(minutes)d minute without activity. Sign in again to continue.",
                        "You were signed out after %(minutes)d minutes without activity. Sign in again to continue.",
                        minutes,
                    )
                    % {"minutes": minutes},
                )
            elif last_seen is None or now - last_seen >= LAST_SEEN_PRECISION_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """Before any admin page or document, a signed-in person who has a second factor must pass it,
    and an Editor or administrator without one must set one up (unless DATELINE_STAFF_2FA is off).
    Readers are never signed in, so they never meet it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path_info.startswith((reverse("wagtailadmin_home"), *OTHER_GUARDED_PREFIXES)):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if two_factor.has_second_factor(user):
            step = "accounts:verify"
        elif two_factor.second_factor_required(user):
            step = "accounts:set_up"
        else:
            return None
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
