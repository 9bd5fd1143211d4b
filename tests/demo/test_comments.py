"""Demo comments are written for their stories: each story carries its own readers' thread."""

import pytest

from dateline.comments.models import Comment, CommentStatus
from dateline.demo.comments import add_demo_comments, load_threads
from dateline.news.models import ArticlePage

pytestmark = pytest.mark.django_db


def bodies(thread_list) -> set[str]:
    return {t["body"] for t in thread_list} | {r["body"] for t in thread_list for r in t["replies"]}


def test_every_story_with_comments_carries_the_ones_written_for_it(quick_demo):
    threads = load_threads()
    commented = ArticlePage.objects.filter(pk__in=Comment.objects.values("article_id"))
    assert commented.count() >= 3
    for article in commented:
        assert set(Comment.objects.filter(article=article).values_list("body", flat=True)) == bodies(
            threads[article.slug]
        )


def test_the_comet_story_s_readers_talk_about_the_comet(quick_demo):
    comet = ArticlePage.objects.get(slug="comet-fragment-samples-reach-earth", locale__language_code="en")
    texts = " ".join(Comment.objects.filter(article=comet).values_list("body", flat=True))
    assert "comet" in texts.lower()
    assert "talks" not in texts


def test_demo_comments_are_approved_and_added_once(quick_demo):
    assert set(Comment.objects.values_list("status", flat=True)) == {CommentStatus.APPROVED}
    assert add_demo_comments() == 0


def test_every_thread_names_a_demo_story():
    from dateline.demo import content

    assert set(load_threads()) <= {story.slug for story in content.STORIES}
