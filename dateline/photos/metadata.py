"""What a picture file says about itself: the IPTC IIM and EXIF fields newsrooms take credits and
captions from. Agency photos and imported WordPress media read them here; each picks its own order."""

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from PIL import Image, IptcImagePlugin, UnidentifiedImageError

# IPTC IIM datasets (record 2) and EXIF tags.
IPTC_BYLINE, IPTC_HEADLINE, IPTC_CREDIT, IPTC_COPYRIGHT, IPTC_CAPTION = (2, 80), (2, 105), (2, 110), (2, 116), (2, 120)
EXIF_ARTIST, EXIF_COPYRIGHT = 0x013B, 0x8298


@dataclass(frozen=True)
class EmbeddedText:
    byline: str = ""
    credit: str = ""
    copyright: str = ""
    caption: str = ""
    headline: str = ""
    artist: str = ""  # EXIF
    exif_copyright: str = ""


def _text(value) -> str:
    if isinstance(value, list):  # a repeatable IPTC dataset: the first
        value = value[0] if value else b""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value or "").strip().strip("\x00")


def embedded_text(picture: str | Path | BinaryIO) -> EmbeddedText:
    """The picture's own IPTC and EXIF words; all empty when it has none or is no readable image."""
    try:
        with Image.open(picture) as image:
            iptc = IptcImagePlugin.getiptcinfo(image) or {}
            exif = image.getexif()
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError):
        return EmbeddedText()
    return EmbeddedText(
        byline=_text(iptc.get(IPTC_BYLINE)),
        credit=_text(iptc.get(IPTC_CREDIT)),
        copyright=_text(iptc.get(IPTC_COPYRIGHT)),
        caption=_text(iptc.get(IPTC_CAPTION)),
        headline=_text(iptc.get(IPTC_HEADLINE)),
        artist=_text(exif.get(EXIF_ARTIST)),
        exif_copyright=_text(exif.get(EXIF_COPYRIGHT)),
    )
