"""Draws the small JPEGs the fixture site uploads (used by make_export.sh; not run by the suite)."""

import sys
from pathlib import Path

from PIL import Image, ImageDraw

# name: (colour, EXIF artist, EXIF copyright)
PICTURES = {
    "harbour-strike.jpg": ((30, 80, 140), "", ""),
    "crane-at-dawn.jpg": ((200, 120, 40), "Marta Ruiz", "(c) Harbour Gazette"),
    "market-stalls.jpg": ((40, 140, 60), "", ""),
    "gallery-boats.jpg": ((120, 40, 120), "", ""),
    "gallery-nets.jpg": ((20, 120, 120), "", ""),
    "gallery-gulls.jpg": ((160, 160, 30), "", ""),
}


def draw(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (colour, artist, copyright_) in PICTURES.items():
        image = Image.new("RGB", (640, 400), colour)
        ImageDraw.Draw(image).rectangle((40, 40, 600, 360), outline=(255, 255, 255), width=8)
        exif = image.getexif()
        if artist:
            exif[0x013B] = artist
        if copyright_:
            exif[0x8298] = copyright_
        image.save(folder / name, "JPEG", quality=60, exif=exif)


if __name__ == "__main__":
    draw(Path(sys.argv[1]))
