from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page

from dateline.core.headers import FRONT_PAGE_KEY, LISTINGS_KEY, CacheKeysMixin
from dateline.core.memo import MemoizedSettingMixin, MemoizedViewRestrictionsMixin, memo
from dateline.readership.queries import MOST_READ_KEY

from .queries import front_page_stories
from .structured_data import front_page_structured_data

MAX_PINNED_STORIES = 6


class HomePage(CacheKeysMixin, MemoizedViewRestrictionsMixin, Page):
    """The front page of one language's site: lead story, pinned stories, section rows, most commented."""

    lead_story = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("lead story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to lead with the first pinned story, or else the newest story."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead_story"),
        InlinePanel(
            "pinned_stories",
            label=_("Pinned story"),
            heading=_("Pinned stories"),
            max_num=MAX_PINNED_STORIES,
            help_text=_("Stories kept at the top of the front page, in this order, until you remove them."),
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["news.SectionPage", "news.PolicyPage", "podcasts.PodcastShowPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("front page")

    def get_cache_keys(self) -> list[str]:
        return [FRONT_PAGE_KEY, LISTINGS_KEY, MOST_READ_KEY]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What the front page shows changes only when something is published, unpublished or moderated,
        # each of which purges; the week's most commented also moves with time, so at most 5 minutes.
        if getattr(request, "is_preview", False):
            stories = front_page_stories(self, request)  # a draft's pinned stories and lead
        else:
            stories = memo.get(
                request,
                ("front-stories", self.pk),
                lambda: front_page_stories(self, request),
                keys=[LISTINGS_KEY],
                max_age=300,
            )
        context.update(stories.as_context())
        context["structured_data"] = front_page_structured_data(self, request)
        return context


class PinnedStory(Orderable):
    """A story an editor keeps near the top of one front page."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="pinned_stories")
    article = models.ForeignKey("news.ArticlePage", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("article", page_type="news.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("pinned story")
        verbose_name_plural = _("pinned stories")


@register_setting(icon="warning")
class BreakingNewsBanner(MemoizedSettingMixin, BaseSiteSetting):
    """A one-line alert above every page, with a link and an expiry so it never lingers."""

    is_active = models.BooleanField(_("show the banner"), default=False)
    text = models.CharField(
        _("text"), max_length=160, blank=True, help_text=_("One short sentence, for example: Earthquake hits Lima.")
    )
    link = models.URLField(_("link"), blank=True, help_text=_("Where the banner leads, usually the live story."))
    expires_at = models.DateTimeField(
        _("hide after"),
        null=True,
        blank=True,
        help_text=_("The banner disappears by itself at this time. Leave empty to keep it until you switch it off."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("is_active"), FieldPanel("text"), FieldPanel("link"), FieldPanel("expires_at")],
            _("Breaking news"),
        )
    ]

    class Meta:
        verbose_name = _("breaking news banner")

    def clean(self):
        if self.is_active and not self.text.strip():
            raise ValidationError({"text": _("Write the banner's text before switching it on.")})

    def is_showing(self, now=None) -> bool:
        if not (self.is_active and self.text.strip()):
            return False
        return self.expires_at is None or self.expires_at > (now or timezone.now())
