from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from dateline.core.memo import MemoizedSettingMixin

NAME_MAX_LENGTH = 80
BODY_MAX_LENGTH = 5000


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)

    def pending(self):
        return self.filter(status=CommentStatus.PENDING)

    def for_thread(self, article):
        """Approved comments of one article, oldest first, as readers see them."""
        return self.approved().filter(article=article).order_by("created_at", "pk")

    def approved_counts(self, article_ids) -> dict[int, int]:
        """Approved comments per article id, for a whole listing in one query."""
        rows = (
            self.approved()
            .filter(article_id__in=article_ids)
            .values("article_id")
            .annotate(n=Count("pk"))
            .values_list("article_id", "n")
        )
        return dict(rows)


class Comment(models.Model):
    """What one reader said under one article, and where it stands in moderation.

    The reader's e-mail is kept for moderators (approval history, bans, data export) and shown only
    in the moderation admin; lookups go through keyed hashes of the e-mail and of the client address,
    and the raw address is never stored.
    """

    # Wagtail's reference index ("where is this article used?") gains nothing from a row per
    # comment and cost four queries and a savepoint inside every post's write transaction.
    wagtail_reference_index_ignore = True

    article = models.ForeignKey(
        "news.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        # A reply outlives its parent (deleted on request or by a moderator) as a top-level comment.
        on_delete=models.SET_NULL,
        related_name="replies",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("e-mail"), blank=True)
    email_hash = models.CharField(_("e-mail hash"), max_length=64, blank=True, db_index=True, editable=False)
    address_hash = models.CharField(_("address hash"), max_length=64, blank=True, db_index=True, editable=False)
    body = models.TextField(_("comment"), max_length=BODY_MAX_LENGTH)
    body_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    spam_reason = models.CharField(_("spam reason"), max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True, editable=False)
    email_confirmed = models.BooleanField(
        _("e-mail confirmed"),
        default=False,
        editable=False,
        help_text=_("Posted from a browser holding the confirmation of this e-mail address."),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", _("Can approve, reject and mark comments as spam"))]
        indexes = [models.Index(fields=["article", "status", "created_at"], name="comment_thread_idx")]
        constraints = [
            # Catches the double-click and the replayed post that race past the duplicate check.
            models.UniqueConstraint(
                fields=["article", "email_hash", "body_hash"],
                condition=~Q(email_hash=""),
                name="comment_unique_text_per_reader",
            )
        ]

    def __str__(self):
        excerpt = " ".join(self.body.split())
        return f"{self.name}: {excerpt[:60]}{'…' if len(excerpt) > 60 else ''}"

    @property
    def is_pending(self) -> bool:
        return self.status == CommentStatus.PENDING

    @property
    def is_approved(self) -> bool:
        return self.status == CommentStatus.APPROVED

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"


class BanKind(models.TextChoices):
    EMAIL = "email", _("E-mail address")
    ADDRESS = "address", _("Network address")


class Ban(models.Model):
    """A reader kept from commenting, by e-mail or network address; only a keyed hash is kept."""

    kind = models.CharField(_("banned by"), max_length=10, choices=BanKind.choices)
    value_hash = models.CharField(_("hash"), max_length=64)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("banned at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("banned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(
        _("expires at"), null=True, blank=True, help_text=_("Leave empty for a ban without end.")
    )

    class Meta:
        verbose_name = _("ban")
        verbose_name_plural = _("bans")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["kind", "value_hash"], name="ban_unique_kind_hash")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.value_hash[:12]}…"


class BanHiddenComment(models.Model):
    """A comment a ban hid as spam, with the status it had, so lifting the ban puts it back."""

    ban = models.ForeignKey(Ban, verbose_name=_("ban"), on_delete=models.CASCADE, related_name="hidden_comments")
    comment = models.ForeignKey(Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="+")
    previous_status = models.CharField(_("status before the ban"), max_length=10, choices=CommentStatus.choices)

    class Meta:
        verbose_name = _("comment hidden by a ban")
        verbose_name_plural = _("comments hidden by bans")
        constraints = [models.UniqueConstraint(fields=["ban", "comment"], name="ban_hidden_comment_once")]

    def __str__(self):
        return f"{self.ban} → {self.comment_id}"


class ConfirmedEmail(models.Model):
    """An e-mail address we sent a confirmation link to, and when its owner followed it.

    Only a keyed hash is kept. The row stops us mailing the same reader at every approval; the
    trust itself is the signed token on the reader's browser (see trust.py).
    """

    email_hash = models.CharField(_("e-mail hash"), max_length=64, unique=True, editable=False)
    link_sent_at = models.DateTimeField(_("link sent at"), null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("confirmed e-mail address")
        verbose_name_plural = _("confirmed e-mail addresses")

    def __str__(self):
        return f"{self.email_hash[:12]}…"


class ModeratorNotice(models.Model):
    """When moderators were last e-mailed about the queue, and the newest comment that notice covered.

    One row. A burst of comments sends one notice, not one each: a notice is claimed by a conditional
    UPDATE, so app processes and the minute job never send two within the interval
    (DATELINE_COMMENTS_NOTICE_SECONDS), and the minute job tells of what arrived since (tasks.py).
    """

    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    told_up_to = models.BigIntegerField(_("newest comment told of"), default=0, editable=False)

    class Meta:
        verbose_name = _("moderator notice")

    def __str__(self):
        return str(self.sent_at or "")


class CommentClosure(models.Model):
    """An article an editor closed to new comments from the moderation admin.

    Kept beside the article rather than in its `comments_open` field, so closing a thread never
    publishes a page revision (which would also publish any draft changes waiting on the article).
    """

    article = models.OneToOneField(
        "news.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="comment_closure"
    )
    closed_at = models.DateTimeField(_("closed at"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("closed comment thread")
        verbose_name_plural = _("closed comment threads")
        ordering = ["-closed_at"]

    def __str__(self):
        return str(self.article)


def _lines(text: str) -> list[str]:
    return [line.strip().lower() for line in text.splitlines() if line.strip()]


@register_setting(icon="comment")
class CommentSettings(MemoizedSettingMixin, BaseSiteSetting):
    """Comment rules a newsroom tunes without a deploy."""

    close_after_days = models.PositiveIntegerField(
        _("close after (days)"),
        default=14,
        help_text=_("Comments close this many days after an article is first published. 0 keeps them open."),
    )
    max_links = models.PositiveIntegerField(
        _("links allowed per comment"), default=2, help_text=_("Comments with more links are refused.")
    )
    blocklist_words = models.TextField(
        _("blocked words"),
        blank=True,
        help_text=_("One word or phrase per line. A comment containing one goes straight to spam."),
    )
    blocklist_domains = models.TextField(
        _("blocked domains"),
        blank=True,
        help_text=_(
            "One domain per line, such as casino.example. A comment linking to one, or sent from an "
            "e-mail address there, goes straight to spam."
        ),
    )
    auto_approve_after = models.PositiveIntegerField(
        _("trust after (approved comments)"),
        default=3,
        help_text=_(
            "Publish without moderation once this many comments from the same e-mail address were "
            "approved and the reader confirmed the address from the link we e-mail them. "
            "0 moderates every comment."
        ),
    )
    min_seconds_to_post = models.PositiveIntegerField(
        _("minimum seconds before posting"),
        default=3,
        help_text=_("Posts sent sooner after the form was opened are refused as automated."),
    )
    notify_editors = models.BooleanField(
        _("e-mail editors about new comments"),
        default=True,
        help_text=_("Send moderators an e-mail when a comment waits for moderation."),
    )

    panels = [
        MultiFieldPanel([FieldPanel("close_after_days"), FieldPanel("notify_editors")], _("Threads")),
        MultiFieldPanel(
            [
                FieldPanel("auto_approve_after"),
                FieldPanel("max_links"),
                FieldPanel("min_seconds_to_post"),
                FieldPanel("blocklist_words"),
                FieldPanel("blocklist_domains"),
            ],
            _("Spam defence"),
        ),
    ]

    class Meta:
        verbose_name = _("comment settings")

    @property
    def blocked_words(self) -> list[str]:
        return _lines(self.blocklist_words)

    @property
    def blocked_domains(self) -> list[str]:
        return [line.lstrip("@.") for line in _lines(self.blocklist_domains)]
