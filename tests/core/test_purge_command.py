"""`dateline purge_caches`: every page and memo entry, after changes made behind our back."""

import json
from io import StringIO
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from dateline.news.models import ArticlePage
from tests.core.page_cache import page_cache  # noqa: F401
from tests.news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_purge_caches_purges_every_page():
    out = StringIO()
    with mock.patch("dateline.core.purge.purge") as purge:
        call_command("purge_caches", stdout=out)
    purge.assert_called_once_with(keys=["all"])
    assert out.getvalue().startswith("Purged every page")


def test_a_change_made_behind_our_back_shows_after_purge_caches(client, section, page_cache):  # noqa: F811
    story = ArticlePageFactory(parent=section)
    story.save_revision().publish()
    client.get(story.url)  # the first page view creates the site settings, which purges
    client.get(story.url)
    body = json.dumps([{"type": "paragraph", "value": "<p>Fixed in SQL.</p>", "id": "b1"}])
    ArticlePage.objects.filter(pk=story.pk).update(body=body)
    assert "Fixed in SQL." not in body_text(client.get(story.url))  # still the cached page
    call_command("purge_caches", stdout=StringIO())
    assert "Fixed in SQL." in body_text(client.get(story.url))


def body_text(response) -> str:
    return BeautifulSoup(response.content, "lxml").select_one(".article__body").get_text()
