"""Writes about comments: posting with every rule applied, moderation, and what must follow them."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from dateline.core.purge import purge_page
from dateline.news.models import ArticlePage

from . import spam
from .models import Ban, BanHiddenComment, BanKind, Comment, CommentClosure, CommentSettings, CommentStatus
from .privacy import ClientInfo, hash_email, normalise_email
from .text import body_fingerprint, count_links

logger = logging.getLogger(__name__)

EDIT_ACTION = "dateline_comments.edit_text"
APPROVE_ACTION = "dateline_comments.approve"
REJECT_ACTION = "dateline_comments.reject"
SPAM_ACTION = "dateline_comments.spam"
CLOSE_ACTION = "dateline_comments.close"
RESTORE_ACTION = "dateline_comments.restore"
LIFT_BAN_ACTION = "dateline_comments.lift_ban"


class CommentRejected(Exception):
    """A post we refuse; `message` is for the reader, `field` names the form field it concerns."""

    def __init__(self, code: str, message, *, field: str | None = None, status: int = 400):
        super().__init__(code)
        self.code = code
        self.message = message
        self.field = field
        self.status = status


def settings_for(article: ArticlePage, request=None) -> CommentSettings:
    if request is not None:
        return CommentSettings.for_request(request)
    return CommentSettings.for_site(article.get_site())


def closes_at(article: ArticlePage, rules: CommentSettings):
    """When comments close by age, or None when they never do."""
    if not rules.close_after_days or not article.first_published_at:
        return None
    return article.first_published_at + timezone.timedelta(days=rules.close_after_days)


def comments_are_open(article: ArticlePage, rules: CommentSettings) -> bool:
    """Open unless the article's switch is off, an editor closed the thread, or it is too old."""
    return open_by_switch_and_age(article, rules) and not closed_by_hand(article)


def open_by_switch_and_age(article: ArticlePage, rules: CommentSettings) -> bool:
    """What decides without a query: the article's switch, its being live, and its age."""
    if not article.comments_open or not article.live:
        return False
    deadline = closes_at(article, rules)
    return deadline is None or timezone.now() < deadline


def closed_by_hand(article: ArticlePage) -> bool:
    return CommentClosure.objects.filter(article=article).exists()


def purge_comment_pages(article: ArticlePage) -> None:
    """Drop from the shared caches every page that shows this article's comments or their count.

    The article's own purge covers it: the article, its section and front page, its tag and author
    pages and the listings, by surrogate key (Varnish) and by URL (the app cache, URL-only CDNs).
    """
    purge_page(article)


def _purge_articles(article_ids) -> None:
    for article in ArticlePage.objects.filter(pk__in=set(article_ids)):
        purge_comment_pages(article)


def _resolve_parent(article: ArticlePage, parent_id: int | None) -> Comment | None:
    """The approved top-level comment a reply attaches to: replies to replies join the thread above."""
    if not parent_id:
        return None
    parent = Comment.objects.approved().filter(pk=parent_id, article=article).select_related("parent").first()
    if parent is None:
        raise CommentRejected(
            "no_parent", _("The comment you are replying to is no longer shown. Please post a new comment.")
        )
    return parent.parent if parent.parent_id else parent


def post_comment(
    *,
    article: ArticlePage,
    name: str,
    email: str,
    body: str,
    client: ClientInfo,
    rules: CommentSettings,
    parent_id: int | None = None,
    honeypot_filled: bool = False,
) -> Comment:
    """Store a reader's comment, pending moderation, or raise CommentRejected saying why.

    Checks in order: open thread, bans, rate limits (per address or IPv6 network, per e-mail),
    link limit, duplicates. Comments caught by the honeypot or a blocklist are stored as spam. A
    comment is published at once only when the client proves it owns the e-mail (the trust token,
    see trust.py) and that e-mail has enough approved comments. Expects cleaned input (see forms).
    """
    if not comments_are_open(article, rules):
        raise CommentRejected("closed", _("Comments on this article are closed."), status=403)
    parent = _resolve_parent(article, parent_id)
    email_hash = hash_email(email)
    address_hash = client.address_hash
    if spam.is_banned(email_hash=email_hash, address_hash=address_hash):
        raise CommentRejected("banned", _("Comments from this e-mail address or network are not accepted."), status=403)
    too_many = _("You have posted several comments in a short time. Please wait a few minutes and try again.")
    if spam.hit_rate_limit("address", address_hash, spam.Rate.parse(settings.DATELINE_COMMENTS_RATE_PER_ADDRESS)):
        raise CommentRejected("rate_address", too_many, status=429)
    if spam.hit_rate_limit("email", email_hash, spam.Rate.parse(settings.DATELINE_COMMENTS_RATE_PER_EMAIL)):
        raise CommentRejected("rate_email", too_many, status=429)
    if count_links(body) > rules.max_links:
        raise CommentRejected(
            "links",
            _("A comment may contain at most %(count)d links.") % {"count": rules.max_links},
            field="body",
        )
    body_hash = body_fingerprint(body)
    if spam.is_duplicate(article_id=article.pk, email_hash=email_hash, address_hash=address_hash, body_hash=body_hash):
        raise CommentRejected("duplicate", _("You have already posted this comment."), field="body")

    spam_reason = (
        "honeypot" if honeypot_filled else spam.blocklist_reason(name=name, email=email, body=body, rules=rules)
    )
    email_confirmed = bool(email_hash) and client.confirmed_email_hash == email_hash
    if spam_reason:
        status = CommentStatus.SPAM
    elif (
        rules.auto_approve_after
        and email_confirmed
        and Comment.objects.approved().filter(email_hash=email_hash).count() >= rules.auto_approve_after
    ):
        status = CommentStatus.APPROVED
    else:
        status = CommentStatus.PENDING

    comment = Comment(
        article=article,
        parent=parent,
        name=name,
        email=normalise_email(email),
        email_hash=email_hash,
        address_hash=address_hash,
        body=body,
        body_hash=body_hash,
        status=status,
        spam_reason=spam_reason,
        email_confirmed=email_confirmed,
    )
    try:
        with transaction.atomic():
            comment.save()
            if status == CommentStatus.APPROVED:
                purge_comment_pages(article)  # in the same transaction: the purge commits with the comment
    except IntegrityError as error:
        raise CommentRejected("duplicate", _("You have already posted this comment."), field="body") from error

    if status == CommentStatus.PENDING and rules.notify_editors:
        from .tasks import notify_moderators

        transaction.on_commit(lambda: notify_moderators.enqueue(comment.pk))
    return comment


def _moderate(comments: QuerySet, status: str, action: str, *, by) -> list[Comment]:
    now = timezone.now()
    changed = list(comments.exclude(status=status).select_related("article"))
    with transaction.atomic():
        for comment in changed:
            comment.status = status
            comment.moderated_at = now
            comment.moderated_by = by
            comment.save(update_fields=["status", "moderated_at", "moderated_by"])
            log(instance=comment, action=action, user=by)
        _purge_articles(comment.article_id for comment in changed)
    return changed


def approve_comments(comments: QuerySet, *, by=None) -> int:
    """Publish the comments; returns how many changed.

    Authors who posted without proving their e-mail are sent a confirmation link (see trust.py),
    once per address however many of their comments were approved.
    """
    changed = _moderate(comments, CommentStatus.APPROVED, APPROVE_ACTION, by=by)
    _offer_confirmation_links(changed)
    return len(changed)


def _offer_confirmation_links(comments: list[Comment]) -> None:
    from .tasks import send_confirmation_link

    one_per_email = {}
    for comment in comments:
        if comment.email and comment.email_hash and not comment.email_confirmed:
            one_per_email.setdefault(comment.email_hash, comment.pk)
    for comment_id in one_per_email.values():
        transaction.on_commit(lambda comment_id=comment_id: send_confirmation_link.enqueue(comment_id))


def reject_comments(comments: QuerySet, *, by=None) -> int:
    """Hide the comments from readers; returns how many changed."""
    return len(_moderate(comments, CommentStatus.REJECTED, REJECT_ACTION, by=by))


def mark_comments_as_spam(comments: QuerySet, *, by=None) -> int:
    """Hide the comments as spam; returns how many changed."""
    return len(_moderate(comments, CommentStatus.SPAM, SPAM_ACTION, by=by))


def edit_comment_text(comment: Comment, *, body: str, name: str | None = None, by=None) -> Comment:
    """Change what a comment says, keeping the old and new text in the audit log."""
    before = {"name": comment.name, "body": comment.body}
    comment.body = body
    comment.body_hash = body_fingerprint(body)
    if name is not None:
        comment.name = name
    if before == {"name": comment.name, "body": comment.body}:
        return comment
    comment.edited_at = timezone.now()
    with transaction.atomic():
        comment.save(update_fields=["name", "body", "body_hash", "edited_at"])
        log(
            instance=comment,
            action=EDIT_ACTION,
            user=by,
            data={"before": before, "after": {"name": comment.name, "body": comment.body}},
        )
        purge_comment_pages(comment.article)
    return comment


def delete_comments(comments: QuerySet) -> int:
    with transaction.atomic():
        article_ids = set(comments.values_list("article_id", flat=True))
        deleted, _counts = comments.delete()
        _purge_articles(article_ids)
    return deleted


@dataclass(frozen=True)
class BanResult:
    created: int
    hidden: int


def ban_commenters(comments: QuerySet, *, kinds: set[str], reason: str = "", by=None) -> BanResult:
    """Ban what the moderator chose (the e-mails, the network addresses, or both) behind these
    comments, and hide these comments, and only these, as spam.

    Never reaches other comments: under a borrowed e-mail or behind a shared address (a proxy, a
    newsroom's own network) they may be other readers'. Each ban records what it hid and the status
    it had, so lifting the ban puts it back (see lift_bans).
    """
    chosen = {kind for kind in kinds if kind in BanKind.values}
    if not chosen:
        raise ValueError("ban_commenters needs at least one kind of ban")
    selected = list(comments.only("pk", "status", "email_hash", "address_hash"))
    created = 0
    records = []
    with transaction.atomic():
        bans = {}
        for comment in selected:
            for kind, value in ((BanKind.EMAIL, comment.email_hash), (BanKind.ADDRESS, comment.address_hash)):
                if kind not in chosen or not value:
                    continue
                if (kind, value) not in bans:
                    bans[kind, value], made = Ban.objects.get_or_create(
                        kind=kind, value_hash=value, defaults={"reason": reason, "created_by": by}
                    )
                    created += made
                records.append((bans[kind, value], comment))
        # Records of a comment a moderator has decided on since are stale: that decision is what to restore.
        BanHiddenComment.objects.filter(
            comment__in=[comment for _ban, comment in records if comment.status != CommentStatus.SPAM]
        ).delete()
        # A comment another ban still hides keeps the status it had before the first ban.
        earlier = dict(
            BanHiddenComment.objects.filter(comment__in=[comment for _ban, comment in records]).values_list(
                "comment_id", "previous_status"
            )
        )
        BanHiddenComment.objects.bulk_create(
            [
                BanHiddenComment(ban=ban, comment=comment, previous_status=earlier.get(comment.pk, comment.status))
                for ban, comment in records
            ],
            ignore_conflicts=True,
        )
        hidden = mark_comments_as_spam(Comment.objects.filter(pk__in={comment.pk for _ban, comment in records}), by=by)
    return BanResult(created=created, hidden=hidden)


def lift_bans(bans: QuerySet, *, by=None) -> int:
    """Delete the bans and put back what they hid: each comment returns to the status it had
    before, unless another ban still hides it or a moderator has decided on it since (it is no
    longer spam). Returns how many comments came back."""
    with transaction.atomic():
        bans = list(bans)
        ban_ids = [ban.pk for ban in bans]
        records = list(BanHiddenComment.objects.filter(ban_id__in=ban_ids))
        still_hidden = set(
            BanHiddenComment.objects.filter(comment_id__in=[record.comment_id for record in records])
            .exclude(ban_id__in=ban_ids)
            .values_list("comment_id", flat=True)
        )
        back_to: dict[str, set[int]] = {}
        for record in records:
            if record.comment_id not in still_hidden and record.previous_status != CommentStatus.SPAM:
                back_to.setdefault(record.previous_status, set()).add(record.comment_id)
        for ban in bans:
            log(instance=ban, action=LIFT_BAN_ACTION, user=by)
        Ban.objects.filter(pk__in=ban_ids).delete()
        restored = 0
        for status, comment_ids in back_to.items():
            hidden = Comment.objects.filter(pk__in=comment_ids, status=CommentStatus.SPAM)
            restored += len(_moderate(hidden, status, RESTORE_ACTION, by=by))
    return restored


def ban_email(email: str, *, reason: str = "", by=None) -> Ban:
    ban, _created = Ban.objects.get_or_create(
        kind=BanKind.EMAIL, value_hash=hash_email(email), defaults={"reason": reason, "created_by": by}
    )
    return ban


def close_comments(article: ArticlePage, *, by=None) -> CommentClosure:
    """Stop new comments on one article; what was approved stays visible."""
    with transaction.atomic():
        closure, created = CommentClosure.objects.get_or_create(article=article, defaults={"closed_by": by})
        if created:
            log(instance=closure, action=CLOSE_ACTION, user=by)
            purge_comment_pages(article)
    return closure


def reopen_comments(article: ArticlePage) -> None:
    with transaction.atomic():
        CommentClosure.objects.filter(article=article).delete()
        purge_comment_pages(article)
