import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.news.models import ArticlePage
from dateline.news.pagination import CountCachedPaginator

from .factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_listing_total_is_counted_once_then_kept(section):
    for _ in range(3):
        ArticlePageFactory(parent=section)
    assert CountCachedPaginator(ArticlePage.objects.live().child_of(section), 2).count == 3

    with CaptureQueriesContext(connection) as queries:
        paginator = CountCachedPaginator(ArticlePage.objects.live().child_of(section), 2)
        assert (paginator.count, paginator.num_pages) == (3, 2)
    assert not [query for query in queries if "COUNT(" in query["sql"].upper()]


def test_different_listings_keep_different_totals(home, section):
    other = (
        type(section)
        .objects.get(pk=section.pk)
        .get_parent()
        .add_child(instance=type(section)(title="Sport", slug="sport"))
    )
    ArticlePageFactory(parent=section)
    ArticlePageFactory(parent=other)
    ArticlePageFactory(parent=other)

    assert CountCachedPaginator(ArticlePage.objects.live().child_of(section), 2).count == 1
    assert CountCachedPaginator(ArticlePage.objects.live().child_of(other), 2).count == 2
