"""How other rooms show comments without importing this one: template tags only."""

import json

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..forms import CommentForm
from ..models import Comment, CommentStatus
from ..pending import pending_comment_ids
from ..services import comments_are_open, settings_for
from ..text import render_body

register = template.Library()


def _threads(article) -> list[Comment]:
    """Approved comments oldest first, each top-level one carrying its approved replies."""
    comments = list(Comment.objects.for_thread(article).only("pk", "parent_id", "name", "body", "created_at"))
    top = {comment.pk: comment for comment in comments if comment.parent_id is None}
    threads = []
    for comment in comments:
        comment.thread_replies = []
        if comment.parent_id in top:
            top[comment.parent_id].thread_replies.append(comment)
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


@register.inclusion_tag("comments/comments_section.html", takes_context=True)
def comments_section(context, article):
    """The comments of one article and the form to add one.

    The output is the same for every reader (it is cached and shared), except for a reader who just
    posted (the pending cookie bypasses caches) and a failed post re-rendered with its errors.
    """
    request = context.get("request")
    rules = settings_for(article, request)
    threads = _threads(article)
    count = sum(1 + len(comment.thread_replies) for comment in threads)
    is_open = comments_are_open(article, rules)

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
    reply_to = None
    if form is None:
        parent_id = request.GET.get("reply_to", "") if request is not None else ""
        if parent_id.isdigit():
            reply_to = next(
                (c for t in threads for c in [t, *t.thread_replies] if c.pk == int(parent_id)),
                None,
            )
        form = CommentForm(initial={"parent": reply_to.pk if reply_to else None})
    else:
        parent_id = form.data.get("parent", "")
        if parent_id.isdigit():
            reply_to = next((c for t in threads for c in [t, *t.thread_replies] if c.pk == int(parent_id)), None)

    return {
        "article": article,
        "request": request,
        "threads": threads,
        "count": count,
        "is_open": is_open,
        "own_pending": own_pending,
        "form": form,
        "reply_to": reply_to,
        "post_url": reverse("comments:post", kwargs={"article_id": article.pk}),
        "challenge_url": reverse("comments:challenge"),
        "widget_strings": _widget_strings(),
        "article_url": article.get_url(request),
    }


@register.simple_tag
def comment_count_link(article):
    """The approved comment count in an article's byline, linking to its comments."""
    count = Comment.objects.approved().filter(article=article).count()
    text = (
        ngettext("%(count)d comment", "%(count)d comments", count) % {"count": count} if count else _("No comments yet")
    )
    return template.loader.render_to_string("comments/includes/count_link.html", {"text": text, "count": count})


@register.simple_tag
def comment_counts(articles):
    """Approved comment counts for a list of articles, keyed by page id, in one query."""
    ids = [article.pk for article in articles or []]
    return Comment.objects.approved_counts(ids) if ids else {}


@register.filter
def count_for(counts, article):
    return (counts or {}).get(getattr(article, "pk", None), 0)


@register.filter
def comment_body(text):
    """A comment's text as escaped HTML paragraphs with links."""
    return render_body(text or "")
