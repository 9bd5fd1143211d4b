"""Read paths of the front page: lead, pinned stories, section rows and the week's most commented."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from wagtail import hooks

from dateline.news.models import ArticlePage, SectionPage
from dateline.news.queries import latest_articles

STORIES_PER_SECTION = 4
MOST_COMMENTED_LIMIT = 5
MOST_COMMENTED_DAYS = 7


@dataclass
class FrontPage:
    lead: ArticlePage | None = None
    pinned: list = field(default_factory=list)
    section_rows: list = field(default_factory=list)
    most_commented: list = field(default_factory=list)

    def as_context(self) -> dict:
        return {
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
    """Everything the front page shows, each story at most once.

    The lead is the chosen lead story if live, else the first pinned story, else the newest story.
    Section rows skip the stories already shown above them.
    """
    pinned = pinned_articles(home)
    lead = None
    if home.lead_story_id:
        lead = ArticlePage.objects.live().public().filter(pk=home.lead_story_id).for_listing().first()
    if lead is None and pinned:
        lead = pinned[0]
    if lead is None:
        lead = latest_articles(locale=home.locale, limit=1).first()
    pinned = [article for article in pinned if article != lead]
    shown = {article.pk for article in pinned} | ({lead.pk} if lead else set())
    rows = []
    for section in SectionPage.objects.live().public().child_of(home):
        latest = latest_articles(section=section, limit=STORIES_PER_SECTION + len(shown))
        stories = [article for article in latest if article.pk not in shown][:STORIES_PER_SECTION]
        if stories:
            rows.append((section, stories))
    return FrontPage(lead=lead, pinned=pinned, section_rows=rows, most_commented=most_commented_this_week(home.locale))


def most_commented_this_week(locale, *, limit: int = MOST_COMMENTED_LIMIT) -> list[tuple[ArticlePage, int]]:
    """Live articles in one language with the most approved comments of the last seven days.

    The comments room answers through the ``dateline_most_commented`` hook: a function taking
    ``since`` (a datetime) and ``limit`` and returning ``(page_id, count)`` pairs, most first.
    Without a hook (or if it finds nothing) the list is empty and the front page leaves the box out.
    """
    since = timezone.now() - timedelta(days=MOST_COMMENTED_DAYS)
    for hook in hooks.get_hooks("dateline_most_commented"):
        # Ask for more than we show: some counted articles may be in another language or unpublished.
        counts = list(hook(since=since, limit=limit * 4))
        if not counts:
            continue
        ids = [page_id for page_id, _count in counts]
        articles = ArticlePage.objects.live().public().filter(pk__in=ids, locale=locale).for_listing()
        by_id = {article.pk: article for article in articles}
        return [(by_id[page_id], count) for page_id, count in counts if page_id in by_id][:limit]
    return []
