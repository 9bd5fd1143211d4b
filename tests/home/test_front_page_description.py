"""The front page's <meta name="description">: the editors' search description, else one from the site name."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def descriptions(client, url="/") -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [meta["content"] for meta in BeautifulSoup(response.content, "lxml").select('head meta[name="description"]')]


def test_front_page_is_described_by_its_search_description(client, home):
    home.search_description = "Island news, every day, from the people who live here."
    home.save()
    assert descriptions(client) == ["Island news, every day, from the people who live here."]


def test_front_page_without_a_search_description_is_described_with_the_site_name(client, home, settings):
    settings.DATELINE_SITE_NAME = "Harbour Gazette"
    (description,) = descriptions(client)
    assert "Harbour Gazette" in description
