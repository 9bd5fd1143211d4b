"""The audio player in articles: as the lead (instead of the photo) and as a body block."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile

from ..photos.factories import PhotoFactory
from .factories import AudioFactory

pytestmark = pytest.mark.django_db


def _soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "lxml")


def test_a_lead_audio_plays_instead_of_the_lead_photo(client, story):
    audio = AudioFactory(captions=ContentFile(b"WEBVTT\n", name="words.vtt"))
    article = story(lead_photo=PhotoFactory(), lead_audio=audio)

    soup = _soup(client, article)
    lead = soup.select_one(".article > .audio-player--lead")

    assert lead is not None
    assert soup.select(".article > figure img") == []
    player = lead.find("audio")
    assert player.has_attr("controls")
    assert lead.find(id=player["aria-labelledby"]).get_text(strip=True) == audio.title
    assert player.find("source")["type"] == "audio/mpeg"
    track = player.find("track")
    assert (track["kind"], track["src"]) == ("captions", audio.captions.url)


def test_the_transcript_is_one_link_away_inside_a_disclosure(client, story):
    article = story(lead_audio=AudioFactory(transcript="Good morning.\n\nThe harbour reopens."))

    soup = _soup(client, article)
    link = soup.find("a", string="Read the transcript")
    target = soup.find(id=link["href"].removeprefix("#"))

    assert target.find_parent("details") is not None
    assert [p.get_text() for p in target.find_all("p")] == ["Good morning.", "The harbour reopens."]


def test_an_audio_block_plays_in_the_body(client, story):
    audio = AudioFactory(title="The harbour master speaks", credit="Radio Norte")
    article = story(body=[("paragraph", "<p>Listen.</p>"), ("audio", {"audio": audio})])

    soup = _soup(client, article)
    player = soup.select_one(".article__body .audio-player")

    assert player.find("audio").find("source")["src"] == audio.file.url
    assert "Audio: Radio Norte" in player.find("figcaption").get_text(" ", strip=True)


def test_without_audio_the_lead_photo_shows(client, story):
    article = story(lead_photo=PhotoFactory())

    soup = _soup(client, article)

    assert soup.select(".audio-player") == []
    assert soup.select(".article > figure img")
