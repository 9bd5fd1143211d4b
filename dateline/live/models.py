from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.images import get_image_model_string

from dateline.news.models import ArticlePage

from .panels import LiveUpdatesPanel

# Updates on one page of the live page; older ones are behind "Older updates".
UPDATES_PER_PAGE = 20
# How often readers' pages ask for new updates: with the purge on posting, each reader sees an
# update within this plus the purge's delivery (benchmarks/live_updates.py measures it).
POLL_SECONDS = 3


class LivePage(ArticlePage):
    """A breaking story covered as it happens: the article's fields plus short updates, newest first.

    Updates are LiveUpdate rows posted from the admin's "Post an update" form, not page revisions: posting
    one purges the page and its updates endpoint without republishing the page.
    """

    coverage_start = models.DateTimeField(
        _("coverage starts"),
        null=True,
        blank=True,
        help_text=_("When live coverage began; leave empty to use the first publication time."),
    )
    coverage_end = models.DateTimeField(
        _("coverage ends"),
        null=True,
        blank=True,
        help_text=_("Set when the coverage is over: readers' pages stop asking for new updates."),
    )

    content_panels = [
        *ArticlePage.content_panels[:1],
        LiveUpdatesPanel(heading=_("Live updates")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("coverage_start"), FieldPanel("coverage_end")])], _("Live coverage")
        ),
        *ArticlePage.content_panels[1:],
    ]

    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("live page")

    @property
    def coverage_started_at(self):
        return self.coverage_start or self.first_published_at or timezone.now()

    @property
    def is_ongoing(self) -> bool:
        """Whether readers' pages should keep asking for updates."""
        return self.coverage_end is None or self.coverage_end > timezone.now()

    def get_cache_keys(self) -> list[str]:
        return [*super().get_cache_keys(), live_key(self.pk)]

    def get_context(self, request, *args, **kwargs):
        from . import queries
        from .structured_data import live_blog_structured_data

        context = super().get_context(request, *args, **kwargs)
        older_than = queries.parse_cursor(request.GET.get("older"))
        updates, older = queries.updates_page(self, older_than=older_than, limit=UPDATES_PER_PAGE)
        pinned = queries.pinned_updates(self) if older_than is None else []
        context.update(
            live_updates=updates,
            pinned_updates=pinned,
            older_cursor=older,
            is_first_page=older_than is None,
            live_cursor=queries.latest_sequence(self),
            poll_seconds=POLL_SECONDS,
        )
        context["structured_data"] = live_blog_structured_data(
            self, context["structured_data"], [*pinned, *updates], request
        )
        return context


def live_key(page_id: int) -> str:
    """The surrogate key of what shows a live page's updates: the page and its updates endpoint."""
    return f"live-{page_id}"


class LiveUpdateQuerySet(models.QuerySet):
    def shown(self):
        """Updates readers see: not deleted."""
        return self.filter(withdrawn_at__isnull=True)


class LiveUpdate(models.Model):
    """One short, timestamped post on a live page: text, and a photo, an embed or a quote.

    A correction keeps the words first posted (shown to readers as corrected) and says what changed.
    A deleted update keeps its row, emptied, as a marker: readers' open pages are told to drop it.
    """

    page = models.ForeignKey(LivePage, verbose_name=_("live page"), on_delete=models.CASCADE, related_name="updates")
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    headline = models.CharField(_("headline"), max_length=200, blank=True)
    text = models.TextField(
        _("text"), max_length=5000, blank=True, help_text=_("A few sentences. Links are made clickable.")
    )
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    embed_url = models.URLField(
        _("embed"), blank=True, help_text=_("A link to a video or post, such as YouTube or Vimeo.")
    )
    quote = models.TextField(_("quote"), max_length=2000, blank=True)
    quote_attribution = models.CharField(_("quote by"), max_length=200, blank=True, help_text=_("Who said it."))
    is_pinned = models.BooleanField(
        _("pinned summary"), default=False, help_text=_("Shown at the top of the page, above every update.")
    )
    # Raised on every change readers must see (posting, correcting, pinning): the updates endpoint
    # answers "what changed since N". Taken while the purge's lock is held, so it follows commit order.
    sequence = models.PositiveBigIntegerField(_("change number"), default=0, editable=False)
    corrected_at = models.DateTimeField(_("corrected at"), null=True, blank=True, editable=False)
    correction_note = models.CharField(
        _("what was corrected"), max_length=300, blank=True, help_text=_("Shown to readers with the correction.")
    )
    original_text = models.TextField(_("text as first posted"), blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("deleted at"), null=True, blank=True, editable=False)

    objects = LiveUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("live update")
        verbose_name_plural = _("live updates")
        ordering = ["-pk"]
        indexes = [models.Index(fields=["page", "sequence"], name="live_update_page_sequence")]

    def __str__(self):
        return self.headline or self.text[:60] or self.quote[:60] or str(self.posted_at)

    def clean(self):
        super().clean()
        if not (self.text.strip() or self.photo_id or self.embed_url or self.quote.strip()):
            raise ValidationError(_("Write some text, or add a photo, an embed or a quote."))
        if self.quote.strip() and not self.quote_attribution.strip():
            raise ValidationError({"quote_attribution": _("Say who said the quote.")})

    @property
    def is_corrected(self) -> bool:
        return self.corrected_at is not None

    @property
    def anchor(self) -> str:
        return f"update-{self.pk}"
