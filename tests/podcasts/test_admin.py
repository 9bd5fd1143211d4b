"""Editors make a show and an episode in Wagtail's admin."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from dateline.podcasts.models import PodcastEpisodePage, PodcastShowPage
from tests.news.test_admin_article import blank_form

from ..audio.factories import AudioFactory
from ..photos.factories import PhotoFactory
from .feed_requirements import podcast_guid_for

pytestmark = pytest.mark.django_db


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=("podcasts", model._meta.model_name, parent.pk))


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def test_editor_publishes_a_show_and_is_warned_about_small_artwork(as_editor, home):
    url = add_url(PodcastShowPage, home)
    data = blank_form(as_editor, url)
    data.update(
        {
            "title": "Morning Desk",
            "slug": "morning-desk",
            "description": "The morning's news.",
            "artwork": PhotoFactory(file__width=800, file__height=800).pk,
            "category": "News/Daily News",
            "owner_name": "Dateline Newsroom",
            "owner_email": "podcasts@example.com",
            "action-publish": "action-publish",
        }
    )

    response = as_editor.post(url, data)

    assert response.status_code == 302
    show = PodcastShowPage.objects.get(slug="morning-desk")
    assert show.live
    assert show.podcast_guid == podcast_guid_for("http://testserver/morning-desk/feed/")
    warnings = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("800 by 800 pixels" in warning for warning in warnings)


def test_editor_publishes_an_episode_with_a_recording(as_editor, show):
    audio = AudioFactory()
    url = add_url(PodcastEpisodePage, show)
    data = blank_form(as_editor, url)
    data.update(
        {
            "title": "The sea wall",
            "slug": "the-sea-wall",
            "audio": audio.pk,
            "summary": "Engineers explain the sea wall.",
            "episode_type": "full",
            "chapters": "0:00 Start\n0:01 End",
            "action-publish": "action-publish",
        }
    )

    response = as_editor.post(url, data)

    assert response.status_code == 302
    episode = PodcastEpisodePage.objects.get(slug="the-sea-wall")
    assert (episode.live, episode.audio) == (True, audio)


def test_bad_chapters_keep_the_episode_unsaved_with_a_message(as_editor, show):
    url = add_url(PodcastEpisodePage, show)
    data = blank_form(as_editor, url)
    data.update(
        {
            "title": "The sea wall",
            "slug": "the-sea-wall",
            "audio": AudioFactory().pk,
            "summary": "Engineers explain.",
            "episode_type": "full",
            "chapters": "start: headlines",
            "action-publish": "action-publish",
        }
    )

    response = as_editor.post(url, data)

    assert response.status_code == 200
    assert b"Line 1 is not a start time and a title" in response.content
    assert not PodcastEpisodePage.objects.exists()


def test_the_audio_library_and_its_add_form_open(as_editor):
    AudioFactory(title="Interview")
    listing = as_editor.get(reverse("wagtailsnippets_audio_audio:list"))
    assert listing.status_code == 200
    assert b"Interview" in listing.content
    assert as_editor.get(reverse("wagtailsnippets_audio_audio:add")).status_code == 200
