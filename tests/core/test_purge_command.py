"""`dateline purge_caches`: every page, fragment and memo entry, after changes made behind our back."""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("arguments", "hard"), [([], False), (["--hard"], True)])
def test_purge_caches_purges_every_page(arguments, hard, django_capture_on_commit_callbacks):
    out = StringIO()
    with mock.patch("dateline.core.tasks.purge_caches") as task, django_capture_on_commit_callbacks(execute=True):
        call_command("purge_caches", *arguments, stdout=out)
    task.enqueue.assert_called_once_with([], ["all"], hard)
    assert out.getvalue().startswith("Purged every page")


def test_a_change_made_behind_our_back_shows_after_purge_caches(
    client, section, settings, django_capture_on_commit_callbacks
):
    import json

    from bs4 import BeautifulSoup

    from dateline.news.models import ArticlePage
    from tests.news.factories import ArticlePageFactory

    settings.DATELINE_FRAGMENT_CACHE_SECONDS = 600
    story = ArticlePageFactory(parent=section)
    story.save_revision().publish()
    client.get(story.url)
    body = json.dumps([{"type": "paragraph", "value": "<p>Fixed in SQL.</p>", "id": "b1"}])
    ArticlePage.objects.filter(pk=story.pk).update(body=body)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_caches", stdout=StringIO())
    text = BeautifulSoup(client.get(story.url).content, "lxml").select_one(".article__body").get_text()
    assert "Fixed in SQL." in text
