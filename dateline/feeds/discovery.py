"""Which feeds a page announces in its <head> (autodiscovery), for the site frame to render."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from taggit.models import Tag

from dateline.news.models import ArticlePage, Person, SectionPage

RSS = "application/rss+xml"
ATOM = "application/atom+xml"
JSON_FEED = "application/feed+json"


@dataclass(frozen=True)
class FeedLink:
    title: str
    url: str
    media_type: str


def _pair(name: str, title: str, *, with_json: bool = True, **kwargs) -> list[FeedLink]:
    links = [
        FeedLink(f"{title} (RSS)", reverse(f"feeds:{name}", kwargs={**kwargs, "format": "rss"}), RSS),
        FeedLink(f"{title} (Atom)", reverse(f"feeds:{name}", kwargs={**kwargs, "format": "atom"}), ATOM),
    ]
    if with_json:
        links.append(FeedLink(f"{title} (JSON Feed)", reverse(f"feeds:{name}-json", kwargs=kwargs), JSON_FEED))
    return links


def site_feed_links() -> list[FeedLink]:
    title = settings.DATELINE_SITE_NAME
    return _pair("site", title)


def feed_links_for(obj=None) -> list[FeedLink]:
    """The feeds of what a page shows (section, tag, person), most specific first, then the site's."""
    specific = []
    if isinstance(obj, ArticlePage):
        obj = obj.get_parent().specific
    if isinstance(obj, SectionPage):
        specific = _pair("section", obj.title, slug=obj.slug)
    elif isinstance(obj, Tag):
        specific = _pair("tag", _("Tagged %(tag)s") % {"tag": obj.name}, slug=obj.slug)
    elif isinstance(obj, Person):
        specific = _pair("person", obj.name, slug=obj.slug)
    return specific + site_feed_links()


def corrections_feed_links() -> list[FeedLink]:
    """The corrections feeds, for the corrections page and every article's notices."""
    return _pair("corrections", _("Corrections and clarifications"), with_json=False)  # RSS and Atom only
