"""The app's own page cache: whole anonymous pages, for sites with no Varnish or CDN in front.

An entry remembers the purge generation read before its page was rendered and the surrogate keys
it carries. It is served only while none of those keys has been purged in a later generation
(dateline.core.purge), which one indexed query tells. So an entry is fresh only when the database
says so: an entry the store lost or evicted is a miss, and when the database cannot be asked the
page is not served from here at all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.http import parse_http_date_safe

from .headers import ALL_PAGES_KEY, path_key
from .purge import unchanged_since

PAGE_CACHE_ALIAS = "pages"


@dataclass(frozen=True, slots=True)
class CachedPage:
    """One stored response: enough to answer a hit without running a view."""

    generation: int
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


def page_cache():
    return caches[PAGE_CACHE_ALIAS]


def page_cache_key(request: HttpRequest) -> str:
    """Scheme, host, path and the query string with its parameters sorted (?page= and ?q= count)."""
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    raw = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return "page:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def read_page(key: str, *, now: float) -> CachedPage | None:
    """The stored page if it is still fresh and none of its keys was purged since it was rendered."""
    entry = page_cache().get(key)
    if not isinstance(entry, CachedPage) or now >= entry.fresh_until:
        return None
    return entry if unchanged_since(entry.keys, entry.generation) else None


def store_page(
    key: str, request: HttpRequest, response: HttpResponse, *, generation: int, rendered_at: float, ttl: int
) -> None:
    """Keep a public response, stamped with the purge generation read before it was rendered."""
    ttl = min(ttl, settings.DATELINE_PAGE_CACHE_SECONDS)
    if ttl <= 0:
        return
    keys = set(getattr(response, "cache_keys", None) or ()) | {ALL_PAGES_KEY, path_key(request.path)}
    entry = CachedPage(
        generation=generation,
        rendered_at=rendered_at,
        fresh_until=rendered_at + ttl,
        status=response.status_code,
        headers=tuple((name, value) for name, value in response.items() if name.lower() != "age"),
        body=response.content,
        keys=tuple(sorted(keys)),
        etag=response.get("ETag", ""),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")) or int(rendered_at),
    )
    page_cache().set(key, entry, timeout=ttl)
