"""The language switcher in every page's header: same story in another language, else its front page."""

import pytest
from bs4 import BeautifulSoup
from taggit.models import Tag
from wagtail.models import Locale

pytestmark = pytest.mark.django_db


def switcher(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    nav = BeautifulSoup(response.content, "html.parser").select_one("nav.language-switcher")
    assert nav is not None
    return nav


def links(nav) -> dict[str, dict]:
    return {a["lang"]: a for a in nav.find_all("a")}


def test_switcher_is_a_labelled_nav_marking_the_current_language(client, story, home_es):
    nav = switcher(client, story().url)
    assert nav["aria-label"] == "Languages"
    found = links(nav)
    assert found["en"]["aria-current"] == "true"
    assert "aria-current" not in found["es"].attrs
    assert found["es"]["hreflang"] == "es"
    assert found["es"].get_text() == "español"


def test_switcher_links_the_live_translation_of_the_story(client, story, home_es):
    article = story(title="Harbour reopens", slug="harbour")
    spanish = article.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.save_revision().publish()
    assert links(switcher(client, article.url))["es"]["href"] == spanish.url
    back = links(switcher(client, spanish.url))
    assert back["en"]["href"] == article.url
    assert back["es"]["aria-current"] == "true"


def test_switcher_falls_back_to_the_front_page_when_the_translation_is_a_draft(client, story, home_es):
    article = story(title="Harbour reopens", slug="harbour")
    article.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True).save_revision()
    assert links(switcher(client, article.url))["es"]["href"] == "/es/"


def test_languages_without_a_front_page_are_not_offered(client, story, home_es):
    assert "fr" not in links(switcher(client, story().url))


def test_switcher_on_a_tag_page_links_the_same_tag_in_each_language(client, home_es):
    Tag.objects.create(name="floods", slug="floods")
    found = links(switcher(client, "/tags/floods/"))
    assert found["es"]["href"] == "/es/tags/floods/"
