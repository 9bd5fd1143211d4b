"""Read paths of the front page: lead, pinned stories, section rows and the week's most commented."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone
from wagtail.models import Page

from dateline.comments.models import Comment
from dateline.news.models import ArticlePage, SectionPage
from dateline.news.queries import latest_articles

STORIES_PER_SECTION = 4
# How many of the newest stories the front page reads in one go before asking quiet sections.
RECENT_WINDOW = 120
MOST_COMMENTED_LIMIT = 5
MOST_COMMENTED_DAYS = 7
MOST_COMMENTED_CACHE_SECONDS = 300


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


def pinned_articles(home) -> list[ArticlePage]:
    """The front page's pinned stories that are live, in the editors' order."""
    ids = list(home.pinned_stories.order_by("sort_order").values_list("article_id", flat=True))
    if not ids:
        return []
    found = {article.pk: article for article in ArticlePage.objects.live().public().filter(pk__in=ids).for_listing()}
    return [found[pk] for pk in ids if pk in found]


def front_page_stories(home) -> FrontPage:
    """Everything the front page shows, each story at most once, in a fixed number of queries.

    The lead is the chosen lead story if live, else the first pinned story, else the newest story.
    Section rows skip the stories already shown above them. The newest stories of the whole front
    page come in one query and are dealt out to their sections; only a section too quiet to appear
    among them costs a query of its own.
    """
    pinned = pinned_articles(home)
    recent = list(ArticlePage.objects.live().public().descendant_of(home).newest_first().for_listing()[:RECENT_WINDOW])
    lead = None
    if home.lead_story_id:
        lead = next((article for article in recent + pinned if article.pk == home.lead_story_id), None)
        if lead is None:
            lead = ArticlePage.objects.live().public().filter(pk=home.lead_story_id).for_listing().first()
    if lead is None and pinned:
        lead = pinned[0]
    if lead is None and recent:
        lead = recent[0]
    pinned = [article for article in pinned if article != lead]
    shown = {article.pk for article in pinned} | ({lead.pk} if lead else set())
    rows = _section_rows(home, recent, shown, window_full=len(recent) == RECENT_WINDOW)
    return FrontPage(lead=lead, pinned=pinned, section_rows=rows, most_commented=most_commented_this_week(home.locale))


def _section_rows(home, recent: list, shown: set, *, window_full: bool) -> list:
    by_section = defaultdict(list)
    for article in recent:
        if article.pk not in shown:
            by_section[article.path[: len(home.path) + Page.steplen]].append(article)
    rows = []
    for section in SectionPage.objects.live().public().child_of(home):
        stories = by_section[section.path][:STORIES_PER_SECTION]
        if len(stories) < STORIES_PER_SECTION and window_full:
            latest = latest_articles(section=section, limit=STORIES_PER_SECTION + len(shown))
            stories = [article for article in latest if article.pk not in shown][:STORIES_PER_SECTION]
        if stories:
            rows.append((section, stories))
    return rows


def most_commented_this_week(locale, *, limit: int = MOST_COMMENTED_LIMIT) -> list[tuple[ArticlePage, int]]:
    """Live articles in one language with the most comments approved and posted in the last seven days.

    Most first; equal counts go to the newer story. Two queries whatever the limit, one while the
    counts are cached.
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
    if not counts:
        return []
    # Ask for a few more than shown: some may sit in a private section.
    articles = ArticlePage.objects.live().public().filter(pk__in=[pk for pk, _n in counts]).for_listing()
    by_id = {article.pk: article for article in articles}
    return [(by_id[pk], n) for pk, n in counts if pk in by_id][:limit]
