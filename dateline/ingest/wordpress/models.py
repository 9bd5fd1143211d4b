from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    POST = "post", _("Post")
    ATTACHMENT = "attachment", _("Attachment")
    AUTHOR = "author", _("Author")
    CATEGORY = "category", _("Category")
    COMMENT = "comment", _("Comment")


class ImportedItem(models.Model):
    """One thing from a WordPress export and what it became here (an article, photo, person, section
    or comment): a second run updates it instead of making a twin, and an interrupted run resumes.

    Keyed by the exported site and WordPress's own ID (login for authors, slug for categories); posts
    and attachments are also found by their GUID, which survives a change of the site's address.
    """

    source = models.CharField(_("WordPress site"), max_length=200, help_text=_("The export's base site URL."))
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    wp_id = models.CharField(_("WordPress ID"), max_length=200)
    guid = models.CharField(_("GUID"), max_length=500, blank=True, db_index=True)
    object_id = models.PositiveBigIntegerField(_("imported as (ID)"), null=True, blank=True)
    fingerprint = models.CharField(
        _("fingerprint"), max_length=64, blank=True, help_text=_("Of the exported item: unchanged items are skipped.")
    )
    # What the newsroom keeps but never shows, such as an author's e-mail address.
    private_data = models.JSONField(_("private data"), default=dict, blank=True)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("imported WordPress item")
        verbose_name_plural = _("imported WordPress items")
        constraints = [models.UniqueConstraint(fields=["source", "kind", "wp_id"], name="wordpress_item_once_per_site")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.wp_id} → {self.object_id}"


class PingbackKind(models.TextChoices):
    PINGBACK = "pingback", _("Pingback")
    TRACKBACK = "trackback", _("Trackback")


class Pingback(models.Model):
    """A pingback or trackback a WordPress post received: another site saying it linked here.

    Kept apart from readers' comments (Dateline has no pingbacks of its own) and never shown to
    readers; editors see them in the admin.
    """

    source = models.CharField(_("WordPress site"), max_length=200)
    wp_id = models.CharField(_("WordPress comment ID"), max_length=20)
    article = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PingbackKind.choices)
    site_name = models.CharField(_("linking site"), max_length=200, blank=True)
    url = models.URLField(_("linking page"), max_length=500, blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    approved = models.BooleanField(_("approved in WordPress"), default=False)

    class Meta:
        verbose_name = _("pingback")
        verbose_name_plural = _("pingbacks")
        ordering = ["-received_at"]
        constraints = [models.UniqueConstraint(fields=["source", "wp_id"], name="wordpress_pingback_once")]

    def __str__(self):
        return self.url or self.site_name


class ImportRunStatus(models.TextChoices):
    CHECKING = "checking", _("Checking")
    READY = "ready", _("Ready to confirm")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ImportRun(models.Model):
    """An import started from the admin: the uploaded export, its dry-run report, the administrator's
    confirmation and the import's progress and final report.

    The export is kept under the data folder (``DATA_DIR/imports``), never in the media folder: it
    holds authors' e-mail addresses and private posts. It is deleted once the import is done.
    """

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    original_name = models.CharField(_("uploaded file"), max_length=255, blank=True)
    export_name = models.CharField(
        _("stored export"), max_length=255, help_text=_("The file's name in the imports folder.")
    )
    uploads_folder = models.CharField(
        _("uploads folder"),
        max_length=255,
        blank=True,
        help_text=_("A folder inside the imports folder holding a copy of wp-content/uploads."),
    )
    time_zone = models.CharField(
        _("WordPress time zone"), max_length=64, default="UTC", help_text=_("For dates exported without one.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ImportRunStatus.choices, default=ImportRunStatus.CHECKING
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    dry_run_report = models.JSONField(_("dry-run report"), default=dict, blank=True)
    report = models.JSONField(_("report"), default=dict, blank=True)
    posts_done = models.PositiveIntegerField(_("posts done"), default=0)
    posts_total = models.PositiveIntegerField(_("posts in the file"), default=0)
    heartbeat_at = models.DateTimeField(
        _("last heard from"), null=True, blank=True, help_text=_("When the importing worker last reported progress.")
    )
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("WordPress import run")
        verbose_name_plural = _("WordPress import runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.original_name or self.export_name} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in (ImportRunStatus.CHECKING, ImportRunStatus.IMPORTING)
