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
from .models import Comment, CommentSettings, ConfirmedEmail


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
    """E-mail moderators that a comment waits; returns how many were told. The reader's e-mail and
    address are left out: the message may travel through mail systems we do not control."""
    comment = Comment.objects.pending().select_related("article").filter(pk=comment_id).first()
    recipients = moderator_emails()
    if comment is None or not recipients:
        return 0
    context = {
        "comment": comment,
        "article": comment.article,
        "queue_url": settings.WAGTAILADMIN_BASE_URL + reverse("wagtailsnippets_comments_comment:list"),
        "site_name": settings.DATELINE_SITE_NAME,
        "pending": Comment.objects.pending().count(),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("comments/email/pending_subject.txt", context).strip()
        body = render_to_string("comments/email/pending_body.txt", context)
    send_mail(subject, body, None, recipients)
    return len(recipients)


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
