"""The kinds of work a newsroom publishes (news, opinion, fact check…), a list administrators keep."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from wagtail.admin.panels import FieldPanel, FieldRowPanel

# The names the data migration gives the built-in kinds: shown through gettext, so they are translated;
# a kind an administrator adds shows as typed.
BUILT_IN_NAMES = [
    gettext_noop("News"),
    gettext_noop("Analysis"),
    gettext_noop("Opinion"),
    gettext_noop("Review"),
    gettext_noop("Background"),
    gettext_noop("Fact check"),
    gettext_noop("Interview"),
    gettext_noop("Sponsored"),
]


class SchemaType(models.TextChoices):
    """The schema.org type search engines are told a piece of this kind is."""

    NEWS = "NewsArticle", "NewsArticle"
    REPORTAGE = "ReportageNewsArticle", "ReportageNewsArticle"
    ANALYSIS = "AnalysisNewsArticle", "AnalysisNewsArticle"
    OPINION = "OpinionNewsArticle", "OpinionNewsArticle"
    REVIEW = "ReviewNewsArticle", "ReviewNewsArticle"
    BACKGROUND = "BackgroundNewsArticle", "BackgroundNewsArticle"
    SPONSORED = "AdvertiserContentArticle", "AdvertiserContentArticle"
    FACT_CHECK = "ClaimReview", _("ClaimReview (fact check)")


class ArticleKind(models.Model):
    """What kind of work a piece is (news, analysis, opinion, fact check, sponsored…): shown in its
    kicker and teasers, announced to screen readers, and told to search engines as a schema.org type."""

    name = models.CharField(_("name"), max_length=60, unique=True, help_text=_("As readers see it, e.g. Opinion."))
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    schema_type = models.CharField(
        _("schema.org type"), max_length=40, choices=SchemaType.choices, default=SchemaType.REPORTAGE
    )
    is_labelled = models.BooleanField(
        _("labelled"),
        default=True,
        help_text=_("Show the name in the kicker and in teasers. Plain news usually goes unlabelled."),
    )
    is_distinct = models.BooleanField(
        _("visually distinct"),
        default=False,
        help_text=_("Set the piece apart from news in listings and on its page, as opinion should be."),
    )
    is_sponsored = models.BooleanField(
        _("sponsored"),
        default=False,
        help_text=_("Paid for by a sponsor: the piece names its sponsor and feeds mark it as sponsored."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order in the list"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("schema_type"),
        FieldRowPanel([FieldPanel("is_labelled"), FieldPanel("is_distinct"), FieldPanel("is_sponsored")]),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("kind of work")
        verbose_name_plural = _("kinds of work")

    def __str__(self):
        return self.name

    @property
    def is_fact_check(self) -> bool:
        return self.schema_type == SchemaType.FACT_CHECK

    @property
    def css_modifier(self) -> str:
        """The class a teaser or article gets, so opinion and sponsored pieces can look different."""
        if self.is_sponsored:
            return "kind--sponsored"
        return "kind--distinct" if self.is_distinct else ""


def default_kind_id() -> int | None:
    """The kind a new article starts as: news when that row exists."""
    return ArticleKind.objects.filter(slug="news").values_list("pk", flat=True).first()
