"""WordPress attachments as Dateline photos: the file from a local copy of wp-content/uploads, and the
caption, alt text and credit from the attachment, its caption's "(Photo: X)" or the file's IPTC/EXIF."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.files.images import ImageFile

from dateline.photos.metadata import embedded_text
from dateline.photos.models import Photo

from .wxr import Item, php_unserialize

# "… at the gate. (Photo: AFP)", "… at dawn. Photo: Jean Martin", "Foto: …", "Credit: …", "Picture by …".
CREDIT_IN_CAPTION = re.compile(
    r"""\s*[(\[]?\s*(?:photo(?:graph)?s?|foto|picture|image|credit)(?:\s*:\s*|\s+by\s+)([^()\[\]]{1,120}?)\s*[)\]]?\s*\.?\s*$""",
    re.IGNORECASE,
)
RESIZED_COPY = re.compile(r"-\d+x\d+(?=\.\w+$)")
CREDIT_MAX_LENGTH = 120
CAPTION_MAX_LENGTH = 500


@dataclass
class Attachment:
    """What an attachment item says about its file, kept between the two passes (no bodies)."""

    id: int
    guid: str
    fingerprint: str
    title: str
    caption: str
    alt: str
    relative_path: str  # under wp-content/uploads
    credit: str = ""
    copyright: str = ""

    @classmethod
    def from_item(cls, item: Item) -> Attachment:
        relative = item.meta.get("_wp_attached_file", "") or uploads_path(item.attachment_url)
        credit = copyright_ = ""
        try:
            metadata = php_unserialize(item.meta.get("_wp_attachment_metadata", "")) or {}
            image_meta = metadata.get("image_meta") or {}
            credit, copyright_ = str(image_meta.get("credit") or ""), str(image_meta.get("copyright") or "")
        except (ValueError, IndexError, AttributeError, KeyError):
            pass  # metadata is optional; the file's own is read later
        return cls(
            id=item.id,
            guid=item.guid,
            fingerprint=item.fingerprint,
            title=item.title,
            caption=item.excerpt,
            alt=item.meta.get("_wp_attachment_image_alt", ""),
            relative_path=relative,
            credit=credit,
            copyright=copyright_,
        )


def uploads_path(url: str) -> str:
    """'2024/03/x.jpg' for any URL under wp-content/uploads (a resized copy names its original)."""
    path = unquote(urlsplit(url).path)
    if "/uploads/" not in path:
        return ""
    return RESIZED_COPY.sub("", path.split("/uploads/", 1)[1])


def split_credit(caption: str) -> tuple[str, str]:
    """('Strikers at the gate.', 'AFP') from 'Strikers at the gate. (Photo: AFP)'."""
    match = CREDIT_IN_CAPTION.search(caption or "")
    if not match:
        return (caption or "").strip(), ""
    return caption[: match.start()].strip(), match.group(1).strip()


def file_credit(path: Path) -> str:
    """The credit the picture carries itself: IPTC credit or by-line, else EXIF artist, else copyright."""
    embedded = embedded_text(path)
    return embedded.credit or embedded.byline or embedded.artist or embedded.copyright or embedded.exif_copyright


class MissingFile(Exception):
    """The attachment's file is not in the uploads folder (or outside it)."""


def locate(uploads: Path | None, attachment: Attachment) -> Path:
    if uploads is None:
        raise MissingFile("no --uploads folder was given")
    if not attachment.relative_path:
        raise MissingFile("the export names no file")
    root = uploads.resolve()
    path = (root / attachment.relative_path).resolve()
    if not path.is_relative_to(root):  # "../../etc/passwd" in a hostile export
        raise MissingFile(f"{attachment.relative_path} points outside the uploads folder")
    if not path.is_file():
        raise MissingFile(f"{attachment.relative_path} is not in the uploads folder")
    return path


def photo_fields(attachment: Attachment, path: Path) -> dict:
    """Title, default caption, alt text and credit for the photo made from this attachment."""
    caption, caption_credit = split_credit(attachment.caption)
    credit = attachment.credit or caption_credit or file_credit(path) or attachment.copyright
    return {
        "title": (attachment.title or path.stem)[:255],
        "default_caption": caption[:CAPTION_MAX_LENGTH],
        "description": attachment.alt[:255],
        "credit": credit.removeprefix("©").strip()[:CREDIT_MAX_LENGTH],
    }


def make_photo(attachment: Attachment, path: Path, *, existing: Photo | None = None) -> Photo:
    """A new photo from the file, or the existing one with its words brought up to date."""
    fields = photo_fields(attachment, path)
    if existing is not None:
        for name, value in fields.items():
            setattr(existing, name, value)
        existing.save(update_fields=list(fields))
        return existing
    with path.open("rb") as handle:
        photo = Photo(**fields, file=ImageFile(handle, name=path.name))
        photo._set_image_file_metadata()
        photo.save()
    return photo
