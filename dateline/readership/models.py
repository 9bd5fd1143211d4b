from django.db import models
from django.utils.translation import gettext_lazy as _


class PageViews(models.Model):
    """How many times one page was read on one day (the site's time zone), from the beacon."""

    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("page views")
        verbose_name_plural = _("page views")
        constraints = [models.UniqueConstraint(fields=["page", "day"], name="readership_one_row_per_page_and_day")]
        indexes = [models.Index(fields=["day", "page"], name="readership_views_by_day")]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.views}"


class ReferrerViews(models.Model):
    """How many page views one referring site (its host name only) sent on one day; "" is direct."""

    host = models.CharField(_("referring site"), max_length=253, blank=True)
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("referrer views")
        verbose_name_plural = _("referrer views")
        constraints = [models.UniqueConstraint(fields=["host", "day"], name="readership_one_row_per_host_and_day")]
        indexes = [models.Index(fields=["day", "host"], name="readership_referrers_by_day")]

    def __str__(self):
        return f"{self.host or '-'} {self.day}: {self.views}"
