"""What goes into feeds and sitemaps: live, public articles of one language, newest first."""

from datetime import datetime

from django.db.models import Prefetch, Q
from wagtail.models import Locale

from dateline.news.models import ArticleAuthor, ArticlePage
from dateline.photos.models import PhotoRendition

FEED_LENGTH = 20
ENCLOSURE_SPEC = ArticlePage.SOCIAL_IMAGE_SPEC


def feed_articles(*, locale: Locale, section=None, tag=None, person=None, limit: int = FEED_LENGTH, full: bool = False):
    """The newest live articles of one language, optionally of a section, a tag or a person.

    Authors and the lead photo's renditions come in the same round trip: the share card (the feeds'
    enclosure) and, with ``full``, every other one, since the story's figure picks several. Tags come
    from ``tag_names_by_article``, one query for the whole feed.
    Without ``full`` the body stays in the database.
    """
    articles = ArticlePage.objects.live().public().filter(locale=locale)
    if section is not None:
        articles = articles.child_of(section)
    if tag is not None:
        articles = articles.filter(tags=tag)
    if person is not None:
        articles = articles.by_person(person)
    renditions = PhotoRendition.objects.all() if full else PhotoRendition.objects.filter(filter_spec=ENCLOSURE_SPEC)
    # A tag's or a person's stories are read through their own index, not by walking the archive.
    newest_first = articles.newest_first_of_matches if tag is not None or person is not None else articles.newest_first
    articles = (
        newest_first()
        .select_related("lead_photo", "locale")
        .prefetch_related(
            Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("person")),
            Prefetch("lead_photo__renditions", queryset=renditions),
        )
    )
    if not full:
        articles = articles.defer_streamfields()
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
        .defer_streamfields()[:limit]
    )
