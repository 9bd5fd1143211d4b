"""Doors for feed readers and crawlers: feeds, sitemaps, the News sitemap and robots.txt."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from dateline.core.headers import LISTINGS_KEY, tag_response
from dateline.core.models import NewsroomSettings
from dateline.news.queries import page_urls

from . import syndication
from .queries import articles_published_since
from .sitemaps import site_trees, sitemap_for, sitemaps_for

NEWS_SITEMAP_HOURS = 48


# Feeds and sitemaps list articles: every change to an article purges them (LISTINGS_KEY).


@require_GET
def site_feed(request, format):
    return tag_response(syndication.SiteFeed()(request, format=format), [LISTINGS_KEY])


@require_GET
def section_feed(request, slug, format):
    return tag_response(syndication.SectionFeed()(request, slug, format=format), [LISTINGS_KEY])


@require_GET
def tag_feed(request, slug, format):
    return tag_response(syndication.TagFeed()(request, slug, format=format), [LISTINGS_KEY, f"tag-{slug}"])


@require_GET
def person_feed(request, slug, format):
    return tag_response(syndication.PersonFeed()(request, slug, format=format), [LISTINGS_KEY, f"person-{slug}"])


@require_GET
def corrections_feed(request, format):
    return tag_response(syndication.CorrectionsFeed()(request, format=format), [LISTINGS_KEY])


@require_GET
def sitemap_index(request):
    response = sitemap_views.index(request, sitemaps_for(request), sitemap_url_name="crawlers:sitemap-section")
    return tag_response(response, [LISTINGS_KEY])


@require_GET
def sitemap_section(request, section):
    sitemap = sitemap_for(request, section)
    if sitemap is None:
        raise Http404
    return tag_response(sitemap_views.sitemap(request, {section: sitemap}, section=section), [LISTINGS_KEY])


def news_language(language_code: str) -> str:
    """The publication language as Google News names it: ISO 639 (``pt-br`` is ``pt``), except
    Chinese, which it tells apart as ``zh-cn`` (simplified) and ``zh-tw`` (traditional)."""
    code = language_code.lower()
    chinese = {"zh-hans": "zh-cn", "zh-cn": "zh-cn", "zh-hant": "zh-tw", "zh-tw": "zh-tw", "zh-hk": "zh-tw"}
    return chinese.get(code) or code.split("-")[0]


@require_GET
def news_sitemap(request):
    """Google News sitemap: every language's stories of the last 48 hours, newest first."""
    cutoff = timezone.now() - timedelta(hours=NEWS_SITEMAP_HOURS)
    articles = list(articles_published_since(cutoff, within=site_trees(request)))
    urls = page_urls(articles, request, full=True)
    publisher = NewsroomSettings.for_request(request).publisher_name or settings.DATELINE_SITE_NAME
    entries = [
        {
            "location": urls[article.pk],
            "language": news_language(article.locale.language_code),
            "published": article.first_published_at,
            "title": article.title,
        }
        for article in articles
    ]
    response = TemplateResponse(
        request,
        "feeds/news_sitemap.xml",
        {"entries": entries, "publication_name": publisher},
        content_type="application/xml; charset=utf-8",
    )
    return tag_response(response, [LISTINGS_KEY])


@require_GET
def robots_txt(request):
    """Crawl everything readers see; skip the admin and search results; point to the sitemaps."""
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /django-admin/"]
    for code, _name in settings.LANGUAGES:
        prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
        lines.append(f"Disallow: {prefix}/search/")
    lines.append("")
    lines.append("Sitemap: " + request.build_absolute_uri(reverse("crawlers:sitemap")))
    lines.append("Sitemap: " + request.build_absolute_uri(reverse("crawlers:news-sitemap")))
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
