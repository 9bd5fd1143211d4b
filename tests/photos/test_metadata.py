"""What a picture file says about itself (IPTC and EXIF), read once for agency photos and imports."""

import io

from PIL import Image

from dateline.photos.metadata import EXIF_ARTIST, EmbeddedText, embedded_text
from tests.ingest.conftest import jpeg_with_iptc


def test_iptc_credit_and_caption_are_read_from_the_file():
    embedded = embedded_text(io.BytesIO(jpeg_with_iptc(credit="AFP", caption="Strikers at the gate.")))
    assert (embedded.credit, embedded.caption) == ("AFP", "Strikers at the gate.")


def test_exif_artist_is_read_too(tmp_path):
    exif = Image.Exif()
    exif[EXIF_ARTIST] = "Jean Martin\x00"
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (8, 8)).save(path, "JPEG", exif=exif)
    assert embedded_text(path).artist == "Jean Martin"


def test_a_file_that_is_no_image_says_nothing():
    assert embedded_text(io.BytesIO(b"not a picture")) == EmbeddedText()
