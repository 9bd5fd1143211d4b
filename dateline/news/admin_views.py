"""Admin views of the news room (wired in wagtail_hooks): the confirmation step for publishing before an embargo."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from dateline.news.embargo import EmbargoOverrideRefused, is_embargoed, publish_before_embargo
from dateline.news.models import ArticlePage


class EmbargoOverrideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why publish before the embargo?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the story's history with your name and the time, for the desk and the agency."),
        error_messages={"required": _("Say why this story is published before its embargo.")},
    )
    confirm = forms.BooleanField(
        label=_("I confirm this story is published before its embargo."),
        error_messages={"required": _("Tick the box to confirm you are breaking the embargo.")},
    )


@require_http_methods(["GET", "POST"])
def publish_before_embargo_view(request, page_id: int):
    article = get_object_or_404(ArticlePage, pk=page_id)
    if not article.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    if not is_embargoed(article):
        messages.info(request, _("This story is not under embargo: publish it as usual."))
        return redirect(edit_url)
    form = EmbargoOverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            publish_before_embargo(article=article, user=request.user, reason=form.cleaned_data["reason"])
        except EmbargoOverrideRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("'%(title)s' published before its embargo.") % {"title": article.title})
            return redirect(edit_url)
    embargo = date_format(timezone.localtime(article.embargoed_until), "DATETIME_FORMAT")
    return TemplateResponse(
        request,
        "news/admin/publish_before_embargo.html",
        {"page": article, "form": form, "embargo": embargo, "edit_url": edit_url},
    )
