"""Embargoes: a story under embargo is never live before its time; publishing early is a recorded override."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Revision

from dateline.news.models import ArticlePage

# The audit log's action (registered in wagtail_hooks): who lifted an embargo, when, and why.
EMBARGO_OVERRIDE_ACTION = "dateline_news.publish_before_embargo"


class EmbargoOverrideRefused(Exception):
    """The story cannot be published early; the message says why, for the editor."""


def is_embargoed(article: ArticlePage) -> bool:
    return bool(article.embargoed_until and article.embargoed_until > timezone.now())


def publish_before_embargo(*, article: ArticlePage, user, reason: str) -> Revision:
    """Lift the story's embargo and publish its latest version now, recording who, when and why.

    The embargo field is cleared (the story is no longer under embargo) and the lifted time is kept
    in the audit log entry, with the reason. Raises EmbargoOverrideRefused when the story is not
    under embargo, the reason is empty, or the user may not publish it.
    """
    reason = reason.strip()
    if not reason:
        raise EmbargoOverrideRefused(_("Say why this story is published before its embargo."))
    if not is_embargoed(article):
        raise EmbargoOverrideRefused(_("This story is not under embargo: publish it as usual."))
    if not article.permissions_for_user(user).can_publish():
        raise EmbargoOverrideRefused(_("You may not publish this story."))
    lifted = article.embargoed_until
    with transaction.atomic():
        draft = article.get_latest_revision_as_object()
        draft.embargoed_until = None
        draft.go_live_at = None
        revision = draft.save_revision(user=user, log_action=False)
        revision.publish(user=user)
        log(
            instance=article,
            action=EMBARGO_OVERRIDE_ACTION,
            user=user,
            revision=revision,
            data={"reason": reason, "embargoed_until": lifted.isoformat()},
        )
    return revision
