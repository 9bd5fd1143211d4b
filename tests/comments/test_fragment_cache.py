"""An article's approved comments are rendered once per change, and every change shows at once."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.comments import services
from dateline.comments.models import Comment, CommentStatus
from dateline.core.cache import AppCacheBackend
from tests.news.factories import ArticlePageFactory

from .factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.DATELINE_FRAGMENT_CACHE_SECONDS = 600


def shown(article) -> list[str]:
    soup = BeautifulSoup(Client().get(article.url).content, "lxml")
    return [body.get_text(" ", strip=True) for body in soup.select(".comments__list .comment__body")]


def comment_queries(article) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(article.url).status_code == 200
    return sum('FROM "comments_comment"' in query["sql"] for query in captured.captured_queries)


def test_a_second_reader_gets_the_comments_without_a_query(article):
    CommentFactory.create_batch(3, article=article)
    assert comment_queries(article) == 1
    assert comment_queries(article) == 0


def test_the_cached_comments_are_the_ones_rendered_fresh(article, settings):
    first = CommentFactory(article=article, body="First view.")
    CommentFactory(article=article, body="A reply.", parent=first)
    fresh = Client().get(article.url).content
    assert Client().get(article.url).content == fresh
    settings.DATELINE_FRAGMENT_CACHE_SECONDS = 0
    assert Client().get(article.url).content == fresh


def test_approving_shows_the_comment_at_once(article, django_capture_on_commit_callbacks):
    CommentFactory(article=article, body="Already there.")
    waiting = CommentFactory(article=article, body="Just approved.", status=CommentStatus.PENDING)
    assert shown(article) == ["Already there."]
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_comments(Comment.objects.filter(pk=waiting.pk))
    assert shown(article) == ["Already there.", "Just approved."]


def test_rejecting_and_editing_show_at_once(article, django_capture_on_commit_callbacks):
    kept = CommentFactory(article=article, body="Kept.")
    dropped = CommentFactory(article=article, body="Dropped.")
    assert shown(article) == ["Kept.", "Dropped."]
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_comments(Comment.objects.filter(pk=dropped.pk))
    assert shown(article) == ["Kept."]
    with django_capture_on_commit_callbacks(execute=True):
        services.edit_comment_text(kept, body="Kept, with a correction.")
    assert shown(article) == ["Kept, with a correction."]


def test_closing_removes_the_reply_links_at_once(article, django_capture_on_commit_callbacks):
    CommentFactory(article=article)
    soup = BeautifulSoup(Client().get(article.url).content, "lxml")
    assert soup.select(".comment__reply")
    with django_capture_on_commit_callbacks(execute=True):
        services.close_comments(article)
    soup = BeautifulSoup(Client().get(article.url).content, "lxml")
    assert not soup.select(".comment__reply")
    assert soup.select_one(".comments__closed")


def test_a_purge_of_another_story_keeps_this_ones_comments(article, section):
    other = ArticlePageFactory(parent=section)
    CommentFactory(article=article)
    assert comment_queries(article) == 1
    AppCacheBackend({}).purge_keys([f"article-{other.pk}"])
    assert comment_queries(article) == 0
    AppCacheBackend({}).purge_keys([f"article-{article.pk}"])
    assert comment_queries(article) == 1


def test_replying_to_a_cached_comment_names_it(article):
    first = CommentFactory(article=article, name="Ana")
    Client().get(article.url)  # cached now
    soup = BeautifulSoup(Client().get(f"{article.url}?reply_to={first.pk}").content, "lxml")
    assert "Ana" in soup.select_one("[data-replying]").get_text()
    assert soup.select_one("[data-parent-field]")["value"] == str(first.pk)
