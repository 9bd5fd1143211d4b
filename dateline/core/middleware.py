"""Request-level caching and failure handling: the app's own page cache and the 503 page."""

import logging
import sys
import time

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from .headers import (
    COOKIE_CHECK_HEADER,
    COOKIE_VERDICT_HEADER,
    UNCACHEABLE,
    bypasses_shared_caches,
    carries_bypass_cookie,
    forget_bypass_cookies,
    is_excluded_path,
    make_private,
    make_public,
)
from .memo import memoized_site
from .page_store import page_cache_key, read_page, store_page
from .purge import current_request, purge_generation
from .views import database_unavailable

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
CACHE_STATUS_HEADER = "X-Dateline-Cache"


class PageCacheMiddleware:
    """Serve anonymous readers whole pages from the app cache, and set every response's cache policy.

    Sits just after SecurityMiddleware and WhiteNoise: a hit costs one cache read for the page and
    one indexed query for its keys' purges, and skips sessions, auth, CSRF, locale and the view.
    Requests with a valid session or pending-comment cookie pass straight through and get `private,
    no-store`; a made-up one is dropped and the request served as anonymous (from this cache, or, when
    Varnish asks, by telling Varnish to serve its own copy).

    A database error anywhere below becomes the 503 page. No stored page stands in for it: without
    the database nobody can tell whether the page was taken down since it was stored (Varnish, in
    front, may still serve what it holds from grace).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_excluded_path(request.path):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return make_private(self._respond(request))
        try:
            personal = bypasses_shared_caches(request)
        except DATABASE_ERRORS:
            # The session store cannot say whose cookie this is, nor could the page be rendered.
            return database_unavailable(request)
        if personal:
            return make_private(self._respond(request))
        if carries_bypass_cookie(request):
            forget_bypass_cookies(request)
            if request.headers.get(COOKIE_CHECK_HEADER):
                # Varnish passed this request for its cookie: it restarts it as anonymous, from its cache.
                return invalid_cookie_verdict()

        now = time.time()
        key, generation = None, None
        if settings.DATELINE_PAGE_CACHE_SECONDS > 0:
            try:
                key = page_cache_key(request)
                entry = read_page(key, now=now)
                # Read before rendering: a purge that commits while the page renders makes it stale.
                generation = purge_generation(request) if entry is None else None
            except DisallowedHost:
                key, entry = None, None
            except DATABASE_ERRORS:
                # Nothing stored can be vouched for: render (views that need no database still answer).
                key, entry = None, None
            if entry is not None:
                response = get_conditional_response(
                    request,
                    etag=entry.etag or None,
                    last_modified=entry.last_modified,
                    response=entry.to_response(request, now=now),
                )
                response.headers[CACHE_STATUS_HEADER] = "hit"
                return response

        response = self._respond(request)
        ttl = make_public(request, response, rendered_at=now)
        if ttl is None:
            return response
        if key is not None and request.method == "GET":
            store_page(key, request, response, generation=generation, rendered_at=now, ttl=ttl)
            response.headers[CACHE_STATUS_HEADER] = "miss"
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )

    def _respond(self, request):
        response = self.get_response(request)
        if getattr(request, "_dateline_database_error", False) and response.status_code == 500:
            # Raised outside the view (session or auth middleware): Django already made it a 500.
            return database_unavailable(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning("Database unavailable while serving a request: %s", type(exception).__name__)
            return database_unavailable(request)
        return None


def invalid_cookie_verdict() -> HttpResponse:
    response = HttpResponse(status=204)
    response.headers[COOKIE_VERDICT_HEADER] = "invalid"
    response.headers["Cache-Control"] = UNCACHEABLE
    return response


class SiteMiddleware:
    """Find the request's Wagtail site once per purge per process, not once per request (core.memo)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_excluded_path(request.path):
            return self.get_response(request)
        token = current_request.set(request)
        try:
            if not hasattr(request, "_wagtail_site"):
                request._wagtail_site = memoized_site(request)
            return self.get_response(request)
        finally:
            current_request.reset(token)


def _note_database_error(sender, request=None, **kwargs):
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_ERRORS):
        request._dateline_database_error = True


got_request_exception.connect(_note_database_error, dispatch_uid="dateline.core.middleware.database_error")
