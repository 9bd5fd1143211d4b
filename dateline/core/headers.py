"""What a response says to caches: who may share it, for how long, and its surrogate keys.

An anonymous GET/HEAD without a valid session or pending-comment cookie gets a public response with
`s-maxage`, an ETag, Last-Modified and `xkey` surrogate keys (the keys dateline.core.purge sends when
what the response shows changes); everything else is `private, no-store`.

Knows no other Dateline app: pages say their own keys through CacheKeysMixin, views with tag_response.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from importlib import import_module

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control, set_response_etag
from django.utils.http import http_date

# Set by the comments room after a reader posts; its holder sees their own pending comment. Signed
# with this salt and kept this long, so that the cache policy here can tell a real one from a made-up one.
PENDING_COOKIE_NAME = "dateline_pending"
PENDING_COOKIE_SALT = "dateline.comments.pending"
PENDING_COOKIE_MAX_AGE = 3 * 24 * 60 * 60
# Django's session keys: 32 lowercase letters and digits. Anything else names no session.
SESSION_KEY = re.compile(r"[a-z0-9]{32}")
# Sent by Varnish when it passes a request for its session or pending cookie (deploy/varnish); a
# response carrying COOKIE_VERDICT_HEADER: invalid tells it to serve the request as anonymous.
COOKIE_CHECK_HEADER = "X-Dateline-Cookie-Check"
COOKIE_VERDICT_HEADER = "X-Dateline-Cookie"
# Carried by every shared response: purged when something on every page changes (navigation, banner).
ALL_PAGES_KEY = "all"
# Carried by every response that lists articles (front, section, tag, person and archive pages,
# feeds, sitemaps, search): purged when any article is published, changed or taken down.
LISTINGS_KEY = "listings"
# Carried by the front pages; purged when one is published, moved or changed (the navigation and
# breadcrumbs start from it).
FRONT_PAGE_KEY = "front"
CACHEABLE_STATUSES = frozenset({200, 203, 204, 300, 301, 308, 404, 410})
SHORT_TTL_STATUSES = frozenset({404, 410})
UNCACHEABLE = "private, no-store"


# --- Surrogate keys -------------------------------------------------------------------------------


def path_key(path: str) -> str:
    """The key every shared response carries for its URL path (all query variants share it), so a
    purge by URL reaches Varnish by key too, whatever Host the cached copy was stored under."""
    return "path-" + hashlib.md5(path.encode(), usedforsecurity=False).hexdigest()[:20]


def tag_response(response: HttpResponse, keys: Iterable[str]) -> HttpResponse:
    """Add surrogate keys to a response: shared caches drop it when any of them is purged."""
    existing = getattr(response, "cache_keys", None) or set()
    response.cache_keys = existing | {key for key in keys if key}
    return response


class CacheKeysMixin:
    """For page models: the surrogate keys their response carries and what to purge when they change.

    Put it before Page in the bases (`class SectionPage(CacheKeysMixin, Page)`).
    """

    def get_cache_keys(self) -> list[str]:
        """Keys on this page's own response."""
        return [f"page-{self.pk}"]

    def get_purge_keys(self) -> list[str]:
        """Keys of every response that shows this page: its own and the listings that carry it."""
        return self.get_cache_keys()

    def get_purge_urls(self) -> list[str]:
        """Absolute URLs, besides the page's own, that show it (for caches that purge by URL only)."""
        return []

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            return response  # a draft, maybe not saved yet; previews are never cached
        return tag_response(response, self.get_cache_keys())


# --- Policy ---------------------------------------------------------------------------------------


def bypasses_shared_caches(request: HttpRequest) -> bool:
    """Logged-in editors and readers with a pending comment get pages of their own, never shared.

    Only a valid cookie counts: a pending-comment cookie whose signature verifies, a session cookie
    that names a stored session. A made-up one costs a signature check, or one session lookup when
    it looks like a session key (a cache read, and a primary-key query if the cache lacks it).
    """
    if not hasattr(request, "_dateline_bypasses_caches"):
        request._dateline_bypasses_caches = _has_valid_pending_cookie(request) or _has_stored_session(request)
    return request._dateline_bypasses_caches


def carries_bypass_cookie(request: HttpRequest) -> bool:
    """Whether the request has a session or pending-comment cookie at all, valid or not."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or PENDING_COOKIE_NAME in request.COOKIES


def forget_bypass_cookies(request: HttpRequest) -> None:
    """Serve the rest of this request as anonymous: its session and pending cookies proved invalid."""
    request.COOKIES.pop(settings.SESSION_COOKIE_NAME, None)
    request.COOKIES.pop(PENDING_COOKIE_NAME, None)


def _has_valid_pending_cookie(request: HttpRequest) -> bool:
    if PENDING_COOKIE_NAME not in request.COOKIES:
        return False
    try:
        request.get_signed_cookie(PENDING_COOKIE_NAME, salt=PENDING_COOKIE_SALT, max_age=PENDING_COOKIE_MAX_AGE)
    except (KeyError, ValueError, signing.BadSignature):
        return False
    return True


def _has_stored_session(request: HttpRequest) -> bool:
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    if not SESSION_KEY.fullmatch(key):
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore
    return bool(store().exists(key))


def is_excluded_path(path: str) -> bool:
    return path.startswith(tuple(settings.DATELINE_UNCACHED_PATH_PREFIXES))


def _directives(response: HttpResponse) -> set[str]:
    value = response.get("Cache-Control", "")
    return {part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(value) if part}


def _seconds_directive(response: HttpResponse, name: str) -> int | None:
    for part in cc_delim_re.split(response.get("Cache-Control", "")):
        key, _, value = part.partition("=")
        if key.strip().lower() == name and value.strip().isdigit():
            return int(value)
    return None


def make_private(response: HttpResponse) -> HttpResponse:
    """Keep a response out of every shared cache (a view's own never_cache header is kept)."""
    if not _directives(response) & {"private", "no-store"}:
        response.headers["Cache-Control"] = UNCACHEABLE
    return response


def make_public(request: HttpRequest, response: HttpResponse, *, rendered_at: float) -> int | None:
    """Give an anonymous GET/HEAD response the headers of a shared page, or make it private.

    Returns how many seconds shared caches may keep it, or None when it must stay private.
    """
    if response.status_code not in CACHEABLE_STATUSES or response.streaming or response.cookies:
        # A response that sets a cookie (a CSRF token, a message) belongs to one reader.
        make_private(response)
        return None
    directives = _directives(response)
    if directives & {"private", "no-store", "no-cache"}:
        return None
    if "Cache-Control" in response:
        # The view chose its own public lifetime (a feed, the search page): keep it.
        ttl = _seconds_directive(response, "s-maxage")
        if ttl is None:
            ttl = _seconds_directive(response, "max-age") or 0
    else:
        short = response.status_code in SHORT_TTL_STATUSES
        ttl = settings.DATELINE_NOT_FOUND_CACHE_SECONDS if short else settings.DATELINE_SHARED_CACHE_SECONDS
        patch_cache_control(
            response,
            public=True,
            max_age=min(settings.DATELINE_BROWSER_CACHE_SECONDS, ttl),
            s_maxage=ttl,
            stale_while_revalidate=settings.DATELINE_STALE_WHILE_REVALIDATE_SECONDS,
            stale_if_error=settings.DATELINE_STALE_IF_ERROR_SECONDS,
        )
    _drop_vary(response, {"cookie", "accept-language"})
    if not response.has_header("ETag"):
        set_response_etag(response)
    if not response.has_header("Last-Modified"):
        # The moment of rendering is always a true Last-Modified: a page's last_published_at is not,
        # since comments and listings change the page without publishing it.
        response.headers["Last-Modified"] = http_date(rendered_at)
    keys = getattr(response, "cache_keys", None) or set()
    response.headers["xkey"] = " ".join(sorted(keys | {ALL_PAGES_KEY, path_key(request.path)}))
    return ttl


def _drop_vary(response: HttpResponse, names: set[str]) -> None:
    """Remove Vary entries the shared response does not depend on.

    Cookie: shared copies only ever answer requests without a session or pending cookie, and every
    other cookie is ignored. Accept-Language: with i18n_patterns and prefix_default_language=False,
    LocaleMiddleware takes the language from the URL (unprefixed means LANGUAGE_CODE) yet still
    adds the header to unprefixed URLs.
    """
    if not response.has_header("Vary"):
        return
    kept = [v for v in cc_delim_re.split(response["Vary"]) if v and v.strip().lower() not in names]
    if kept:
        response.headers["Vary"] = ", ".join(kept)
    else:
        del response.headers["Vary"]
