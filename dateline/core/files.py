"""Checks every upload form shares: a file name's extension and the size limit's message."""

from django import forms
from django.template.defaultfilters import filesizeformat


def extension_of(name: str) -> str:
    """A file name's extension, lower case, without the dot ("" when it has none)."""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def refuse_if_too_large(upload, limit: int, message: str) -> None:
    """Refuse an upload over ``limit`` bytes with ``message`` (naming ``%(size)s`` and ``%(limit)s``)."""
    if upload.size > limit:
        raise forms.ValidationError(
            message % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
