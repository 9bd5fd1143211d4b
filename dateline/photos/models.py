from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class Photo(AbstractImage):
    """A newsroom photo: the picture, who took or supplied it, and the caption it usually runs with."""

    credit = models.CharField(
        _("credit"),
        max_length=120,
        blank=True,
        help_text=_("Who took or supplied the photo, for example AFP or Ana Pérez. Shown as (Photo: AFP)."),
    )
    default_caption = models.TextField(
        _("default caption"),
        blank=True,
        max_length=500,
        help_text=_("The caption used wherever an article does not write its own."),
    )

    admin_form_fields = Image.admin_form_fields + ("credit", "default_caption")

    class Meta(AbstractImage.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    @property
    def alt_text(self) -> str:
        return self.description or self.default_caption or ""


class PhotoRendition(AbstractRendition):
    image = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
