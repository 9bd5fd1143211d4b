"""Read paths shared by pages, feeds and search, each with what its templates need fetched up front."""

from collections.abc import Iterable
from urllib.parse import quote

from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_renditions_or_not_found

from dateline.news.models import ArticlePage, ArticleTag
from dateline.photos.models import PhotoRendition

# The rendition news_tags.teaser shows.
TEASER_PHOTO_SPEC = "fill-480x270|format-webp"
# The fields of a story that its teaser (news_tags.teaser), its URL (page_urls) and the front page's
# lead read; for QuerySet.only() with the lead photo and locale selected alongside.
TEASER_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "slug",
    "title",
    "locale_id",
    "live",
    "content_type_id",
    "first_published_at",
    "last_published_at",
    "standfirst",
    "lead_photo_id",
    "lead_caption",
)
# Each spec's Filter parsed once: Wagtail parses a spec string on every get_renditions call.
_FILTERS: dict[str, Filter] = {}


def for_teasers(articles, *, photo_specs: Iterable[str] = (TEASER_PHOTO_SPEC,)):
    """Only what a teaser shows: the lead photo with its renditions in ``photo_specs``, the language.

    No body and no byline: a listing shows neither, and decoding twenty bodies cost more than the
    rest of the query. Only the fields in ``TEASER_FIELDS``: a listing builds a page object per story.
    """
    renditions = PhotoRendition.objects.filter(filter_spec__in=list(photo_specs))
    return (
        articles.select_related("lead_photo", "locale")
        .prefetch_related(Prefetch("lead_photo__renditions", queryset=renditions))
        .only(*TEASER_FIELDS, "lead_photo", "locale")
    )


def latest_articles(*, section=None, locale=None, limit: int | None = None):
    """Live articles, newest first, in a section or anywhere in the site's current language, for teasers."""
    articles = ArticlePage.objects.live().public()
    if section is not None:
        articles = articles.child_of(section)
    elif locale is not None:
        articles = articles.filter(locale=locale)
    articles = for_teasers(articles.newest_first())
    return articles[:limit] if limit else articles


def prepare_teasers(articles: Iterable[ArticlePage], request: HttpRequest | None) -> None:
    """Give each article what news_tags.teaser shows of it: ``teaser_url`` and ``teaser_photo``.

    The photo's rendition comes from the rows ``for_teasers`` prefetched (Wagtail's {% image %} tag
    would write each one back to the renditions cache); the URLs take one reversal per section.
    """
    articles = list(articles)
    urls = page_urls(articles, request)
    for article in articles:
        article.teaser_url = urls[article.pk]
        article.teaser_photo = teaser_rendition(article.lead_photo) if article.lead_photo_id else None


def teaser_rendition(photo):
    """The teaser rendition of a photo: from its prefetched renditions when there, else made now."""
    return prefetched_rendition(photo, TEASER_PHOTO_SPEC)


def prefetched_rendition(photo, spec: str):
    """The photo's rendition for ``spec``, from its prefetched renditions when there, else made now."""
    image_filter = _FILTERS.get(spec)
    if image_filter is None:
        image_filter = _FILTERS[spec] = Filter(spec)
    found = photo.find_existing_renditions(image_filter)
    if found:
        return found[image_filter]
    return get_renditions_or_not_found(photo, [spec])[spec]


def tag_names_by_article(article_ids: Iterable[int]) -> dict[int, list[str]]:
    """Each article's tag names in name order, in one query (taggit's prefetch builds a query per story)."""
    names: dict[int, list[tuple]] = {}
    rows = ArticleTag.objects.filter(content_object_id__in=list(article_ids)).values_list(
        "content_object_id", "tag_id", "tag__name"
    )
    for article_id, tag_id, name in rows:
        names.setdefault(article_id, []).append((name.casefold(), tag_id, name))
    return {article_id: [name for *_, name in sorted(tags)] for article_id, tags in names.items()}


# What Django's reverse() leaves unquoted in a path (django.urls.resolvers).
_PATH_SAFE = RFC3986_SUBDELIMS + "/~:@"


def page_urls(pages: Iterable, request: HttpRequest | None, *, full: bool = False) -> dict[int, str | None]:
    """Each page's URL as ``page.get_url(request)`` gives it (``get_full_url`` with ``full``), by id.

    Wagtail routes by url_path, which is the parent's followed by the slug, so the pages under one
    parent share their URL up to the slug: one URL reversal per parent instead of one per page.
    """
    prefixes: dict[str, str] = {}
    urls = {}
    for page in pages:
        parent_path = page.path[: -page.steplen]
        tail = quote(page.slug, safe=_PATH_SAFE) + "/"
        prefix = prefixes.get(parent_path)
        if prefix is not None:
            urls[page.pk] = prefix + tail
            continue
        url = page.get_full_url(request) if full else page.get_url(request)
        if WAGTAIL_APPEND_SLASH and url and url.endswith("/" + tail):
            prefixes[parent_path] = url[: -len(tail)]
        urls[page.pk] = url
    return urls
