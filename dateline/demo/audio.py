"""The demo's podcast: a show with drawn artwork and three short episodes, linked from the front page.

The recordings are three tiny MP3 files made once with ffmpeg (audio_files/README.md), so building the
demo needs no encoder; the words are in audio_files/show.json. A second run finds the show and changes nothing.
"""

import io
import json
import math
from datetime import datetime, timedelta
from pathlib import Path

from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

from dateline.audio.models import Audio
from dateline.photos.models import Photo
from dateline.podcasts.models import PodcastEpisodePage, PodcastShowPage

FOLDER = Path(__file__).parent / "audio_files"
ARTWORK_SIDE = 1400  # Apple's and Spotify's smallest


def draw_artwork(title: str) -> bytes:
    """A square show cover: a dark field with a sound wave and the show's initial."""
    side = ARTWORK_SIDE
    image = Image.new("RGB", (side, side), (24, 32, 56))
    draw = ImageDraw.Draw(image)
    middle = side // 2
    for n in range(60):
        x = 160 + n * 18
        height = 40 + 320 * abs(math.sin(n / 4)) * (1 - abs(n - 30) / 40)
        draw.rounded_rectangle((x, middle - height, x + 10, middle + height), radius=5, fill=(240, 170, 60))
    draw.ellipse((middle - 170, 140, middle + 170, 480), outline=(255, 255, 255), width=18)
    draw.text((middle, 310), title[:1], fill=(255, 255, 255), anchor="mm", font_size=220)
    draw.text((middle, side - 220), title, fill=(255, 255, 255), anchor="mm", font_size=120)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def captions_of(cues: list[list[str]]) -> bytes:
    lines = ["WEBVTT", ""]
    for start, end, text in cues:
        lines += [f"{start} --> {end}", text, ""]
    return "\n".join(lines).encode()


def ensure_podcast(home, *, now: datetime) -> int:
    """Make the demo show under the front page and its episodes, published; return how many pages it made."""
    data = json.loads((FOLDER / "show.json").read_text())
    entry = data["show"]
    if PodcastShowPage.objects.child_of(home).filter(slug=entry["slug"]).exists():
        return 0
    artwork = Photo(
        title=f"{entry['title']} artwork",
        description=f"The cover of {entry['title']}: a sound wave under the show's initial.",
        credit="Dateline",
        default_caption=entry["title"],
    )
    artwork.file = ImageFile(io.BytesIO(draw_artwork(entry["title"])), name="the-hourly-artwork.jpg")
    artwork._set_image_file_metadata()
    artwork.save()
    show = home.add_child(instance=PodcastShowPage(artwork=artwork, **entry))
    show.save_revision().publish()
    for item in data["episodes"]:
        audio = Audio(
            title=item["title"],
            credit=item["credit"],
            transcript="\n\n".join(text for _start, _end, text in item["cues"]),
        )
        with (FOLDER / item["file"]).open("rb") as recording:
            audio.file = File(recording, name=item["file"])
            audio.captions = ContentFile(captions_of(item["cues"]), name=item["file"].replace(".mp3", ".vtt"))
            audio.save()
        episode = show.add_child(
            instance=PodcastEpisodePage(
                title=item["title"], slug=item["slug"], audio=audio, summary=item["summary"], chapters=item["chapters"]
            )
        )
        episode.save_revision().publish()
        when = now - timedelta(hours=item["hours_ago"])
        PodcastEpisodePage.objects.filter(pk=episode.pk).update(first_published_at=when, last_published_at=when)
    return 1 + len(data["episodes"])
