"""The Articles list: every story with its state in each configured language, and the filters a
translation desk works from."""

import datetime as dt

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from dateline.news.translations import MISSING, OUT_OF_DATE, SOURCE, UP_TO_DATE
from tests.news.factories import ArticlePageFactory, publish_at

pytestmark = pytest.mark.django_db

URL = "/admin/articles/"


def french():
    return Locale.objects.get_or_create(language_code="fr")[0]


def rows(response) -> dict[str, dict[str, str]]:
    """Each row's title, with its languages' states."""
    soup = BeautifulSoup(response.content, "lxml")
    found = {}
    for row in soup.select("table tbody tr"):
        title = row.select_one(".title a, .title").get_text(" ", strip=True)
        found[title] = {item["data-language"]: item["data-state"] for item in row.select("[data-language]")}
    return found


def states_of(found, title):
    return next(states for text, states in found.items() if title in text)


def translated(section, title, *, behind=False):
    """A story published a day ago with a French copy saved an hour later; with `behind`, the
    source is published again after that."""
    start = timezone.now() - dt.timedelta(days=1)
    article = publish_at(ArticlePageFactory(parent=section, title=title), start)
    copy = article.copy_for_translation(french(), copy_parents=True)
    with time_machine.travel(start + dt.timedelta(hours=1), tick=False):
        copy.save_revision()
    if behind:
        publish_at(article, start + dt.timedelta(hours=2))
    return article, copy


def test_the_list_shows_each_story_in_every_language(admin_client, section):
    translated(section, "Harbour reopens")
    ArticlePageFactory(parent=section, title="Budget vote delayed")
    response = admin_client.get(URL)
    assert response.status_code == 200
    assert "news/admin-translations.css" in response.content.decode()  # the column brings its style
    found = rows(response)
    harbour = states_of(found, "Harbour reopens")
    assert harbour["en"] == SOURCE
    assert harbour["fr"] == UP_TO_DATE
    assert harbour["ar"] == MISSING
    assert states_of(found, "Budget vote delayed")["fr"] == MISSING


def test_a_translation_behind_its_source_is_marked_and_links_to_its_editor(admin_client, section):
    article, copy = translated(section, "Harbour reopens", behind=True)
    soup = BeautifulSoup(admin_client.get(URL).content, "lxml")
    item = soup.select_one(f"tr:has(a[href='/admin/pages/{article.pk}/edit/']) [data-language='fr']")
    assert item["data-state"] == OUT_OF_DATE
    assert item.select_one("a")["href"] == f"/admin/pages/{copy.pk}/edit/"
    missing = soup.select_one(f"tr:has(a[href='/admin/pages/{article.pk}/edit/']) [data-language='ar'] a")
    assert missing["href"] == f"/admin/translation/submit/page/{article.pk}/"


def test_the_out_of_date_filter_lists_only_translations_behind_their_source(admin_client, section):
    _source, behind_copy = translated(section, "Harbour reopens", behind=True)
    translated(section, "Budget vote delayed")
    soup = BeautifulSoup(admin_client.get(URL, {"translation": "out-of-date"}).content, "lxml")
    edited = {link["href"] for link in soup.select("tbody tr .title a[href$='/edit/']")}
    assert edited == {f"/admin/pages/{behind_copy.pk}/edit/"}


def test_the_not_translated_filter_lists_stories_missing_that_language(admin_client, section):
    translated(section, "Harbour reopens")
    ArticlePageFactory(parent=section, title="Budget vote delayed")
    found = rows(admin_client.get(URL, {"untranslated": "fr"}))
    assert any("Budget vote delayed" in title for title in found)
    assert not any("Harbour reopens" in title for title in found)


def test_the_languages_cost_the_same_queries_for_three_stories_or_twelve(admin_client, section):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(URL).status_code == 200
        return len(captured)

    for number in range(3):
        translated(section, f"Story {number}")
    queries()  # the first request also fills Django's per-process caches (content types, locales)
    few = queries()
    for number in range(3, 12):
        translated(section, f"Story {number}")
    assert queries() == few


def test_reporters_see_the_list(client, reporter, section):
    translated(section, "Harbour reopens")
    client.force_login(reporter)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Harbour reopens" in response.content.decode()
