"""Purging: one path from a change to every cache that shows it, recorded with the change itself.

`purge(urls=..., keys=...)` runs inside the transaction of the change and:

1. raises the purge generation (PurgeCounter, one row, so generations follow commit order) and
   stamps each surrogate key and URL path with it (PurgedKey). The app's page cache and each
   process's memo check what they keep against these rows, so a purge commits or rolls back with
   the change it purges: it cannot be lost, evicted, or misjudged by a host's clock.
2. when Varnish or a CDN is configured, writes what they owe as a PendingPurge row. Once the change
   commits, a background task delivers it and deletes the row; a delivery that fails stays, is
   logged, is shown to editors on the admin dashboard and is retried by `dateline retry_purges`.

Every purge is hard: no cache serves the old copy again, not even while it fetches the new one.
Knows no other Dateline app: pages say their keys (headers.CacheKeysMixin), other rooms add URLs with
the `dateline_purge_urls_for_page` hook.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import urlopen

from django.db import transaction
from django.db.models import Exists, F
from django.http import HttpRequest
from wagtail import __version__ as wagtail_version
from wagtail import hooks
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache

from . import models as core_models  # the module, not its names: core.models imports the memo, which imports us
from .headers import ALL_PAGES_KEY, CacheKeysMixin, path_key

logger = logging.getLogger(__name__)
# Wagtail's frontend-cache backends report failures only by logging to this logger.
FRONTEND_CACHE_LOGGER = "wagtail.frontendcache"
GENERATION_ATTRIBUTE = "_dateline_purge_generation"
# PurgedKey.key holds this much; longer keys (long URL paths) are stored as their hash.
MAX_KEY_LENGTH = 255

# The request this thread is serving (core.middleware.SiteMiddleware), for code that is called
# without it (templates, querysets): the generation is still read once per request.
current_request: ContextVar[HttpRequest | None] = ContextVar("dateline_current_request", default=None)


def stored_key(key: str) -> str:
    """The key as PurgedKey stores it."""
    if len(key) <= MAX_KEY_LENGTH:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


# --- Generations: what the app's own caches check ----------------------------------------------------


def purge_generation(request: HttpRequest | None = None) -> int:
    """The newest purge generation, read from the database once per request.

    Read it before reading the content a kept value is made of: a change that commits afterwards
    has a higher generation, so the value counts as stale.
    """
    if request is None:
        request = current_request.get()
    if request is not None:
        found = request.__dict__.get(GENERATION_ATTRIBUTE)
        if found is not None:
            return found
    counter = core_models.PurgeCounter.objects.filter(pk=1).values_list("generation", flat=True)
    generation = counter.first() or 0
    if request is not None:
        setattr(request, GENERATION_ATTRIBUTE, generation)
    return generation


def unchanged_since(keys: Iterable[str], generation: int) -> bool:
    """Whether none of these keys was purged after `generation`, in one indexed query.

    A generation above the counter's (a database restored from an older backup) counts as changed.
    """
    stored = [stored_key(key) for key in keys]
    purged = core_models.PurgedKey.objects.filter(key__in=stored, generation__gt=generation)
    answer = (
        core_models.PurgeCounter.objects.filter(pk=1, generation__gte=generation)
        .annotate(purged=Exists(purged))
        .values_list("purged", flat=True)
    )
    return list(answer) == [False]


def keys_purged_after(generation: int, *, limit: int) -> frozenset[str] | None:
    """The keys (as stored) purged after `generation`, or None when there are more than `limit`."""
    purged = core_models.PurgedKey.objects.filter(generation__gt=generation).values_list("key", flat=True)
    found = frozenset(purged[: limit + 1])
    return None if len(found) > limit else found


def record_purge(keys: Iterable[str]) -> int:
    """Raise the purge generation and stamp these keys with it, in the caller's transaction."""
    counter, purged_key = core_models.PurgeCounter, core_models.PurgedKey
    with transaction.atomic():
        # The UPDATE locks the row until commit: the next purge waits, so generations follow commit order.
        if not counter.objects.filter(pk=1).update(generation=F("generation") + 1):
            counter.objects.get_or_create(pk=1)
            counter.objects.filter(pk=1).update(generation=F("generation") + 1)
        generation = counter.objects.values_list("generation", flat=True).get(pk=1)
        purged_key.objects.bulk_create(
            [purged_key(key=stored_key(key), generation=generation) for key in sorted(set(keys))],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["generation"],
        )
    return generation


# --- The purge API ----------------------------------------------------------------------------------


def purge(*, urls: Iterable[str] = (), keys: Iterable[str] = ()) -> None:
    """Drop these absolute URLs and surrogate keys from the app's caches and every frontend cache.

    Call it inside the transaction of the change: the app's caches see the purge exactly when they
    can see the change, and Varnish or the CDN get it after the commit (a PendingPurge until then).
    """
    urls = sorted(set(urls))
    keys = sorted({*keys, *(path_key(urlsplit(url).path or "/") for url in urls)})
    if not keys:
        return
    with transaction.atomic():
        record_purge(keys)
        if frontend_backends():
            pending = core_models.PendingPurge.objects.create(urls=urls, keys=keys)
            transaction.on_commit(lambda: _enqueue_delivery([pending.pk]))


def _enqueue_delivery(ids: list[int]) -> None:
    from .tasks import deliver_purges

    deliver_purges.enqueue(ids)


def page_urls(page) -> list[str]:
    """A page's own absolute URLs, including its extra routes (Wagtail's get_cached_paths)."""
    page_url = page.get_full_url()
    if not page_url:
        return []
    return [page_url + path.lstrip("/") for path in page.specific_deferred.get_cached_paths()]


def purge_page(page) -> None:
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
    purge(urls=urls, keys=keys)


def purge_all_pages() -> None:
    """For what every page shows (navigation, site settings, the breaking-news banner, access)."""
    purge(keys=[ALL_PAGES_KEY])


def purge_all_on_site_setting_change(sender, instance, **kwargs) -> None:
    """post_save receiver: a site setting (outlet code, banner, share targets) shows on every page."""
    from wagtail.contrib.settings.models import BaseSiteSetting

    if isinstance(instance, BaseSiteSetting):
        purge_all_pages()


def purge_all_on_change(sender, instance, **kwargs) -> None:
    """post_save/post_delete receiver for Site, Locale and PageViewRestriction: which site and
    language a URL serves, and who may see a whole subtree."""
    purge_all_pages()


# --- Delivery to Varnish and CDNs ------------------------------------------------------------------


def frontend_backends() -> dict:
    """The configured Varnish and CDN backends (WAGTAILFRONTENDCACHE), by name."""
    return get_backends()


@contextmanager
def _logged_failures() -> Iterator[list[str]]:
    """Collect what the frontend-cache backends log as errors while delivering."""
    failures: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            failures.append(record.getMessage())

    handler = Collect(level=logging.ERROR)
    backend_logger = logging.getLogger(FRONTEND_CACHE_LOGGER)
    backend_logger.addHandler(handler)
    try:
        yield failures
    finally:
        backend_logger.removeHandler(handler)


def deliver(pending) -> bool:
    """Send one PendingPurge to every frontend backend; delete it when all took it, else keep it with its error."""
    backends = frontend_backends()
    with _logged_failures() as failures:
        try:
            if pending.keys:
                for backend in backends.values():
                    if hasattr(backend, "purge_keys"):
                        backend.purge_keys(pending.keys)
            if pending.urls:
                purge_urls_from_cache(pending.urls, backends=list(backends))
        except Exception as error:  # noqa: BLE001 - any failure of a third party's API keeps the purge owed
            failures.append(f"{type(error).__name__}: {error}")
    if not failures:
        pending.delete()
        return True
    pending.attempts += 1
    pending.last_error = "\n".join(failures)[:2000]
    pending.save(update_fields=["attempts", "last_error"])
    logger.error("Purge %s not delivered (attempt %d): %s", pending.pk, pending.attempts, failures[0])
    return False


def deliver_pending(ids: Iterable[int] | None = None) -> tuple[int, int]:
    """Deliver owed purges (these ids, or all of them): (delivered, still owed)."""
    pending = core_models.PendingPurge.objects.all()
    if ids is not None:
        pending = pending.filter(pk__in=list(ids))
    delivered = failed = 0
    for row in pending:
        if deliver(row):
            delivered += 1
        else:
            failed += 1
    return delivered, failed


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP PURGE backend plus xkey: `PURGE /` with `xkey-purge: <keys>` (see deploy/)."""

    KEYS_PER_REQUEST = 50
    TIMEOUT_SECONDS = 5

    def __init__(self, params):
        self.location = params["LOCATION"].rstrip("/")
        super().__init__(params)

    def purge_keys(self, keys: Iterable[str]) -> None:
        keys = sorted(set(keys))
        for start in range(0, len(keys), self.KEYS_PER_REQUEST):
            headers = {
                "xkey-purge": " ".join(keys[start : start + self.KEYS_PER_REQUEST]),
                "xkey-mode": "hard",
                "User-Agent": "Wagtail-frontendcache/" + wagtail_version,
            }
            request = PurgeRequest(url=self.location + "/", headers=headers)
            try:
                # The operator sets the location (DATELINE_VARNISH_URL).
                urlopen(request, timeout=self.TIMEOUT_SECONDS)  # noqa: S310
            except HTTPError as error:
                _backend_logger().error("Could not purge keys from Varnish at %s: HTTP %d", self.location, error.code)
            except (URLError, OSError) as error:
                _backend_logger().error("Could not purge keys from Varnish at %s: %s", self.location, error)


def _backend_logger() -> logging.Logger:
    return logging.getLogger(FRONTEND_CACHE_LOGGER)
