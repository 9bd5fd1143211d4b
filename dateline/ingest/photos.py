"""Agency photos into the photo library, with credit and caption from the item or the file's IPTC."""

import hashlib
import io
import logging
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.core.files.images import ImageFile
from PIL import Image, UnidentifiedImageError
from wagtail.images import get_image_model

from dateline.photos.metadata import embedded_text

from .parsing import WirePhoto

logger = logging.getLogger(__name__)


def iptc_fields(data: bytes) -> dict[str, str]:
    """Credit and caption written into the image file by the agency (IPTC IIM), where present."""
    embedded = embedded_text(io.BytesIO(data))
    return {
        "credit": embedded.credit or embedded.byline or embedded.copyright,
        "caption": embedded.caption or embedded.headline,
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
