"""Agency photos into the photo library, with credit and caption from the item or the file's IPTC."""

import hashlib
import io
import logging
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.core.files.images import ImageFile
from PIL import Image, IptcImagePlugin, UnidentifiedImageError
from wagtail.images import get_image_model

from .parsing import WirePhoto

logger = logging.getLogger(__name__)

# IPTC IIM datasets (record 2): by-line, credit, copyright notice, caption/abstract, headline.
IIM_BYLINE, IIM_CREDIT, IIM_COPYRIGHT, IIM_CAPTION, IIM_HEADLINE = (2, 80), (2, 110), (2, 116), (2, 120), (2, 105)


def iptc_fields(data: bytes) -> dict[str, str]:
    """Credit and caption written into the image file by the agency (IPTC IIM), where present."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            info = IptcImagePlugin.getiptcinfo(image) or {}
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError):
        return {}

    def text(key) -> str:
        value = info.get(key)
        if isinstance(value, list):
            value = value[0] if value else b""
        return value.decode("utf-8", "replace").strip() if isinstance(value, bytes) else ""

    return {
        "credit": text(IIM_CREDIT) or text(IIM_BYLINE) or text(IIM_COPYRIGHT),
        "caption": text(IIM_CAPTION) or text(IIM_HEADLINE),
    }


def save_photo(*, photo: WirePhoto, data: bytes, agency: str, title: str):
    """The photo in the library (an identical file already there is reused); None if it is no image."""
    Photo = get_image_model()
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (OSError, SyntaxError, ValueError, UnidentifiedImageError):
        logger.warning("Wire photo %s is not an image we can read.", photo.href)
        return None
    file_hash = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's own file_hash is SHA-1
    existing = Photo.objects.filter(file_hash=file_hash).first()
    if existing is not None:
        return existing
    embedded = iptc_fields(data)
    name = PurePosixPath(urlsplit(photo.href).path).name or "wire-photo.jpg"
    caption = photo.caption or embedded.get("caption", "")
    image = Photo(
        title=(caption or title)[:255],
        credit=(photo.credit or embedded.get("credit") or agency)[:120],
        default_caption=caption[:500],
        file=ImageFile(io.BytesIO(data), name=name),
        file_hash=file_hash,
        file_size=len(data),
    )
    image.save()
    return image
