"""The layers that keep bulk posting out: rate limits, link limit, blocklists, duplicates, bans."""

import logging
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from .models import Ban, BanKind, Comment, CommentSettings
from .text import find_urls

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rate:
    """At most `count` posts in `seconds`, parsed from "count/seconds" such as "5/600"."""

    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> "Rate":
        count, _, seconds = text.partition("/")
        return cls(count=int(count), seconds=int(seconds or 60))


def hit_rate_limit(scope: str, key_hash: str, rate: Rate, *, now: float | None = None) -> bool:
    """Count one post for this key and say whether it went over the limit.

    A fixed window per key in the default cache (Redis when configured, shared by every app
    process); `add` then `incr` are atomic, so concurrent posts are each counted once. If the cache
    fails we let the post through, since the other layers still apply.
    """
    if not key_hash or rate.count <= 0:
        return False
    window = int((now or time.time()) // rate.seconds)
    key = f"comments:rate:{scope}:{key_hash}:{window}"
    try:
        if cache.add(key, 1, timeout=rate.seconds + 1):
            count = 1
        else:
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr: this post opens a new window
                cache.add(key, 1, timeout=rate.seconds + 1)
                count = 1
    except Exception:  # noqa: BLE001 - any cache failure: allow, and say so without personal data
        logger.warning("Comment rate limit %s: cache unavailable, post allowed", scope)
        return False
    if count is None:  # django-redis with IGNORE_EXCEPTIONS answers None when Redis is down
        logger.warning("Comment rate limit %s: cache unavailable, post allowed", scope)
        return False
    return count > rate.count


def is_banned(*, email_hash: str, address_hash: str) -> bool:
    """Whether a ban in force covers this e-mail or address (one query)."""
    wanted = Q()
    for kind, value in ((BanKind.EMAIL, email_hash), (BanKind.ADDRESS, address_hash)):
        if value:
            wanted |= Q(kind=kind, value_hash=value)
    if not wanted:
        return False
    in_force = Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
    return Ban.objects.filter(in_force, wanted).exists()


def _domain_matches(host: str, domains: list[str]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def blocklist_reason(*, name: str, email: str, body: str, rules: CommentSettings) -> str:
    """Why the blocklists send this comment to spam, or "" when they do not."""
    words = rules.blocked_words
    if words:
        text = " ".join(f"{name}\n{body}".casefold().split())
        for word in words:
            if re.search(r"(?<!\w)" + re.escape(" ".join(word.casefold().split())) + r"(?!\w)", text):
                return "blocked word"
    domains = rules.blocked_domains
    if domains:
        if _domain_matches(email.rpartition("@")[2], domains):
            return "blocked e-mail domain"
        for url in find_urls(body):
            if _domain_matches(urlsplit(url).hostname or "", domains):
                return "blocked link"
        bare = re.findall(r"(?<![\w.-])((?:[\w-]+\.)+[a-z]{2,})(?![\w-])", body.casefold())
        if any(_domain_matches(host, domains) for host in bare):
            return "blocked link"
    return ""


def is_duplicate(*, article_id: int, email_hash: str, address_hash: str, body_hash: str) -> bool:
    """The same text from the same reader (by e-mail or address) on the same article, or anywhere
    in the last day from the same e-mail (one query)."""
    same_reader_here = Q()
    if email_hash:
        same_reader_here |= Q(email_hash=email_hash)
    if address_hash:
        same_reader_here |= Q(address_hash=address_hash)
    if not same_reader_here:
        return False
    wanted = Q(same_reader_here, article_id=article_id)
    if email_hash:
        wanted |= Q(email_hash=email_hash, created_at__gte=timezone.now() - timezone.timedelta(days=1))
    return Comment.objects.filter(wanted, body_hash=body_hash).exists()
