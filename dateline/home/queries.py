"""Read paths of the front page: lead, pinned stories, section rows and the week's most commented."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest
from django.utils import timezone
from wagtail.images.models import Filter
from wagtail.models import Page

from dateline.comments.models import Comment
from dateline.news.models import ArticlePage, SectionPage
from dateline.news.queries import TEASER_FIELDS, TEASER_PHOTO_SPEC, prepare_teasers
from dateline.photos.models import PhotoRendition

STORIES_PER_SECTION = 4
# How many of the newest stories the front page reads in one go before asking quiet sections.
RECENT_WINDOW = 120
MOST_COMMENTED_LIMIT = 5
MOST_COMMENTED_DAYS = 7
MOST_COMMENTED_CACHE_SECONDS = 300
# The lead story's picture in home/home_page.html.
LEAD_PHOTO_SPECS = Filter.expand_spec("format-{webp,jpeg} fill-{480x270,960x540,1440x810}")


@dataclass
class FrontPage:
    lead: ArticlePage | None = None
    pinned: list = field(default_factory=list)
    section_rows: list = field(default_factory=list)
    most_commented: list = field(default_factory=list)

    @property
    def all_stories(self) -> list[ArticlePage]:
        stories = ([self.lead] if self.lead else []) + self.pinned
        return stories + [article for _section, articles in self.section_rows for article in articles]

    def as_context(self) -> dict:
        return {
            "front_stories": self.all_stories,
            "lead": self.lead,
            "pinned": self.pinned,
            "section_rows": self.section_rows,
            "most_commented": self.most_commented,
        }


def pinned_articles(home) -> list[tuple[int, int | None]]:
    """The front page's pinned stories that are live, in the editors' order: (id, lead photo id)."""
    ids = list(home.pinned_stories.order_by("sort_order").values_list("article_id", flat=True))
    if not ids:
        return []
    found = dict(ArticlePage.objects.live().public().filter(pk__in=ids).values_list("pk", "lead_photo_id"))
    return [(pk, found[pk]) for pk in ids if pk in found]


def front_page_stories(home, request: HttpRequest | None = None) -> FrontPage:
    """Everything the front page shows, each story at most once, in a fixed number of queries.

    The lead is the chosen lead story if live, else the first pinned story, else the newest story.
    Section rows skip the stories already shown above them. The newest stories of the whole front
    page come in one query (their ids) and are dealt out to their sections; only a section too quiet
    to appear among them costs a query of its own. Then the stories shown, and no others, are read
    with what their teasers need, in one query.
    """
    pinned = pinned_articles(home)
    recent = list(
        ArticlePage.objects.live()
        .public()
        .descendant_of(home)
        .newest_first()
        .values_list("pk", "path", "lead_photo_id")[:RECENT_WINDOW]
    )
    photo_of = {pk: photo_id for pk, _path, photo_id in recent} | dict(pinned)
    lead_id = None
    if home.lead_story_id:
        if home.lead_story_id in photo_of:
            lead_id = home.lead_story_id
        else:
            chosen = ArticlePage.objects.live().public().filter(pk=home.lead_story_id)
            for pk, photo_id in chosen.values_list("pk", "lead_photo_id"):
                lead_id, photo_of[pk] = pk, photo_id
    if lead_id is None and pinned:
        lead_id = pinned[0][0]
    if lead_id is None and recent:
        lead_id = recent[0][0]
    pinned_ids = [pk for pk, _photo_id in pinned if pk != lead_id]
    shown = set(pinned_ids) | ({lead_id} if lead_id else set())
    rows = _section_rows(home, recent, shown, window_full=len(recent) == RECENT_WINDOW)
    counts = most_commented_counts(home.locale)
    ids = [*shown, *(pk for _section, row in rows for pk in row), *(pk for pk, _n in counts)]
    articles = _stories_shown(ids, lead_photo_id=photo_of.get(lead_id), request=request)
    return FrontPage(
        lead=articles.get(lead_id),
        pinned=[articles[pk] for pk in pinned_ids if pk in articles],
        section_rows=[(section, [articles[pk] for pk in row if pk in articles]) for section, row in rows],
        most_commented=[(articles[pk], n) for pk, n in counts if pk in articles][:MOST_COMMENTED_LIMIT],
    )


def _stories_shown(ids, *, lead_photo_id: int | None, request: HttpRequest | None) -> dict[int, ArticlePage]:
    """The stories by id, read once for every place they show: teasers, the lead, most commented.

    Renditions: each teaser's, and the lead photo's (home_page.html), and no others.
    """
    renditions = Q(filter_spec=TEASER_PHOTO_SPEC)
    if lead_photo_id is not None:
        renditions |= Q(image_id=lead_photo_id, filter_spec__in=LEAD_PHOTO_SPECS)
    articles = (
        ArticlePage.objects.live()
        .public()
        .filter(pk__in=ids)
        .select_related("lead_photo", "locale")
        .prefetch_related(
            Prefetch("lead_photo__renditions", queryset=PhotoRendition.objects.filter(renditions)),
        )
        # Only what a teaser and the lead show: building thirty full pages was the first reader's
        # largest cost after an edit. A field missing here costs a query per story (the query-count
        # tests of the front page catch it).
        .only(*TEASER_FIELDS, "lead_photo", "locale")
    )
    found = {article.pk: article for article in articles}
    prepare_teasers(found.values(), request)
    return found


def _section_rows(home, recent: list, shown: set, *, window_full: bool) -> list[tuple[SectionPage, list[int]]]:
    by_section = defaultdict(list)
    for pk, path, _photo_id in recent:
        if pk not in shown:
            by_section[path[: len(home.path) + Page.steplen]].append(pk)
    rows = []
    for section in SectionPage.objects.live().public().child_of(home):
        stories = by_section[section.path][:STORIES_PER_SECTION]
        if len(stories) < STORIES_PER_SECTION and window_full:
            latest = (
                ArticlePage.objects.live()
                .public()
                .child_of(section)
                .newest_first()
                .values_list("pk", flat=True)[: STORIES_PER_SECTION + len(shown)]
            )
            stories = [pk for pk in latest if pk not in shown][:STORIES_PER_SECTION]
        if stories:
            rows.append((section, stories))
    return rows


def most_commented_counts(locale, *, limit: int = MOST_COMMENTED_LIMIT) -> list[tuple[int, int]]:
    """(article id, count) of the live articles in one language with the most comments approved and
    posted in the last seven days; a few more than ``limit``, since some may sit in a private section.

    Most first; equal counts go to the newer story. One query, none while the counts are cached.
    """
    # A week's ranking moves slowly, and counting a busy week's comments costs a large archive
    # hundreds of milliseconds, so the counts are kept for a few minutes per language.
    cache_key = f"dateline:most-commented:{locale.pk}:{limit}"
    counts = cache.get(cache_key)
    if counts is None:
        since = timezone.now() - timedelta(days=MOST_COMMENTED_DAYS)
        counts = list(
            Comment.objects.approved()
            .filter(created_at__gte=since, article__locale=locale, article__live=True)
            .values("article_id")
            .annotate(n=Count("pk"))
            .order_by("-n", "-article__first_published_at")
            .values_list("article_id", "n")[: limit * 2]
        )
        cache.set(cache_key, counts, MOST_COMMENTED_CACHE_SECONDS)
    return counts


def most_commented_this_week(locale, *, limit: int = MOST_COMMENTED_LIMIT) -> list[tuple[ArticlePage, int]]:
    """Live articles in one language with the most comments approved and posted in the last seven days.

    Most first; equal counts go to the newer story. Two queries whatever the limit, one while the
    counts are cached.
    """
    counts = most_commented_counts(locale, limit=limit)
    if not counts:
        return []
    articles = ArticlePage.objects.live().public().filter(pk__in=[pk for pk, _n in counts]).defer_streamfields()
    by_id = {article.pk: article for article in articles}
    return [(by_id[pk], n) for pk, n in counts if pk in by_id][:limit]
