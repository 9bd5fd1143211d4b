from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from dateline.news.models import SectionPage
from dateline.news.queries import latest_articles

STORIES_PER_SECTION = 4


class HomePage(Page):
    """The front page of one language's site: the lead story, then the latest of each section."""

    lead_story = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to lead with the newest story."),
    )

    content_panels = Page.content_panels + [FieldPanel("lead_story")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("front page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lead = self.lead_story if self.lead_story and self.lead_story.live else None
        if lead is None:
            lead = latest_articles(locale=self.locale, limit=1).first()
        sections = SectionPage.objects.live().public().child_of(self)
        rows = []
        for section in sections:
            stories = [a for a in latest_articles(section=section, limit=STORIES_PER_SECTION + 1) if a != lead]
            rows.append((section, stories[:STORIES_PER_SECTION]))
        context["lead"] = lead
        context["section_rows"] = rows
        return context
