"""RSS 2.0 and Atom feeds of the whole site, a section, a tag or a person, built on Django's syndication.

Summary by default (the standfirst); ``?full=1`` adds the whole story. Each item carries its lead
photo as an enclosure and as Media RSS, a GUID that never changes, and its first and last
publication times.
"""

import io

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.http import http_date
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Locale, Site

from dateline.core.models import NewsroomSettings
from dateline.news.models import Person, SectionPage
from dateline.news.queries import page_urls, public_corrections

from .items import FeedItem, feed_items
from .queries import feed_articles

MEDIA_NS = "http://search.yahoo.com/mrss/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
ATOM_NS = "http://www.w3.org/2005/Atom"


def _add_media(handler, item):
    image = item.get("image")
    if image:
        handler.startElement(
            "media:content",
            {
                "url": image.url,
                "type": "image/jpeg",
                "medium": "image",
                "width": str(image.width),
                "height": str(image.height),
            },
        )
        if image.description:
            handler.addQuickElement("media:description", image.description, {"type": "plain"})
        if image.credit:
            handler.addQuickElement("media:credit", image.credit)
        handler.endElement("media:content")


class RssFeed(Rss201rev2Feed):
    content_type = "application/rss+xml; charset=utf-8"

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NS, "xmlns:content": CONTENT_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        _add_media(handler, item)


class AtomFeed(Atom1Feed):
    content_type = "application/atom+xml; charset=utf-8"

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        _add_media(handler, item)


FEED_TYPES = {"rss": RssFeed, "atom": AtomFeed}


class ArticleFeed(Feed):
    """The newest stories of one language; subclasses narrow them to a section, tag or person.

    It keeps the request on the instance, so make one per request (see ``views.py``).
    """

    item_guid_is_permalink = False

    def __call__(self, request, *args, format="rss", **kwargs):
        if format not in FEED_TYPES:
            raise Http404
        self.feed_type = FEED_TYPES[format]
        self.request = request
        self.full = request.GET.get("full") == "1"
        self.locale = Locale.get_active()
        # Django's Feed.__call__, but the XML is written to a buffer: written to the response, each of
        # a feed's ~1,400 small writes was encoded and appended on its own (a tenth of the render).
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist as missing:
            raise Http404("Feed object does not exist.") from missing
        feedgen = self.get_feed(obj, request)
        buffer = io.StringIO()
        feedgen.write(buffer, "utf-8")
        response = HttpResponse(buffer.getvalue(), content_type=feedgen.content_type)
        # As Django sets it, for conditional GETs.
        response.headers["Last-Modified"] = http_date(feedgen.latest_post_date().timestamp())
        return response

    def get_object(self, request, *args, **kwargs):
        return None

    def articles(self, obj):
        return feed_articles(locale=self.locale, full=self.full)

    def items(self, obj):
        return feed_items(self.articles(obj), request=self.request, full=self.full)

    def publisher_name(self) -> str:
        return NewsroomSettings.for_request(self.request).publisher_name or settings.DATELINE_SITE_NAME

    def title(self, obj):
        return settings.DATELINE_SITE_NAME

    def link(self, obj):
        site = Site.find_for_request(self.request)
        front = site.root_page.localized if site else None
        return front.get_full_url(self.request) if front else self.request.build_absolute_uri("/")

    def description(self, obj):
        return _("The latest stories from %(site)s.") % {"site": settings.DATELINE_SITE_NAME}

    subtitle = description

    def author_name(self, obj):
        # Atom requires an author on every entry or on the feed; the publisher covers unsigned copy.
        return self.publisher_name()

    def feed_copyright(self, obj):
        return f"© {self.publisher_name()}"

    def item_title(self, item: FeedItem):
        return item.title

    def item_description(self, item: FeedItem):
        return item.summary

    def item_link(self, item: FeedItem):
        return item.url

    def item_guid(self, item: FeedItem):
        return item.guid

    def item_pubdate(self, item: FeedItem):
        return item.published

    def item_updateddate(self, item: FeedItem):
        return item.updated

    def item_author_name(self, item: FeedItem):
        return ", ".join(person.name for person in item.authors) or None

    def item_categories(self, item: FeedItem):
        return item.categories

    def item_enclosures(self, item: FeedItem):
        if item.image is None:
            return []
        return [Enclosure(item.image.url, str(item.image.size), "image/jpeg")]

    def item_extra_kwargs(self, item: FeedItem):
        return {"image": item.image, "content_html": item.content_html}


class SiteFeed(ArticleFeed):
    pass


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(SectionPage.objects.live().public(), slug=slug, locale=self.locale)

    def articles(self, obj):
        return feed_articles(locale=self.locale, section=obj, full=self.full)

    def title(self, obj):
        return f"{obj.title} · {settings.DATELINE_SITE_NAME}"

    def link(self, obj):
        return obj.get_full_url(self.request)

    def description(self, obj):
        return obj.intro or _("The latest stories in %(section)s.") % {"section": obj.title}


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def articles(self, obj):
        return feed_articles(locale=self.locale, tag=obj, full=self.full)

    def title(self, obj):
        return f"{obj.name} · {settings.DATELINE_SITE_NAME}"

    def link(self, obj):
        return self.request.build_absolute_uri(reverse("news:tag", kwargs={"slug": obj.slug}))

    def description(self, obj):
        return _("The latest stories tagged %(tag)s.") % {"tag": obj.name}


class PersonFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Person, slug=slug)

    def articles(self, obj):
        return feed_articles(locale=self.locale, person=obj, full=self.full)

    def title(self, obj):
        return f"{obj.name} · {settings.DATELINE_SITE_NAME}"

    def link(self, obj):
        return self.request.build_absolute_uri(obj.get_absolute_url())

    def description(self, obj):
        return _("The latest stories by %(name)s.") % {"name": obj.name}


class CorrectionsFeed(Feed):
    """The newsroom's corrections and clarifications of one language, newest first."""

    feed_type = RssFeed
    item_guid_is_permalink = False

    def __call__(self, request, *args, format="rss", **kwargs):
        if format not in FEED_TYPES:
            raise Http404
        self.feed_type = FEED_TYPES[format]
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Corrections and clarifications · %(site)s") % {"site": settings.DATELINE_SITE_NAME}

    def link(self):
        return self.request.build_absolute_uri(reverse("news:corrections"))

    def description(self):
        return _("Every correction and clarification %(site)s has published.") % {"site": settings.DATELINE_SITE_NAME}

    subtitle = description

    def author_name(self):
        return NewsroomSettings.for_request(self.request).publisher_name or settings.DATELINE_SITE_NAME

    def items(self):
        items = list(public_corrections(locale=Locale.get_active())[:20])
        urls = page_urls([item.article for item in items], self.request, full=True)
        for item in items:
            item.article_url = urls[item.article_id]
        return items

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.article.title}"

    def item_description(self, item):
        return item.text

    def item_link(self, item):
        return item.article_url + "#corrections"

    def item_guid(self, item):
        return f"{item.article_url}#correction-{item.pk}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [item.get_kind_display()]
