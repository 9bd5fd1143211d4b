from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image

from dateline.core.memo import memo, row_key
from dateline.core.purge import current_request


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

    def _rendition_memo_key(self, spec: str) -> tuple:
        focal_point = (self.focal_point_x, self.focal_point_y, self.focal_point_width, self.focal_point_height)
        return ("rendition", self.pk, self.file.name, focal_point, spec)

    def get_rendition(self, filter):
        """Wagtail's rendition, remembered by this process until the next purge (core.memo).

        Saves a listing one cache round trip per photo. An edited photo purges the pages that show
        it, which drops the memo; the key also holds the file and focal point, which renditions follow.
        """
        spec = filter if isinstance(filter, str) else filter.spec
        if not self.pk:
            return super().get_rendition(filter)
        return memo.get(
            current_request.get(),
            self._rendition_memo_key(spec),
            lambda: super(Photo, self).get_rendition(filter),
            keys=[row_key(Photo, self.pk)],
        )


class PhotoRendition(AbstractRendition):
    image = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")

    def __setstate__(self, state):
        # Works around https://github.com/wagtail/wagtail/pull/14541: get_renditions writes what it
        # just read from the renditions cache back to it (six pickled writes per lead photo). Only
        # that cache unpickles renditions: marked as Wagtail marks prefetched ones, they are not
        # written back (a rendition missing from the cache is still written). Remove once a Wagtail
        # release with that fix is our minimum.
        super().__setstate__(state)
        self._from_cache = True

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
