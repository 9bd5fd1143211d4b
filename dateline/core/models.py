from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
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

    panels = [
        MultiFieldPanel([FieldPanel("outlet_code"), FieldPanel("publisher_name"), FieldPanel("logo")], _("Identity")),
        FieldPanel("require_photo_credits"),
        FieldPanel("share_targets"),
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
