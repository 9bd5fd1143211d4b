"""The lead photo and body are rendered once per change of the article (news_tags.article_fragment)."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from dateline.core.cache import AppCacheBackend
from dateline.news.models import ArticlePage
from tests.news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.DATELINE_FRAGMENT_CACHE_SECONDS = 600


def body_text(story) -> str:
    soup = BeautifulSoup(Client().get(story.url).content, "lxml")
    return soup.select_one(".article__body").get_text(" ", strip=True)


def rewrite_body_behind_the_caches(story, text):
    """Change the stored body without publishing, so nothing is purged."""
    body = json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>", "id": "b1"}])
    ArticlePage.objects.filter(pk=story.pk).update(body=body)


def test_the_body_is_rendered_once_until_the_article_is_purged(section):
    story = ArticlePageFactory(parent=section, dateline_place="Brussels")
    story.save_revision().publish()
    assert "signed shortly after dawn" in body_text(story)
    rewrite_body_behind_the_caches(story, "A rewritten body.")
    assert "signed shortly after dawn" in body_text(story)  # the kept fragment
    AppCacheBackend({}).purge_keys([f"article-{story.pk}"])
    assert "A rewritten body." in body_text(story)


def test_with_fragments_off_every_render_reads_the_body(section, settings):
    settings.DATELINE_FRAGMENT_CACHE_SECONDS = 0
    story = ArticlePageFactory(parent=section)
    story.save_revision().publish()
    body_text(story)
    rewrite_body_behind_the_caches(story, "A rewritten body.")
    assert "A rewritten body." in body_text(story)


def test_a_preview_never_uses_the_kept_fragment(section, admin_client):
    story = ArticlePageFactory(parent=section)
    story.save_revision().publish()
    body_text(story)
    story.body = json.dumps([{"type": "paragraph", "value": "<p>Draft wording.</p>", "id": "b1"}])
    story.save_revision()
    preview = admin_client.get(f"/admin/pages/{story.pk}/view_draft/")
    assert "Draft wording." in preview.content.decode()
