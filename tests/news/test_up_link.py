"""Long listing pages end with the same "Up" link as articles, back to the top of the page."""

import pytest
from bs4 import BeautifulSoup

from .factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(story):
    author = PersonFactory(name="Ines Varga", slug="ines-varga")
    article = story(title="Comet watchers gather", slug="comet-watchers", authors=[author])
    article.tags.add("comets")
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def listing_paths(article):
    return [
        "/",
        "/world/",
        "/tags/comets/",
        "/people/ines-varga/",
        f"/{article.first_published_at.year}/",
        "/search/?q=comet",
    ]


def test_every_listing_page_has_an_up_link_to_the_top(client, listed):
    for path in listing_paths(listed):
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        up = soup.select_one(".page-up a")
        assert up is not None, path
        assert up["href"] == "#top"
        assert up.get_text(" ", strip=True) == "Up to the top of the page"
        assert soup.find(id="top") is not None
