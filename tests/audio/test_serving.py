"""Audio served with byte ranges (dateline.audio.views), so players can seek."""

import pytest

from .factories import AudioFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.audio.urls")]


@pytest.fixture
def audio():
    return AudioFactory()


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_whole_file_says_it_takes_ranges_and_may_be_kept_a_year(client, audio):
    response = client.get(audio.file.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(audio.file_size)
    assert "max-age=31536000" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    with audio.file.open("rb") as stored:
        assert _body(response) == stored.read()


def test_a_range_gets_206_with_exactly_those_bytes(client, audio):
    response = client.get(audio.file.url, headers={"Range": "bytes=100-199"})

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{audio.file_size}"
    assert response["Content-Length"] == "100"
    assert response["Content-Type"] == "audio/mpeg"
    with audio.file.open("rb") as stored:
        assert _body(response) == stored.read()[100:200]


def test_an_open_range_runs_to_the_end_and_a_suffix_range_takes_the_last_bytes(client, audio):
    size = audio.file_size

    open_ended = client.get(audio.file.url, headers={"Range": "bytes=1000-"})
    suffix = client.get(audio.file.url, headers={"Range": "bytes=-10"})

    assert open_ended["Content-Range"] == f"bytes 1000-{size - 1}/{size}"
    assert len(_body(open_ended)) == size - 1000
    assert suffix["Content-Range"] == f"bytes {size - 10}-{size - 1}/{size}"
    assert len(_body(suffix)) == 10


def test_a_range_past_the_end_gets_416_with_the_size(client, audio):
    response = client.get(audio.file.url, headers={"Range": f"bytes={audio.file_size}-"})

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{audio.file_size}"


@pytest.mark.parametrize("header", ["bytes=abc", "lines=1-2", "bytes=5-2", "bytes=0-1,5-6"])
def test_a_malformed_or_multiple_range_is_ignored_and_the_whole_file_sent(client, audio, header):
    response = client.get(audio.file.url, headers={"Range": header})

    assert response.status_code == 200
    assert len(_body(response)) == audio.file_size


def test_a_stale_if_range_gets_the_whole_file(client, audio):
    response = client.get(audio.file.url, headers={"Range": "bytes=0-9", "If-Range": '"another-version"'})

    assert response.status_code == 200


def test_captions_are_served_as_webvtt(client):
    from django.core.files.base import ContentFile

    audio = AudioFactory(captions=ContentFile(b"WEBVTT\n", name="words.vtt"))

    response = client.get(audio.captions.url)

    assert response["Content-Type"] == "text/vtt; charset=utf-8"


@pytest.mark.parametrize("path", ["/media/audio/../../settings.py", "/media/audio/missing/tone.mp3"])
def test_nothing_outside_the_audio_folder_or_missing_is_served(client, audio, path):
    assert client.get(path).status_code == 404


def test_writes_are_refused(client, audio):
    assert client.post(audio.file.url).status_code == 405
