"""Uploading audio in the admin (Snippets → Audio): real audio is kept with its facts; anything else
gets a clear message and nothing is stored."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dateline.audio.models import Audio

from ..conftest import STAFF_PASSWORD
from .factories import SAMPLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, reporter):
    client.login(username=reporter.username, password=STAFF_PASSWORD)
    return client


def _post(client, file, captions=None):
    data = {"title": "Harbour master", "credit": "Dateline Radio", "transcript": "Hello.", "file": file}
    if captions is not None:
        data["captions"] = captions
    return client.post(reverse("wagtailsnippets_audio_audio:add"), data)


def _errors(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(node.get_text(" ", strip=True) for node in soup.select(".error-message, .w-field__errors"))


def test_a_reporter_uploads_an_mp3_and_its_facts_are_read(signed_in):
    upload = SimpleUploadedFile("harbour.mp3", (SAMPLES / "tone.mp3").read_bytes(), content_type="audio/mpeg")
    vtt = SimpleUploadedFile("harbour.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n", content_type="text/vtt")

    response = _post(signed_in, upload, vtt)

    assert response.status_code == 302
    audio = Audio.objects.get()
    assert (audio.mime_type, audio.file_size) == ("audio/mpeg", upload.size)
    assert audio.duration > 1.5
    assert audio.captions.name.endswith(".vtt")


def test_a_renamed_text_file_is_refused_with_a_clear_message(signed_in):
    upload = SimpleUploadedFile("harbour.mp3", b"not audio at all " * 100, content_type="audio/mpeg")

    response = _post(signed_in, upload)

    assert response.status_code == 200
    assert "not audio we can play" in _errors(response)
    assert not Audio.objects.exists()


def test_a_file_of_another_kind_is_refused_by_its_extension(signed_in):
    upload = SimpleUploadedFile("harbour.wav", b"RIFF0000WAVE", content_type="audio/wav")

    response = _post(signed_in, upload)

    assert "Audio files may be" in _errors(response)
    assert not Audio.objects.exists()


def test_audio_named_for_another_kind_is_refused(signed_in):
    upload = SimpleUploadedFile("harbour.mp3", (SAMPLES / "tone.opus").read_bytes(), content_type="audio/mpeg")

    response = _post(signed_in, upload)

    assert "rename it" in _errors(response)


def test_a_file_over_the_limit_is_refused_with_its_size(signed_in, settings):
    settings.DATELINE_AUDIO_MAX_UPLOAD_SIZE = 1000
    upload = SimpleUploadedFile("harbour.mp3", (SAMPLES / "tone.mp3").read_bytes(), content_type="audio/mpeg")

    response = _post(signed_in, upload)

    assert "audio files may be 1000" in _errors(response)
    assert not Audio.objects.exists()


def test_captions_that_are_not_webvtt_are_refused(signed_in):
    upload = SimpleUploadedFile("harbour.mp3", (SAMPLES / "tone.mp3").read_bytes(), content_type="audio/mpeg")
    srt = SimpleUploadedFile("harbour.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nHello.\n", content_type="text/vtt")

    response = _post(signed_in, upload, srt)

    assert "does not start with WEBVTT" in _errors(response)
    assert not Audio.objects.exists()
