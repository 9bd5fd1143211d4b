"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) of the newest stories: site, section, tag, person."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Locale, Site

from dateline.core.headers import LISTINGS_KEY, tag_response
from dateline.core.models import NewsroomSettings
from dateline.news.models import Person, SectionPage

from .items import FeedItem, feed_items
from .queries import feed_articles

VERSION = "https://jsonfeed.org/version/1.1"


def _item(item: FeedItem, *, request) -> dict:
    data = {
        "id": item.guid,
        "url": item.url,
        "title": item.title,
        "summary": item.summary,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "language": item.language,
        "tags": item.categories,
    }
    if item.content_html is not None:
        data["content_html"] = item.content_html
    else:
        data["content_text"] = item.summary
    authors = [
        {"name": person.name, "url": request.build_absolute_uri(person.get_absolute_url())} for person in item.authors
    ]
    if authors:
        data["authors"] = authors
    if item.image is not None:
        data["image"] = item.image.url
        data["attachments"] = [{"url": item.image.url, "mime_type": "image/jpeg", "size_in_bytes": item.image.size}]
    return data


def _json_feed(request, *, title: str, home_page_url: str, feed_url: str, description: str, articles) -> JsonResponse:
    full = request.GET.get("full") == "1"
    publisher = NewsroomSettings.for_request(request).publisher_name or settings.DATELINE_SITE_NAME
    feed = {
        "version": VERSION,
        "title": title,
        "home_page_url": home_page_url,
        "feed_url": request.build_absolute_uri(feed_url) + ("?full=1" if full else ""),
        "description": description,
        "language": Locale.get_active().language_code,
        "favicon": request.build_absolute_uri(settings.STATIC_URL + "dateline/favicon.svg"),
        "authors": [{"name": publisher}],
        "items": [_item(item, request=request) for item in feed_items(articles(full), request=request, full=full)],
    }
    response = JsonResponse(feed, content_type="application/feed+json", json_dumps_params={"ensure_ascii": False})
    return tag_response(response, [LISTINGS_KEY])


def site_json_feed(request):
    """The site's newest stories in the current language; ``?full=1`` adds each story's HTML."""
    locale = Locale.get_active()
    site = Site.find_for_request(request)
    front = site.root_page.localized if site else None
    return _json_feed(
        request,
        title=settings.DATELINE_SITE_NAME,
        home_page_url=front.get_full_url(request) if front else request.build_absolute_uri("/"),
        feed_url=reverse("feeds:site-json"),
        description=_("The latest stories from %(site)s.") % {"site": settings.DATELINE_SITE_NAME},
        articles=lambda full: feed_articles(locale=locale, full=full),
    )


def section_json_feed(request, slug):
    """A section's newest stories, as the section's RSS and Atom feeds list them."""
    locale = Locale.get_active()
    section = get_object_or_404(SectionPage.objects.live().public(), slug=slug, locale=locale)
    return _json_feed(
        request,
        title=f"{section.title} · {settings.DATELINE_SITE_NAME}",
        home_page_url=section.get_full_url(request),
        feed_url=reverse("feeds:section-json", kwargs={"slug": slug}),
        description=section.intro or _("The latest stories in %(section)s.") % {"section": section.title},
        articles=lambda full: feed_articles(locale=locale, section=section, full=full),
    )


def tag_json_feed(request, slug):
    """The newest stories of the current language with a tag."""
    locale = Locale.get_active()
    tag = get_object_or_404(Tag, slug=slug)
    return _json_feed(
        request,
        title=f"{tag.name} · {settings.DATELINE_SITE_NAME}",
        home_page_url=request.build_absolute_uri(reverse("news:tag", kwargs={"slug": tag.slug})),
        feed_url=reverse("feeds:tag-json", kwargs={"slug": slug}),
        description=_("The latest stories tagged %(tag)s.") % {"tag": tag.name},
        articles=lambda full: feed_articles(locale=locale, tag=tag, full=full),
    )


def person_json_feed(request, slug):
    """The newest stories of the current language a person wrote or edited."""
    locale = Locale.get_active()
    person = get_object_or_404(Person, slug=slug)
    return _json_feed(
        request,
        title=f"{person.name} · {settings.DATELINE_SITE_NAME}",
        home_page_url=request.build_absolute_uri(person.get_absolute_url()),
        feed_url=reverse("feeds:person-json", kwargs={"slug": slug}),
        description=_("The latest stories by %(name)s.") % {"name": person.name},
        articles=lambda full: feed_articles(locale=locale, person=person, full=full),
    )
