"""Search over live articles: query clean-up, filters, relevance-then-recency order, highlighted snippets."""

import math
import operator as operator_module
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import reduce

from django.db.models import Exists, F, FloatField, OuterRef, Subquery, TextField
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from wagtail.models import Locale

from dateline.news.models import ArticlePage

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Search engines (SQLite FTS5, OpenSearch, Elasticsearch) rank every match: the best 500 are kept.
MAX_RESULTS = 500
# On PostgreSQL the newest 100 matches are ranked: ranking every match of a common word read and
# scored each story of the archive (1.4 s at 100,000 stories). See docs/search.md.
NEWEST_MATCHES = 100
SNIPPET_WORDS = 40
RELEVANCE_BANDS = 8
_TERM = re.compile(r"\w+", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw: str | None) -> str:
    """The words of a reader's query, at most 12 of them, as plain text.

    Punctuation, operators, quotes and markup are dropped, so no query can reach the search engine's
    own syntax: a query of only punctuation becomes empty.
    """
    text = _CONTROL.sub(" ", (raw or "")[: MAX_QUERY_LENGTH * 4])[:MAX_QUERY_LENGTH]
    return " ".join(_TERM.findall(text)[:MAX_TERMS])


@dataclass(frozen=True)
class SearchFilters:
    section: object = None
    published_from: date | None = None
    published_to: date | None = None


@dataclass(frozen=True)
class Match:
    """One story found: what ranking reads. The shown page is loaded in full by load_for_display."""

    pk: int
    title: str
    first_published_at: datetime | None
    search_score: float | None

    @property
    def published_at(self) -> datetime:
        return self.first_published_at or timezone.now()


@dataclass(frozen=True)
class SearchResults:
    """Matches best first; ``limit`` is set when more stories matched than were ranked."""

    matches: list[Match] = field(default_factory=list)
    limit: int | None = None
    newest_only: bool = False


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def search_articles(query: str, *, locale: Locale, filters: SearchFilters = SearchFilters()) -> SearchResults:
    """Live public articles of one language matching all the words (or, failing that, any), best first.

    Ties in relevance go to the newer story. On PostgreSQL (Wagtail's database backend) the newest
    100 matches are ranked; on other engines the 500 the engine ranks best.
    """
    if not query:
        return SearchResults()
    articles = ArticlePage.objects.live().filter(locale=locale)
    if filters.section is not None:
        articles = articles.child_of(filters.section)
    if filters.published_from:
        articles = articles.filter(first_published_at__gte=_local_midnight(filters.published_from))
    if filters.published_to:
        articles = articles.filter(first_published_at__lt=_local_midnight(filters.published_to + timedelta(days=1)))
    on_postgres = _searches_postgres_index()
    find, limit = (_newest_matches, NEWEST_MATCHES) if on_postgres else (_engine_matches, MAX_RESULTS)
    matches = []
    for operator in ("and", "or"):
        matches = find(articles, query, operator, limit + 1)
        if matches:
            break
    if len(matches) > limit:
        matches = _without_oldest(matches) if on_postgres else matches[:limit]
        return SearchResults(rank_results(matches, query), limit=limit, newest_only=on_postgres)
    return SearchResults(rank_results(matches, query))


def _searches_postgres_index() -> bool:
    from wagtail.search.backends import get_search_backend
    from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend

    return isinstance(get_search_backend(), PostgresSearchBackend)


def _without_oldest(matches: list[Match]) -> list[Match]:
    oldest = min(matches, key=lambda match: (match.published_at, match.pk))
    return [match for match in matches if match is not oldest]


def _engine_matches(articles, query: str, operator: str, limit: int) -> list[Match]:
    """The engine's best matches through Wagtail's search(), on the few columns ranking reads.

    Stories under a view restriction are dropped afterwards: the engines filter only on the fields
    a model declares as filter fields, and a restriction is not one.
    """
    found = articles.only("id", "title", "first_published_at").search(query, operator=operator)
    results = list(found.annotate_score("search_score")[:limit])
    public_ids = set(ArticlePage.objects.public().filter(pk__in=[a.pk for a in results]).values_list("pk", flat=True))
    return [
        Match(article.pk, article.title, article.first_published_at, article.search_score)
        for article in results
        if article.pk in public_ids
    ]


def _newest_matches(articles, query: str, operator: str, limit: int) -> list[Match]:
    """The newest matches in Wagtail's PostgreSQL index, scored as Wagtail's backend scores them.

    Matching is Wagtail's condition, ``(title || body) @@ query`` (answered by the GIN index of
    migration 0001), tested per story, so PostgreSQL chooses between reading the index for a rare
    word and walking stories newest first by publication date for a common one, stopping at
    ``limit``. Only those are scored: ts_rank of the headline times its length norm, plus ts_rank
    of the text, with Wagtail's weights. The index is built with the database's default text search
    configuration, so the query uses it too, whatever the story's language.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
    from wagtail.search.backends.database.postgres.query import Lexeme
    from wagtail.search.backends.database.postgres.weights import get_sql_weights
    from wagtail.search.models import IndexEntry

    lexemes = [Lexeme(term) for term in query.split()]
    combined = reduce(operator_module.and_ if operator == "and" else operator_module.or_, lexemes)
    tsquery = SearchQuery(combined, search_type="raw")
    entry = IndexEntry.objects.filter(
        content_type_id=ContentType.objects.get_for_model(ArticlePage).pk,
        object_id=Cast(OuterRef("pk"), output_field=TextField()),
    )
    headline_and_text = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    matching = entry.annotate(_vector=headline_and_text).filter(_vector=tsquery)
    newest = articles.public().filter(Exists(matching)).order_by("-first_published_at", "-pk").values("pk")[:limit]
    weights = get_sql_weights()
    score = entry.annotate(
        score=SearchRank(F("title"), tsquery, weights=weights) * F("title_norm")
        + SearchRank(F("body"), tsquery, weights=weights)
    ).values("score")[:1]
    rows = (
        ArticlePage.objects.filter(pk__in=newest)
        .order_by()
        .annotate(search_score=Subquery(score, output_field=FloatField()))
        .values_list("pk", "title", "first_published_at", "search_score")
    )
    return [Match(*row) for row in rows]


def load_for_display(results: list) -> list[ArticlePage]:
    """The shown page of results in full (body, photo, authors), in the same order, in two queries."""
    found = ArticlePage.objects.filter(pk__in=[article.pk for article in results]).for_listing()
    loaded = {article.pk: article for article in found}
    return [loaded[article.pk] for article in results if article.pk in loaded]


def rank_results(results: list, query: str) -> list:
    """Reorder results the engine gave best first: headline matches, then relevance, then recency.

    A story whose headline has every word of the query comes first, as readers expect (and as the
    engines do not reliably do: SQLite's ranking weighs short bodies above headlines). Full-text
    scores differ in their last digits for stories that match equally well, and the engines
    disagree on sign and scale, so the rest go in bands by their score relative to the best one,
    each band an eighth of it; within a band the newer story comes first.
    """
    if not results:
        return results
    terms = [term.lower() for term in _TERM.findall(query)]
    best = results[0].search_score or 0

    def band(article) -> int:
        if not best:
            return RELEVANCE_BANDS
        ratio = min(max((article.search_score or 0) / best, 0), 1)
        return math.ceil(ratio * RELEVANCE_BANDS)

    def in_headline(article) -> bool:
        words = [word.lower() for word in _TERM.findall(article.title)]
        return all(any(word.startswith(term) for word in words) for term in terms)

    return sorted(
        results, key=lambda article: (not in_headline(article), -band(article), -article.published_at.timestamp())
    )


def article_text(article: ArticlePage) -> str:
    """The searchable words of a story's body as one plain-text string."""
    content = article.body.stream_block.get_searchable_content(article.body)
    return " ".join(part for part in content if isinstance(part, str))


def _term_pattern(query: str) -> re.Pattern | None:
    terms = sorted({term.lower() for term in _TERM.findall(query)}, key=len, reverse=True)
    if not terms:
        return None
    # A term marks the words it starts, so "minister" also marks "ministers" (the engines stem).
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(term) for term in terms) + r")\w*", re.IGNORECASE)


def highlight(text: str, query: str) -> SafeString:
    """The text, escaped, with each word the query matches wrapped in <mark>."""
    pattern = _term_pattern(query)
    if pattern is None:
        return escape(text)
    parts, position = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(escape(text[position:]))
    # Every piece of reader or editor text above went through escape(); only our <mark> is markup.
    return mark_safe("".join(parts))  # noqa: S308


def snippet(article: ArticlePage, query: str, *, words: int = SNIPPET_WORDS) -> SafeString:
    """About forty words of the story around the first match, highlighted; the standfirst if it matches."""
    pattern = _term_pattern(query)
    standfirst = article.standfirst or ""
    if pattern is None or (standfirst and pattern.search(standfirst)):
        return highlight(Truncator(standfirst).words(words), query)
    text = re.sub(r"\s+", " ", article_text(article)).strip()
    match = pattern.search(text)
    if match is None:
        return highlight(Truncator(standfirst or text).words(words), query)
    before = text[: match.start()].split(" ")
    start_words = before[-(words // 4) :] if len(before) > words // 4 else before
    excerpt = " ".join(start_words).lstrip() + text[match.start() :]
    prefix = "… " if len(start_words) < len(before) else ""
    return highlight(prefix + Truncator(excerpt).words(words), query)
