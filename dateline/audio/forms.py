"""The admin's audio form: the file must really be audio of a kind we accept, no larger than
DATELINE_AUDIO_MAX_UPLOAD_SIZE; captions must be WebVTT."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from dateline.core.files import extension_of, refuse_if_too_large

from .metadata import ALLOWED_EXTENSIONS, EXTENSIONS, NotAudio, read_audio_facts

CAPTIONS_MAX_SIZE = 1024 * 1024


class AudioForm(WagtailAdminModelForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or "file" not in self.changed_data:
            return upload
        refuse_if_too_large(
            upload,
            settings.DATELINE_AUDIO_MAX_UPLOAD_SIZE,
            _("This file is %(size)s; audio files may be %(limit)s at most."),
        )
        extension = extension_of(upload.name)
        if extension not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(
                _("Audio files may be %(types)s files.") % {"types": ", ".join(ALLOWED_EXTENSIONS)},
                code="invalid_extension",
            )
        try:
            facts = read_audio_facts(upload)
        except NotAudio:
            raise forms.ValidationError(
                _(
                    "This file is not audio we can play: it may be damaged, empty or renamed. "
                    "Upload an MP3, M4A or Ogg file."
                ),
                code="invalid_content",
            ) from None
        if extension not in EXTENSIONS[facts.mime_type]:
            raise forms.ValidationError(
                _("This file is named .%(extension)s but holds %(kind)s audio: rename it and upload it again.")
                % {"extension": extension, "kind": facts.mime_type},
                code="extension_mismatch",
            )
        return upload

    def clean_captions(self):
        upload = self.cleaned_data.get("captions")
        if not upload or "captions" not in self.changed_data:
            return upload
        if upload.size > CAPTIONS_MAX_SIZE or extension_of(upload.name) != "vtt":
            raise forms.ValidationError(
                _("Captions must be a WebVTT (.vtt) file of at most %(limit)s.")
                % {"limit": filesizeformat(CAPTIONS_MAX_SIZE)},
                code="invalid_captions",
            )
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        if not head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
            raise forms.ValidationError(
                _("This captions file does not start with WEBVTT: it is not a WebVTT file."), code="invalid_captions"
            )
        return upload
