"""The "Newsletters" admin menu (lists and issues), an issue's preview/test/send/progress buttons,
the send permission, and this room's part of the privacy command. Admin wiring lives only here."""

from django.contrib.auth.models import Permission
from django.db.models import Count, Q
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views, services
from .models import Issue, IssueStatus, Newsletter


class NewsletterIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(subscribers=Count("subscriptions", filter=Q(subscriptions__confirmed_at__isnull=False)))
        )


class NewsletterViewSet(SnippetViewSet):
    model = Newsletter
    icon = "mail"
    index_view_class = NewsletterIndexView
    list_display = ["name", "language", "digest_time", Column("subscribers", label=_("Confirmed subscribers"))]


class IssueViewSet(SnippetViewSet):
    model = Issue
    icon = "doc-full"
    list_display = ["subject", "newsletter", "status", "created_at"]
    list_filter = ["newsletter", "status"]


class NewslettersGroup(SnippetViewSetGroup):
    items = (IssueViewSet, NewsletterViewSet)
    menu_icon = "mail"
    menu_label = _("Newsletters")
    menu_name = "newsletters"
    add_to_admin_menu = True
    menu_order = 250


register_snippet(NewslettersGroup)


@hooks.register("register_admin_urls")
def register_newsletter_admin_urls():
    urls = [
        path("<int:pk>/preview/", admin_views.preview, name="preview"),
        path("<int:pk>/test/", admin_views.test_email, name="test"),
        path("<int:pk>/send/", admin_views.send, name="send"),
        path("<int:pk>/progress/", admin_views.progress_view, name="progress"),
    ]
    return [path("newsletters/issues/", include((urls, "newsletters_admin"), namespace="newsletters_admin"))]


@hooks.register("register_snippet_listing_buttons")
def issue_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Issue):
        return []
    buttons = [
        ListingButton(
            _("Preview"), reverse("newsletters_admin:preview", args=[snippet.pk]), icon_name="view", priority=10
        )
    ]
    if user.has_perm("newsletters.change_issue"):
        buttons.append(
            ListingButton(
                _("Send a test"), reverse("newsletters_admin:test", args=[snippet.pk]), icon_name="mail", priority=15
            )
        )
    if snippet.status == IssueStatus.DRAFT and user.has_perm("newsletters.send_issue"):
        buttons.append(
            ListingButton(
                _("Send"), reverse("newsletters_admin:send", args=[snippet.pk]), icon_name="mail", priority=20
            )
        )
    if snippet.status != IssueStatus.DRAFT:
        buttons.append(
            ListingButton(
                _("Progress"), reverse("newsletters_admin:progress", args=[snippet.pk]), icon_name="time", priority=30
            )
        )
    return buttons


@hooks.register("register_permissions")
def register_send_permission():
    return Permission.objects.filter(content_type__app_label="newsletters", codename="send_issue")


@hooks.register("dateline_personal_data")
def newsletter_personal_data():
    """This room's part of `dateline forget_commenter`: (name, export, delete) for one address."""
    return "newsletters", services.personal_data, services.forget_subscriber
