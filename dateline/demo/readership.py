"""The demo's readership figures: a month of daily page views and referring sites, so the admin's
Readership dashboard and the front page's "Most read" show something on a new site.

Made up, not counted: each story is read most on the day it appears and less each day after; a few
stories are read far more than the rest. A second run leaves the figures it made as they are.
"""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from dateline.news.models import ArticlePage
from dateline.readership.models import PageViews, ReferrerViews
from dateline.readership.queries import refresh_most_read

DAYS = 30
REFERRERS = {"": 0.55, "news.example.com": 0.2, "social.example.net": 0.15, "search.example.org": 0.1}


def ensure_readership_figures(now: datetime) -> int:
    """Make the last 30 days' figures for every live story that has none yet; return how many rows."""
    today = timezone.localdate(now)
    first_day = today - timedelta(days=DAYS - 1)
    counted = set(PageViews.objects.filter(day__gte=first_day).values_list("page_id", flat=True))
    rows, daily = [], {}
    for article in ArticlePage.objects.live().exclude(pk__in=counted).order_by("pk"):
        rng = random.Random(f"readership-{article.slug}")
        popularity = rng.choice([40, 80, 150, 300, 1200])
        published = timezone.localdate(article.first_published_at or now)
        for age in range(DAYS):
            day = first_day + timedelta(days=age)
            since = (day - published).days
            if since < 0:
                continue
            views = int(popularity * 0.7**since * rng.uniform(0.6, 1.4)) + rng.randint(0, 3)
            if views:
                rows.append(PageViews(page=article, day=day, views=views))
                daily[day] = daily.get(day, 0) + views
    PageViews.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    referrers = [
        ReferrerViews(host=host, day=day, views=int(total * share))
        for day, total in daily.items()
        for host, share in REFERRERS.items()
        if int(total * share)
    ]
    ReferrerViews.objects.bulk_create(referrers, ignore_conflicts=True, batch_size=500)
    refresh_most_read()
    return len(rows)
