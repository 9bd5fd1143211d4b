"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) of the site's newest stories."""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from dateline.core.headers import LISTINGS_KEY, tag_response
from dateline.core.models import NewsroomSettings

from .content import feed_html
from .identity import article_guid
from .queries import ENCLOSURE_SPEC, feed_articles

VERSION = "https://jsonfeed.org/version/1.1"


def _item(article, *, request, full: bool) -> dict:
    item = {
        "id": article_guid(article),
        "url": article.get_full_url(request),
        "title": article.title,
        "summary": article.standfirst or article.search_description or article.title,
        "date_published": article.published_at.isoformat(),
        "date_modified": (article.last_published_at or article.published_at).isoformat(),
        "language": article.locale.language_code,
        "tags": [article.get_parent().title] + [tag.name for tag in article.tags.all()],
    }
    if full:
        item["content_html"] = feed_html(article, request=request)
    else:
        item["content_text"] = item["summary"]
    authors = [
        {"name": person.name, "url": request.build_absolute_uri(person.get_absolute_url())}
        for person in article.authors
    ]
    if authors:
        item["authors"] = authors
    if article.lead_photo:
        rendition = article.lead_photo.get_rendition(ENCLOSURE_SPEC)
        image_url = request.build_absolute_uri(rendition.url)
        item["image"] = image_url
        item["attachments"] = [{"url": image_url, "mime_type": "image/jpeg", "size_in_bytes": rendition.file.size}]
    return item


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
        "items": [_item(article, request=request, full=full) for article in feed_articles(locale=locale)],
    }
    response = JsonResponse(feed, content_type="application/feed+json", json_dumps_params={"ensure_ascii": False})
    return tag_response(response, [LISTINGS_KEY])
