"""The e-mail itself: rendered once per issue (HTML with its CSS inlined, and plain text), then given
each subscriber's own unsubscribe link and headers. No tracking pixel, no redirecting links: story
links point straight at the stories."""

from dataclasses import dataclass
from email.utils import make_msgid

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from dateline.news.models import ArticlePage

from .models import Issue, Subscription
from .services import message_id_for
from .tokens import confirmation_token, unsubscribe_token

# Stands in for each subscriber's unsubscribe URL in the issue rendered once; made of characters that
# HTML escaping and CSS inlining leave alone.
UNSUBSCRIBE_PLACEHOLDER = "DATELINE-UNSUBSCRIBE-URL-0f3a9c"
_inliner = css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False)


@dataclass(frozen=True)
class RenderedIssue:
    subject: str
    text: str
    html: str
    list_id: str


def unsubscribe_url(subscription_id: int) -> str:
    path = reverse("newsletters:unsubscribe", kwargs={"token": unsubscribe_token(subscription_id)})
    return settings.DATELINE_BASE_URL + path


def issue_stories(issue: Issue) -> list:
    """The issue's live, public stories in the editor's order (a story taken down since is left out)."""
    ids = list(issue.stories.order_by("sort_order").values_list("article_id", flat=True))
    articles = ArticlePage.objects.live().public().filter(pk__in=ids).select_related("locale")
    by_id = {article.pk: article for article in articles}
    return [by_id[pk] for pk in ids if pk in by_id]


def render_issue(issue: Issue) -> RenderedIssue:
    """The issue's subject, text and HTML (CSS inlined), with UNSUBSCRIBE_PLACEHOLDER for the link."""
    newsletter = issue.newsletter
    stories = [
        {"title": a.title, "standfirst": a.standfirst, "url": a.get_full_url(), "dateline": a.dateline_text}
        for a in issue_stories(issue)
    ]
    context = {
        "issue": issue,
        "newsletter": newsletter,
        "stories": stories,
        "site_name": settings.DATELINE_SITE_NAME,
        "site_url": settings.DATELINE_BASE_URL + "/",
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
    }
    with translation.override(newsletter.language):
        text = render_to_string("newsletters/email/issue.txt", context)
        html = _inliner.inline(render_to_string("newsletters/email/issue.html", context))
    host = settings.DATELINE_NEWSLETTER_MESSAGE_ID_DOMAIN
    return RenderedIssue(
        subject=issue.subject, text=text, html=html, list_id=f"{newsletter.name} <{newsletter.slug}.{host}>"
    )


def issue_message(rendered: RenderedIssue, *, to: str, subscription_id: int | None, delivery_id: int | None = None):
    """One subscriber's copy, with RFC 2369 and RFC 8058 headers; a test copy has no unsubscribe link."""
    headers = {"List-Id": rendered.list_id, "Auto-Submitted": "auto-generated", "Precedence": "bulk"}
    text, html = rendered.text, rendered.html
    if subscription_id is not None:
        url = unsubscribe_url(subscription_id)
        text, html = text.replace(UNSUBSCRIBE_PLACEHOLDER, url), html.replace(UNSUBSCRIBE_PLACEHOLDER, url)
        targets = [f"<{url}>"]
        if settings.DATELINE_NEWSLETTER_UNSUBSCRIBE_MAILTO:
            targets.append(f"<mailto:{settings.DATELINE_NEWSLETTER_UNSUBSCRIBE_MAILTO}?subject=unsubscribe>")
        headers["List-Unsubscribe"] = ", ".join(targets)
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    else:
        text = text.replace(UNSUBSCRIBE_PLACEHOLDER, settings.DATELINE_BASE_URL + "/")
        html = html.replace(UNSUBSCRIBE_PLACEHOLDER, settings.DATELINE_BASE_URL + "/")
    domain = settings.DATELINE_NEWSLETTER_MESSAGE_ID_DOMAIN
    headers["Message-ID"] = message_id_for(delivery_id) if delivery_id else make_msgid(domain=domain)
    message = EmailMultiAlternatives(
        rendered.subject, text, settings.DATELINE_NEWSLETTER_FROM_EMAIL, [to], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(*, email: str, subscriptions: list[Subscription], language: str):
    """The double opt-in e-mail: which lists, and the link that confirms them."""
    token = confirmation_token(subscriptions[0].email_hash, [s.pk for s in subscriptions])
    context = {
        "newsletters": [s.newsletter for s in subscriptions],
        "link": settings.DATELINE_BASE_URL + reverse("newsletters:confirm", kwargs={"token": token}),
        "site_name": settings.DATELINE_SITE_NAME,
        "hours": settings.DATELINE_NEWSLETTER_CONFIRM_SECONDS // 3600,
    }
    with translation.override(language):
        subject = render_to_string("newsletters/email/confirm_subject.txt", context).strip()
        body = render_to_string("newsletters/email/confirm_body.txt", context)
    return EmailMultiAlternatives(subject, body, settings.DATELINE_NEWSLETTER_FROM_EMAIL, [email])
