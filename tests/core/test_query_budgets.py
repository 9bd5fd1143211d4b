"""Query budgets: a page costs the same number of SQL queries however much it shows."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.news.factories import ArticlePageFactory, PersonFactory, SectionPageFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def queries_for(url: str) -> int:
    client = Client()
    client.get(url)  # the first view creates the site settings, which purges
    client.get(url)  # warm the memo (site, settings, navigation), as any running site has it
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def publish(article):
    article.save_revision().publish()
    return article


def test_article_page_costs_the_same_with_500_comments_10_tags_and_3_authors(section):
    from dateline.comments.models import Comment, CommentStatus

    bare = publish(ArticlePageFactory(parent=section))
    busy = publish(
        ArticlePageFactory(
            parent=section,
            authors=PersonFactory.create_batch(3),
            lead_photo=PhotoFactory(),
        )
    )
    busy.tags.add(*[f"topic-{n}" for n in range(10)])
    publish(busy)
    Comment.objects.bulk_create(
        Comment(article=busy, name=f"Reader {n}", body=f"View {n}.", body_hash=str(n), status=CommentStatus.APPROVED)
        for n in range(500)
    )
    bare_lead = publish(ArticlePageFactory(parent=section, lead_photo=PhotoFactory()))
    assert queries_for(busy.url) == queries_for(bare_lead.url)
    assert queries_for(bare.url) <= queries_for(busy.url)


def fill(section, count):
    for _ in range(count):
        publish(ArticlePageFactory(parent=section, authors=[PersonFactory()], lead_photo=None))


def test_section_page_costs_the_same_with_5_or_60_articles(home):
    small = SectionPageFactory(parent=home)
    large = SectionPageFactory(parent=home)
    fill(small, 5)
    fill(large, 60)
    assert queries_for(large.url) == queries_for(small.url)


def test_front_page_costs_the_same_with_5_or_60_articles(home):
    section = SectionPageFactory(parent=home)
    fill(section, 5)
    few = queries_for(home.url)
    fill(section, 55)
    assert queries_for(home.url) == few


def test_article_page_with_comments_tags_and_authors_needs_9_queries(section):
    """The purge generation, whether any page is restricted, the article (with its photo, editor and
    locale), tags, authors, translations, comments, whether comments were closed by hand, and the
    related reading (one query ranks stories sharing its tags or section: issue 14). None
    repeated across meta, footer, JSON-LD and keys; the site, settings, navigation and section come
    from the memo (core.memo)."""
    from dateline.comments.models import Comment, CommentStatus

    article = ArticlePageFactory(parent=section, authors=PersonFactory.create_batch(2), lead_photo=PhotoFactory())
    article.tags.add("budget", "transport")
    publish(article)
    Comment.objects.bulk_create(
        Comment(article=article, name=f"Reader {n}", body=f"View {n}.", body_hash=str(n), status=CommentStatus.APPROVED)
        for n in range(50)
    )
    assert queries_for(article.url) == 9
