"""What one feed item says, built once per story for RSS, Atom and JSON Feed alike.

A feed lists twenty stories: everything an item shows (its section, tags, authors, lead photo's
rendition) comes from the queries of ``feed_articles`` and one more for the sections' titles, so a
feed costs the same number of queries however many stories it lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext
from wagtail.models import Page

from dateline.news.kinds import kind_by_id
from dateline.news.models import ArticlePage, Person
from dateline.news.queries import page_urls, prefetched_rendition, tag_names_by_article

from .content import feed_html
from .identity import article_guid
from .queries import ENCLOSURE_SPEC


@dataclass(frozen=True)
class FeedImage:
    """The lead photo's share-card rendition: an RSS enclosure, Media RSS content, a JSON Feed attachment."""

    url: str
    size: int
    width: int
    height: int
    description: str
    credit: str


@dataclass(frozen=True)
class FeedItem:
    guid: str
    url: str
    title: str
    summary: str
    published: datetime
    updated: datetime
    language: str
    authors: list[Person]
    categories: list[str]
    image: FeedImage | None
    content_html: str | None


def feed_items(articles, *, request: HttpRequest, full: bool) -> list[FeedItem]:
    """The items of a feed, newest first; ``full`` adds each story's HTML."""
    articles = list(articles)
    urls = page_urls(articles, request, full=True)
    sections = {article.path[: -Page.steplen] for article in articles}
    section_titles = dict(Page.objects.filter(path__in=sections).values_list("path", "title"))
    tags = tag_names_by_article(article.pk for article in articles)
    return [
        _item(
            article,
            request=request,
            full=full,
            url=urls[article.pk],
            categories=[section_titles[article.path[: -Page.steplen]], *tags.get(article.pk, [])],
        )
        for article in articles
    ]


def _image(article: ArticlePage, request: HttpRequest) -> FeedImage | None:
    photo = article.lead_photo
    if photo is None:
        return None
    # Read from the prefetched rows; unlike get_rendition, writes nothing back to the cache.
    rendition = prefetched_rendition(photo, ENCLOSURE_SPEC)
    return FeedImage(
        url=request.build_absolute_uri(rendition.url),
        size=rendition.file.size,  # RSS requires the enclosure's length in bytes
        width=rendition.width,
        height=rendition.height,
        description=article.lead_photo_caption or photo.alt_text,
        credit=photo.credit,
    )


def _marked(article: ArticlePage, categories: list[str]) -> tuple[str, list[str]]:
    """The title and categories a feed reader shows: a labelled kind (Opinion, Fact check) leads the
    categories; a sponsored piece also says so in its title, which every reader shows."""
    kind = kind_by_id(article.kind_id)
    if kind is None or not kind.is_labelled:
        return article.title, categories
    title = article.title
    if kind.is_sponsored:
        sponsor = article.sponsor_name
        prefix = gettext("Sponsored by %(sponsor)s") % {"sponsor": sponsor} if sponsor else gettext("Sponsored")
        title = f"{prefix}: {title}"
    return title, [gettext(kind.name), *categories]


def _item(article: ArticlePage, *, request: HttpRequest, full: bool, url: str, categories: list[str]) -> FeedItem:
    title, categories = _marked(article, categories)
    return FeedItem(
        guid=article_guid(article),
        url=url,
        title=title,
        summary=article.standfirst or article.search_description or article.title,
        published=article.published_at,
        updated=article.modified_at,
        language=article.locale.language_code,
        authors=article.authors,
        categories=categories,
        image=_image(article, request),
        content_html=feed_html(article, request=request) if full else None,
    )
