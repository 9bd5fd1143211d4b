from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.models import Site

from dateline.core.models import NewsroomSettings


class PhotoFileField(WagtailImageField):
    """Wagtail's image field, with a damaged file refused as a form error.

    Wagtail opens the upload lazily: a truncated or corrupt file passes its first look and fails
    when Pillow decodes it for the pixel count, an OSError that became a 500.
    """

    def to_python(self, data):
        try:
            return super().to_python(data)
        except forms.ValidationError:
            raise
        except Exception as error:  # Pillow's decoders raise many kinds for a damaged file
            raise forms.ValidationError(self.error_messages["invalid_image"], code="invalid_image") from error


class PhotoForm(BaseImageForm):
    """The admin's photo form: alt text always, a credit whenever the newsroom requires one."""

    CREDIT_REQUIRED = _(
        "Add a credit, such as AFP or the photographer's name: this newsroom requires one on every photo."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.fields.get("file"), WagtailImageField):
            wagtails = self.fields["file"]
            self.fields["file"] = PhotoFileField(
                label=wagtails.label, required=wagtails.required, widget=wagtails.widget, initial=wagtails.initial
            )
        if "description" in self.fields:
            self.fields["description"].required = True
            self.fields["description"].help_text = _("Describe what the photo shows for readers who cannot see it.")
            self.fields["description"].error_messages["required"] = _(
                "Describe what the photo shows: readers who cannot see it get this text instead."
            )
        if "credit" in self.fields and self._credits_required():
            # Marked required, so the admin shows it as such before anyone tries to save.
            self.fields["credit"].required = True
            self.fields["credit"].error_messages["required"] = self.CREDIT_REQUIRED

    def clean_credit(self):
        credit = (self.cleaned_data.get("credit") or "").strip()
        if not credit and self.fields["credit"].required:
            raise forms.ValidationError(self.CREDIT_REQUIRED)
        return credit

    def _credits_required(self) -> bool:
        # Photos belong to the whole installation; the default site's rule applies to them.
        site = Site.objects.filter(is_default_site=True).first()
        return True if site is None else NewsroomSettings.for_site(site).require_photo_credits
