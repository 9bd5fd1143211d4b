"""Arabic pages read right to left: the document's direction, isolated names, players left to right."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from tests.news.factories import ArticlePageFactory, PersonFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic_section(home):
    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    front = home.copy_for_translation(arabic)
    front.title = "الصفحة الأولى"
    front.save_revision().publish()
    return SectionPageFactory(parent=front, title="العالم", slug="al-alam", locale=arabic)


def article_in(section, **fields):
    when = dt.datetime(2026, 2, 20, 13, 5, tzinfo=dt.UTC)
    return ArticlePageFactory(
        parent=section, locale=section.locale, first_published_at=when, last_published_at=when, **fields
    )


def test_an_arabic_story_is_served_right_to_left(client, arabic_section):
    article = article_in(arabic_section, title="استئناف المحادثات في جنيف", slug="geneva-talks")
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert article.url.startswith("/ar/")
    assert soup.html["lang"] == "ar"
    assert soup.html["dir"] == "rtl"


def test_an_english_story_is_left_to_right(client, story):
    soup = BeautifulSoup(client.get(story().url).content, "html.parser")
    assert soup.html["dir"] == "ltr"


def test_latin_names_in_an_arabic_byline_are_isolated(client, arabic_section):
    author = PersonFactory(name="Claire Fontaine", locale=arabic_section.locale)
    article = article_in(arabic_section, slug="geneva-talks", authors=[author])
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    assert soup.select_one(".byline__authors a bdi").get_text() == "Claire Fontaine"


def test_the_arabic_dateline_uses_the_arabic_comma_and_month_name(arabic_section):
    article = article_in(arabic_section, slug="geneva-talks", dateline_place="جنيف", outlet_code="DL")
    assert article.dateline_text == "جنيف، 20 فبراير (DL)"


def test_the_french_dateline_is_day_then_month(home):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    front = home.copy_for_translation(french)
    front.save_revision().publish()
    section = SectionPageFactory(parent=front, slug="monde", locale=french)
    article = article_in(section, slug="geneve", dateline_place="Genève", outlet_code="DL")
    assert article.dateline_text == "Genève, 20 février (DL)"
