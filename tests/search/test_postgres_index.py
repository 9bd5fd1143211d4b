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
    """Index entries for 5,000 English stories about council budgets, five of them about a volcano, analysed
    (with the English configuration, as the multilingual backend indexes English stories)."""
    content_type = ContentType.objects.get_for_model(ArticlePage)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO wagtailsearch_indexentry
                (content_type_id, object_id, title_norm, autocomplete, title, body, title_text, body_text)
            SELECT %s, (1000000 + n)::text, 1.0, ''::tsvector,
                   setweight(to_tsvector('english', 'Council budget report ' || n), 'B'),
                   to_tsvector('english', 'The council met on the budget. ' || md5(n::text)
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


@pytest.fixture
def archive_of_stories(section):
    """5,000 live stories, one an hour, all about council budgets, one in a thousand about a volcano.

    Copies of one factory-made story, inserted in SQL (factories would take minutes), each with its
    own index entry, then analysed so the planner sees a real archive's statistics.
    """
    from tests.news.factories import ArticlePageFactory

    model = ArticlePageFactory(parent=section, title="Council budget report")
    content_type = ContentType.objects.get_for_model(ArticlePage)
    with connection.cursor() as cursor:
        page_columns = [c.name for c in connection.introspection.get_table_description(cursor, "wagtailcore_page")]
        article_columns = [c.name for c in connection.introspection.get_table_description(cursor, "news_articlepage")]
        overrides = {
            "id": "%(base)s + n",
            "path": "%(path)s || lpad((1000 + n)::text, 4, '0')",
            "slug": "'story-' || n",
            "url_path": "%(url)s || 'story-' || n || '/'",
            "translation_key": "gen_random_uuid()",
            "live": "true",
            "first_published_at": "now() - n * interval '1 hour'",
            "last_published_at": "now() - n * interval '1 hour'",
        }
        base = 10_000_000
        params = {"base": base, "model": model.pk, "path": section.path, "url": section.url_path}
        cursor.execute(
            f"INSERT INTO wagtailcore_page ({', '.join(page_columns)}) "  # noqa: S608 (column names from the schema)
            f"SELECT {', '.join(overrides.get(c, c) for c in page_columns)} "
            "FROM wagtailcore_page, generate_series(1, 5000) AS n WHERE id = %(model)s",
            params,
        )
        cursor.execute(
            f"INSERT INTO news_articlepage ({', '.join(article_columns)}) "  # noqa: S608
            f"SELECT {', '.join('%(base)s + n' if c == 'page_ptr_id' else c for c in article_columns)} "
            "FROM news_articlepage, generate_series(1, 5000) AS n WHERE page_ptr_id = %(model)s",
            params,
        )
        cursor.execute(
            """
            INSERT INTO wagtailsearch_indexentry
                (content_type_id, object_id, title_norm, autocomplete, title, body, title_text, body_text)
            SELECT %(content_type)s, (%(base)s + n)::text, 1.0, ''::tsvector,
                   setweight(to_tsvector('english', 'Council budget report ' || n), 'B'),
                   to_tsvector('english', 'The council met on the budget. ' || md5(n::text)
                               || CASE WHEN n %% 1000 = 0 THEN ' The volcano erupted.' ELSE '' END),
                   '', ''
            FROM generate_series(1, 5000) AS n
            """,
            {"content_type": content_type.pk, "base": base},
        )
        for table in ("wagtailcore_page", "news_articlepage", "wagtailsearch_indexentry"):
            cursor.execute(f"ANALYZE {table}")


def analysed_plan_of_search(query: str) -> dict:
    """The plan PostgreSQL ran for the search query, with actual row counts."""
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Locale

    from dateline.search.queries import search_articles

    with CaptureQueriesContext(connection) as captured:
        search_articles(query, locale=Locale.get_default())
    sql = next(q["sql"] for q in captured.captured_queries if "ts_rank" in q["sql"])
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql.replace("%", "%%"))
        return cursor.fetchone()[0][0]["Plan"]


def test_a_common_word_walks_the_newest_stories_and_stops_at_the_limit(archive_of_stories):
    from dateline.search.queries import NEWEST_MATCHES

    plan = analysed_plan_of_search("council budget")
    nodes = list(plan_nodes(plan))
    walk = [n for n in nodes if n.get("Index Name") == "wagtailcore_page_first_published_at_2b5dd637"]
    assert walk
    assert walk[0]["Scan Direction"] == "Backward"
    assert any(n["Node Type"] == "Limit" for n in nodes)
    entries_read = sum(
        n["Actual Rows"] * n["Actual Loops"] for n in nodes if n.get("Relation Name") == "wagtailsearch_indexentry"
    )
    # The newest 101 matches are tested and scored once each, not 5,000.
    assert entries_read <= 2 * (NEWEST_MATCHES + 1) + 10
    assert not seq_scans_of_the_index_table(plan)


def test_a_rare_word_is_found_through_the_combined_index(archive_of_stories):
    # Right after 5,000 entries are written (no vacuum since): with GIN's pending list (migration
    # search.0002 turns it off) the planner rightly preferred scanning the whole table.
    plan = analysed_plan_of_search("volcano")
    nodes = list(plan_nodes(plan))
    assert INDEX in [n.get("Index Name") for n in nodes]
    assert not seq_scans_of_the_index_table(plan)


def test_the_query_uses_the_text_search_configuration_wagtail_indexes_with(section, settings):
    from wagtail.models import Locale

    from dateline.search.queries import search_articles
    from tests.news.factories import ArticlePageFactory

    # With "simple" nothing is stemmed: "volcanoes" matches only if the query is built the same way.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
    }
    ArticlePageFactory(parent=section, title="Volcanoes erupt")
    found = search_articles("volcanoes", locale=Locale.get_default())
    assert [match.title for match in found.matches] == ["Volcanoes erupt"]


def test_a_word_of_old_stories_only_stops_the_walk_early_and_is_found_through_the_index(archive_of_stories):
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Locale

    from dateline.search.postgres import WALK_WINDOW_FACTOR
    from dateline.search.queries import NEWEST_MATCHES, search_articles

    # Two in five stories mention lava, none of the newest 3,000: words cluster in time (a past
    # eruption). Common enough for the walk, which would test 3,101 stories before its first match.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtailsearch_indexentry SET body = body || to_tsvector('english', 'Lava flows reached the road.') "
            "WHERE object_id::bigint > 10003000"
        )
        cursor.execute("ANALYZE wagtailsearch_indexentry")

    with CaptureQueriesContext(connection) as captured:
        found = search_articles("lava", locale=Locale.get_default())

    statements = [q["sql"] for q in captured.captured_queries if "ts_rank" in q["sql"]]
    assert len(statements) == 2  # the walk, stopped short, then the index
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + statements[0].replace("%", "%%"))
        walk = cursor.fetchone()[0][0]["Plan"]
    tested = sum(
        n["Actual Rows"] * n["Actual Loops"]
        for n in plan_nodes(walk)
        if n.get("Relation Name") == "wagtailcore_page" and n.get("Index Name", "").startswith("wagtailcore_page_first")
    )
    window = WALK_WINDOW_FACTOR * (NEWEST_MATCHES + 1) * 5000 / 2000
    assert 0 < tested <= window + 10
    # The newest 100 stories about lava (stories 3001 to 3100, an hour apart), as the walk would have found.
    assert sorted(match.pk for match in found.matches) == list(range(10_003_001, 10_003_101))
    assert found.newest_only
