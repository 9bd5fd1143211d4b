"""What an audio file says about itself: its kind, length and size, read with mutagen.

The type comes from the file's content, never from its name or the browser's claim, so a file
renamed episode.mp3 is refused unless it really is audio of a kind players and podcast apps take.
"""

from __future__ import annotations

from dataclasses import dataclass

import mutagen
from mutagen.aac import AAC
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis

# mutagen's file kinds we accept, with the MIME type served and put in feed enclosures.
MIME_TYPES = {MP3: "audio/mpeg", MP4: "audio/mp4", AAC: "audio/aac", OggOpus: "audio/ogg", OggVorbis: "audio/ogg"}
# The extensions each MIME type may carry (checked against the uploaded name).
EXTENSIONS = {
    "audio/mpeg": {"mp3"},
    "audio/mp4": {"m4a", "mp4"},
    "audio/aac": {"aac"},
    "audio/ogg": {"ogg", "oga", "opus"},
}
ALLOWED_EXTENSIONS = sorted(set().union(*EXTENSIONS.values()))


class NotAudio(ValueError):
    """The file is not audio of a kind we accept; the message says so to an editor."""


@dataclass(frozen=True)
class AudioFacts:
    mime_type: str
    duration: float  # seconds
    size: int  # bytes


def read_audio_facts(upload) -> AudioFacts:
    """Read type, duration and size from an uploaded or stored file; raise NotAudio when it is not
    audio we accept. Leaves the file at its start."""
    upload.seek(0)
    try:
        found = mutagen.File(upload)
    except (mutagen.MutagenError, ValueError, EOFError, OSError):
        found = None
    finally:
        upload.seek(0)
    if found is None or type(found) not in MIME_TYPES or not getattr(found.info, "length", 0):
        raise NotAudio("not audio")
    size = upload.size
    return AudioFacts(mime_type=MIME_TYPES[type(found)], duration=round(float(found.info.length), 3), size=size)
