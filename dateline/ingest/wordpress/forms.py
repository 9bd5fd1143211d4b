"""The admin's upload form for a WordPress export."""

import zoneinfo

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .runs import imports_dir, resolve_uploads_folder
from .services import ImportRefused

# Larger exports than DATELINE_IMPORT_MAX_UPLOAD_SIZE: `dateline import_wordpress` on the server.


def time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


class ExportUploadForm(forms.Form):
    export = forms.FileField(
        label=_("WordPress export"),
        help_text=_("The file WordPress writes under Tools → Export → All content (.xml)."),
    )
    uploads_folder = forms.CharField(
        label=_("Uploads folder"),
        required=False,
        max_length=255,
        help_text=_(
            "Optional: the name of a copy of the site's wp-content/uploads folder, placed on the server "
            "in the imports folder. Without it, articles are imported without their photos."
        ),
    )
    time_zone = forms.ChoiceField(
        label=_("WordPress time zone"),
        choices=time_zone_choices,
        help_text=_("As under Settings → General in WordPress: drafts are exported with local times only."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].initial = settings.TIME_ZONE

    def clean_export(self):
        export = self.cleaned_data["export"]
        limit = settings.DATELINE_IMPORT_MAX_UPLOAD_SIZE
        if export.size > limit:
            raise forms.ValidationError(
                _("This file is %(size)s; the largest export accepted here is %(max)s. Import it with the "
                  "import_wordpress command on the server instead.")
                % {"size": filesizeformat(export.size), "max": filesizeformat(limit)}
            )  # fmt: skip
        export.seek(0)
        head = export.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n")
        export.seek(0)
        if not export.name.lower().endswith(".xml") or not head.startswith((b"<?xml", b"<rss")):
            raise forms.ValidationError(
                _("This is not a WordPress export: choose the .xml file WordPress's Tools → Export writes.")
            )
        return export

    def clean_uploads_folder(self):
        name = self.cleaned_data["uploads_folder"].strip()
        if not name:
            return ""
        try:
            folder = resolve_uploads_folder(name)
        except ImportRefused as error:
            raise forms.ValidationError(str(error)) from error
        return str(folder.relative_to(imports_dir().resolve()))
