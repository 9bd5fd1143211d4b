"""On PostgreSQL a search reads the combined GIN index, not every row of Wagtail's index table."""

import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import F
from wagtail.search.backends.database.postgres.query import Lexeme
from wagtail.search.models import IndexEntry

from dateline.news.models import ArticlePage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the index and its query plan exist only on PostgreSQL; SQLite searches through FTS5",
    ),
]

INDEX = "search_indexentry_title_body_gin"


@pytest.fixture
def index_of_an_archive():
    """Index entries for 5,000 stories about council budgets, five of them about a volcano, analysed."""
    content_type = ContentType.objects.get_for_model(ArticlePage)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO wagtailsearch_indexentry
                (content_type_id, object_id, title_norm, autocomplete, title, body, title_text, body_text)
            SELECT %s, (1000000 + n)::text, 1.0, ''::tsvector,
                   setweight(to_tsvector('Council budget report ' || n), 'B'),
                   to_tsvector('The council met on the budget. ' || md5(n::text)
                               || CASE WHEN n %% 1000 = 0 THEN ' The volcano erupted.' ELSE '' END),
                   '', ''
            FROM generate_series(1, 5000) AS n
            """,
            [content_type.pk],
        )
        cursor.execute("ANALYZE wagtailsearch_indexentry")


def plan_nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)


def seq_scans_of_the_index_table(plan: dict) -> list[dict]:
    return [
        node
        for node in plan_nodes(plan)
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") == "wagtailsearch_indexentry"
    ]


def test_wagtails_match_condition_is_answered_by_the_combined_index(index_of_an_archive):
    # The condition exactly as Wagtail's PostgreSQL backend writes it (postgres.py, search()).
    combined = F("title")._combine(F("body"), "||", False)
    query = SearchQuery(Lexeme("volcano"), search_type="raw")
    entries = IndexEntry.objects.annotate(_vector_=combined).filter(_vector_=query).values("object_id")
    plan = json.loads(entries.explain(format="json"))[0]["Plan"]
    assert [node.get("Index Name") for node in plan_nodes(plan) if "Index Name" in node] == [INDEX]
    assert not seq_scans_of_the_index_table(plan)
