from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from dateline.core.languages import configured_languages, default_language
from dateline.core.models import outlet_code_validator


class SourceKind(models.TextChoices):
    RSS = "rss", _("RSS or Atom feed (URL)")
    NINJS_URL = "ninjs_url", _("IPTC NINJS, JSON (URL)")
    NINJS_FOLDER = "ninjs_folder", _("IPTC NINJS, JSON (drop folder)")
    NEWSML_URL = "newsml_url", _("IPTC NewsML-G2, XML (URL)")
    NEWSML_FOLDER = "newsml_folder", _("IPTC NewsML-G2, XML (drop folder)")


FOLDER_KINDS = {SourceKind.NINJS_FOLDER, SourceKind.NEWSML_FOLDER}


class SourceStatus(models.TextChoices):
    NEVER = "", _("Not polled yet")
    OK = "ok", _("OK")
    SKIPPED_ITEMS = "skipped_items", _("OK, some items skipped")
    UNREACHABLE = "unreachable", _("Could not fetch")
    TIMED_OUT = "timed_out", _("Timed out")
    TOO_LARGE = "too_large", _("Too large")
    UNREADABLE = "unreadable", _("Unreadable feed")


def drop_root():
    """Drop folders live under here: an agency's FTP/SFTP account delivers into a folder below it."""
    return settings.DATA_DIR / "wires"


class Source(models.Model):
    """An agency feed the newsroom takes copy from: where to fetch it, whose it is, where drafts go."""

    name = models.CharField(_("name"), max_length=100, unique=True, help_text=_("For example: AFP World (English)."))
    kind = models.CharField(_("format"), max_length=20, choices=SourceKind.choices, default=SourceKind.RSS)
    url = models.URLField(
        _("feed address"),
        blank=True,
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("For feeds fetched over HTTP or HTTPS."),
    )
    folder = models.CharField(
        _("drop folder"),
        max_length=200,
        blank=True,
        help_text=_(
            "For files the agency delivers by FTP or SFTP: a folder name inside the site's data folder's "
            "'wires' folder. Files read are moved to its 'processed' subfolder."
        ),
    )
    agency = models.CharField(
        _("agency"), max_length=100, help_text=_("Credited on the copy and its photos, for example AFP.")
    )
    outlet_code = models.CharField(
        _("outlet code"),
        max_length=20,
        blank=True,
        validators=[outlet_code_validator],
        help_text=_("Shown in the dateline of its stories, for example AFP."),
    )
    section = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("default section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Drafts wait here until an editor uses them. Leave empty to hold them in the hidden 'Wire' section."
        ),
    )
    language = models.CharField(_("language"), max_length=10, choices=configured_languages, default=default_language)
    poll_minutes = models.PositiveSmallIntegerField(
        _("poll every (minutes)"), default=5, help_text=_("How often to look for new copy.")
    )
    enabled = models.BooleanField(_("enabled"), default=True)

    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True, editable=False)
    next_poll_at = models.DateTimeField(_("next poll"), null=True, blank=True, editable=False)
    last_status = models.CharField(
        _("last status"), max_length=20, choices=SourceStatus.choices, blank=True, editable=False
    )
    last_error = models.TextField(_("last problem"), blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("kind"), FieldPanel("url"), FieldPanel("folder")], _("Where the copy comes from")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("agency"), FieldPanel("outlet_code")]), FieldPanel("language")],
            _("Whose copy it is"),
        ),
        FieldPanel("section"),
        FieldRowPanel([FieldPanel("poll_minutes"), FieldPanel("enabled")]),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("wire source")
        verbose_name_plural = _("wire sources")

    def __str__(self):
        return self.name

    @property
    def is_folder(self) -> bool:
        return self.kind in FOLDER_KINDS

    @property
    def format(self) -> str:
        """rss, ninjs or newsml: which parser reads it."""
        return self.kind.split("_")[0]

    def folder_path(self):
        """The drop folder, which must lie inside the wires folder (no '..', no absolute paths elsewhere)."""
        root = drop_root().resolve()
        path = (root / self.folder).resolve()
        if not path.is_relative_to(root) or path == root:
            raise ValidationError({"folder": _("Choose a folder inside the data folder's 'wires' folder.")})
        return path

    def clean(self):
        if self.is_folder:
            if not self.folder:
                raise ValidationError({"folder": _("Name the folder the agency delivers into.")})
            self.folder_path()
        elif not self.url:
            raise ValidationError({"url": _("Give the address of the feed.")})


class WireItemStatus(models.TextChoices):
    NEW = "new", _("New")
    USED = "used", _("Used")
    UPDATED_AFTER_USE = "updated", _("Updated after use")
    KILLED = "killed", _("Killed")
    DUPLICATE = "duplicate", _("Duplicate")


class WireItemQuerySet(models.QuerySet):
    def in_queue(self):
        """What the desk still has to look at: not duplicates of another item."""
        return self.exclude(status=WireItemStatus.DUPLICATE)


class WireItem(models.Model):
    """One agency story as received: its identity and version at the agency, and the draft it became."""

    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(_("agency ID"), max_length=255)
    version = models.BigIntegerField(_("version"), default=1)
    headline = models.CharField(_("headline"), max_length=255)
    byline = models.CharField(_("byline"), max_length=200, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    dateline_place = models.CharField(_("dateline"), max_length=80, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    urgency = models.PositiveSmallIntegerField(
        _("urgency"), null=True, blank=True, help_text=_("1 is the most urgent, 9 the least (IPTC).")
    )
    embargoed_until = models.DateTimeField(_("embargo"), null=True, blank=True)
    version_created_at = models.DateTimeField(_("sent by the agency"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last version received"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=20, choices=WireItemStatus.choices, default=WireItemStatus.NEW, db_index=True
    )
    fingerprint = models.CharField(_("text fingerprint"), max_length=64, db_index=True, editable=False)
    article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name=_("draft"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("duplicate of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("used by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    objects = WireItemQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("wire story")
        verbose_name_plural = _("wire stories")
        constraints = [models.UniqueConstraint(fields=["source", "guid"], name="ingest_one_item_per_guid")]

    def __str__(self):
        return self.headline

    @property
    def agency(self) -> str:
        return self.credit or self.source.agency

    @property
    def is_embargoed(self) -> bool:
        return bool(self.embargoed_until and self.embargoed_until > timezone.now())
