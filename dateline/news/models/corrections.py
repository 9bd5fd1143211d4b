"""Corrections and clarifications: the newsroom's public record of what it got wrong or left unclear."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class CorrectionKind(models.TextChoices):
    CORRECTION = "correction", _("Correction")
    CLARIFICATION = "clarification", _("Clarification")


class Correction(Orderable):
    """A correction or clarification published on an article: kept when the text is fixed, listed on
    the corrections page. Edited with the article, so it goes through its revisions and workflow."""

    article = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("kind"), max_length=20, choices=CorrectionKind.choices, default=CorrectionKind.CORRECTION)
    text = models.TextField(
        _("text"),
        max_length=1000,
        help_text=_("What was wrong and what is right, e.g. An earlier version gave the wrong date for the vote."),
    )
    published_at = models.DateTimeField(_("date and time"), default=timezone.now)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("published_at")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("correction or clarification")
        verbose_name_plural = _("corrections and clarifications")
        indexes = [models.Index(fields=["-published_at"], name="news_correction_newest")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def is_correction(self) -> bool:
        return self.kind == CorrectionKind.CORRECTION
