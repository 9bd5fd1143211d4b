"""The demo's podcast: a show with three episodes, linked from the front page, made once."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from PIL import Image

from dateline.demo.audio import ensure_podcast
from dateline.podcasts.models import PodcastEpisodePage, PodcastShowPage

pytestmark = pytest.mark.django_db


def test_the_demo_show_has_square_artwork_three_episodes_and_a_front_page_link(client, home):
    made = ensure_podcast(home, now=timezone.now())

    show = PodcastShowPage.objects.get()
    episodes = PodcastEpisodePage.objects.child_of(show).live()
    assert made == 4
    assert episodes.count() == 3
    assert all(e.audio.mime_type == "audio/mpeg" and e.audio.captions and e.audio.transcript for e in episodes)
    with Image.open(show.artwork.file) as artwork:
        assert artwork.size == (1400, 1400)
    soup = BeautifulSoup(client.get(home.url).content, "lxml")
    assert soup.select_one(".podcast-shows a")["href"] == show.url


def test_building_the_demo_podcast_twice_changes_nothing(home):
    ensure_podcast(home, now=timezone.now())

    assert ensure_podcast(home, now=timezone.now()) == 0
    assert PodcastEpisodePage.objects.count() == 3
