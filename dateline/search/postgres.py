"""Search on PostgreSQL: the newest matches in Wagtail's index, scored as Wagtail's backend scores them.

Wagtail's own query scores every match before ordering (ts_rank reads each story's whole vector),
and joins pages through a text cast no page index serves: 1.4 s of PostgreSQL for a word in every
story of 100,000. Here one statement picks the newest ``limit`` matches of the reader's scope and
scores only those. Two ways to pick them, chosen from the planner's estimate of the matches:

- few matches: read them all through the GIN index on ``title || body`` (migration 0001) and join
  each to its page by primary key, then keep the newest;
- many: walk live stories newest first on the publication-date index and test each one's index
  entry until ``limit`` match; the more stories match, the sooner the walk stops.

Reading a match through the index costs about a seventh of testing a story on the walk, so the
index wins while ``matches ** 2 <= 7 * limit * entries``.

The walk expects the matches spread evenly over time; words are not (a name in the news two years
ago, a word of last winter's floods). A word in 8% of 100,000 stories but few recent ones walked
11,000 stories (190 ms), and one absent from the newest would have walked the whole archive. So
the walk stops after three times the stories it expects to test, and if fewer than ``limit``
matched there, the index way answers instead: at worst about four times the expected walk.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from .words import word_forms

# Testing one story's entry on the walk (detoast, concatenate, match) costs about seven times
# reading one match through the GIN index (measured at 100,000 stories: ~55 µs against ~8 µs).
WALK_COST_RATIO = 7
# How many times the stories it expects to test (limit * entries / matches) the walk may test.
WALK_WINDOW_FACTOR = 3

_MATCHES = "e.content_type_id = %(content_type)s AND (e.title || e.body) @@ {tsquery}"

_FROM_INDEX = """
    SELECT p.id FROM wagtailsearch_indexentry e
    JOIN wagtailcore_page p ON p.id = e.object_id::bigint
    WHERE {matches} AND {scope}
    ORDER BY p.first_published_at DESC, p.id DESC LIMIT %(limit)s
"""

_BY_DATE = """
    SELECT newest.id FROM (
        SELECT p.id, p.first_published_at FROM wagtailcore_page p
        WHERE {scope} ORDER BY p.first_published_at DESC, p.id DESC LIMIT %(window)s
    ) AS newest
    WHERE EXISTS (
        SELECT 1 FROM wagtailsearch_indexentry e WHERE e.object_id = newest.id::text AND {matches}
    )
    ORDER BY newest.first_published_at DESC, newest.id DESC LIMIT %(limit)s
"""

# Wagtail's score: ts_rank of the headline times its length norm, plus ts_rank of the text.
_SCORED = """
    SELECT p.id, p.title, p.first_published_at,
           ts_rank(%(weights)s::float4[], e.title, {tsquery}) * e.title_norm
           + ts_rank(%(weights)s::float4[], e.body, {tsquery})
    FROM ({candidates}) AS newest
    JOIN wagtailcore_page p ON p.id = newest.id
    JOIN wagtailsearch_indexentry e ON e.content_type_id = %(content_type)s AND e.object_id = p.id::text
    ORDER BY 4 DESC, p.first_published_at DESC, p.id DESC
"""


@dataclass(frozen=True)
class Scope:
    """Which stories a search covers: live ones of one type and language, optionally narrowed."""

    content_type: int
    locale: int
    section_path: str | None = None
    section_depth: int | None = None
    published_from: datetime | None = None
    published_before: datetime | None = None
    restricted_paths: tuple[str, ...] = ()
    language_code: str = ""

    def as_sql(self) -> tuple[str, dict]:
        conditions = ["p.content_type_id = %(content_type)s", "p.live", "p.locale_id = %(locale)s"]
        params = {"content_type": self.content_type, "locale": self.locale}
        if self.section_path is not None:
            # Page paths are base-36 digits: nothing in them is special to LIKE.
            conditions.append("p.path LIKE %(section_path)s AND p.depth = %(section_depth)s")
            params.update(section_path=self.section_path + "%", section_depth=self.section_depth + 1)
        if self.published_from is not None:
            conditions.append("p.first_published_at >= %(published_from)s")
            params["published_from"] = self.published_from
        if self.published_before is not None:
            conditions.append("p.first_published_at < %(published_before)s")
            params["published_before"] = self.published_before
        if self.restricted_paths:
            # As Wagtail's public(): nothing at or under a page with a view restriction.
            conditions.append("NOT (p.path LIKE ANY(%(restricted)s))")
            params["restricted"] = [path + "%" for path in self.restricted_paths]
        return " AND ".join(conditions), params


def tsquery_for(words: list[str], operator: str, config: str | None = None) -> str:
    """The words as Wagtail's backend writes them for to_tsquery: quoted, joined by & or |; a word
    with several forms (``word_forms``) is their alternatives in parentheses."""

    def quoted(word: str) -> str:
        return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"

    terms = []
    for word in words:
        forms = [quoted(form) for form in word_forms(word, config)]
        terms.append(forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")")
    return (" & " if operator == "and" else " | ").join(terms)


def newest_matches(
    *, words: list[str], operator: str, scope: Scope, limit: int, weights: str, config: str | None
) -> list[tuple]:
    """(id, title, first_published_at, score) of the newest ``limit`` stories in scope matching the words.

    Best score first, as the engines give their results. ``config`` is the text search
    configuration Wagtail's backend indexes with (its SEARCH_CONFIG; the database's default if None).
    """
    scope_sql, params = scope.as_sql()
    params.update(tsquery=tsquery_for(words, operator, config), limit=limit, weights=weights, config=config)
    # Only our constant SQL is formatted in; every value is a parameter.
    tsquery = "to_tsquery(%(config)s::regconfig, %(tsquery)s)" if config else "to_tsquery(%(tsquery)s)"
    matches = _MATCHES.format(tsquery=tsquery)
    with connection.cursor() as cursor:
        estimated, entries = _estimated_matches(cursor, matches, params)
        if estimated**2 > WALK_COST_RATIO * limit * entries:
            params["window"] = math.ceil(WALK_WINDOW_FACTOR * limit * entries / estimated)
            cursor.execute(
                _SCORED.format(candidates=_BY_DATE.format(matches=matches, scope=scope_sql), tsquery=tsquery), params
            )
            rows = cursor.fetchall()
            if len(rows) >= limit:  # the newest `limit` matches are all in the window
                return rows
        cursor.execute(
            _SCORED.format(candidates=_FROM_INDEX.format(matches=matches, scope=scope_sql), tsquery=tsquery), params
        )
        return cursor.fetchall()


def _estimated_matches(cursor, matches: str, params: dict) -> tuple[float, float]:
    """The planner's estimate of matching index entries (from the GIN index's statistics) and of entries."""
    cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM wagtailsearch_indexentry e WHERE {matches}", params)  # noqa: S608
    estimated = cursor.fetchone()[0][0]["Plan"]["Plan Rows"]
    cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'wagtailsearch_indexentry'::regclass")
    entries = cursor.fetchone()[0]  # -1 until the table is first analysed
    return estimated, max(entries, estimated, 1)
