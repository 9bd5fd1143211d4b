"""Work done after the reader's request: telling moderators a comment waits, and offering a reader
whose comment was approved the link that confirms their e-mail address."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from . import trust
from .models import Comment, CommentSettings, ConfirmedEmail, ModeratorNotice


def moderator_emails() -> list[str]:
    """E-mail addresses of active users who may moderate comments (Editors, superusers)."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    may_moderate = (
        Q(is_superuser=True)
        | Q(groups__permissions__codename="moderate_comment", groups__permissions__content_type__app_label="comments")
        | Q(user_permissions__codename="moderate_comment", user_permissions__content_type__app_label="comments")
    )
    return sorted(set(users.filter(may_moderate).values_list("email", flat=True)))


@task()
def notify_moderators(comment_id: int) -> int:
    """E-mail moderators that a comment waits, unless they were told less than
    DATELINE_COMMENTS_NOTICE_SECONDS ago (the minute job then tells them of it, with whatever else
    arrived); returns how many were told."""
    return tell_moderators()


def tell_moderators_of_new_comments() -> int:
    """The minute job's part (`dateline notify_moderators`): a notice for comments no notice told of yet."""
    notice = ModeratorNotice.objects.filter(pk=1).first()
    if not Comment.objects.pending().filter(pk__gt=notice.told_up_to if notice else 0).exists():
        return 0
    return tell_moderators()


def tell_moderators() -> int:
    """One notice for the pending comments that arrived since the last one, at most one per interval.

    The newest is quoted; the reader's e-mail and address are left out: the message may travel
    through mail systems we do not control. Returns how many moderators were told."""
    now = timezone.now()
    if not _claim_notice(now):
        return 0
    told_up_to = ModeratorNotice.objects.values_list("told_up_to", flat=True).get(pk=1)
    waiting = Comment.objects.pending().filter(pk__gt=told_up_to)
    newest = waiting.select_related("article").order_by("-pk").first()
    if newest is None:
        return 0
    rules = CommentSettings.for_site(newest.article.get_site())
    recipients = moderator_emails() if rules.notify_editors else []
    if recipients:
        context = {
            "comment": newest,
            "article": newest.article,
            "queue_url": settings.WAGTAILADMIN_BASE_URL + reverse("wagtailsnippets_comments_comment:list"),
            "site_name": settings.DATELINE_SITE_NAME,
            "new": waiting.count(),
            "pending": Comment.objects.pending().count(),
        }
        with translation.override(settings.LANGUAGE_CODE):
            subject = render_to_string("comments/email/pending_subject.txt", context).strip()
            body = render_to_string("comments/email/pending_body.txt", context)
        send_mail(subject, body, None, recipients)
    ModeratorNotice.objects.filter(pk=1).update(told_up_to=newest.pk)
    return len(recipients)


def _claim_notice(now) -> bool:
    """Whether this process may send the next notice: one conditional UPDATE, so two never do."""
    interval = timezone.timedelta(seconds=settings.DATELINE_COMMENTS_NOTICE_SECONDS)
    due = Q(sent_at__isnull=True) | Q(sent_at__lte=now - interval)
    if ModeratorNotice.objects.filter(due, pk=1).update(sent_at=now):
        return True
    _notice, created = ModeratorNotice.objects.get_or_create(pk=1, defaults={"sent_at": now})
    return created


@task()
def send_confirmation_link(comment_id: int) -> int:
    """E-mail the author of an approved comment the link that confirms their address (see trust.py);
    returns 1 when sent. At most once a week per address, and never while trust is switched off."""
    comment = Comment.objects.approved().select_related("article__locale").filter(pk=comment_id).first()
    if comment is None or not comment.email or not comment.email_hash:
        return 0
    rules = CommentSettings.for_site(comment.article.get_site())
    if not rules.auto_approve_after:
        return 0
    now = timezone.now()
    ConfirmedEmail.objects.get_or_create(email_hash=comment.email_hash)
    # Claimed by one conditional UPDATE, so two approvals at once send one message.
    resend_after = now - timezone.timedelta(days=trust.LINK_RESEND_AFTER_DAYS)
    claimed = (
        ConfirmedEmail.objects.filter(email_hash=comment.email_hash)
        .filter(Q(link_sent_at__isnull=True) | Q(link_sent_at__lt=resend_after))
        .update(link_sent_at=now)
    )
    if not claimed:
        return 0
    language = comment.article.locale.language_code
    token = trust.confirmation_token(comment.email_hash, language=language)
    context = {
        "comment": comment,
        "article": comment.article,
        "link": settings.DATELINE_BASE_URL + reverse("comments:confirm", kwargs={"token": token}),
        "site_name": settings.DATELINE_SITE_NAME,
        "trust_after": rules.auto_approve_after,
        "link_days": trust.LINK_MAX_AGE // (24 * 60 * 60),
    }
    with translation.override(language):
        subject = render_to_string("comments/email/confirm_subject.txt", context).strip()
        body = render_to_string("comments/email/confirm_body.txt", context)
    send_mail(subject, body, None, [comment.email])
    return 1
