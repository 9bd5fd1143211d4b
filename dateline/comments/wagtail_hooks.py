"""The moderation admin: the "Comments" menu (queue, bans, closed threads), bulk actions, audit log
labels, and the cache rule for readers who just posted. Admin wiring lives only here."""

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Value, When
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.log_actions import LogFormatter
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from dateline.news.models import ArticlePage

from . import services
from .models import Ban, BanKind, Comment, CommentClosure, CommentStatus
from .pending import PENDING_COOKIE
from .privacy import hash_address, hash_email


def can_moderate(user) -> bool:
    return user.has_perm("comments.moderate_comment")


# Readers who just posted see their pending comments on the article: that copy is theirs alone.
@hooks.register("on_serve_page")
def keep_pending_readers_pages_private(next_serve_page):
    def serve(page, request, args, kwargs):
        response = next_serve_page(page, request, args, kwargs)
        if PENDING_COOKIE in request.COOKIES:
            patch_cache_control(response, private=True, no_store=True)
        return response

    return serve


@hooks.register("register_permissions")
def register_moderate_permission():
    return Permission.objects.filter(content_type__app_label="comments", codename="moderate_comment")


class EditTextFormatter(LogFormatter):
    label = _("Edit comment text")
    message = _("Comment text edited")

    def format_comment(self, log_entry):
        before = (log_entry.data or {}).get("before", {}).get("body", "")
        return _("Was: %(text)s") % {"text": before[:300]} if before else ""


@hooks.register("register_log_actions")
def register_comment_log_actions(actions):
    actions.register_action(services.EDIT_ACTION)(EditTextFormatter)
    actions.register_action(services.APPROVE_ACTION, _("Approve comment"), _("Comment approved"))
    actions.register_action(services.REJECT_ACTION, _("Reject comment"), _("Comment rejected"))
    actions.register_action(services.SPAM_ACTION, _("Mark comment as spam"), _("Comment marked as spam"))
    actions.register_action(services.CLOSE_ACTION, _("Close comments"), _("Comments closed on the article"))
    actions.register_action(
        services.RESTORE_ACTION, _("Restore comment"), _("Comment restored: the ban that hid it was lifted")
    )
    actions.register_action(services.LIFT_BAN_ACTION, _("Lift ban"), _("Ban lifted"))


# The moderation queue -----------------------------------------------------------------------


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CommentStatus.choices, empty_label=_("Any"))
    article = django_filters.ModelChoiceFilter(
        label=_("Article"),
        queryset=lambda request: ArticlePage.objects.filter(comments__isnull=False).distinct().order_by("title"),
        empty_label=_("Any"),
    )

    class Meta:
        model = Comment
        fields = ["status", "article"]


class ExcerptColumn(Column):
    def get_value(self, instance):
        text = " ".join(instance.body.split())
        return text[:140] + ("…" if len(text) > 140 else "")


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_status_display()


class ConfirmedColumn(Column):
    def get_value(self, instance):
        return _("Yes") if instance.email_confirmed else ""


class CommentIndexView(IndexView):
    def get_add_url(self):
        return None  # comments come from readers, through the article page: no "Add comment" button

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("article")

    def order_queryset(self, queryset):
        if self.request.GET.get("ordering"):
            return super().order_queryset(queryset)
        # The queue: what waits for a decision first, newest first within each group.
        waiting_first = Case(
            When(status=CommentStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
        return queryset.order_by(waiting_first, "-created_at", "-pk")

    @property
    def columns(self):
        columns = super().columns
        if can_moderate(self.request.user):
            return columns
        return [column for column in columns if getattr(column, "name", "") != "email"]


class CommentForm(WagtailAdminModelForm):
    class Meta:
        model = Comment
        fields = ["name", "body"]


class CommentEditView(EditView):
    def save_instance(self):
        comment = Comment.objects.get(pk=self.object.pk)
        return services.edit_comment_text(
            comment, body=self.form.cleaned_data["body"], name=self.form.cleaned_data["name"], by=self.request.user
        )


class CommentCreateView(CreateView):
    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied  # comments come from readers, through the article page


class CommentDeleteView(DeleteView):
    def delete_action(self):
        article = self.object.article
        super().delete_action()
        services.purge_comment_pages(article)


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Queue")
    url_prefix = "comments/queue"
    index_view_class = CommentIndexView
    edit_view_class = CommentEditView
    add_view_class = CommentCreateView
    delete_view_class = CommentDeleteView
    filterset_class = CommentFilterSet
    search_fields = ["name", "body"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "name",
        ExcerptColumn("body", label=_("Comment")),
        Column("article", label=_("Article")),
        StatusColumn("status", label=_("Status"), sort_key="status"),
        DateColumn("created_at", label=_("Posted"), sort_key="created_at"),
        Column("email", label=_("E-mail")),
        ConfirmedColumn("email_confirmed", label=_("E-mail confirmed")),
    ]
    form_fields = ["name", "body"]
    panels = [FieldPanel("name"), FieldPanel("body")]
    list_export = []


# Bans ---------------------------------------------------------------------------------------


class BanForm(WagtailAdminModelForm):
    value = forms.CharField(
        label=_("E-mail or network address"),
        max_length=254,
        help_text=_(
            "Only a keyed hash is stored; an IPv6 address bans its whole /64 network. To ban the author "
            "of a comment, use the queue's Ban action."
        ),
    )

    class Meta:
        model = Ban
        fields = ["kind", "value", "reason", "expires_at"]

    def clean(self):
        cleaned = super().clean()
        value, kind = cleaned.get("value", "").strip(), cleaned.get("kind")
        if kind == BanKind.EMAIL:
            if "@" not in value:
                self.add_error("value", _("Enter an e-mail address."))
            cleaned["value_hash"] = hash_email(value)
        elif kind == BanKind.ADDRESS:
            cleaned["value_hash"] = hash_address(value)
        return cleaned

    def save(self, commit=True):
        self.instance.value_hash = self.cleaned_data["value_hash"]
        if self.for_user and not self.instance.created_by_id:
            self.instance.created_by = self.for_user
        return super().save(commit=commit)


class BanDeleteView(DeleteView):
    def delete_action(self):
        services.lift_bans(Ban.objects.filter(pk=self.object.pk), by=self.request.user)


class BanIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(hidden_count=Count("hidden_comments"))


class BanViewSet(SnippetViewSet):
    model = Ban
    icon = "lock"
    menu_label = _("Bans")
    url_prefix = "comments/bans"
    index_view_class = BanIndexView
    delete_view_class = BanDeleteView
    list_display = [
        "__str__",
        "reason",
        DateColumn("created_at", label=_("Banned")),
        "expires_at",
        # What deleting the ban puts back.
        Column("hidden_count", label=_("Comments it hid")),
    ]
    list_filter = ["kind"]
    form_fields = ["kind", "value", "reason", "expires_at"]
    panels = [FieldPanel("kind"), FieldPanel("value"), FieldPanel("reason"), FieldPanel("expires_at")]

    def get_form_class(self, for_update=False):
        return BanForm


# Closed threads -----------------------------------------------------------------------------


class ClosureForm(WagtailAdminModelForm):
    class Meta:
        model = CommentClosure
        fields = ["article"]


class ClosureCreateView(CreateView):
    def save_instance(self):
        return services.close_comments(self.form.cleaned_data["article"], by=self.request.user)


class ClosureDeleteView(DeleteView):
    def delete_action(self):
        services.reopen_comments(self.object.article)


class CommentClosureViewSet(SnippetViewSet):
    model = CommentClosure
    icon = "no-view"
    menu_label = _("Closed articles")
    url_prefix = "comments/closed"
    add_view_class = ClosureCreateView
    delete_view_class = ClosureDeleteView
    list_display = ["article", DateColumn("closed_at", label=_("Closed")), "closed_by"]
    panels = [FieldPanel("article")]

    def get_form_class(self, for_update=False):
        return ClosureForm


class CommentsGroup(SnippetViewSetGroup):
    items = (CommentViewSet, BanViewSet, CommentClosureViewSet)
    menu_icon = "comment"
    menu_label = _("Comments")
    menu_name = "comments"
    menu_order = 250


register_snippet(CommentsGroup)


# Bulk actions on the queue ------------------------------------------------------------------


class CommentBulkAction(SnippetBulkAction):
    models = [Comment]
    template_name = "comments/admin/confirm_bulk_action.html"
    confirm_question = ""
    button_text = ""

    def check_perm(self, obj):
        return can_moderate(self.request.user)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "question": self.confirm_question,
            "button_text": self.button_text,
            "action_name": self.display_name,
        }

    def object_context(self, snippet):
        return {"item": snippet, "edit_url": AdminURLFinder(self.request.user).get_edit_url(snippet)}

    @classmethod
    def selected(cls, objects):
        return Comment.objects.filter(pk__in=[obj.pk for obj in objects])


class ApproveBulkAction(CommentBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve selected comments")
    action_priority = 10
    confirm_question = _("Publish these comments under their articles?")
    button_text = _("Yes, approve")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return services.approve_comments(cls.selected(objects), by=user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d comment approved.", "%(count)d comments approved.", num_parent_objects) % {
            "count": num_parent_objects
        }

    def get_execution_context(self):
        return {"user": self.request.user}


class RejectBulkAction(ApproveBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject selected comments")
    action_priority = 20
    confirm_question = _("Hide these comments from readers?")
    button_text = _("Yes, reject")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return services.reject_comments(cls.selected(objects), by=user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", num_parent_objects) % {
            "count": num_parent_objects
        }


class SpamBulkAction(ApproveBulkAction):
    display_name = _("Spam")
    action_type = "spam"
    aria_label = _("Mark selected comments as spam")
    action_priority = 25
    confirm_question = _("Mark these comments as spam and hide them?")
    button_text = _("Yes, mark as spam")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return services.mark_comments_as_spam(cls.selected(objects), by=user), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment marked as spam.", "%(count)d comments marked as spam.", num_parent_objects
        ) % {"count": num_parent_objects}


class BanChoiceForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("Ban"),
        choices=[
            (BanKind.EMAIL, _("The e-mail addresses these comments were posted with")),
            (BanKind.ADDRESS, _("The network addresses these comments came from")),
        ],
        initial=[BanKind.EMAIL],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose what to ban: the e-mail addresses, the network addresses, or both.")},
        help_text=_(
            "Anyone can type an e-mail address, and many readers can share one network address (a "
            "company, a mobile network, a proxy). Only the selected comments are hidden; lifting the "
            "ban puts them back."
        ),
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class BanBulkAction(ApproveBulkAction):
    display_name = _("Ban author")
    action_type = "ban"
    aria_label = _("Ban the e-mail or network address of the selected comments' authors")
    action_priority = 40
    classes = {"serious"}
    form_class = BanChoiceForm
    template_name = "comments/admin/confirm_ban.html"
    confirm_question = _(
        "Keep the authors of these comments from posting again? These comments are marked as spam; "
        "their other comments are left as they are."
    )
    button_text = _("Yes, ban")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["shared_addresses"] = self.shared_addresses([entry["item"] for entry in context["items"]])
        return context

    @staticmethod
    def shared_addresses(comments) -> int:
        """How many other e-mail addresses posted from the network addresses of these comments: a
        warning that an address ban would shut out other readers too."""
        address_hashes = {comment.address_hash for comment in comments if comment.address_hash}
        email_hashes = {comment.email_hash for comment in comments if comment.email_hash}
        if not address_hashes:
            return 0
        others = (
            Comment.objects.filter(address_hash__in=address_hashes)
            .exclude(email_hash__in=email_hashes)
            .exclude(email_hash="")
            .aggregate(n=Count("email_hash", distinct=True))
        )
        return others["n"]

    def get_execution_context(self):
        return {
            "user": self.request.user,
            "kinds": set(self.cleaned_form.cleaned_data["kinds"]),
            "reason": self.cleaned_form.cleaned_data["reason"],
        }

    @classmethod
    def execute_action(cls, objects, user=None, kinds=(), reason="", **kwargs):
        result = services.ban_commenters(cls.selected(objects), kinds=set(kinds), reason=reason, by=user)
        return result.created, result.hidden

    def get_success_message(self, num_parent_objects, num_child_objects):
        return _("%(bans)d bans added; %(hidden)d comments marked as spam.") % {
            "bans": num_parent_objects,
            "hidden": num_child_objects,
        }


class LiftBanBulkAction(DeleteBulkAction):
    """Deleting bans from the list lifts them, putting back what they hid, as the delete view does."""

    models = [Ban]

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        services.lift_bans(Ban.objects.filter(pk__in=[ban.pk for ban in objects]), by=user)
        return len(objects), 0

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}


class CloseThreadBulkAction(ApproveBulkAction):
    display_name = _("Close article")
    action_type = "close"
    aria_label = _("Close comments on the articles of the selected comments")
    action_priority = 50
    confirm_question = _("Close comments on the articles of these comments? Approved comments stay visible.")
    button_text = _("Yes, close comments")

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        articles = ArticlePage.objects.filter(pk__in={obj.article_id for obj in objects})
        for article in articles:
            services.close_comments(article, by=user)
        return len(articles), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "Comments closed on %(count)d article.", "Comments closed on %(count)d articles.", num_parent_objects
        ) % {"count": num_parent_objects}


for bulk_action in (ApproveBulkAction, RejectBulkAction, SpamBulkAction, BanBulkAction, CloseThreadBulkAction):
    hooks.register("register_bulk_action", bulk_action)
# After Wagtail's own delete action for snippets, so this one takes its place for bans.
hooks.register("register_bulk_action", LiftBanBulkAction, order=100)
