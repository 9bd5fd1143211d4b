"""What goes into feeds and sitemaps: live, public articles of one language, newest first."""

from datetime import datetime

from django.db.models import Prefetch, Q
from wagtail.models import Locale

from dateline.news.models import ArticlePage
from dateline.photos.models import PhotoRendition

FEED_LENGTH = 20
ENCLOSURE_SPEC = ArticlePage.SOCIAL_IMAGE_SPEC


def feed_articles(*, locale: Locale, section=None, tag=None, person=None, limit: int = FEED_LENGTH):
    """The newest live articles of one language, optionally of a section, a tag or a person.

    The lead photo's share-card rendition (the feeds' enclosure) comes in the same round trip.
    """
    articles = ArticlePage.objects.live().public().filter(locale=locale)
    if section is not None:
        articles = articles.child_of(section)
    if tag is not None:
        articles = articles.filter(tags=tag)
    if person is not None:
        articles = articles.by_person(person)
    articles = (
        articles.newest_first()
        .for_listing()
        .prefetch_related(
            "tags",
            Prefetch("lead_photo__renditions", queryset=PhotoRendition.objects.filter(filter_spec=ENCLOSURE_SPEC)),
        )
    )
    return articles[:limit]


def articles_published_since(cutoff: datetime, *, within: Q, limit: int = 1000):
    """Every language's live articles under ``within`` first published after the cutoff, newest first.

    Google News reads at most 1,000 stories from one News sitemap.
    """
    return (
        ArticlePage.objects.live()
        .public()
        .filter(within)
        .published_since(cutoff)
        .newest_first()
        .select_related("locale")
        .prefetch_related("tags")
        .defer_streamfields()[:limit]
    )
