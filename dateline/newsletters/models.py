"""Lists readers subscribe to, their subscriptions, the issues editors send, and one delivery row per
(issue, subscription): the record that makes each send happen at most once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable

from dateline.core.languages import configured_languages, default_language


class Newsletter(models.Model):
    """A list readers subscribe to: the daily digest, a section's list, breaking news."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, help_text=_("Names the list in e-mail headers."))
    description = models.TextField(_("description"), blank=True, max_length=400)
    language = models.CharField(_("language"), max_length=10, choices=configured_languages, default=default_language)
    section = models.ForeignKey(
        "news.SectionPage",
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The section a digest takes its stories from; empty means the whole site in the list's language."),
    )
    digest_time = models.TimeField(
        _("digest time"),
        null=True,
        blank=True,
        help_text=_("When set, an issue of the newest stories is built and sent every day at this time."),
    )
    digest_size = models.PositiveSmallIntegerField(_("stories in a digest"), default=8)
    is_public = models.BooleanField(_("offered to readers"), default=True, help_text=_("Shown on the sign-up page."))
    last_digest_on = models.DateField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("language"),
        PageChooserPanel("section", "news.SectionPage"),
        FieldPanel("digest_time"),
        FieldPanel("digest_size"),
        FieldPanel("is_public"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")

    def __str__(self):
        return self.name


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def deliverable(self):
        return self.confirmed().filter(bounced_at__isnull=True)


class Subscription(models.Model):
    """One address on one list. Rows exist only for the lists a reader chose; an unconfirmed one is
    deleted when its confirmation link expires, an unsubscribed one at once."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="subscriptions")
    email = models.EmailField(_("e-mail address"))
    # A keyed hash of the address: the privacy command and bounce handling look up by it.
    email_hash = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["newsletter", "email_hash"], name="one_subscription_per_list")]
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")

    def __str__(self):
        return f"{self.newsletter} #{self.pk}"  # never the address: strings end up in logs

    @property
    def awaits_confirmation(self) -> bool:
        """Not yet confirmed, or bounced since: a bounced address proves itself again by confirming."""
        return self.confirmed_at is None or self.bounced_at is not None


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class Issue(ClusterableModel):
    """One edition of a newsletter: a subject, a few words, and the stories it links to."""

    newsletter = models.ForeignKey(
        Newsletter, verbose_name=_("newsletter"), on_delete=models.PROTECT, related_name="issues"
    )
    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(
        _("introduction"), blank=True, max_length=2000, help_text=_("Plain text above the stories.")
    )
    status = models.CharField(max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT, editable=False)
    is_digest = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The one worker sending it ("host:pid") and when it last showed signs of life (sending.py).
    worker = models.CharField(max_length=200, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("newsletter"),
        FieldPanel("subject"),
        FieldPanel("intro"),
        InlinePanel("stories", label=_("Stories"), min_num=1),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        permissions = [("send_issue", _("Can send newsletter issues to subscribers"))]

    def __str__(self):
        return self.subject


class IssueStory(Orderable):
    """A story chosen for an issue, in the editor's order."""

    issue = ParentalKey(Issue, on_delete=models.CASCADE, related_name="stories")
    article = models.ForeignKey("news.ArticlePage", verbose_name=_("story"), on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("article", "news.ArticlePage")]


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    CLAIMED = "claimed", _("In a worker's batch")
    SENDING = "sending", _("Handing to the mail server")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    BOUNCED = "bounced", _("Bounced")
    SKIPPED = "skipped", _("Not sent: unsubscribed or bounced before its turn")
    UNKNOWN = "unknown", _("Unknown (worker stopped mid-send)")


class Delivery(models.Model):
    """One issue to one subscription. Its status moves pending → claimed → sending → sent (or failed),
    each step a conditional UPDATE, so no two workers ever hand the same message to the mail server."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, null=True, on_delete=models.SET_NULL, related_name="deliveries")
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    worker = models.CharField(max_length=200, blank=True)
    error = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issue", "subscription"], name="one_delivery_per_subscription")]
        indexes = [models.Index(fields=["issue", "status"], name="delivery_issue_status")]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return f"{self.issue_id}/{self.pk}: {self.status}"
