"""The editors' doors for an issue: preview in the browser, a test e-mail to oneself, send, progress.

Reporters compose and preview issues and may mail a test to their own address; sending to readers
needs the `send_issue` permission, which Editors have (accounts/roles.py)."""

from csp.decorators import csp
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .mail import UNSUBSCRIBE_PLACEHOLDER, render_issue
from .models import Issue, IssueStatus, Subscription
from .sending import IssueNotSendable, progress, send_test, start_sending

# The preview is the e-mail itself: its styles are inline attributes, which the admin's policy
# forbids. This page may load styles inline and images over https, and run nothing.
PREVIEW_POLICY = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["https:", "data:"],
    "frame-ancestors": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}


def _issue(request, pk: int, permission: str) -> Issue:
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)


@never_cache
@csp(PREVIEW_POLICY)
def preview(request, pk: int):
    issue = _issue(request, pk, "newsletters.view_issue")
    html = render_issue(issue).html.replace(UNSUBSCRIBE_PLACEHOLDER, "#unsubscribe")
    return HttpResponse(html)


def test_email(request, pk: int):
    """GET asks, POST sends one copy to the signed-in user's own address (never to anyone else)."""
    issue = _issue(request, pk, "newsletters.change_issue")
    if request.method != "POST":
        return TemplateResponse(request, "newsletters/admin/test.html", {"issue": issue})
    if not request.user.email:
        messages.error(request, _("Your account has no e-mail address to send the test to."))
    else:
        send_test(issue, to=request.user.email)
        messages.success(request, _("A test e-mail was sent to your address."))
    return redirect("wagtailsnippets_newsletters_issue:edit", issue.pk)


def send(request, pk: int):
    issue = _issue(request, pk, "newsletters.send_issue")
    if request.method == "POST":
        try:
            count = start_sending(issue, by=request.user)
        except IssueNotSendable as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Sending to %(count)d subscribers.") % {"count": count})
        return redirect("newsletters_admin:progress", issue.pk)
    recipients = Subscription.objects.deliverable().filter(newsletter_id=issue.newsletter_id).count()
    return TemplateResponse(
        request,
        "newsletters/admin/send.html",
        {"issue": issue, "recipients": recipients, "can_send": issue.status == IssueStatus.DRAFT},
    )


@never_cache
def progress_view(request, pk: int):
    issue = _issue(request, pk, "newsletters.view_issue")
    result = progress(issue)
    rows = [
        (label, result.counts.get(value, 0))
        for value, label in issue.deliveries.model._meta.get_field("status").choices
    ]
    return TemplateResponse(
        request,
        "newsletters/admin/progress.html",
        {
            "issue": issue,
            "progress": result,
            "rows": rows,
            "refresh": issue.status == IssueStatus.SENDING,
            "edit_url": reverse("wagtailsnippets_newsletters_issue:edit", args=[issue.pk]),
        },
    )
