from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from dateline.core.languages import configured_languages
from dateline.core.memo import MemoizedSettingMixin


class DatelinePreset(models.TextChoices):
    REFERENCE = "reference", _("Reference: Brussels, February 20 (RHC)--")
    AP = "ap", _("AP: BRUSSELS (AP) —")
    CUSTOM = "custom", _("Our own, as set below")


class DatelineDateForm(models.TextChoices):
    MONTH_DAY = "month_day", _("Month and day, in the story's language (February 20)")
    NONE = "none", _("No date")


class OutletPlacement(models.TextChoices):
    AFTER_DATE = "after_date", _("After the date: Brussels, February 20 (RHC)")
    AFTER_PLACE = "after_place", _("After the place: BRUSSELS (AP), February 20")
    NONE = "none", _("Not shown")


# What each preset sets: (separator, date form, place in capitals, outlet placement).
PRESETS = {
    DatelinePreset.REFERENCE: ("--", DatelineDateForm.MONTH_DAY, False, OutletPlacement.AFTER_DATE),
    DatelinePreset.AP: (" —", DatelineDateForm.NONE, True, OutletPlacement.AFTER_PLACE),
}


class DatelineStyleParts(models.Model):
    """The parts of a dateline style, and how they make a dateline: the site's style and each
    language's own have the same."""

    preset = models.CharField(
        _("style"),
        max_length=20,
        choices=DatelinePreset.choices,
        default=DatelinePreset.REFERENCE,
        help_text=_("Pick a common style, or choose 'Our own' and set each part below."),
    )
    separator = models.CharField(
        _("separator"),
        max_length=8,
        blank=True,
        default="--",
        help_text=_("Written exactly as typed right after the dateline, spaces included, such as -- or a space and —."),
    )
    date_form = models.CharField(
        _("date"), max_length=20, choices=DatelineDateForm.choices, default=DatelineDateForm.MONTH_DAY
    )
    place_in_capitals = models.BooleanField(_("place in capitals"), default=False)
    outlet_placement = models.CharField(
        _("outlet code"), max_length=20, choices=OutletPlacement.choices, default=OutletPlacement.AFTER_DATE
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.preset in PRESETS:
            self.separator, self.date_form, self.place_in_capitals, self.outlet_placement = PRESETS[self.preset]

    def compose(self, *, place: str, day: str, outlet_code: str, comma: str = ", ") -> str:
        """The dateline without its separator: place, date and outlet as this style writes them, with
        the article language's comma between place and date."""
        if self.place_in_capitals:
            place = place.upper()
        outlet = f"({outlet_code})" if outlet_code and self.outlet_placement != OutletPlacement.NONE else ""
        date = day if self.date_form == DatelineDateForm.MONTH_DAY else ""
        if self.outlet_placement == OutletPlacement.AFTER_PLACE:
            head = " ".join(part for part in (place, outlet) if part)
            return comma.join(part for part in (head, date) if part)
        head = comma.join(part for part in (place, date) if part)
        return " ".join(part for part in (head, outlet) if part)


@register_setting(icon="edit")
class DatelineStyle(MemoizedSettingMixin, ClusterableModel, BaseSiteSetting, DatelineStyleParts):
    """How this newsroom writes the dateline that opens each story: one style for the site, and
    optionally a style of its own for any of its languages."""

    panels = [
        FieldPanel("preset"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("separator"), FieldPanel("date_form")]),
                FieldRowPanel([FieldPanel("place_in_capitals"), FieldPanel("outlet_placement")]),
            ],
            _("Our own style"),
        ),
        InlinePanel(
            "language_styles",
            heading=_("A style for one language"),
            label=_("language style"),
            help_text=_("Stories in a language listed here use its style; the others use the style above."),
        ),
    ]

    class Meta:
        verbose_name = _("dateline style")

    def __str__(self):
        return str(self._meta.verbose_name)

    @cached_property
    def _by_language(self) -> dict:
        # Read once per instance: for_request's instance is kept in the memo until the setting is saved.
        return {style.language: style for style in self.language_styles.all()}

    def for_language(self, language_code: str | None) -> DatelineStyleParts:
        """The style of stories in this language: its own if the site set one, else the site's."""
        return self._by_language.get(language_code, self)


class DatelineStyleOverride(Orderable, DatelineStyleParts):
    """One language's own dateline style, e.g. the AP's for English and the reference for Spanish."""

    setting = ParentalKey(DatelineStyle, on_delete=models.CASCADE, related_name="language_styles")
    language = models.CharField(_("language"), max_length=20, choices=configured_languages)

    panels = [
        FieldRowPanel([FieldPanel("language"), FieldPanel("preset")]),
        FieldRowPanel([FieldPanel("separator"), FieldPanel("date_form")]),
        FieldRowPanel([FieldPanel("place_in_capitals"), FieldPanel("outlet_placement")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("language style")
        verbose_name_plural = _("language styles")
        constraints = [
            models.UniqueConstraint(fields=["setting", "language"], name="news_one_dateline_style_per_language")
        ]

    def __str__(self):
        return f"{self.language}: {self.get_preset_display()}"
