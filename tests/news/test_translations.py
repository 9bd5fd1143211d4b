"""Translating a story: who may, what the copy is, and the status the editing form shows."""

import datetime as dt

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Locale

from dateline.news.models import ArticlePage
from dateline.news.translations import MISSING, OUT_OF_DATE, SOURCE, UP_TO_DATE, translation_statuses
from tests.news.factories import ArticlePageFactory, publish_at

pytestmark = pytest.mark.django_db


def french():
    return Locale.objects.get_or_create(language_code="fr")[0]


def states(page) -> dict[str, str]:
    return {status.language_code: status.state for status in translation_statuses(page)}


def test_reporters_and_editors_may_start_a_translation(reporter, editor):
    assert reporter.has_perm("simple_translation.submit_translation")
    assert editor.has_perm("simple_translation.submit_translation")


def test_a_reporters_translation_is_a_draft_submitted_to_the_same_review(client, reporter, section):
    article = ArticlePageFactory(parent=section)
    article.save_revision().publish()
    section.copy_for_translation(french(), copy_parents=True).save_revision().publish()
    client.force_login(reporter)
    response = client.post(
        f"/admin/translation/submit/page/{article.pk}/", {"locales": [french().pk], "include_subtree": False}
    )
    assert response.status_code == 302
    copy = ArticlePage.objects.get(translation_key=article.translation_key, locale=french())
    assert not copy.live
    permissions = copy.permissions_for_user(reporter)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert permissions.can_submit_for_moderation()
    assert copy.get_workflow().name == "Newsroom review"


def test_statuses_name_the_source_and_the_languages_not_yet_translated(section):
    article = ArticlePageFactory(parent=section)
    found = states(article)
    assert found["en"] == SOURCE
    assert found["fr"] == MISSING


def test_a_translation_saved_after_the_source_is_up_to_date(section):
    start = timezone.now() - dt.timedelta(days=1)
    article = publish_at(ArticlePageFactory(parent=section), start)
    copy = article.copy_for_translation(french(), copy_parents=True)
    with time_machine.travel(start + dt.timedelta(hours=1), tick=False):
        copy.save_revision()
    assert states(article)["fr"] == UP_TO_DATE


def test_a_translation_falls_out_of_date_when_the_source_is_published_again(section):
    start = timezone.now() - dt.timedelta(days=1)
    article = publish_at(ArticlePageFactory(parent=section), start)
    copy = article.copy_for_translation(french(), copy_parents=True)
    with time_machine.travel(start + dt.timedelta(hours=1), tick=False):
        copy.save_revision()
    article.title = "Ministers revise the plan"
    publish_at(article, start + dt.timedelta(hours=2))
    assert states(article)["fr"] == OUT_OF_DATE
    with time_machine.travel(start + dt.timedelta(hours=3), tick=False):
        copy.save_revision()
    assert states(article)["fr"] == UP_TO_DATE


def test_the_editing_form_shows_each_languages_status(admin_client, section):
    article = ArticlePageFactory(parent=section)
    article.copy_for_translation(french(), copy_parents=True)
    soup = BeautifulSoup(admin_client.get(f"/admin/pages/{article.pk}/edit/").content, "lxml")
    rows = {row["data-language"]: row["data-state"] for row in soup.select(".dateline-translations tr[data-language]")}
    assert rows["en"] == SOURCE
    assert rows["fr"] == UP_TO_DATE
    assert rows["ar"] == MISSING
