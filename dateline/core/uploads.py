"""Documents the admin accepts: of an allowed type (WAGTAILDOCS_EXTENSIONS), really of that type,
and no larger than DATELINE_DOCUMENTS_MAX_UPLOAD_SIZE.

Wagtail checks only the extension, so a script renamed report.pdf would be served as a PDF; here the
first bytes must match what the extension claims.
"""

from __future__ import annotations

import zipfile

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from .files import extension_of, refuse_if_too_large

SNIFF_BYTES = 64 * 1024
# Office files are ZIP archives that must hold these members.
ZIP_MEMBERS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "odt": "content.xml"}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def document_is_what_it_claims(upload, extension: str) -> bool:
    """Whether the file's content matches its extension (unknown extensions are not vouched for)."""
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    try:
        if extension == "pdf":
            return head.startswith(b"%PDF-")
        if extension in ("txt", "csv"):
            return b"\x00" not in head
        if extension in ZIP_MEMBERS:
            return _is_office_archive(upload, extension)
        return False
    finally:
        upload.seek(0)


def _is_office_archive(upload, extension: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if ZIP_MEMBERS[extension] not in names:
                return False
            if extension == "odt":
                return "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE
            return True
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


class DocumentForm(BaseDocumentForm):
    """The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): size and content checked."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or "file" not in self.changed_data:
            return upload
        refuse_if_too_large(
            upload,
            settings.DATELINE_DOCUMENTS_MAX_UPLOAD_SIZE,
            _("This file is %(size)s; documents may be %(limit)s at most."),
        )
        extension = extension_of(upload.name)
        allowed = [ext.lower() for ext in settings.WAGTAILDOCS_EXTENSIONS]
        if extension not in allowed:
            raise forms.ValidationError(
                _("Documents may be %(types)s files.") % {"types": ", ".join(allowed)}, code="invalid_extension"
            )
        if not document_is_what_it_claims(upload, extension):
            raise forms.ValidationError(
                _("This file is not a real .%(extension)s document: it may be damaged or renamed.")
                % {"extension": extension},
                code="invalid_content",
            )
        return upload
