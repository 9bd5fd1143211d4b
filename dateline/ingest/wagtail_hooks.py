"""The "Wire" menu: the queue of agency stories (filters, "Use this") and the sources they come from.
Admin wiring lives only here."""

import django_filters
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.widgets.button import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet, SnippetViewSetGroup

from . import services
from .models import Source, WireItem, WireItemStatus
from .views import UseWireItemView


@hooks.register("register_log_actions")
def register_wire_log_actions(actions):
    actions.register_action(services.UPDATE_ACTION, _("Wire update"), _("New version from the agency"))
    actions.register_action(services.KILL_ACTION, _("Wire kill"), _("Withdrawn by the agency: unpublished and locked"))
    actions.register_action(services.USE_ACTION, _("Taken from the wire"), _("Taken from the wire queue"))


# The queue ----------------------------------------------------------------------------------


class WireItemFilterSet(WagtailFilterSet):
    source = django_filters.ModelChoiceFilter(label=_("Source"), queryset=Source.objects.all(), empty_label=_("Any"))
    received_at = django_filters.DateFromToRangeFilter(label=_("Received"), widget=DateRangePickerWidget)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES, empty_label=_("Any"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=WireItemStatus.choices, empty_label=_("Any"))

    class Meta:
        model = WireItem
        fields = ["source", "received_at", "language", "status"]


class WhenColumn(Column):
    def get_value(self, instance):
        value = getattr(instance, self.accessor)
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


class EmbargoColumn(WhenColumn):
    def get_value(self, instance):
        if not instance.is_embargoed:
            return ""
        return _("until %(time)s") % {"time": super().get_value(instance)}


class StatusColumn(Column):
    def get_value(self, instance):
        return instance.get_status_display()


class WireItemIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("source", "article")
        if self.request.GET.get("status") != WireItemStatus.DUPLICATE:
            queryset = queryset.in_queue()  # a duplicate is merged into the story it repeats
        return queryset

    def order_queryset(self, queryset):
        if self.request.GET.get("ordering"):
            return super().order_queryset(queryset)
        return queryset.order_by("-received_at", "-pk")

    def get_edit_url(self, instance):
        if self.user_has_permission("change"):
            return reverse("wagtailsnippets_ingest_wireitem:use", args=[instance.pk])
        return None

    def get_list_more_buttons(self, instance):
        buttons = []
        if (url := self.get_edit_url(instance)) and instance.status not in (
            WireItemStatus.KILLED,
            WireItemStatus.DUPLICATE,
        ):
            buttons.append(MenuItem(_("Use this"), url=url, icon_name="arrow-right", priority=10))
        if instance.article_id:
            page_url = reverse("wagtailadmin_pages:edit", args=[instance.article_id])
            buttons.append(MenuItem(_("Read the draft"), url=page_url, icon_name="doc-full", priority=20))
        return buttons


class WireItemCreateView(CreateView):
    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied  # stories come from the agencies


class WireItemEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        # A wire item is the agency's record: the desk acts on it through "Use this", never edits it.
        return redirect("wagtailsnippets_ingest_wireitem:use", kwargs["pk"])


class WireItemViewSet(SnippetViewSet):
    model = WireItem
    icon = "globe"
    menu_label = _("Queue")
    url_prefix = "wire/queue"
    index_view_class = WireItemIndexView
    add_view_class = WireItemCreateView
    edit_view_class = WireItemEditView
    filterset_class = WireItemFilterSet
    search_fields = ["headline", "byline", "dateline_place"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        "headline",
        Column("agency", label=_("Agency")),
        Column("dateline_place", label=_("Dateline")),
        Column("urgency", label=_("Urgency"), sort_key="urgency"),
        EmbargoColumn("embargoed_until", label=_("Embargo")),
        StatusColumn("status", label=_("Status"), sort_key="status"),
        Column("language", label=_("Language")),
        DateColumn("received_at", label=_("Received"), sort_key="received_at"),
    ]
    list_export = []
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_urlpatterns(self):
        use_view = UseWireItemView.as_view(index_url_name=self.get_url_name("list"))
        return [*super().get_urlpatterns(), path("use/<int:pk>/", use_view, name="use")]


# Sources ------------------------------------------------------------------------------------


class ProblemColumn(Column):
    def get_value(self, instance):
        text = " ".join(instance.last_error.split())
        return text[:160] + ("…" if len(text) > 160 else "")


class LastStatusColumn(Column):
    def get_value(self, instance):
        return instance.get_last_status_display()


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "download"
    menu_label = _("Sources")
    url_prefix = "wire/sources"
    list_display = [
        "name",
        "agency",
        Column("kind", label=_("Format"), accessor="get_kind_display"),
        Column("enabled", label=_("Enabled"), accessor="enabled"),
        WhenColumn("last_polled_at", label=_("Last polled")),
        LastStatusColumn("last_status", label=_("Status")),
        ProblemColumn("last_error", label=_("Last problem")),
    ]
    list_filter = ["enabled", "kind", "last_status"]
    list_export = []


class WireGroup(SnippetViewSetGroup):
    items = (WireItemViewSet, SourceViewSet)
    menu_icon = "globe"
    menu_label = _("Wire")
    menu_name = "wire"
    menu_order = 240


register_snippet(WireGroup)
