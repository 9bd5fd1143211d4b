"""Listings that are not Wagtail pages: a person's stories, a tag's stories, the date archives."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Locale

from dateline.core.headers import LISTINGS_KEY, tag_response
from dateline.core.models import NewsroomSettings
from dateline.news.models import ArticlePage, Person
from dateline.news.pagination import listing_page_or_404
from dateline.news.queries import for_teasers, page_urls, prepare_teasers, public_corrections
from dateline.news.structured_data import correction_data, person_structured_data, publisher_data

LISTING_PAGE_SIZE = 20
CORRECTIONS_PAGE_SIZE = 30


def _listing(request, articles):
    page = listing_page_or_404(for_teasers(articles), request.GET.get("page"), LISTING_PAGE_SIZE)
    prepare_teasers(page, request)
    return page


def _live_in_language():
    """Live, public articles in the language of the URL (English at /, Spanish under /es/…)."""
    return ArticlePage.objects.live().public().filter(locale=Locale.get_active())


def person_detail(request, slug):
    """A person's page: who they are and what they wrote or edited, newest first."""
    person = get_object_or_404(Person.objects.select_related("photo"), slug=slug)
    articles = _live_in_language().by_person(person).newest_first_of_matches()
    response = TemplateResponse(
        request,
        "news/person_detail.html",
        {
            "person": person,
            "articles": _listing(request, articles),
            "structured_data": person_structured_data(person, request),
        },
    )
    # The page lists the articles of every translation of the profile: any of their keys purges it.
    slugs = Person.objects.filter(translation_key=person.translation_key).values_list("slug", flat=True)
    return tag_response(response, [LISTINGS_KEY, *(f"person-{slug}" for slug in slugs)])


def tag_detail(request, slug):
    """Every live article carrying one tag, newest first."""
    tag = get_object_or_404(Tag, slug=slug)
    articles = _live_in_language().filter(tags=tag).newest_first_of_matches()
    response = TemplateResponse(request, "news/tag_detail.html", {"tag": tag, "articles": _listing(request, articles)})
    return tag_response(response, [LISTINGS_KEY, f"tag-{tag.slug}"])


def _archive_range(year: int, month: int | None, day: int | None) -> tuple[dt.datetime, dt.datetime, str]:
    """Start and end (in the newsroom's time zone) and a heading for a year, month or day."""
    tz = timezone.get_current_timezone()
    try:
        if day is not None:
            start = dt.date(year, month, day)
            end = start + dt.timedelta(days=1)
            heading = date_format(start, "DATE_FORMAT")
        elif month is not None:
            start = dt.date(year, month, 1)
            end = dt.date(year + (month == 12), month % 12 + 1, 1)
            heading = date_format(start, "YEAR_MONTH_FORMAT")
        else:
            start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
            heading = str(year)
    except (ValueError, OverflowError):
        raise Http404 from None

    def midnight(day):
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min), tz)

    return midnight(start), midnight(end), heading


def date_archive(request, year, month=None, day=None):
    """Stories first published on a day, in a month or in a year of the newsroom's calendar."""
    if not 1900 <= year <= 9998:
        raise Http404
    start, end, heading = _archive_range(year, month, day)
    articles = _live_in_language().filter(first_published_at__gte=start, first_published_at__lt=end).newest_first()
    return tag_response(
        TemplateResponse(
            request,
            "news/date_archive.html",
            {
                "articles": _listing(request, articles),
                "heading": heading,
                "social_title": _("Stories of %(period)s") % {"period": heading},
            },
        ),
        [LISTINGS_KEY],
    )


def corrections(request):
    """Every correction and clarification of the site's stories in this language, newest first."""
    page = listing_page_or_404(
        public_corrections(locale=Locale.get_active()), request.GET.get("page"), CORRECTIONS_PAGE_SIZE
    )
    items = list(page)
    urls = page_urls([item.article for item in items], request, full=True)
    for item in items:
        item.article_url = urls[item.article_id]
    url = request.build_absolute_uri(request.path)
    data = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": _("Corrections and clarifications"),
        "url": url,
        "inLanguage": Locale.get_active().language_code,
        "publisher": publisher_data(NewsroomSettings.for_request(request), request),
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": (page.number - 1) * CORRECTIONS_PAGE_SIZE + index + 1,
                    "item": {
                        **correction_data(item, request, item.article_url),
                        "about": {"@type": "NewsArticle", "headline": item.article.title, "url": item.article_url},
                    },
                }
                for index, item in enumerate(items)
            ],
        },
    }
    response = TemplateResponse(
        request,
        "news/corrections.html",
        {
            "corrections": items,
            "articles": page,
            "structured_data": data,
            "social_title": _("Corrections and clarifications"),
            "is_corrections_page": True,
        },
    )
    return tag_response(response, [LISTINGS_KEY])
