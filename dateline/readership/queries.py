"""Read paths of the figures: the front page's most read, and the editors' dashboard."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Locale, Page

from dateline.core.purge import purge
from dateline.news.models import ArticleAuthor, ArticlePage, SectionPage
from dateline.news.queries import page_urls

from .models import PageViews, ReferrerViews

# Carried by every response that shows the most read (the front pages); purged by the flush when the
# ranking it shows has changed.
MOST_READ_KEY = "most-read"
MOST_READ_LIMIT = 5
# Today and yesterday: a ranking of today alone is empty just after midnight.
MOST_READ_DAYS = 2
# The ranking (ids and views) as of the last flush, per language; a lost entry is recomputed.
MOST_READ_CACHE_SECONDS = 60 * 60


def days_back(days: int, *, today: date | None = None) -> date:
    """The first day of a window of ``days`` days that ends today."""
    return (today or timezone.localdate()) - timedelta(days=days - 1)


# --- Most read, on the front page ------------------------------------------------------------------


def _ranking_cache_key(locale_id: int) -> str:
    return f"dateline:most-read:{locale_id}:{MOST_READ_LIMIT}"


def compute_most_read(locale_id: int, *, today: date | None = None) -> list[tuple[int, int]]:
    """(article id, views) of the live, public articles in one language most read today and yesterday.

    A few more than shown, in case one is taken down before the next flush. Most first; equal counts
    go to the newer story. One query.
    """
    articles = ArticlePage.objects.live().public().filter(locale_id=locale_id).values("pk")
    rows = (
        PageViews.objects.filter(day__gte=days_back(MOST_READ_DAYS, today=today), page_id__in=articles)
        .values("page_id")
        .annotate(n=Sum("views"))
        .order_by("-n", "-page_id")
        .values_list("page_id", "n")[: MOST_READ_LIMIT * 2]
    )
    return [(pk, n) for pk, n in rows]


def most_read_counts(locale_id: int) -> list[tuple[int, int]]:
    """The ranking as of the last flush (computed now when the cache lost it)."""
    counts = cache.get(_ranking_cache_key(locale_id))
    if counts is None:
        counts = compute_most_read(locale_id)
        cache.set(_ranking_cache_key(locale_id), counts, MOST_READ_CACHE_SECONDS)
    return counts


def most_read(locale_id: int, request: HttpRequest | None = None, *, limit: int = MOST_READ_LIMIT) -> list:
    """The most read stories, read live and public now (a story taken down never shows), with their URLs."""
    counts = most_read_counts(locale_id)
    if not counts:
        return []
    articles = ArticlePage.objects.live().public().filter(pk__in=[pk for pk, _n in counts])
    by_id = {article.pk: article for article in articles.only("id", "title", "path", "depth", "url_path", "locale_id")}
    urls = page_urls(by_id.values(), request)
    shown = []
    for pk, n in counts:
        if pk in by_id and urls.get(pk):
            by_id[pk].teaser_url = urls[pk]
            shown.append((by_id[pk], n))
    return shown[:limit]


def refresh_most_read() -> bool:
    """Recompute every language's ranking; purge the pages that show it when one has changed."""
    changed = False
    for locale_id in Locale.objects.values_list("pk", flat=True):
        counts = compute_most_read(locale_id)
        key = _ranking_cache_key(locale_id)
        shown_before = [pk for pk, _n in (cache.get(key) or [])][:MOST_READ_LIMIT]
        if [pk for pk, _n in counts][:MOST_READ_LIMIT] != shown_before:
            changed = True
        cache.set(key, counts, MOST_READ_CACHE_SECONDS)
    if changed:
        purge(keys=[MOST_READ_KEY])
    return changed


# --- The dashboard ---------------------------------------------------------------------------------


@dataclass
class Ranked:
    label: str
    views: int
    url: str = ""


def views_per_page(since: date, until: date) -> Counter:
    rows = PageViews.objects.filter(day__gte=since, day__lte=until).values("page_id").annotate(n=Sum("views"))
    return Counter({row["page_id"]: row["n"] for row in rows})


def top_pages(views: Counter, *, limit: int = 10) -> list[Ranked]:
    """The pages read most, with the admin's edit link."""
    from django.urls import reverse

    ranked = views.most_common(limit)
    titles = dict(Page.objects.filter(pk__in=[pk for pk, _n in ranked]).values_list("pk", "title"))
    return [Ranked(titles[pk], n, reverse("wagtailadmin_pages:edit", args=[pk])) for pk, n in ranked if pk in titles]


def views_per_section(views: Counter) -> list[Ranked]:
    """Each section's views: its own page's and every story in it."""
    paths = dict(Page.objects.filter(pk__in=list(views)).values_list("pk", "path"))
    totals = []
    for section in SectionPage.objects.order_by("path").only("pk", "title", "path"):
        n = sum(views[pk] for pk, path in paths.items() if path.startswith(section.path))
        if n:
            totals.append(Ranked(section.title, n))
    return sorted(totals, key=lambda row: -row.views)


def views_per_author(views: Counter, *, limit: int = 10) -> list[Ranked]:
    """Each author's views: every story in their byline counts in full for each of its authors."""
    totals: Counter = Counter()
    names = {}
    rows = ArticleAuthor.objects.filter(article_id__in=list(views)).values_list(
        "article_id", "person_id", "person__name"
    )
    for article_id, person_id, name in rows:
        totals[person_id] += views[article_id]
        names[person_id] = name
    return [Ranked(names[pk], n) for pk, n in totals.most_common(limit)]


def top_referrers(since: date, until: date, *, limit: int = 10) -> list[Ranked]:
    rows = (
        ReferrerViews.objects.filter(day__gte=since, day__lte=until)
        .values("host")
        .annotate(n=Sum("views"))
        .order_by("-n", "host")[:limit]
    )
    return [Ranked(row["host"], row["n"]) for row in rows]


def daily_totals(since: date, until: date) -> list[tuple[date, int]]:
    """Views per day, every day of the window (0 where none), oldest first."""
    rows = dict(
        PageViews.objects.filter(day__gte=since, day__lte=until)
        .values("day")
        .annotate(n=Sum("views"))
        .values_list("day", "n")
    )
    days = (until - since).days + 1
    return [(since + timedelta(days=i), rows.get(since + timedelta(days=i), 0)) for i in range(days)]
