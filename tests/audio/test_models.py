import pytest

from dateline.audio.metadata import NotAudio, read_audio_facts

from .factories import AudioFactory, sample

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "mime_type"), [("tone.mp3", "audio/mpeg"), ("tone.m4a", "audio/mp4"), ("tone.opus", "audio/ogg")]
)
def test_type_duration_and_size_are_read_from_the_file(name, mime_type):
    audio = AudioFactory(file=sample(name))

    assert audio.mime_type == mime_type
    assert 0.9 < audio.duration < 2.3
    assert audio.file_size == (sample(name).size)


def test_a_text_file_named_mp3_is_not_audio():
    from django.core.files.base import ContentFile

    with pytest.raises(NotAudio):
        read_audio_facts(ContentFile(b"<script>alert(1)</script>" * 20, name="episode.mp3"))


def test_an_upload_is_stored_in_a_folder_of_its_own_so_a_replaced_file_gets_a_new_url():
    first = AudioFactory(file=sample())
    second = AudioFactory(file=sample())

    assert first.file.name.startswith("audio/")
    assert first.file.name.endswith("/tone.mp3")
    assert first.file.name != second.file.name


def test_duration_reads_as_players_show_it():
    audio = AudioFactory.build(duration=3723.4)
    assert audio.duration_text == "1:02:03"
    audio.duration = 65
    assert audio.duration_text == "1:05"
