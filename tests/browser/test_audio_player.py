"""The article's audio player in Chromium: labelled, reachable from the keyboard, seekable (which
needs byte ranges from the server), with captions and the transcript one link away."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import re_path

from dateline.audio.models import Audio
from dateline.audio.views import serve_audio
from dateline.urls import urlpatterns as site_urlpatterns
from tests.news.factories import ArticlePageFactory

RECORDING = Path(__file__).parents[2] / "dateline" / "demo" / "audio_files" / "episode-1.mp3"  # six seconds
TITLE = "The harbour master on the storm"

# The live server answers /media/ itself with Django's static serve (no ranges) before any URL is
# resolved, so here uploads live under /uploads/ and go through the app's audio view, as in production.
urlpatterns = [re_path(r"^uploads/audio/(?P<path>.+)$", serve_audio), *site_urlpatterns]


@pytest.fixture
def article(settings, home, section):
    settings.MEDIA_URL = "/uploads/"
    settings.ROOT_URLCONF = __name__
    audio = Audio(title=TITLE, credit="Dateline Radio", transcript="Good morning.\n\nThe harbour reopens today.")
    audio.file = ContentFile(RECORDING.read_bytes(), name="harbour.mp3")
    audio.captions = ContentFile(b"WEBVTT\n\n00:00.000 --> 00:03.000\nGood morning.\n", name="harbour.vtt")
    audio.save()
    return ArticlePageFactory(parent=section, title="Harbour reopens", lead_audio=audio)


def test_the_player_is_labelled_by_the_recordings_title(live_server, page, article):
    page.goto(live_server.url + article.url)

    player = page.get_by_label(TITLE)

    assert player.evaluate("element => element.tagName") == "AUDIO"
    assert player.evaluate("element => element.controls")
    assert player.evaluate("element => element.querySelector('track').kind") == "captions"


def test_the_player_is_reached_with_the_tab_key(live_server, page, article):
    page.goto(live_server.url + article.url)

    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "AUDIO":
            break

    assert page.evaluate("document.activeElement.getAttribute('aria-labelledby')")
    assert page.evaluate("document.activeElement.tagName") == "AUDIO"


def test_the_reader_can_play_and_seek(live_server, page, article):
    answers = []
    page.on("response", lambda response: answers.append(response) if "/audio/" in response.url else None)
    page.goto(live_server.url + article.url)
    player = page.get_by_label(TITLE)
    player.evaluate("a => a.readyState >= 1 || new Promise(done => a.addEventListener('loadedmetadata', done))")

    assert player.evaluate("a => a.duration") == pytest.approx(6, abs=0.5)
    # Chromium asks for a range and gets one: that is what lets a player seek in a long file.
    recording = next(answer for answer in answers if answer.url.endswith(".mp3"))
    assert recording.status == 206
    assert recording.headers["content-range"].startswith("bytes 0-")
    position = player.evaluate(
        "a => new Promise(done => {"
        " a.addEventListener('seeked', () => done(a.currentTime), {once: true}); a.currentTime = 4; })"
    )
    assert position == pytest.approx(4, abs=0.3)

    player.evaluate("a => { a.muted = true; return a.play(); }")
    page.wait_for_function("a => a.currentTime > 4.2", arg=player.element_handle())
    assert not player.evaluate("a => a.paused") or player.evaluate("a => a.ended")


def test_the_transcript_is_one_link_away(live_server, page, article):
    page.goto(live_server.url + article.url)
    transcript = page.get_by_text("The harbour reopens today.")
    assert not transcript.is_visible()

    page.get_by_role("link", name="Read the transcript").click()

    assert transcript.is_visible()
