from django import forms
from django.utils.translation import gettext_lazy as _

from dateline.news.models import SectionPage


class SearchForm(forms.Form):
    """The reader's search: words, and optionally a section and a publication date range."""

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    section = forms.ModelChoiceField(
        label=_("Section"),
        queryset=SectionPage.objects.none(),
        required=False,
        empty_label=_("All sections"),
        to_field_name="slug",
    )
    published_from = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    published_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        sections = SectionPage.objects.live().public().order_by("path")
        self.fields["section"].queryset = sections.filter(locale=locale) if locale else sections

    def section_options(self) -> list[tuple[str, str, bool]]:
        """(slug, title, chosen) of each section the reader can narrow to, for the page's own <select>.

        The search page writes its three filter fields itself: Django's widget templates (an include
        per option) cost about a quarter of the page's render.
        """
        chosen = self.data.get("section", "") if self.is_bound else ""
        sections = self.fields["section"].queryset.values_list("slug", "title")
        return [(slug, title, slug == chosen) for slug, title in sections]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("published_from"), cleaned.get("published_to")
        if start and end and start > end:
            self.add_error("published_to", _("The end date must not be before the start date."))
        return cleaned
