"""Comment counts where other rooms show them: the article byline and section listings."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import timezone

from dateline.comments.models import CommentStatus

from ..news.factories import ArticlePageFactory
from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_counts_for_a_whole_listing_take_one_query_for_the_counts(section, django_assert_num_queries):
    articles = [ArticlePageFactory(parent=section) for _ in range(3)]
    CommentFactory.create_batch(2, article=articles[0])
    CommentFactory(article=articles[2])
    CommentFactory(article=articles[2], status=CommentStatus.PENDING)

    with django_assert_num_queries(2):  # the counts, and the purge generation the memo checks
        rendered = Template(
            "{% load comments_tags %}{% comment_counts articles as counts %}"
            "{% for a in articles %}{{ counts|count_for:a }},{% endfor %}"
        ).render(Context({"articles": articles}))

    assert rendered == "2,0,1,"


def test_the_byline_links_the_approved_count_to_the_comments(client, article):
    CommentFactory.create_batch(2, article=article)
    CommentFactory(article=article, status=CommentStatus.PENDING)

    soup = BeautifulSoup(client.get(article.url).content, "lxml")

    link = soup.select_one(".byline a[href='#comments']")
    assert link.get_text(strip=True) == "2 comments"
    assert soup.select_one("#comments-heading .comments__count").get_text() == "2"


def test_the_section_listing_shows_each_articles_count(client, section):
    article = ArticlePageFactory(parent=section, first_published_at=timezone.now())
    CommentFactory.create_batch(3, article=article)

    soup = BeautifulSoup(client.get(section.url).content, "lxml")

    links = [a for a in soup.select(".teaser a") if a["href"].endswith("#comments")]
    assert [a.get_text(strip=True) for a in links] == ["3 comments"]


def test_approved_comments_are_shown_oldest_first_with_time_and_replies_nested(client, article):
    first = CommentFactory(article=article, body="First.", created_at=timezone.now() - timezone.timedelta(hours=2))
    CommentFactory(article=article, body="Second.", created_at=timezone.now() - timezone.timedelta(hours=1))
    CommentFactory(article=article, body="Reply to first.", parent=first)
    CommentFactory(article=article, body="Rejected.", status=CommentStatus.REJECTED)

    soup = BeautifulSoup(client.get(article.url).content, "lxml")

    top = soup.select(".comments__list > li > .comment .comment__body")
    assert [b.get_text(strip=True) for b in top] == ["First.", "Second."]
    replies = soup.select(".comments__list > li > .comments__replies .comment__body")
    assert [b.get_text(strip=True) for b in replies] == ["Reply to first."]
    # To the second: HTML allows three digits of a second at most.
    assert (
        soup.select_one(f"#comment-{first.pk} time")["datetime"] == first.created_at.replace(microsecond=0).isoformat()
    )


def test_a_listings_counts_are_kept_until_a_comment_is_moderated(section, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dateline.comments import services
    from dateline.comments.models import Comment

    articles = [ArticlePageFactory(parent=section) for _ in range(2)]
    CommentFactory(article=articles[0])
    waiting = CommentFactory(article=articles[1], status=CommentStatus.PENDING)
    listing = Template(
        "{% load comments_tags %}{% comment_counts articles as counts %}"
        "{% for a in articles %}{{ counts|count_for:a }},{% endfor %}"
    )
    assert listing.render(Context({"articles": articles})) == "1,0,"
    with CaptureQueriesContext(connection) as captured:
        assert listing.render(Context({"articles": articles})) == "1,0,"
    assert [query["sql"] for query in captured.captured_queries if "core_purgecounter" not in query["sql"]] == []
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_comments(Comment.objects.filter(pk=waiting.pk))
    assert listing.render(Context({"articles": articles})) == "1,1,"
