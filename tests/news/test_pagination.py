"""Listings page without counting: one row past the page says whether an older page exists."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from dateline.news.models import ArticlePage
from dateline.news.pagination import listing_page_or_404

from .factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_stories(section):
    for _ in range(3):
        ArticlePageFactory(parent=section)
    return ArticlePage.objects.live().child_of(section).order_by("-first_published_at", "-pk")


def test_a_listing_page_is_read_in_one_query_without_counting(three_stories):
    with CaptureQueriesContext(connection) as queries:
        page = listing_page_or_404(three_stories, None, 2)
        assert (len(page), page.has_next(), page.has_previous()) == (2, True, False)
    assert len(queries) == 1
    assert "COUNT(" not in queries[0]["sql"].upper()


def test_the_last_page_has_no_older_page(three_stories):
    page = listing_page_or_404(three_stories, "2", 2)
    assert (len(page), page.has_next(), page.previous_page_number()) == (1, False, 1)


@pytest.mark.parametrize("number", ["3", "0", "-1", "two", "1e3"])
def test_a_page_that_is_not_there_is_a_404(three_stories, number):
    with pytest.raises(Http404):
        listing_page_or_404(three_stories, number, 2)


def test_an_empty_listing_still_has_its_first_page(section):
    page = listing_page_or_404(ArticlePage.objects.live().child_of(section), None, 2)
    assert (len(page), page.has_next()) == (0, False)
