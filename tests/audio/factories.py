from pathlib import Path

import factory
from django.core.files.base import ContentFile

from dateline.audio.models import Audio

SAMPLES = Path(__file__).parents[1] / "data" / "audio"


def sample(name: str = "tone.mp3") -> ContentFile:
    """A real, tiny audio file from tests/data/audio (made with ffmpeg: a sine tone)."""
    return ContentFile((SAMPLES / name).read_bytes(), name=name)


class AudioFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Interview with the harbour master, part {n}")
    file = factory.LazyFunction(sample)
    credit = "Dateline Radio"
    transcript = "Good morning. The harbour reopens today."

    class Meta:
        model = Audio
