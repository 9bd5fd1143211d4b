"""How other rooms show comments without importing this one: template tags only."""

import json
from dataclasses import dataclass

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from dateline.core.memo import memo

from ..forms import CommentForm
from ..models import Comment, CommentStatus
from ..pending import pending_comment_ids
from ..services import closed_by_hand, open_by_switch_and_age, settings_for
from ..text import render_body

register = template.Library()


def _approved(article) -> list[Comment]:
    """The article's approved comments, oldest first, with only what the page shows of them."""
    return list(Comment.objects.for_thread(article).only("pk", "parent_id", "name", "body", "created_at"))


def _threads(article) -> list[Comment]:
    """Approved comments oldest first, each top-level one carrying its approved replies."""
    comments = _approved(article)
    top = {comment.pk: comment for comment in comments if comment.parent_id is None}
    threads = []
    for comment in comments:
        comment.thread_replies = []
        if comment.parent_id in top:
            top[comment.parent_id].thread_replies.append(comment)
        else:
            threads.append(comment)
    return threads


class _CommentRenderer:
    """One comment as HTML, built in Python: a thread of 50 comments through template includes cost
    more CPU than the rest of the article page. Same escaping rules as the templates: reader text
    and names escaped, translations as {% translate %} / {% blocktranslate %} give them."""

    def __init__(self, *, article_url: str, is_open: bool):
        self.article_url = article_url
        self.is_open = is_open
        self.reply_label = conditional_escape(_("Reply"))
        self.reply_to_name = _("to %(name)s")
        self.replies_to_name = _("Replies to %(name)s")
        self.awaiting = conditional_escape(_("Awaiting moderation"))

    def comment(self, comment: Comment, *, is_reply: bool = False, pending: bool = False) -> SafeString:
        created = (
            timezone.localtime(comment.created_at) if timezone.is_aware(comment.created_at) else comment.created_at
        )
        classes = "comment" + (" comment--reply" if is_reply else "") + (" comment--pending" if pending else "")
        status = format_html('<p class="comment__status">{}</p>', self.awaiting) if pending else ""
        actions = ""
        if self.is_open and not pending:
            name = conditional_escape(comment.name)
            actions = format_html(
                '<p class="comment__actions"><a class="comment__reply" href="{}?reply_to={}#make-a-comment"'
                ' data-reply-to="{}" data-reply-name="{}">{}<span class="visually-hidden"> {}</span></a></p>',
                self.article_url,
                comment.pk,
                comment.parent_id or comment.pk,
                name,
                self.reply_label,
                mark_safe(self.reply_to_name % {"name": name}),  # noqa: S308 - the name is escaped
            )
        return format_html(
            '<article class="{classes}" id="comment-{pk}" aria-labelledby="comment-{pk}-author">'
            '<header class="comment__header"><p class="comment__author" id="comment-{pk}-author">{name}</p>'
            '<a class="comment__permalink" href="#comment-{pk}"><time datetime="{iso}">{when}</time></a>{status}'
            '</header><div class="comment__body">{body}</div>{actions}</article>',
            classes=classes,
            pk=comment.pk,
            name=comment.name,
            iso=created.isoformat(),  # what the "c" date format gives
            when=date_format(created, "DATETIME_FORMAT"),
            status=status,
            body=render_body(comment.body or ""),
            actions=actions,
        )

    def thread(self, comment: Comment) -> SafeString:
        """A top-level comment and its replies, as the <li> of the comments list."""
        html = self.comment(comment)
        if comment.thread_replies:
            replies = format_html_join(
                "", "<li>{}</li>", ((self.comment(reply, is_reply=True),) for reply in comment.thread_replies)
            )
            label = mark_safe(self.replies_to_name % {"name": conditional_escape(comment.name)})  # noqa: S308
            html = format_html('{}<ol class="comments__replies" aria-label="{}">{}</ol>', html, label, replies)
        return format_html("<li>{}</li>", html)


def _widget_strings() -> str:
    return json.dumps(
        {
            "label": _("I am not a robot"),
            "verifying": _("Checking…"),
            "verified": _("Checked: you can post"),
            "error": _("The check failed. Please try again."),
            "expired": _("The check expired. Please tick the box again."),
            "verificationRequired": _("Please tick “I am not a robot” first."),
            "waitAlert": _("Checking… please wait."),
            "ariaLinkLabel": _("About ALTCHA"),
            "footer": "",
        }
    )


@dataclass(frozen=True, slots=True)
class ApprovedThreads:
    """An article's approved comments as readers see them, worked out once per request."""

    count: int
    html: SafeString  # the <li> of each thread, built by _CommentRenderer
    names: dict[int, str]  # commenter name by comment id, for "Replying to …"
    is_open: bool  # whether readers may comment (and reply)


@dataclass(frozen=True, slots=True)
class ReplyTarget:
    pk: int
    name: str


def approved_threads(article, request) -> ApprovedThreads:
    """The approved comments and whether the thread is open, kept per request for the byline's
    count and the comments section."""
    open_until_now = open_by_switch_and_age(article, settings_for(article, request))
    article_url = article.get_url(request)

    def render() -> ApprovedThreads:
        is_open = open_until_now and not closed_by_hand(article)
        threads = _threads(article)
        renderer = _CommentRenderer(article_url=article_url, is_open=is_open)
        html = mark_safe("".join(renderer.thread(comment) for comment in threads))  # noqa: S308 - built escaped
        names = {comment.pk: comment.name for thread in threads for comment in [thread, *thread.thread_replies]}
        return ApprovedThreads(count=len(names), html=html, names=names, is_open=is_open)

    if request is None:
        return render()
    kept = request.__dict__.setdefault("_dateline_approved_threads", {})
    if article.pk not in kept:
        kept[article.pk] = render()
    return kept[article.pk]


def _reply_target(approved: ApprovedThreads, parent_id: str) -> ReplyTarget | None:
    if not parent_id.isdigit() or int(parent_id) not in approved.names:
        return None
    return ReplyTarget(pk=int(parent_id), name=approved.names[int(parent_id)])


@register.inclusion_tag("comments/comments_section.html", takes_context=True)
def comments_section(context, article):
    """The comments of one article and the form to add one.

    The output is the same for every reader (it is cached and shared), except for a reader who just
    posted (the pending cookie bypasses caches) and a failed post re-rendered with its errors.
    """
    request = context.get("request")
    approved = approved_threads(article, request)
    is_open = approved.is_open

    own_pending = []
    if request is not None and request.COOKIES.get("dateline_pending"):
        ids = pending_comment_ids(request)
        if ids:
            # Comments the filters held as spam look pending to their poster, telling spammers nothing.
            own_pending = list(
                Comment.objects.filter(
                    pk__in=ids, article=article, status__in=[CommentStatus.PENDING, CommentStatus.SPAM]
                ).order_by("created_at")
            )

    form = getattr(request, "comment_form", None)
    if form is None:
        reply_to = _reply_target(approved, request.GET.get("reply_to", "") if request is not None else "")
        form = CommentForm(initial={"parent": reply_to.pk if reply_to else None})
    else:
        reply_to = _reply_target(approved, form.data.get("parent", ""))

    article_url = article.get_url(request)
    render = _CommentRenderer(article_url=article_url, is_open=is_open)
    context = {
        "article": article,
        "request": request,
        "threads_html": approved.html,
        "own_pending_html": [render.comment(comment, pending=True) for comment in own_pending],
        "count": approved.count,
        "is_open": is_open,
        "own_pending": own_pending,
        "form": form,
        "reply_to": reply_to,
        "post_url": reverse("comments:post", kwargs={"article_id": article.pk}),
        "challenge_url": reverse("comments:challenge"),
        "widget_strings": _widget_strings(),
        "article_url": article_url,
    }
    if is_open and reply_to is None and getattr(request, "comment_form", None) is None:
        # The empty form is the same for every reader of the article (no token, no challenge in it):
        # rendered once per process until the next purge (a settings change purges every page).
        key = ("comment-form", article.pk, get_language(), article_url)
        context["form_html"] = memo.get(
            request, key, lambda: template.loader.render_to_string("comments/includes/comment_form.html", context)
        )
    return context


@register.simple_tag(takes_context=True)
def comment_count_link(context, article):
    """The approved comment count in an article's byline, linking to its comments."""
    request = context.get("request")
    if request is None:
        count = Comment.objects.approved().filter(article=article).count()
    else:  # the comments section below needs them anyway: count what it will show
        count = approved_threads(article, request).count
    text = (
        ngettext("%(count)d comment", "%(count)d comments", count) % {"count": count} if count else _("No comments yet")
    )
    return template.loader.render_to_string("comments/includes/count_link.html", {"text": text, "count": count})


@register.simple_tag
def comment_counts(articles):
    """Approved comment counts for a list of articles, keyed by page id, in one query.

    Counting costs PostgreSQL a row per comment, and the newest stories of a busy archive carry
    thousands: each listing's counts are kept per process until the next purge (moderating a
    comment purges its article, and the memo with it)."""
    ids = tuple(article.pk for article in articles or [])
    if not ids:
        return {}
    return memo.get(None, ("comment-counts", ids), lambda: Comment.objects.approved_counts(ids))


@register.filter
def count_for(counts, article):
    return (counts or {}).get(getattr(article, "pk", None), 0)


@register.filter
def comment_body(text):
    """A comment's text as escaped HTML paragraphs with links."""
    return render_body(text or "")
