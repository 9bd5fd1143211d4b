"""Counting page views cheaply: one increment in the cache per view, into the daily tables in batches.

With REDIS_URL every process increments one Redis hash and the minute job (`dateline flush_readership`,
run by run_schedule) moves it into PageViews and ReferrerViews. Without Redis each process keeps its own
counts in memory and moves them itself, at most once a minute, on the next view it counts. A batch that
is lost (a Redis restart, a process that exits, a failed write) means views not counted, never a wrong
page: the counts decide nothing a reader sees except the order of the front page's "most read".
"""

from __future__ import annotations

import logging
import re
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from .models import PageViews, ReferrerViews
from .queries import refresh_most_read

logger = logging.getLogger(__name__)

# Crawlers, link previews, monitors, headless browsers and HTTP libraries: not readers. Checked while
# the request is answered; the user agent is never stored.
BOT_USER_AGENT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|headless|phantomjs|"
    r"lighthouse|pingdom|uptime|monitor|python|curl|wget|httpclient|okhttp|java/|go-http|node-fetch|axios|"
    r"scrapy|feedfetcher|mediapartners|bingpreview|whatsapp|telegram|discord|skype",
    re.IGNORECASE,
)
# A host name as browsers give it in document.referrer (lowercase, punycode for other scripts).
HOST_NAME = re.compile(r"(?=.{1,253}\Z)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*")
# How many distinct (page or host, day) counters a batch may hold: made-up referrer hosts cannot grow it further.
MAX_PENDING_COUNTERS = 50_000
# Without Redis, a process moves its counts to the database at most this often.
LOCAL_FLUSH_SECONDS = 60
COUNTABLE_CACHE_SECONDS = 300
REDIS_PENDING_KEY = "dateline:readership:pending"


@dataclass(frozen=True)
class FlushResult:
    views: int
    referrers: int
    dropped: int


def is_bot(user_agent: str) -> bool:
    return not user_agent or bool(BOT_USER_AGENT.search(user_agent))


def referrer_host(referrer: str, *, own_host: str) -> str:
    """The referring site's host name, or "" for a direct visit, a visit from our own site, or nonsense."""
    host = referrer.strip().lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    own = own_host.split(":", 1)[0].lower()
    if own.startswith("www."):
        own = own[4:]
    if not host or host == own or not HOST_NAME.fullmatch(host):
        return ""
    return host


def is_countable_page(page_id: int) -> bool:
    """Whether the page is live and public (no view restriction): the only pages whose views count.

    Kept in the cache for a few minutes: a page taken down in that time may gain a few views, which
    the flush drops again (it checks the batch's pages in one query).
    """
    key = f"dateline:readership:countable:{page_id}"
    found = cache.get(key)
    if found is None:
        found = Page.objects.live().public().filter(pk=page_id).exists()
        cache.set(key, found, COUNTABLE_CACHE_SECONDS)
    return found


# --- Where the counts wait -------------------------------------------------------------------------


class LocalCounts:
    """This process's counts since its last flush."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts: Counter = Counter()
        self.last_flush = time.monotonic()

    def add(self, view: str, referrer: str) -> None:
        with self.lock:
            self.counts[view] += 1
            if referrer in self.counts or len(self.counts) < MAX_PENDING_COUNTERS:
                self.counts[referrer] += 1

    def take(self) -> dict[str, int]:
        with self.lock:
            counts, self.counts = self.counts, Counter()
            self.last_flush = time.monotonic()
        return dict(counts)

    def due(self) -> bool:
        return time.monotonic() - self.last_flush >= LOCAL_FLUSH_SECONDS


class RedisCounts:
    """Every process's counts in one Redis hash, taken whole by the flush (RENAME is atomic)."""

    # One round trip per view: the page's counter, and the referrer's unless the batch is full.
    ADD_SCRIPT = """
    redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
    if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1 or redis.call('HLEN', KEYS[1]) < tonumber(ARGV[3]) then
        redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
    end
    """
    _scripts: dict = {}

    def connection(self):
        from django_redis import get_redis_connection

        return get_redis_connection("default")

    def add(self, view: str, referrer: str) -> None:
        redis = self.connection()
        script = self._scripts.get(id(redis))
        if script is None:
            script = self._scripts[id(redis)] = redis.register_script(self.ADD_SCRIPT)
        script(keys=[REDIS_PENDING_KEY], args=[view, referrer, MAX_PENDING_COUNTERS])

    def take(self) -> dict[str, int]:
        from redis.exceptions import ResponseError

        redis = self.connection()
        taken = f"{REDIS_PENDING_KEY}:{uuid.uuid4().hex}"
        try:
            redis.rename(REDIS_PENDING_KEY, taken)
        except ResponseError:  # "no such key": nothing counted since the last flush
            return {}
        counts = redis.hgetall(taken)
        redis.delete(taken)
        return {field.decode(): int(value) for field, value in counts.items()}

    def due(self) -> bool:
        return False  # the minute job flushes


_local = LocalCounts()


def pending_counts() -> LocalCounts | RedisCounts:
    return RedisCounts() if settings.REDIS_URL else _local


# --- The two doors: counting and flushing ----------------------------------------------------------


def count_view(*, page_id: int, referrer: str, day: date | None = None) -> None:
    """Count one view of a page and where it came from ("" for direct). Never raises: a view that
    cannot be counted is left uncounted."""
    day = day or timezone.localdate()
    store = pending_counts()
    try:
        store.add(f"v:{page_id}:{day.isoformat()}", f"r:{referrer}:{day.isoformat()}")
        if store.due():
            flush_counts(store)
    except Exception:
        logger.warning("A page view could not be counted.", exc_info=True)


def flush_counts(store: LocalCounts | RedisCounts | None = None) -> FlushResult:
    """Add the waiting counts to the daily tables, then refresh the front pages' most read.

    Views of pages no longer live and public are dropped.
    """
    counts = (store or pending_counts()).take()
    views: Counter = Counter()
    referrers: Counter = Counter()
    for field, n in counts.items():
        kind, _, rest = field.partition(":")
        name, _, day_text = rest.rpartition(":")
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            continue
        if kind == "v" and name.isdigit():
            views[(int(name), day)] += n
        elif kind == "r":
            referrers[(name, day)] += n
    countable = set(Page.objects.live().public().filter(pk__in={pk for pk, _day in views}).values_list("pk", flat=True))
    dropped = sum(n for (pk, _day), n in views.items() if pk not in countable)
    views = Counter({key: n for key, n in views.items() if key[0] in countable})
    with transaction.atomic():
        _add_counts(PageViews, "page_id", views)
        _add_counts(ReferrerViews, "host", referrers)
        refresh_most_read()
    return FlushResult(views=sum(views.values()), referrers=len(referrers), dropped=dropped)


def _add_counts(model, name_field: str, counts: Counter) -> None:
    """Add each count to its (name, day) row, making missing rows first; one UPDATE per (day, count)."""
    if not counts:
        return
    model.objects.bulk_create(
        [model(**{name_field: name, "day": day, "views": 0}) for name, day in counts],
        ignore_conflicts=True,
        batch_size=500,
    )
    groups: dict[tuple[date, int], list] = {}
    for (name, day), n in counts.items():
        groups.setdefault((day, n), []).append(name)
    for (day, n), names in groups.items():
        for start in range(0, len(names), 500):
            model.objects.filter(day=day, **{f"{name_field}__in": names[start : start + 500]}).update(
                views=F("views") + n
            )
