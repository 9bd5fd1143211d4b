"""Site-wide lookups kept in each app process until the next purge: the site, its settings, the
navigation, whether any page is restricted.

Every request of an uncached page used to ask the database for the same few rows (the Site for the
host, three site settings, the front page and sections of the navigation, the view restrictions):
about a third of an article's render. They change only when an editor publishes, moves or deletes
a page or saves a setting, and each of those purges the caches (dateline.core.cache.purge), which
moves the shared record of the newest purge (LATEST_PURGE_KEY). A memo entry remembers that record
as it was when the entry was computed and counts for nothing once it has moved: so each process
drops the whole memo within one request of any purge, on every app host, with one shared-cache read
per request (which the page cache makes anyway).

If the shared cache cannot be read (Redis down), nothing is remembered: every request computes.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.http import HttpRequest

from .cache import purge_epoch

T = TypeVar("T")
_UNSET = object()


class ContentMemo:
    """Values computed from the content, valid until the next purge anywhere. Bounded, thread-safe.

    Values are shared by every request of the process: treat them as read-only.
    """

    def __init__(self, max_entries: int = 2048):
        self.max_entries = max_entries
        self._epoch: float | None = None
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self, request: HttpRequest | None, key: Hashable, compute: Callable[[], T], *, max_age: float | None = None
    ) -> T:
        """The remembered value, or compute and remember it; `max_age` (seconds) bounds values that
        also change with time (a week's most commented stories)."""
        epoch = purge_epoch(request)
        if epoch is None:
            return compute()
        now = time.monotonic()
        with self._lock:
            if self._epoch is None or epoch > self._epoch:
                self._entries.clear()
                self._epoch = epoch
            # A request that began before a purge another request has already seen (epoch older
            # than ours) computes for itself and stores nothing.
            found = self._entries.get(key, _UNSET) if epoch == self._epoch else _UNSET
            if found is not _UNSET and (max_age is None or now - found[1] < max_age):
                self._entries.move_to_end(key)
                return found[0]
        value = compute()
        with self._lock:
            if epoch == self._epoch:
                self._entries[key] = (value, now)
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._epoch = None


memo = ContentMemo()


def memoized_site(request: HttpRequest):
    """The request's Wagtail site, as Site.find_for_request finds it, from the memo."""
    from django.core.exceptions import DisallowedHost
    from wagtail.models import Site

    try:
        host = request.get_host()  # only hosts in ALLOWED_HOSTS get a memo entry
    except DisallowedHost:
        return Site.find_for_request(request)
    return memo.get(request, ("site", host, request.get_port()), lambda: Site._find_for_request(request))


class MemoizedSettingMixin:
    """For BaseSiteSetting models: for_request answers from the memo (saving a setting purges all)."""

    @classmethod
    def for_request(cls, request):
        from wagtail.models import Site

        attribute = cls.get_cache_attr_name()
        if hasattr(request, attribute):
            return getattr(request, attribute)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        value = memo.get(request, ("setting", cls._meta.label_lower, site.pk), lambda: cls.for_site(site))
        setattr(request, attribute, value)
        return value


def _any_view_restrictions() -> bool:
    from wagtail.models import PageViewRestriction

    return PageViewRestriction.objects.exists()


class MemoizedViewRestrictionsMixin:
    """For page models: no query for view restrictions while no page anywhere has one.

    Wagtail asks for a page's restrictions (its ancestors', two queries) on every serve; a newsroom
    rarely restricts pages. Adding or removing a restriction purges every page (core.apps).
    """

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def any_view_restrictions(request: HttpRequest | None = None) -> bool:
    return memo.get(request, "any-view-restrictions", _any_view_restrictions)


class MemoizedPublicQuerySetMixin:
    """For PageQuerySets: public() adds no query for restrictions while no page anywhere has one."""

    def public(self):
        if not any_view_restrictions():
            return self
        return super().public()
