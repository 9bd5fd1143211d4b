"""Sitemaps: an index of one sitemap for the front pages and sections, then one per month of stories.

A month's sitemap stops changing once the month is over, so crawlers and caches keep it; every
language of the site is in them (the front page's translations are separate trees in Wagtail).
"""

import calendar
from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from dateline.news.models import ArticlePage, SectionPage

PAGES_SECTION = "pages"


def site_for(request) -> Site:
    return Site.find_for_request(request) or Site.objects.select_related("root_page").get(is_default_site=True)


def site_trees(request) -> Q:
    """A filter matching pages under any language's front page of the request's site."""
    roots = site_for(request).root_page.get_translations(inclusive=True)
    condition = Q(pk__in=[])
    for path in roots.values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


class AlternatesSitemap(Sitemap):
    """Each URL lists its live translations as xhtml:link alternates (and x-default), as Google asks
    of multilingual sitemaps; one query per sitemap page finds them."""

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        translations = defaultdict(list)
        others = (
            Page.objects.live()
            .public()
            .filter(translation_key__in={item.translation_key for item in items})
            .select_related("locale")
            .only("url_path", "translation_key", "locale__language_code")
        )
        for other in others:
            translations[other.translation_key].append(other)
        urls, last_mods = [], set()
        for item in items:
            alternates = [
                {"lang_code": other.locale.language_code, "location": other.get_full_url(self.request)}
                for other in translations[item.translation_key]
            ]
            default = [alt for alt in alternates if alt["lang_code"] == settings.LANGUAGE_CODE]
            if default and len(alternates) > 1:
                alternates.append({"lang_code": "x-default", "location": default[0]["location"]})
            for url_info in item.get_sitemap_urls(self.request):
                if len(alternates) > 1:
                    url_info["alternates"] = alternates
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class FrontPagesSitemap(AlternatesSitemap):
    """Each language's front page and its sections."""

    changefreq = "hourly"

    def items(self):
        front_pages = site_for(self.request).root_page.get_translations(inclusive=True).values("pk")
        sections = SectionPage.objects.filter(site_trees(self.request)).values("pk")
        return (
            Page.objects.filter(Q(pk__in=front_pages) | Q(pk__in=sections)).live().public().order_by("path").specific()
        )


class MonthSitemap(AlternatesSitemap):
    """The stories first published in one month of the newsroom's time zone."""

    def __init__(self, request, year: int, month: int):
        super().__init__(request)
        tz = timezone.get_current_timezone()
        self.start = datetime(year, month, 1, tzinfo=tz)
        last_day = calendar.monthrange(year, month)[1]
        self.end = datetime(year, month, last_day, 23, 59, 59, 999999, tzinfo=tz)

    def articles(self):
        return (
            ArticlePage.objects.live()
            .public()
            .filter(site_trees(self.request), first_published_at__range=(self.start, self.end))
            .order_by("first_published_at", "pk")
        )

    def items(self):
        return self.articles().defer_streamfields().select_related("locale")

    def get_latest_lastmod(self):
        return self.articles().aggregate(latest=Max("last_published_at"))["latest"]


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def sitemaps_for(request) -> dict[str, Sitemap]:
    """The sitemaps the index lists, keyed by the name in their URL: pages, then months, newest first."""
    sitemaps: dict[str, Sitemap] = {PAGES_SECTION: FrontPagesSitemap(request)}
    months = (
        ArticlePage.objects.live()
        .public()
        .filter(site_trees(request))
        .datetimes("first_published_at", "month", order="DESC")
    )
    for month in months:
        sitemaps[month_key(month.year, month.month)] = MonthSitemap(request, month.year, month.month)
    return sitemaps


def sitemap_for(request, section: str) -> Sitemap | None:
    """The one sitemap named in a URL, or None for a name that is not a page list or a month."""
    if section == PAGES_SECTION:
        return FrontPagesSitemap(request)
    try:
        year, month = (int(part) for part in section.split("-"))
        return MonthSitemap(request, year, month) if 1 <= month <= 12 and 1900 < year < 3000 else None
    except ValueError:
        return None
