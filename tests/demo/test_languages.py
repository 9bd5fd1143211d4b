"""The demo in French and Arabic: front pages at /fr/ and /ar/, translated and original stories, profiles."""

import pytest
from bs4 import BeautifulSoup

from dateline.news.models import ArticlePage, Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("path", "lang", "direction"), [("/fr/", "fr", "ltr"), ("/ar/", "ar", "rtl")])
def test_french_and_arabic_fronts_are_served(client, quick_demo, path, lang, direction):
    response = client.get(path)
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "lxml").html
    assert (html["lang"], html["dir"]) == (lang, direction)


def test_a_story_is_translated_into_french_and_arabic(client, quick_demo):
    lead = ArticlePage.objects.get(slug="river-basin-talks-resume-in-geneva", locale__language_code="en")
    translations = {page.locale.language_code: page for page in lead.get_translations().select_related("locale")}
    assert {"es", "fr", "ar"} <= set(translations)
    arabic = translations["ar"].specific
    assert arabic.live
    assert arabic.url.startswith("/ar/")
    soup = BeautifulSoup(client.get(arabic.url).content, "lxml")
    assert soup.find("h1").get_text() == arabic.title


def test_each_language_has_a_story_of_its_own(quick_demo):
    assert ArticlePage.objects.live().filter(slug="marseille-ouvre-son-premier-tramway-de-nuit").exists()
    original = ArticlePage.objects.live().get(slug="tahliyat-miyah-al-bahr-fi-al-aqaba")
    assert original.locale.language_code == "ar"
    assert not original.get_translations().exists()


def test_people_have_french_and_arabic_profiles_with_their_own_bios(quick_demo):
    claire = Person.objects.get(slug="claire-fontaine")
    arabic = claire.get_translation(claire.get_translations().get(locale__language_code="ar").locale)
    assert arabic.name == "Claire Fontaine"
    assert arabic.bio.startswith("تغطي كلير فونتين")


def test_building_twice_adds_nothing(quick_demo):
    from dateline.demo.build import build_demo

    assert not any(kind.startswith("people (") or kind == "articles" for kind in build_demo(article_limit=4))
