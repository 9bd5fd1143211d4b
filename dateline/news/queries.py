"""Read paths shared by pages, feeds and search, each with what its templates need fetched up front."""

from collections.abc import Iterable
from urllib.parse import quote

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.images.models import Filter
from wagtail.images.shortcuts import get_renditions_or_not_found

from dateline.news.models import ArticlePage, ArticleTag, Correction
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
    "kind_id",
    "sponsor_name",
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


RELATED_COUNT = 4
# How many of the newest stories sharing a tag, and of the newest in the section, are ranked.
RELATED_CANDIDATES = 40
RELATED_FIELDS = ("id", "path", "depth", "url_path", "slug", "title", "locale_id", "first_published_at", "kind_id")


def shown_publicly(articles):
    """Live, public stories whose embargo (if any) has passed."""
    now = timezone.now()
    return articles.live().public().filter(Q(embargoed_until__isnull=True) | Q(embargoed_until__lte=now))


def related_articles(article: ArticlePage, request: HttpRequest | None, *, limit: int = RELATED_COUNT) -> list:
    """A few stories to read next, in one query: those sharing most of the article's tags first,
    then those of its section, newest first among equals; never the article itself, nor anything
    unpublished, restricted or embargoed, and only in the article's language.

    Only the newest stories of each tag and of the section are ranked, so the cost follows
    RELATED_CANDIDATES, not the size of the archive. Each comes with ``teaser_url`` set.
    A cached article page carries its section's and its tags' keys, which every related story's
    change purges: the list is never staler than the page.
    """
    tag_ids = [tag.pk for tag in article.tag_list]
    section_path = article.path[: -article.steplen]
    in_section = (
        ArticlePage.objects.filter(path__startswith=section_path, depth=article.depth, live=True)
        .exclude(pk=article.pk)
        .order_by("-first_published_at")
        .values("pk")[:RELATED_CANDIDATES]
    )
    candidates = Q(pk__in=in_section)
    shared = Value(0, output_field=IntegerField())
    if tag_ids:
        tagged = (
            ArticleTag.objects.filter(tag_id__in=tag_ids, content_object__live=True)
            .exclude(content_object_id=article.pk)
            .order_by("-content_object__first_published_at")
            .values("content_object_id")[:RELATED_CANDIDATES]
        )
        candidates |= Q(pk__in=tagged)
        shared = Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids))
    same_section = Case(When(path__startswith=section_path, then=1), default=0, output_field=IntegerField())
    found = list(
        shown_publicly(ArticlePage.objects)
        .filter(candidates, locale_id=article.locale_id)
        .exclude(pk=article.pk)
        .annotate(shared_tags=shared, same_section=same_section)
        .order_by("-shared_tags", "-same_section", "-first_published_at", "-pk")
        .only(*RELATED_FIELDS)[:limit]
    )
    urls = page_urls(found, request)
    for item in found:
        item.teaser_url = urls[item.pk]
    return found


def public_corrections(*, locale=None):
    """Corrections and clarifications of live, public, non-embargoed stories, newest first, each with
    its article (title and place in the tree) fetched in the same query."""
    articles = shown_publicly(ArticlePage.objects)
    if locale is not None:
        articles = articles.filter(locale=locale)
    return (
        Correction.objects.filter(article__in=articles.values("pk"))
        .select_related("article", "article__locale")
        .only(
            "kind",
            "text",
            "published_at",
            "article_id",
            *(f"article__{field}" for field in ("id", "path", "depth", "url_path", "slug", "title", "locale_id")),
            "article__locale__language_code",
        )
        .order_by("-published_at", "-pk")
    )
