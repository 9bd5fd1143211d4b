"""<time datetime> on every page that shows a date: a valid HTML date-time, to the second."""

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.comments.factories import CommentFactory
from tests.news.factories import ArticlePageFactory, PersonFactory

pytestmark = pytest.mark.django_db

# HTML's valid date string, or global/local date and time string (at most three digits of a second).
HTML_DATETIME = re.compile(
    r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
    r"([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?)?"
)


@pytest.fixture
def article(section):
    """A live story whose publication times carry microseconds, as Wagtail stores them."""
    published = (timezone.now() - dt.timedelta(hours=3)).replace(microsecond=627913)
    article = ArticlePageFactory(
        parent=section,
        title="Volcano erupts",
        first_published_at=published,
        last_published_at=published + dt.timedelta(hours=2, microseconds=1),
        authors=[PersonFactory(slug="ana-perez")],
    )
    article.tags.add("volcanoes")
    article.save()
    return article


def time_values(client, url, **params) -> list[str]:
    response = client.get(url, params)
    assert response.status_code == 200
    return [time["datetime"] for time in BeautifulSoup(response.content, "lxml").select("time[datetime]")]


@pytest.mark.parametrize(
    "page_type",
    ["article", "front", "section", "tag", "person", "archive", "search"],
)
def test_every_time_element_carries_a_valid_html_datetime(client, article, page_type):
    published = timezone.localtime(article.first_published_at)
    url = {
        "article": article.url,
        "front": "/",
        "section": "/world/",
        "tag": "/tags/volcanoes/",
        "person": "/people/ana-perez/",
        "archive": f"/{published:%Y}/{published:%m}/",
        "search": "/search/",
    }[page_type]
    values = time_values(client, url, **({"q": "volcano"} if page_type == "search" else {}))
    assert values
    assert [value for value in values if not HTML_DATETIME.fullmatch(value)] == []


def test_article_times_are_the_publication_times_to_the_second(client, article):
    published, updated = time_values(client, article.url)[:2]
    assert dt.datetime.fromisoformat(published) == article.first_published_at.replace(microsecond=0)
    assert dt.datetime.fromisoformat(updated) == article.last_published_at.replace(microsecond=0)


def test_comment_times_carry_a_valid_html_datetime(client, article):
    CommentFactory(article=article, created_at=timezone.now().replace(microsecond=627913))
    soup = BeautifulSoup(client.get(article.url).content, "lxml")
    values = [time["datetime"] for time in soup.select(".comment time[datetime]")]
    assert values
    assert [value for value in values if not HTML_DATETIME.fullmatch(value)] == []
