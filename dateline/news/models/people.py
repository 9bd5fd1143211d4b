from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Person(TranslatableMixin, index.Indexed, models.Model):
    """Someone who writes or edits for the newsroom: shown in bylines and on their own page.

    Translatable like pages, so a role and bio can be written per language; every translation keeps
    a slug of its own (see copy_for_translation) so /people/<slug>/ always names one row.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    role = models.CharField(_("role"), max_length=120, blank=True, help_text=_("For example: Europe editor."))
    bio = models.TextField(_("short bio"), blank=True, max_length=1500)
    same_as = models.TextField(
        _("profiles elsewhere"),
        blank=True,
        max_length=2000,
        help_text=_("Links to the person's other profiles (a social network, Wikidata), one per line."),
    )
    knows_about = models.CharField(
        _("expertise"),
        max_length=300,
        blank=True,
        help_text=_("Topics they cover, separated by commas, for example: climate, EU energy policy."),
    )
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("same_as"),
        FieldPanel("knows_about"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("role")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:person", kwargs={"slug": self.slug})

    @property
    def same_as_urls(self) -> list[str]:
        return [line.strip() for line in self.same_as.splitlines() if line.strip().startswith(("https://", "http://"))]

    @property
    def topics(self) -> list[str]:
        return [topic.strip() for topic in self.knows_about.split(",") if topic.strip()]

    def clean(self):
        super().clean()
        bad = [line.strip() for line in self.same_as.splitlines() if line.strip()]
        bad = [line for line in bad if not line.startswith(("https://", "http://"))]
        if bad:
            raise ValidationError({"same_as": _("Give each profile as a full link starting with https://.")})

    def copy_for_translation(self, locale, exclude_fields=None):
        copy = super().copy_for_translation(locale, exclude_fields=exclude_fields)
        base = f"{self.slug}-{locale.language_code}"[: self._meta.get_field("slug").max_length]
        copy.slug, n = base, 1
        while Person.objects.filter(slug=copy.slug).exists():
            n += 1
            copy.slug = f"{base[: self._meta.get_field('slug').max_length - len(str(n)) - 1]}-{n}"
        return copy
