"""The desk's fast path: post, correct and delete a live page's updates without republishing the page.

Whoever may edit the live page may post on it (Reporters and Editors); posting purges at once.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import services
from .forms import CorrectUpdateForm, LiveUpdateForm
from .models import LivePage, LiveUpdate

RECENT_UPDATES = 50


def _editable_page(request, page_id: int) -> LivePage:
    page = get_object_or_404(LivePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def _add_form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def updates(request, page_id: int):
    """The page's updates, newest first, under a form to post the next one."""
    page = _editable_page(request, page_id)
    form = LiveUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            update = services.post_update(page=page, posted_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            log(instance=update, action="wagtail.create", user=request.user)
            if page.live:
                messages.success(request, _("Update posted: readers see it within seconds."))
            else:
                messages.warning(request, _("Update saved. Readers see it once the page is published."))
            return redirect("live_admin:updates", page.pk)
    context = {
        "page": page,
        "form": form,
        "updates": page.updates.shown().select_related("photo", "posted_by")[:RECENT_UPDATES],
        "page_title": _("Live updates"),
        "header_title": _("Live updates"),
        "page_subtitle": page.title,
        "header_icon": "time",
    }
    return TemplateResponse(request, "live/admin/updates.html", context, status=400 if form.errors else 200)


def correct(request, update_id: int):
    update = get_object_or_404(LiveUpdate.objects.shown().select_related("page"), pk=update_id)
    page = _editable_page(request, update.page_id)
    form = CorrectUpdateForm(request.POST or None, instance=LiveUpdate.objects.get(pk=update.pk))
    if request.method == "POST" and form.is_valid():
        changes = {field: form.cleaned_data[field] for field in form.Meta.fields if field != "correction_note"}
        try:
            services.change_update(update=update, correction_note=form.cleaned_data["correction_note"], **changes)
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            log(instance=update, action="wagtail.edit", user=request.user)
            messages.success(request, _("Update changed."))
            return redirect("live_admin:updates", page.pk)
    context = {
        "page": page,
        "update": update,
        "form": form,
        "page_title": _("Correct an update"),
        "header_title": _("Correct an update"),
        "page_subtitle": page.title,
        "header_icon": "edit",
    }
    return TemplateResponse(request, "live/admin/correct.html", context, status=400 if form.errors else 200)


def delete(request, update_id: int):
    update = get_object_or_404(LiveUpdate.objects.shown().select_related("page"), pk=update_id)
    page = _editable_page(request, update.page_id)
    if request.method == "POST":
        log(instance=update, action="wagtail.delete", user=request.user)
        services.delete_update(update=update)
        messages.success(request, _("Update deleted."))
        return redirect("live_admin:updates", page.pk)
    context = {
        "page": page,
        "update": update,
        "page_title": _("Delete an update"),
        "header_title": _("Delete an update"),
        "page_subtitle": page.title,
        "header_icon": "bin",
        "cancel_url": reverse("live_admin:updates", args=[page.pk]),
    }
    return TemplateResponse(request, "live/admin/delete.html", context)
