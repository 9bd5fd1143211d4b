import datetime as dt

import pytest
from django.utils import timezone

from tests.news.factories import ArticlePageFactory


@pytest.fixture
def story(section):
    """Make a live story (in the World section unless told), published the given number of hours ago."""

    def make(hours_ago: float = 1, parent=None, **fields):
        published = timezone.now() - dt.timedelta(hours=hours_ago)
        fields.setdefault("last_published_at", published)
        return ArticlePageFactory(parent=parent or section, first_published_at=published, **fields)

    return make
