from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from .factories import PodcastEpisodePageFactory, PodcastShowPageFactory


@pytest.fixture
def show(home):
    show = PodcastShowPageFactory(parent=home, title="The Harbour Hour", slug="harbour-hour")
    show.save_revision().publish()
    return show


@pytest.fixture
def episode(show):
    """Make a published episode of the show."""

    def make(**fields):
        page = PodcastEpisodePageFactory(parent=show, **fields)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


def read_media(url: str) -> bytes:
    """What a podcast app would download from a media URL: the file under MEDIA_ROOT."""
    path = urlsplit(url).path.removeprefix(settings.MEDIA_URL)
    return (Path(settings.MEDIA_ROOT) / path).read_bytes()
