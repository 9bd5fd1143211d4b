"""How other rooms show comments without importing this one: template tags only."""

import json
from dataclasses import dataclass
from html import escape  # the standard library's: Django's wraps it for lazy strings, at a cost per call

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from dateline.core.headers import LISTINGS_KEY
from dateline.core.memo import memo
from dateline.core.templatetags.core_tags import datetime_formatter

from ..forms import CommentForm
from ..models import Comment, CommentStatus
from ..pending import pending_comment_ids
from ..services import closed_by_hand, open_by_switch_and_age, settings_for
from ..text import render_body

register = template.Library()

# What the comment template shows of a comment, read in one query with no model instances.
_SHOWN_FIELDS = ("pk", "parent_id", "name", "body", "created_at")


class _CommentViews:
    """(pk, parent_id, name, body, created_at) rows as the dicts _CommentsHtml shows.

    A thread of 50 comments is the biggest loop of the article page, so each dict carries what the
    template needs ready: dict lookups are the cheapest a template makes, ids come as strings (no
    number localisation on every use), and each date is formatted once by a compiled formatter.
    """

    def __init__(self):
        self.timezone = timezone.get_current_timezone()
        self.format_datetime = datetime_formatter("DATETIME_FORMAT")
        self.reply_to_name = _("to %(name)s")

    def __call__(self, row, *, pending: bool = False) -> dict:
        pk, parent_id, name, body, created_at = row
        created = created_at.astimezone(self.timezone) if timezone.is_aware(created_at) else created_at
        return {
            "id": pk,
            "parent_id": parent_id,
            "pk": mark_safe(str(pk)),  # noqa: S308 - a number
            "reply_to": mark_safe(str(parent_id or pk)),  # noqa: S308 - a number; replies go to the thread's top
            "name": name,
            "reply_label": self.reply_to_name % {"name": name},  # plain text, escaped by the template
            "body": render_body(body or ""),
            # HTML allows three digits of a second at most: to the second, as the byline's.
            "iso": created.replace(microsecond=0).isoformat(),
            "when": self.format_datetime(created),
            "is_reply": False,
            "pending": pending,
            "replies": [],
        }


class _CommentsHtml:
    """The comment list's HTML, built in Python: the thread of 50 comments is the biggest loop of the
    article page, and through a template include it cost about 15 variable lookups per comment (a
    fifth of the first reader's render after an edit). Every piece of reader text is escaped here;
    bodies come escaped and linked from text.render_body. Styles: comments/static/comments/comments.css.
    """

    def __init__(self, *, is_open: bool, article_url: str):
        self.is_open = is_open
        self.article_url = escape(article_url)
        self.reply_text = escape(_("Reply"))
        self.awaiting = escape(_("Awaiting moderation"))
        self.replies_to = _("Replies to %(name)s")

    def comment(self, comment: dict) -> str:
        pk, name = comment["pk"], escape(comment["name"])
        classes = "comment"
        if comment["is_reply"]:
            classes += " comment--reply"
        if comment["pending"]:
            classes += " comment--pending"
        status = f'<p class="comment__status">{self.awaiting}</p>' if comment["pending"] else ""
        actions = ""
        if self.is_open and not comment["pending"]:
            actions = (
                f'<p class="comment__actions"><a class="comment__reply" href="{self.article_url}?reply_to={pk}'
                f'#make-a-comment" data-reply-to="{comment["reply_to"]}" data-reply-name="{name}">{self.reply_text}'
                f'<span class="visually-hidden"> {escape(comment["reply_label"])}</span></a></p>'
            )
        return (
            f'<article class="{classes}" id="comment-{pk}" aria-labelledby="comment-{pk}-author">'
            f'<header class="comment__header"><p class="comment__author" id="comment-{pk}-author"><bdi>{name}</bdi></p>'
            f'<a class="comment__permalink" href="#comment-{pk}"><time datetime="{comment["iso"]}">'
            f"{escape(comment['when'])}</time></a>{status}</header>"
            f'<div class="comment__body" dir="auto">{comment["body"]}</div>{actions}</article>'
        )

    def threads(self, threads: list[dict]) -> SafeString:
        """<li> per top-level comment, its replies in a labelled list of their own."""
        items = []
        for thread in threads:
            replies = ""
            if thread["replies"]:
                label = escape(self.replies_to % {"name": thread["name"]})
                inner = "".join(f"<li>{self.comment(reply)}</li>" for reply in thread["replies"])
                replies = f'<ol class="comments__replies" aria-label="{label}">{inner}</ol>'
            items.append(f"<li>{self.comment(thread)}{replies}</li>\n")
        return mark_safe("".join(items))  # noqa: S308 - every piece of reader text went through escape()

    def pending(self, comments: list[dict]) -> SafeString:
        return mark_safe("".join(f"<li>{self.comment(comment)}</li>\n" for comment in comments))  # noqa: S308


def _threads(article) -> list[dict]:
    """Approved comments oldest first, each top-level one carrying its approved replies."""
    view = _CommentViews()
    comments = [view(row) for row in Comment.objects.for_thread(article).values_list(*_SHOWN_FIELDS)]
    top = {comment["id"]: comment for comment in comments if comment["parent_id"] is None}
    threads = []
    for comment in comments:
        if comment["parent_id"] in top:
            comment["is_reply"] = True
            top[comment["parent_id"]]["replies"].append(comment)
        else:
            threads.append(comment)
    return threads


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
    threads: list[dict]  # top-level comments, each with its "replies", for _CommentsHtml
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

    def render() -> ApprovedThreads:
        is_open = open_until_now and not closed_by_hand(article)
        threads = _threads(article)
        names = {comment["id"]: comment["name"] for thread in threads for comment in [thread, *thread["replies"]]}
        return ApprovedThreads(count=len(names), threads=threads, names=names, is_open=is_open)

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
            rows = (
                Comment.objects.filter(
                    pk__in=ids, article=article, status__in=[CommentStatus.PENDING, CommentStatus.SPAM]
                )
                .order_by("created_at")
                .values_list(*_SHOWN_FIELDS)
            )
            view = _CommentViews()
            own_pending = [view(row, pending=True) for row in rows]

    form = getattr(request, "comment_form", None)
    if form is None:
        reply_to = _reply_target(approved, request.GET.get("reply_to", "") if request is not None else "")
        form = CommentForm(initial={"parent": reply_to.pk if reply_to else None})
    else:
        reply_to = _reply_target(approved, form.data.get("parent", ""))

    article_url = article.get_url(request)
    shown = _CommentsHtml(is_open=is_open, article_url=article_url)
    context = {
        "article": article,
        "request": request,
        "threads": approved.threads,
        "threads_html": shown.threads(approved.threads),
        "own_pending_html": shown.pending(own_pending),
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
            request,
            key,
            lambda: template.loader.render_to_string("comments/includes/comment_form.html", context),
            keys=[f"article-{article.pk}"],
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
    return memo.get(None, ("comment-counts", ids), lambda: Comment.objects.approved_counts(ids), keys=[LISTINGS_KEY])


@register.filter
def count_for(counts, article):
    return (counts or {}).get(getattr(article, "pk", None), 0)


@register.filter
def bdi(text):
    """A reader's words isolated from the text around them: a Latin name in an Arabic sentence, or the reverse."""
    return format_html("<bdi>{}</bdi>", text)


@register.filter
def comment_body(text):
    """A comment's text as escaped HTML paragraphs with links."""
    return render_body(text or "")
