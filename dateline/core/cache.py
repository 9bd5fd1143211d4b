"""Caching that is never wrong: who may share a response, its surrogate keys, and purging.

- Policy: an anonymous GET/HEAD without a session or pending-comment cookie gets a public response
  with `s-maxage`, `stale-while-revalidate`, `stale-if-error`, an ETag, Last-Modified and `xkey`
  surrogate keys; everything else is `private, no-store`.
- App page cache (PageCacheMiddleware): whole pages in the "pages" cache alias. A purge never has
  to find entries: it writes a timestamp per surrogate key (and per URL path), and an entry made by a
  request that started before the newest timestamp of any of its keys is dead.
- Purging: `purge(urls=..., keys=...)` runs Wagtail's frontend-cache backends in a background task
  once the transaction commits: AppCacheBackend (always), VarnishBackend (HTTP PURGE per URL and
  an `xkey-purge` request), Cloudflare and CloudFront (URLs).

Knows no other Dateline app: pages say their own keys through CacheKeysMixin.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import urlopen

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control, set_response_etag
from django.utils.http import http_date, parse_http_date_safe
from wagtail import __version__ as wagtail_version
from wagtail import hooks
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Set by the comments room after a reader posts; its holder sees their own pending comment.
PENDING_COOKIE_NAME = "dateline_pending"
# Carried by every shared response: purged when something on every page changes (navigation, banner).
ALL_PAGES_KEY = "all"
CACHEABLE_STATUSES = frozenset({200, 203, 204, 300, 301, 308, 404, 410})
SHORT_TTL_STATUSES = frozenset({404, 410})
PAGE_CACHE_ALIAS = "pages"
LATEST_PURGE_KEY = "purged-latest"
# Entries from requests that began up to this long after a purge also die: covers clock skew
# between app hosts (NTP keeps it to milliseconds). Kept small: every request in this window renders.
PURGE_SKEW_SECONDS = 0.05
UNCACHEABLE = "private, no-store"


# --- Surrogate keys -------------------------------------------------------------------------------


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
    """Logged-in editors and readers with a pending comment get pages of their own, never shared."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or PENDING_COOKIE_NAME in cookies


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
    response.headers["xkey"] = " ".join(sorted(keys | {ALL_PAGES_KEY}))
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


# --- App page cache -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CachedPage:
    """One stored response: enough to answer a hit without running a view or touching the database."""

    rendered_at: float
    fresh_until: float
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    keys: tuple[str, ...]
    etag: str
    last_modified: int

    def to_response(self, request: HttpRequest, *, now: float) -> HttpResponse:
        response = HttpResponse(b"" if request.method == "HEAD" else self.body, status=self.status)
        # The headers were validated when stored: copy them in without re-encoding each one (the
        # hit path's largest cost otherwise). _store is ResponseHeaders' case-insensitive dict.
        response.headers._store = {name.lower(): (name, value) for name, value in self.headers}
        response.headers["Age"] = str(max(0, int(now - self.rendered_at)))
        return response


class RecentPages:
    """This process's copies of the pages it served last, beside the shared cache.

    Safe because entries never change and are never deleted to purge them: each copy remembers
    the newest purge time it was checked against, and is checked again when that has moved.
    """

    def __init__(self, max_entries: int = 128):
        self.max_entries = max_entries
        self._entries: OrderedDict[str, tuple[CachedPage, float | None]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[CachedPage, float | None] | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: str, entry: CachedPage, checked_against: float | None) -> None:
        with self._lock:
            self._entries[key] = (entry, checked_against)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def drop(self, key: str) -> None:
        with self._lock:
            self._entries.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


recent_pages = RecentPages()


def page_cache():
    return caches[PAGE_CACHE_ALIAS]


def page_cache_key(request: HttpRequest) -> str:
    """Scheme, host, path and the query string with its parameters sorted (?page= and ?q= count)."""
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    raw = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return "page:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def path_key(path: str) -> str:
    """The implicit key of every entry for one path: a purge by URL drops all its query variants."""
    return "path:" + path


def _marker(key: str) -> str:
    return "purged:" + key


def _marker_timeout() -> int:
    return settings.DATELINE_PAGE_CACHE_SECONDS + settings.DATELINE_STALE_IF_ERROR_SECONDS + 60


def read_page(key: str, *, now: float, request: HttpRequest | None = None) -> tuple[CachedPage | None, str]:
    """The stored page and its state: "fresh", "expired" (usable if rendering fails), "purged" or "miss".

    Costs one shared read (the newest purge time) when nothing was purged since the page was
    last checked, and a second (its keys' purge times) when something was.
    """
    cache = page_cache()
    # Read once per request: fragments and core.memo use it too. With no record of purges (new or
    # flushed cache) it starts one, so pages made before it get checked.
    latest = purge_epoch(request, now=now)
    recent = recent_pages.get(key)
    if recent is not None and latest is not None and recent[1] == latest:
        entry = recent[0]
    else:
        # A local copy not checked against this record of purges (or with no record at all: the
        # shared cache was flushed, and the purges with it) counts for nothing.
        entry = cache.get(key)
        if not isinstance(entry, CachedPage):
            return None, "miss"
        if latest is None or latest + PURGE_SKEW_SECONDS >= entry.rendered_at:
            # Something was purged after this page was made (or the record of purges is gone):
            # look at its own keys.
            markers = cache.get_many([_marker(k) for k in entry.keys])
            if markers and max(markers.values()) + PURGE_SKEW_SECONDS >= entry.rendered_at:
                recent_pages.drop(key)
                return entry, "purged"
        recent_pages.put(key, entry, latest)
    return entry, "fresh" if now < entry.fresh_until else "expired"


EPOCH_ATTRIBUTE = "_dateline_purge_epoch"
_UNSET = object()
# The request this thread is serving (core.middleware.SiteMiddleware), for code Wagtail calls without
# it (view restrictions): the newest purge time is still read once per request.
current_request: ContextVar[HttpRequest | None] = ContextVar("dateline_current_request", default=None)


def purge_epoch(request: HttpRequest | None, *, now: float | None = None) -> float | None:
    """The newest purge time in the shared cache, read once per request; None when it cannot be read."""
    if request is None:
        request = current_request.get()
    if request is not None:
        epoch = getattr(request, EPOCH_ATTRIBUTE, _UNSET)
        if epoch is not _UNSET:
            return epoch
    cache = page_cache()
    epoch = cache.get(LATEST_PURGE_KEY)
    if epoch is None:
        # No record yet (new or flushed cache): start one.
        cache.add(LATEST_PURGE_KEY, time.time() if now is None else now, timeout=_marker_timeout())
        epoch = cache.get(LATEST_PURGE_KEY)
    if request is not None:
        setattr(request, EPOCH_ATTRIBUTE, epoch)
    return epoch


def store_page(key: str, request: HttpRequest, response: HttpResponse, *, rendered_at: float, ttl: int) -> None:
    ttl = min(ttl, settings.DATELINE_PAGE_CACHE_SECONDS)
    if ttl <= 0:
        return
    keys = set(getattr(response, "cache_keys", None) or ()) | {ALL_PAGES_KEY, path_key(request.path)}
    last_modified = response.get("Last-Modified", "")
    entry = CachedPage(
        rendered_at=rendered_at,
        fresh_until=rendered_at + ttl,
        status=response.status_code,
        headers=tuple((name, value) for name, value in response.items() if name.lower() != "age"),
        body=response.content,
        keys=tuple(sorted(keys)),
        etag=response.get("ETag", ""),
        last_modified=parse_http_date_safe(last_modified) or int(rendered_at),
    )
    cache = page_cache()
    # Kept past its freshness so it can stand in while the database is down (stale-if-error).
    cache.set(key, entry, timeout=ttl + settings.DATELINE_STALE_IF_ERROR_SECONDS)
    # Start the record of purges if there is none, with a value no earlier record had, so copies
    # checked before a flush of the shared cache are never taken as checked after it.
    cache.add(LATEST_PURGE_KEY, time.time(), timeout=_marker_timeout())


# --- Fragments -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CachedFragment:
    rendered_at: float
    keys: tuple[str, ...]
    value: object


def cached_fragment(
    request: HttpRequest | None,
    name: str,
    keys: Iterable[str],
    compute: Callable[[], T],
    *,
    keys_of: Callable[[T], Iterable[str]] | None = None,
) -> T:
    """A costly part of a page, kept in the page cache until a purge of any of its surrogate keys.

    The same rule as whole pages: an entry made before the newest purge of one of its keys is dead.
    Costs one shared read when nothing was purged since the entry was made, two when something was.
    `keys_of` adds keys that only the value knows (the tags and people it holds). Previews and a
    cache that cannot be read compute every time. Fragments outlive deploys: change
    the name when the shape of the value changes (comments-v2), so new code never reads an old shape.
    """
    seconds = settings.DATELINE_FRAGMENT_CACHE_SECONDS
    if seconds <= 0 or getattr(request, "is_preview", False):
        return compute()
    keys = tuple(sorted({*keys, ALL_PAGES_KEY}))
    cache_key = "fragment:" + hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()
    cache = page_cache()
    started = time.time()
    latest = purge_epoch(request)
    entry = cache.get(cache_key) if latest is not None else None
    if isinstance(entry, CachedFragment) and (keys_of is not None or entry.keys == keys):
        if latest + PURGE_SKEW_SECONDS < entry.rendered_at:
            return entry.value  # nothing at all was purged since it was made
        markers = cache.get_many([_marker(key) for key in entry.keys])
        if not markers or max(markers.values()) + PURGE_SKEW_SECONDS < entry.rendered_at:
            return entry.value
    value = compute()
    if keys_of is not None:
        keys = tuple(sorted({*keys, *keys_of(value)}))
    if latest is not None:
        # Stamped with the time before computing: a purge committed while it computed kills it.
        # Never outlives the purge markers it is checked against.
        cache.set(cache_key, CachedFragment(started, keys, value), timeout=min(seconds, _marker_timeout()))
    return value


class AppCacheBackend(BaseBackend):
    """Wagtail frontend-cache backend for Dateline's own page cache: purges by URL path and by key."""

    def purge(self, url) -> None:
        self.purge_batch([url])

    def purge_batch(self, urls) -> None:
        self._mark(path_key(urlsplit(url).path or "/") for url in urls)

    def purge_keys(self, keys: Iterable[str], *, hard: bool = False) -> None:
        # Every purge of the app cache is hard: a purged entry is never served again.
        self._mark(keys)

    def _mark(self, keys: Iterable[str]) -> None:
        now = time.time()
        cache = page_cache()
        cache.set_many({_marker(key): now for key in keys}, timeout=_marker_timeout())
        # Written last: readers that see it also see the markers.
        cache.set(LATEST_PURGE_KEY, now, timeout=_marker_timeout())


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend plus xkey: `PURGE /` with `xkey-purge: <keys>` (see deploy/)."""

    KEYS_PER_REQUEST = 50

    def __init__(self, params):
        self.location = params["LOCATION"].rstrip("/")
        super().__init__(params)

    def purge_keys(self, keys: Iterable[str], *, hard: bool = False) -> None:
        keys = sorted(set(keys))
        for start in range(0, len(keys), self.KEYS_PER_REQUEST):
            chunk = " ".join(keys[start : start + self.KEYS_PER_REQUEST])
            headers = {"xkey-purge": chunk, "User-Agent": "Wagtail-frontendcache/" + wagtail_version}
            if hard:
                headers["xkey-mode"] = "hard"
            request = PurgeRequest(url=self.location + "/", headers=headers)
            try:
                urlopen(request, timeout=5)  # noqa: S310 - the operator sets the location (DATELINE_VARNISH_URL)
            except HTTPError as error:
                logger.error("Could not purge keys from Varnish at %s: HTTP %d", self.location, error.code)
            except (URLError, OSError) as error:
                logger.error("Could not purge keys from Varnish at %s: %s", self.location, error)


# --- Purging --------------------------------------------------------------------------------------


def purge(*, urls: Iterable[str] = (), keys: Iterable[str] = (), hard: bool = False) -> None:
    """Drop these absolute URLs and surrogate keys from the app cache and every frontend cache.

    Runs in a background task once the current transaction commits, so no cache refills with the
    old content between the purge and the commit. A soft purge lets Varnish serve the old copy from
    grace while it fetches the new one; `hard` (a story taken down) lets nothing serve it again.
    """
    from .tasks import purge_caches

    urls, keys = sorted(set(urls)), sorted(set(keys))
    if urls or keys:
        transaction.on_commit(lambda: purge_caches.enqueue(urls, keys, hard))


def purge_keys(keys: Iterable[str]) -> None:
    purge(keys=keys)


def page_urls(page) -> list[str]:
    """A page's own absolute URLs, including its extra routes (Wagtail's get_cached_paths)."""
    page_url = page.get_full_url()
    if not page_url:
        return []
    return [page_url + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()]


def purge_page(page, *, hard: bool = False) -> None:
    """Purge a page and everything that shows it: its keys, its URLs, and the URLs hooks add.

    Other rooms add URLs with the `dateline_purge_urls_for_page` hook: fn(page) -> list of URLs.
    """
    page = page.specific
    urls = page_urls(page)
    keys = [f"page-{page.pk}"]
    if isinstance(page, CacheKeysMixin):
        urls += page.get_purge_urls()
        keys = page.get_purge_keys()
    for hook in hooks.get_hooks("dateline_purge_urls_for_page"):
        urls += list(hook(page) or [])
    purge(urls=urls, keys=keys, hard=hard)


def purge_all_pages(*, hard: bool = False) -> None:
    """For what every page shows (navigation, site settings, the breaking-news banner)."""
    purge(keys=[ALL_PAGES_KEY], hard=hard)


def purge_all_on_site_setting_change(sender, instance, **kwargs) -> None:
    """post_save receiver: a site setting (outlet code, banner, share targets) shows on every page."""
    from wagtail.contrib.settings.models import BaseSiteSetting

    if isinstance(instance, BaseSiteSetting):
        purge_all_pages()


def purge_all_on_site_change(sender, instance, **kwargs) -> None:
    """post_save/post_delete receiver for Site and Locale: which site and language a URL serves."""
    purge_all_pages()


def purge_all_on_restriction_change(sender, instance, **kwargs) -> None:
    """post_save/post_delete receiver for PageViewRestriction.

    A page just made private must not be served again from any copy, not even from grace (hard);
    every page, because a restriction covers a whole subtree.
    """
    purge_all_pages(hard=True)
