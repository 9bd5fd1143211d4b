"""An edited recording purges the pages that play it (Wagtail's reference index finds them)."""

import pytest

from dateline.audio.signals import pages_playing

from .factories import AudioFactory

pytestmark = pytest.mark.django_db


def test_pages_playing_a_recording_are_found_as_lead_and_in_the_body(story):
    audio = AudioFactory()
    lead = story(lead_audio=audio)
    in_body = story(body=[("audio", {"audio": audio})])
    story()

    assert {page.pk for page in pages_playing(audio)} == {lead.pk, in_body.pk}


def test_editing_a_recording_purges_the_articles_that_play_it(story, monkeypatch):
    audio = AudioFactory()
    article = story(lead_audio=audio)
    purged = []
    monkeypatch.setattr("dateline.audio.signals.purge_page", lambda page: purged.append(page.pk))

    audio.title = "Renamed"
    audio.save()

    assert purged == [article.pk]
