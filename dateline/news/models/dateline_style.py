from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

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


@register_setting(icon="edit")
class DatelineStyle(MemoizedSettingMixin, BaseSiteSetting):
    """How this newsroom writes the dateline that opens each story, in every language of the site."""

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

    panels = [
        FieldPanel("preset"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("separator"), FieldPanel("date_form")]),
                FieldRowPanel([FieldPanel("place_in_capitals"), FieldPanel("outlet_placement")]),
            ],
            _("Our own style"),
        ),
    ]

    class Meta:
        verbose_name = _("dateline style")

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
