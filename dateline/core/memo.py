"""Site-wide lookups kept in each app process until what they are made of is purged: the site, its
settings, the navigation, the breadcrumb trail, photo and person rows, the front page's stories.

Every request of an uncached page used to ask the database for the same few rows (the Site for the
host, three site settings, the front page and sections of the navigation): about a third of an
article's render. They change only when an editor publishes, moves or deletes a page, edits a photo
or a person, or saves a setting, and each of those purges (dateline.core.purge): in the same
transaction it raises the purge generation and stamps the purged surrogate keys with it.

Each entry names the keys it is made of (`keys=`; the key "all" is implied, and an entry that names
none counts as made of everything). Each process reads the generation once per request (one
single-row query); when it has moved since the memo last looked, one more query reads which keys
were purged since, and every entry made of one of them is dropped. So an edit of one story
leaves the navigation, the settings and the other stories' rows standing, and no purge can be
lost on the way: the stamps commit with the change. Entries also expire after MAX_AGE_SECONDS,
for changes made behind Dateline's back.

Nothing here decides who may see what: view restrictions are read per request (any_view_restrictions).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from django.http import HttpRequest

from . import purge  # the module, not its names: purge imports core.models, which imports us
from .headers import ALL_PAGES_KEY, FRONT_PAGE_KEY

T = TypeVar("T")
_UNSET = object()
MAX_AGE_SECONDS = 300
# Past this many keys purged since the memo last looked, dropping everything is cheaper than sorting.
MAX_PURGED_KEYS = 500


class ContentMemo:
    """Values computed from the content, each valid until one of its keys is purged. Bounded in
    size and age, thread-safe.

    Values are shared by every request of the process: treat them as read-only.
    """

    def __init__(self, max_entries: int = 2048):
        self.max_entries = max_entries
        self._epoch: int | None = None
        # key -> (value, monotonic time stored, the surrogate keys it is made of or None for all)
        self._entries: OrderedDict[Hashable, tuple[object, float, frozenset[str] | None]] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self,
        request: HttpRequest | None,
        key: Hashable,
        compute: Callable[[], T],
        *,
        keys: Iterable[str] | Callable[[T], Iterable[str]] | None = None,
        max_age: float | None = None,
    ) -> T:
        """The remembered value, or compute and remember it.

        `keys`: the surrogate keys whose purge makes the value stale, or a function of the value that
        says them (None: any purge does).
        `max_age` (seconds) bounds values that also change with time (a week's most commented
        stories); MAX_AGE_SECONDS bounds them all."""
        epoch = purge.purge_generation(request)
        max_age = MAX_AGE_SECONDS if max_age is None else min(max_age, MAX_AGE_SECONDS)
        now = time.monotonic()
        with self._lock:
            self._catch_up(epoch)
            # A request that began before a purge another request has already seen (epoch older
            # than ours) computes for itself and stores nothing.
            found = self._entries.get(key, _UNSET) if epoch == self._epoch else _UNSET
            if found is not _UNSET and now - found[1] < max_age:
                self._entries.move_to_end(key)
                return found[0]
        value = compute()
        if callable(keys):
            keys = keys(value)
        made_of = None if keys is None else frozenset(purge.stored_key(k) for k in keys)
        with self._lock:
            if epoch == self._epoch:
                self._entries[key] = (value, now, made_of)
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
        return value

    def _catch_up(self, epoch: int) -> None:
        """Drop what was purged between the memo's generation and `epoch` (under the lock)."""
        if self._epoch is not None and epoch <= self._epoch:
            return
        purged = None if self._epoch is None else purge.keys_purged_after(self._epoch, limit=MAX_PURGED_KEYS)
        if purged is None or ALL_PAGES_KEY in purged:
            self._entries.clear()
        else:
            stale = [k for k, (_v, _t, made_of) in self._entries.items() if made_of is None or made_of & purged]
            for k in stale:
                del self._entries[k]
        self._epoch = epoch

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._epoch = None


memo = ContentMemo()


def row_key(model, pk) -> str:
    """The key a memo entry names for a row it keeps (a photo, a person). Whoever saves or deletes
    such rows purges it (dateline.news.signals for photos and people); Locale, Site and setting
    changes purge "all" instead."""
    return f"row-{model._meta.label_lower}-{pk}"


def foreign_rows(instance) -> list[str]:
    """row_key of every row a model instance points to: what it may keep of them once read."""
    return [
        row_key(field.related_model, getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.many_to_one and getattr(instance, field.attname) is not None
    ]


def memoized_site(request: HttpRequest):
    """The request's Wagtail site, as Site.find_for_request finds it, from the memo."""
    from django.core.exceptions import DisallowedHost
    from wagtail.models import Site

    try:
        host = request.get_host()  # only hosts in ALLOWED_HOSTS get a memo entry
    except DisallowedHost:
        return Site.find_for_request(request)
    # A Site or Locale change purges every page ("all"); the Site keeps its front page once read.
    return memo.get(
        request, ("site", host, request.get_port()), lambda: Site._find_for_request(request), keys=[FRONT_PAGE_KEY]
    )


class MemoizedSettingMixin:
    """For BaseSiteSetting models: for_request answers from the memo (saving a setting purges "all";
    editing the photo it names, its logo, purges that photo's row key)."""

    @classmethod
    def for_request(cls, request):
        from wagtail.models import Site

        attribute = cls.get_cache_attr_name()
        if hasattr(request, attribute):
            return getattr(request, attribute)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        value = memo.get(
            request, ("setting", cls._meta.label_lower, site.pk), lambda: cls.for_site(site), keys=foreign_rows
        )
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
