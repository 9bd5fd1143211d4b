"""Site-wide lookups kept in each app process until the next purge: the site, its settings, the
navigation, the breadcrumb trail, rows only editors change.

Every request of an uncached page used to ask the database for the same few rows (the Site for the
host, three site settings, the front page and sections of the navigation): about a third of an
article's render. They change only when an editor publishes, moves or deletes a page or saves a
setting, and each of those purges (dateline.core.purge), which raises the purge generation in the
same transaction. A memo entry remembers the generation it was computed at and counts for nothing
once the generation has moved: each process reads it once per request (one single-row query), so
every process drops the whole memo on its first request after any purge, and no purge can be lost
on the way. Entries also expire after MAX_AGE_SECONDS, for changes made behind Dateline's back.

Nothing here decides who may see what: view restrictions are read per request (any_view_restrictions).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.http import HttpRequest

from . import purge  # the module, not its names: purge imports core.models, which imports us

T = TypeVar("T")
_UNSET = object()
MAX_AGE_SECONDS = 300


class ContentMemo:
    """Values computed from the content, valid until the next purge anywhere. Bounded in size and age,
    thread-safe.

    Values are shared by every request of the process: treat them as read-only.
    """

    def __init__(self, max_entries: int = 2048):
        self.max_entries = max_entries
        self._epoch: int | None = None
        self._entries: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self, request: HttpRequest | None, key: Hashable, compute: Callable[[], T], *, max_age: float | None = None
    ) -> T:
        """The remembered value, or compute and remember it; `max_age` (seconds) bounds values that
        also change with time (a week's most commented stories); MAX_AGE_SECONDS bounds them all."""
        epoch = purge.purge_generation(request)
        max_age = MAX_AGE_SECONDS if max_age is None else min(max_age, MAX_AGE_SECONDS)
        now = time.monotonic()
        with self._lock:
            if self._epoch is None or epoch > self._epoch:
                self._entries.clear()
                self._epoch = epoch
            # A request that began before a purge another request has already seen (epoch older
            # than ours) computes for itself and stores nothing.
            found = self._entries.get(key, _UNSET) if epoch == self._epoch else _UNSET
            if found is not _UNSET and now - found[1] < max_age:
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


VIEW_RESTRICTIONS_ATTRIBUTE = "_dateline_any_view_restrictions"


class MemoizedViewRestrictionsMixin:
    """For page models: no query for a page's view restrictions while no page anywhere has one.

    Wagtail asks for a page's restrictions (its ancestors') on every serve; a newsroom rarely
    restricts pages, so one cheap query per request answers for every page and listing it shows.
    """

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def any_view_restrictions(request: HttpRequest | None = None) -> bool:
    """Whether any page has a view restriction: asked once per request, never kept longer (it decides access)."""
    from wagtail.models import PageViewRestriction

    if request is None:
        request = purge.current_request.get()
    found = None if request is None else request.__dict__.get(VIEW_RESTRICTIONS_ATTRIBUTE)
    if found is None:
        found = PageViewRestriction.objects.exists()
        if request is not None:
            setattr(request, VIEW_RESTRICTIONS_ATTRIBUTE, found)
    return found


class MemoizedPublicQuerySetMixin:
    """For PageQuerySets: public() adds no query for restrictions while no page anywhere has one."""

    def public(self):
        if not any_view_restrictions():
            return self
        return super().public()
