"""The wire desk's one door of its own: "Use this", which moves a wire draft under a section."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from dateline.news.models import SectionPage

from . import services
from .models import WireItem


def sections_for(user, item: WireItem):
    """Live sections in the draft's language where the user may add articles."""
    sections = SectionPage.objects.live().order_by("title")
    if item.article_id:
        sections = sections.filter(locale_id=item.article.locale_id)
    allowed = [s.pk for s in sections if s.permissions_for_user(user).can_add_subpage()]
    return sections.filter(pk__in=allowed)


class UseWireItemForm(forms.Form):
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=SectionPage.objects.none(),
        empty_label=None,
        help_text=_("The draft moves here; you then edit it and submit or publish it as usual."),
    )

    def __init__(self, *args, user, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = sections_for(user, item)
        source_section = item.source.section
        if source_section is not None:
            self.fields["section"].initial = source_section.pk


class UseWireItemView(WagtailAdminTemplateMixin, FormView):
    template_name = "ingest/use_wire_item.html"
    form_class = UseWireItemForm
    header_icon = "globe"
    page_title = _("Use wire story")
    index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("ingest.change_wireitem"):
            raise PermissionDenied
        self.item = get_object_or_404(WireItem.objects.select_related("source", "article"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.item.headline

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "item": self.item}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        context["draft"] = self.item.article
        context["queue_url"] = reverse(self.index_url_name)
        return context

    def form_valid(self, form):
        try:
            page = services.use_wire_item(item=self.item, section=form.cleaned_data["section"], user=self.request.user)
        except services.WireItemUnusable as error:
            messages.error(self.request, str(error))
            return redirect(self.index_url_name)
        messages.success(
            self.request,
            _("'%(headline)s' is now a draft in %(section)s. Edit it, then submit it for review or publish it.")
            % {"headline": page.title, "section": form.cleaned_data["section"].title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
