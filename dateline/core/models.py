from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string

from .memo import MemoizedSettingMixin

SHARE_TARGETS = [
    ("pinterest", "Pinterest"),
    ("telegram", "Telegram"),
    ("linkedin", "LinkedIn"),
    ("whatsapp", "WhatsApp"),
    ("x", "X"),
    ("facebook", "Facebook"),
    ("email", _("E-mail")),
]


def default_outlet_code() -> str:
    return settings.DATELINE_OUTLET_CODE


def default_share_targets() -> str:
    return ",".join(key for key, _label in SHARE_TARGETS)


NOTICE_POSITIONS = [("top", _("At the top of the story")), ("foot", _("At the foot of the story"))]

outlet_code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 .&-]{0,19}$",
    _("Use up to 20 letters, digits, spaces, dots, ampersands or hyphens, such as RHC or AFP."),
)


@register_setting(icon="site")
class NewsroomSettings(MemoizedSettingMixin, BaseSiteSetting):
    """What a newsroom changes without a deploy: its outlet code, logo, photo rules and share targets."""

    outlet_code = models.CharField(
        _("outlet code"),
        max_length=20,
        default=default_outlet_code,
        validators=[outlet_code_validator],
        help_text=_("Shown in datelines, for example RHC in 'Havana, May 2 (RHC) --'."),
    )
    publisher_name = models.CharField(
        _("publisher name"),
        max_length=120,
        blank=True,
        help_text=_("The organisation named as publisher to search engines. Leave empty to use the site name."),
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    require_photo_credits = models.BooleanField(
        _("require photo credits"),
        default=True,
        help_text=_("When on, no photo can be saved without a credit such as AFP or the photographer's name."),
    )
    share_targets = models.CharField(
        _("share targets"),
        max_length=200,
        default=default_share_targets,
        help_text=_(
            "Comma-separated networks offered under each article, in order. "
            "Choose from: pinterest, telegram, linkedin, whatsapp, x, facebook, email."
        ),
    )

    correction_position = models.CharField(
        _("corrections shown"),
        max_length=10,
        choices=NOTICE_POSITIONS,
        default="top",
        help_text=_("Where an article shows its corrections."),
    )
    clarification_position = models.CharField(
        _("clarifications shown"),
        max_length=10,
        choices=NOTICE_POSITIONS,
        default="foot",
        help_text=_("Where an article shows its clarifications."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("outlet_code"), FieldPanel("publisher_name"), FieldPanel("logo")], _("Identity")),
        FieldPanel("require_photo_credits"),
        FieldPanel("share_targets"),
        FieldRowPanel([FieldPanel("correction_position"), FieldPanel("clarification_position")], _("Notices")),
    ]

    class Meta:
        verbose_name = _("newsroom settings")

    def clean(self):
        known = {key for key, _label in SHARE_TARGETS}
        chosen = [part.strip().lower() for part in self.share_targets.split(",") if part.strip()]
        unknown = [part for part in chosen if part not in known]
        if unknown:
            raise ValidationError(
                {"share_targets": _("Unknown share targets: %(names)s.") % {"names": ", ".join(unknown)}}
            )
        self.share_targets = ",".join(chosen)

    @property
    def share_target_keys(self) -> list[str]:
        return [part for part in self.share_targets.split(",") if part]


def _policy_page(verbose_name, help_text):
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


# (field, schema.org property of NewsMediaOrganization or None, footer label), in footer order.
POLICY_PAGES = [
    ("ethics_page", "ethicsPolicy", _("Ethics policy")),
    ("corrections_policy_page", "correctionsPolicy", _("Corrections policy")),
    ("verification_page", "verificationFactCheckingPolicy", _("How we verify")),
    ("ownership_funding_page", "ownershipFundingInfo", _("Ownership and funding")),
    ("masthead_page", "masthead", _("Masthead")),
    ("diversity_page", "diversityPolicy", _("Diversity policy")),
    ("feedback_page", "actionableFeedbackPolicy", _("Feedback and complaints")),
    ("unnamed_sources_page", "unnamedSourcesPolicy", _("Unnamed sources")),
]


@register_setting(icon="doc-full")
class PublishingPrinciples(MemoizedSettingMixin, BaseSiteSetting):
    """The newsroom's published policies and how to reach it: linked in the footer of every page and
    told to search engines as the publisher's NewsMediaOrganization properties."""

    ethics_page = _policy_page(_("ethics policy"), _("Also given as the publishing principles."))
    corrections_policy_page = _policy_page(_("corrections policy"), _("How and when you correct stories."))
    verification_page = _policy_page(_("verification and fact-checking"), _("How you check facts."))
    ownership_funding_page = _policy_page(_("ownership and funding"), _("Who owns and pays for the newsroom."))
    masthead_page = _policy_page(_("masthead"), _("Who the editors are."))
    diversity_page = _policy_page(_("diversity policy"), "")
    feedback_page = _policy_page(_("actionable feedback"), _("How readers can raise a concern or complaint."))
    unnamed_sources_page = _policy_page(_("unnamed sources"), _("When you grant anonymity, and how."))
    contact_email = models.EmailField(_("newsroom e-mail"), blank=True)
    contact_telephone = models.CharField(_("newsroom telephone"), max_length=40, blank=True)
    corrections_email = models.EmailField(
        _("corrections e-mail"), blank=True, help_text=_("Where readers report an error.")
    )

    panels = [
        MultiFieldPanel([PageChooserPanel(field) for field, _property, _label in POLICY_PAGES], _("Policy pages")),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_telephone"), FieldPanel("corrections_email")],
            _("Contact points"),
        ),
    ]

    class Meta:
        verbose_name = _("publishing principles")
        verbose_name_plural = _("publishing principles")

    def page_ids(self) -> dict[str, int]:
        """The chosen policy pages' ids by field name."""
        return {field: getattr(self, f"{field}_id") for field, _p, _l in POLICY_PAGES if getattr(self, f"{field}_id")}


class PurgeCounter(models.Model):
    """The newest purge generation: one row, raised by one in the transaction of every change that purges.

    The row lock makes generations follow commit order, so a render that read generation G before
    a change committed is told apart from one that read it after (dateline.core.purge).
    """

    generation = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("purge counter")

    def __str__(self):
        return str(self.generation)


class PurgedKey(models.Model):
    """The generation in which a surrogate key (or a URL path) was last purged.

    A cached page or memo value made at generation G is stale once any of its keys has a higher one.
    """

    key = models.CharField(max_length=255, unique=True)
    generation = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = _("purged key")

    def __str__(self):
        return self.key


class PendingPurge(models.Model):
    """A purge still owed to Varnish or a CDN: written with the change, deleted once delivered.

    A purge that fails stays here with its error, is retried by `dateline retry_purges` (every minute
    with the schedule) and is shown to editors on the admin dashboard until it is delivered.
    """

    urls = models.JSONField(default=list)
    keys = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("pending purge")

    def __str__(self):
        return " ".join([*self.keys, *self.urls])[:200]
