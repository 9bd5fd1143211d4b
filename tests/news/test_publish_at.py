"""Publish now or at a time: one "Publish at" field beside the story, and the Publish button."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from dateline.news.models import ArticlePage

from .test_admin_article import add_url, article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def test_the_editor_shows_publish_at_and_no_separate_schedule_dialog(as_editor, section):
    soup = BeautifulSoup(as_editor.get(add_url(ArticlePage, section)).content, "html.parser")
    field = soup.find(attrs={"name": "go_live_at"})
    assert field is not None
    assert len(soup.find_all(attrs={"name": "go_live_at"})) == 1
    assert soup.find("label", attrs={"for": field["id"]}).get_text(strip=True).startswith("Publish at")


def test_publish_with_a_time_schedules_in_one_step(as_editor, section):
    when = (timezone.now() + dt.timedelta(days=1)).replace(second=0, microsecond=0)
    local = timezone.localtime(when).strftime("%Y-%m-%d %H:%M")
    data = article_form(as_editor, section, go_live_at=local, **{"action-publish": "1"})
    assert as_editor.post(add_url(ArticlePage, section), data).status_code == 302
    article = ArticlePage.objects.get(slug="ministers-agree")
    assert not article.live
    assert article.get_latest_revision().approved_go_live_at == when


def test_publish_without_a_time_publishes_now(as_editor, section):
    data = article_form(as_editor, section, **{"action-publish": "1"})
    assert as_editor.post(add_url(ArticlePage, section), data).status_code == 302
    assert ArticlePage.objects.get(slug="ministers-agree").live
