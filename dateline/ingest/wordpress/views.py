"""The admin's "Import from WordPress": upload an export, read the dry-run report, confirm, follow the
import. For superusers only: an import writes the whole archive and reads authors' e-mail addresses."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import runs
from .forms import ExportUploadForm
from .models import ImportRun, ImportRunStatus

RECENT_RUNS = 20
OUTCOMES = ["created", "updated", "unchanged", "skipped"]
OUTCOME_LABELS = [_("Created"), _("Updated"), _("Unchanged"), _("Skipped")]
# The report's kinds, as the administrator reads them; an unknown kind shows as it is.
KIND_LABELS = {
    "author": _("Authors"),
    "comment": _("Comments"),
    "page": _("Pages"),
    "photo": _("Photos"),
    "pingback": _("Pingbacks"),
    "pinned": _("Pinned stories"),
    "review": _("Submitted for review"),
    "post": _("Posts"),
    "section": _("Sections"),
}


class SuperusersOnly:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportStartView(SuperusersOnly, WagtailAdminTemplateMixin, FormView):
    template_name = "wordpress_import/import_start.html"
    form_class = ExportUploadForm
    page_title = _("Import from WordPress")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        runs.notice_stalled_runs()
        context["runs"] = ImportRun.objects.select_related("started_by")[:RECENT_RUNS]
        context["imports_dir"] = runs.imports_dir()
        return context

    def form_valid(self, form):
        run = runs.start_run(
            user=self.request.user,
            export=form.cleaned_data["export"],
            uploads_folder=form.cleaned_data["uploads_folder"],
            time_zone=form.cleaned_data["time_zone"],
        )
        return redirect("wordpress_import:run", run.pk)


class ImportRunView(SuperusersOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "wordpress_import/import_run.html"
    page_title = _("Import from WordPress")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_superuser:
            runs.notice_stalled_runs()
        self.run = get_object_or_404(ImportRun.objects.select_related("started_by", "confirmed_by"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.run.original_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wordpress_import:start"), "label": _("Import from WordPress")},
            {"url": "", "label": self.run.original_name or str(self.run.pk)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.run
        context.update(
            run=run,
            statuses=ImportRunStatus,
            outcomes=OUTCOME_LABELS,
            dry_run_counts=counts_table(run.dry_run_report),
            final_counts=counts_table(run.report),
        )
        return context


class ConfirmImportView(SuperusersOnly, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        run = get_object_or_404(ImportRun, pk=pk)
        if runs.confirm_run(run=run, user=request.user):
            messages.success(request, _("The import has started."))
        else:
            messages.warning(request, _("This import was already confirmed, or is not ready to be."))
        return redirect("wordpress_import:run", run.pk)


class DiscardImportView(SuperusersOnly, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        run = get_object_or_404(ImportRun, pk=pk)
        if runs.discard_run(run=run):
            messages.success(request, _("The import was discarded and its uploaded file deleted."))
            return redirect("wordpress_import:start")
        messages.warning(request, _("Only an import nobody confirmed can be discarded."))
        return redirect("wordpress_import:run", run.pk)


def counts_table(report: dict) -> list[tuple[str, str, list[int]]]:
    """A stored report's counts as rows: (kind, its label, [created, updated, unchanged, skipped])."""
    counts = report.get("counts", {}) if report else {}
    return [
        (kind, KIND_LABELS.get(kind, kind), [counts[kind].get(outcome, 0) for outcome in OUTCOMES])
        for kind in sorted(counts)
    ]
