"""Search per language: on PostgreSQL each language is stemmed with its own text search configuration.

Real sentences in each language; the PostgreSQL tests skip on SQLite, whose FTS5 matches whole words.
"""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.utils import timezone
from wagtail.models import Locale

from dateline.search.queries import search_articles
from tests.news.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming per language needs PostgreSQL; SQLite FTS5 matches whole words"
)


def section_in(home, code):
    locale = Locale.objects.get_or_create(language_code=code)[0]
    front = home.get_translation_or_none(locale) or home.copy_for_translation(locale)
    front.save_revision().publish()
    return SectionPageFactory(parent=front, slug=f"news-{code}", locale=locale)


def story_in(section, title, text):
    when = timezone.now() - dt.timedelta(hours=1)
    return ArticlePageFactory(
        parent=section,
        locale=section.locale,
        title=title,
        standfirst="",
        body=[("paragraph", f"<p>{text}</p>")],
        first_published_at=when,
        last_published_at=when,
    )


def found(query, locale_code) -> list[str]:
    results = search_articles(query, locale=Locale.objects.get(language_code=locale_code))
    return [match.title for match in results.matches]


@postgres_only
def test_a_spanish_search_for_elecciones_finds_a_story_about_the_eleccion(home):
    section = section_in(home, "es")
    story_in(
        section, "La elección se repetirá en marzo", "El tribunal anuló la votación del domingo en tres provincias."
    )
    story_in(section, "Sube el precio del pan", "Los panaderos culpan al coste de la harina.")
    assert found("elecciones", "es") == ["La elección se repetirá en marzo"]


@postgres_only
def test_a_french_search_finds_the_singular_of_a_plural(home):
    section = section_in(home, "fr")
    story_in(section, "Reprise des négociations à Genève", "Les délégations se sont retrouvées lundi matin.")
    assert found("négociation", "fr") == ["Reprise des négociations à Genève"]


@postgres_only
def test_an_arabic_search_matches_a_word_with_or_without_the_article(home):
    section = section_in(home, "ar")
    story_in(section, "انقطاع الكهرباء في المدينة القديمة", "عادت الكهرباء إلى معظم الأحياء مساء الثلاثاء.")
    story_in(section, "ارتفاع أسعار الخبز", "يعزو الخبازون الارتفاع إلى كلفة الطحين.")
    assert found("مدينة", "ar") == ["انقطاع الكهرباء في المدينة القديمة"]


@postgres_only
def test_an_arabic_search_finds_the_word_with_the_article_and_attached_conjunctions(home):
    # PostgreSQL's Arabic stemmer gives "انتخابات" and "الانتخابات" different stems, and keeps the
    # "و" of "والانتخابات": each form is looked for (search.words).
    section = section_in(home, "ar")
    story_in(section, "تأجيل الانتخابات البلدية", "قررت اللجنة تأجيل التصويت إلى الربيع.")
    story_in(section, "المعارضة تقاطع الجلسة", "انسحب النواب احتجاجا على قانون والانتخابات المقبلة.")
    story_in(section, "ارتفاع أسعار الخبز", "يعزو الخبازون الارتفاع إلى كلفة الطحين.")
    assert sorted(found("انتخابات", "ar")) == ["المعارضة تقاطع الجلسة", "تأجيل الانتخابات البلدية"]
    assert sorted(found("الانتخابات", "ar")) == ["المعارضة تقاطع الجلسة", "تأجيل الانتخابات البلدية"]


@postgres_only
def test_an_arabic_search_with_the_article_finds_the_word_after_wa(home):
    section = section_in(home, "ar")
    story_in(section, "زيارة رسمية", "وصل الوفد إلى العاصمة والمدينة القديمة مساء الأحد.")
    assert found("المدينة", "ar") == ["زيارة رسمية"]


def test_arabic_word_forms_strip_only_the_article_and_what_is_attached_to_it():
    from dateline.search.words import word_forms

    assert "مدينة" in word_forms("والمدينة", "arabic")
    assert "الانتخابات" in word_forms("انتخابات", "arabic")
    # "وزير" (minister) starts with و but has no article: it is not cut to "زير".
    assert "زير" not in word_forms("وزير", "arabic")
    assert word_forms("elección", "spanish") == ["elección"]
    assert word_forms("مدينة", "simple") == ["مدينة"]


def test_an_arabic_results_snippet_marks_the_word_with_its_article():
    from dateline.search.queries import highlight

    marked = highlight("عادت الكهرباء إلى المدينة مساء الثلاثاء", "مدينة")
    assert "<mark>المدينة</mark>" in marked
    assert "<mark>" not in highlight("Minister resigns", "مدينة")


@postgres_only
def test_a_portuguese_search_is_stemmed_when_portuguese_is_configured(home, settings):
    settings.DATELINE_SEARCH_CONFIGS = {**settings.DATELINE_SEARCH_CONFIGS, "pt": "portuguese"}
    section = section_in(home, "pt")
    story_in(section, "Governos europeus discutem o orçamento", "Os ministros reuniram-se em Lisboa na segunda-feira.")
    assert found("governo", "pt") == ["Governos europeus discutem o orçamento"]


@postgres_only
def test_english_stop_words_and_stems_stay_english(home, section):
    story_in(section, "Elections postponed after floods", "The commission said voting would resume in April.")
    assert found("election", "en") == ["Elections postponed after floods"]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the note is for engines that do not stem")
def test_the_search_page_says_it_matches_whole_words_only_without_postgresql(client, home, section):
    story_in(section, "Elections postponed after floods", "The commission said voting would resume in April.")
    soup = BeautifulSoup(client.get("/search/", {"q": "elections"}).content, "html.parser")
    assert "whole words only" in soup.select_one(".search__note").get_text()


def test_every_language_is_searched_within_its_own_stories(home, section):
    story_in(section, "Harbour reopens after storm", "Ships returned to the harbour on Monday.")
    spanish = section_in(home, "es")
    story_in(spanish, "Reabre el puerto harbour", "Los barcos volvieron al puerto el lunes.")
    assert found("harbour", "en") == ["Harbour reopens after storm"]
    assert found("harbour", "es") == ["Reabre el puerto harbour"]
