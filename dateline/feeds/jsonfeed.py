"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) of the site's newest stories."""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from dateline.core.headers import LISTINGS_KEY, tag_response
from dateline.core.models import NewsroomSettings

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


def site_json_feed(request):
    """The site's newest stories in the current language; ``?full=1`` adds each story's HTML."""
    locale = Locale.get_active()
    full = request.GET.get("full") == "1"
    site = Site.find_for_request(request)
    front = site.root_page.localized if site else None
    publisher = NewsroomSettings.for_request(request).publisher_name or settings.DATELINE_SITE_NAME
    feed_url = request.build_absolute_uri(reverse("feeds:site-json"))
    feed = {
        "version": VERSION,
        "title": settings.DATELINE_SITE_NAME,
        "home_page_url": front.get_full_url(request) if front else request.build_absolute_uri("/"),
        "feed_url": feed_url + ("?full=1" if full else ""),
        "description": _("The latest stories from %(site)s.") % {"site": settings.DATELINE_SITE_NAME},
        "language": locale.language_code,
        "favicon": request.build_absolute_uri(settings.STATIC_URL + "dateline/favicon.svg"),
        "authors": [{"name": publisher}],
        "items": [
            _item(item, request=request)
            for item in feed_items(feed_articles(locale=locale, full=full), request=request, full=full)
        ],
    }
    response = JsonResponse(feed, content_type="application/feed+json", json_dumps_params={"ensure_ascii": False})
    return tag_response(response, [LISTINGS_KEY])
