from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.widgets import AdminImageChooser

from .models import LiveUpdate

UPDATE_FIELDS = ["text", "headline", "photo", "embed_url", "quote", "quote_attribution", "is_pinned"]


class LiveUpdateForm(forms.ModelForm):
    """Post an update: the text first, everything else optional."""

    embed_url = forms.URLField(
        label=_("Embed"),
        required=False,
        assume_scheme="https",
        help_text=_("A link to a video or post, such as YouTube or Vimeo."),
    )

    class Meta:
        model = LiveUpdate
        fields = UPDATE_FIELDS
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4, "autofocus": True}),
            "quote": forms.Textarea(attrs={"rows": 2}),
            "photo": AdminImageChooser,
        }


class CorrectUpdateForm(LiveUpdateForm):
    """Change a posted update; a change of its words needs a note for readers."""

    class Meta(LiveUpdateForm.Meta):
        fields = [*UPDATE_FIELDS, "correction_note"]
        widgets = {**LiveUpdateForm.Meta.widgets, "text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"correction_note": _("Required when the words change, e.g. “The minister's name was misspelt.”")}
