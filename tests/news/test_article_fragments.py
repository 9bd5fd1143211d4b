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


def byline_names(story) -> list[str]:
    soup = BeautifulSoup(Client().get(story.url).content, "lxml")
    return [a.get_text(strip=True) for a in soup.select(".byline a[href*='/people/']")]


def test_renaming_an_author_shows_at_once(section, django_capture_on_commit_callbacks):
    from tests.news.factories import PersonFactory

    ana = PersonFactory(name="Ana Pérez", slug="ana-perez")
    story = ArticlePageFactory(parent=section, authors=[ana])
    story.save_revision().publish()
    assert "Ana Pérez" in byline_names(story)
    ana.name = "Ana Pérez Soto"
    with django_capture_on_commit_callbacks(execute=True):
        ana.save()
    assert "Ana Pérez Soto" in byline_names(story)


def test_renaming_a_tag_shows_at_once(section, django_capture_on_commit_callbacks):
    from taggit.models import Tag

    story = ArticlePageFactory(parent=section)
    story.tags.add("trade")
    story.save_revision().publish()
    assert "trade" in Client().get(story.url).content.decode()
    tag = Tag.objects.get(name="trade")
    tag.name = "world trade"
    with django_capture_on_commit_callbacks(execute=True):
        tag.save()
    soup = BeautifulSoup(Client().get(story.url).content, "lxml")
    assert [a.get_text(strip=True) for a in soup.select(".tags a")] == ["world trade"]


def test_a_published_translation_joins_the_hreflang_links_at_once(
    section, section_es, django_capture_on_commit_callbacks
):
    story = ArticlePageFactory(parent=section, slug="ministers-agree")
    story.save_revision().publish()

    def alternates():
        soup = BeautifulSoup(Client().get(story.url).content, "lxml")
        return sorted(link["hreflang"] for link in soup.select("link[rel=alternate][hreflang]"))

    assert alternates() == []
    translation = ArticlePageFactory(
        parent=section_es, slug="ministros", locale=section_es.locale, translation_key=story.translation_key, live=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_revision().publish()
    assert alternates() == ["en", "es", "x-default"]


def test_an_uncached_article_costs_one_query_once_its_fragments_are_kept(section):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.comments.factories import CommentFactory
    from tests.news.factories import PersonFactory
    from tests.photos.factories import PhotoFactory

    story = ArticlePageFactory(parent=section, authors=PersonFactory.create_batch(2), lead_photo=PhotoFactory())
    story.tags.add("budget", "transport")
    story.save_revision().publish()
    CommentFactory.create_batch(50, article=story)
    Client().get(story.url)
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(story.url).status_code == 200
    # The article itself, with its photo, editor and locale: everything else is kept.
    assert [query["sql"].split(" FROM ")[1].split()[0] for query in captured.captured_queries] == ['"news_articlepage"']
