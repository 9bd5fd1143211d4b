"""Work done after the reader's request: telling moderators a comment waits."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from .models import Comment


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
