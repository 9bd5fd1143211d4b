"""Search over live articles: query clean-up, filters, relevance-then-recency order, highlighted snippets."""

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import partial

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from wagtail.models import Locale

from dateline.core.memo import any_view_restrictions
from dateline.news.models import ArticlePage

from .postgres import Scope, newest_matches
from .words import term_regex

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Search engines (SQLite FTS5, OpenSearch, Elasticsearch) rank every match: the best 500 are kept.
MAX_RESULTS = 500
# On PostgreSQL the newest 100 matches are ranked: ranking every match of a common word read and
# scored each story of the archive (1.4 s at 100,000 stories). See docs/search.md.
NEWEST_MATCHES = 100
SNIPPET_WORDS = 40
# What a shown result reads: its address (url_path, locale), date, and the snippet's text.
DISPLAY_FIELDS = (
    "title",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "first_published_at",
    "standfirst",
    "body",
    "kind_id",
    "sponsor_name",
)
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
    100 matches are ranked (dateline/search/postgres.py); on other engines the 500 they rank best.
    """
    if not query:
        return SearchResults()
    published_from = _local_midnight(filters.published_from) if filters.published_from else None
    published_before = _local_midnight(filters.published_to + timedelta(days=1)) if filters.published_to else None
    if searches_postgres_index():
        scope = _postgres_scope(locale, filters.section, published_from, published_before)
        find, limit = partial(_newest_matches, scope), NEWEST_MATCHES
    else:
        articles = ArticlePage.objects.live().filter(locale=locale)
        if filters.section is not None:
            articles = articles.child_of(filters.section)
        if published_from:
            articles = articles.filter(first_published_at__gte=published_from)
        if published_before:
            articles = articles.filter(first_published_at__lt=published_before)
        find, limit = partial(_engine_matches, articles), MAX_RESULTS
    matches = []
    # "Any of the words" is tried only after "all of them" found nothing, and differs only for several.
    for operator in ("and", "or") if " " in query else ("and",):
        matches = find(query, operator, limit + 1)
        if matches:
            break
    if len(matches) <= limit:
        return SearchResults(rank_results(matches, query))
    newest_only = find.func is _newest_matches
    matches = _without_oldest(matches) if newest_only else matches[:limit]
    return SearchResults(rank_results(matches, query), limit=limit, newest_only=newest_only)


def searches_postgres_index() -> bool:
    """Whether search runs on PostgreSQL's full text index, which stems each language's words."""
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


def _postgres_scope(locale: Locale, section, published_from, published_before) -> Scope:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import PageViewRestriction

    restricted = ()
    if any_view_restrictions():
        restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    return Scope(
        content_type=ContentType.objects.get_for_model(ArticlePage).pk,
        locale=locale.pk,
        language_code=locale.language_code,
        section_path=section.path if section is not None else None,
        section_depth=section.depth if section is not None else None,
        published_from=published_from,
        published_before=published_before,
        restricted_paths=restricted,
    )


def _newest_matches(scope: Scope, query: str, operator: str, limit: int) -> list[Match]:
    from wagtail.search.backends import get_search_backend
    from wagtail.search.backends.database.postgres.weights import get_sql_weights

    from dateline.search.backends import MultilingualPostgresSearchBackend

    # The reader's words are parsed as the stories were indexed: with their language's configuration
    # by our multilingual backend (search.backends), with the backend's one SEARCH_CONFIG otherwise.
    backend = get_search_backend()
    config = backend.config
    if isinstance(backend, MultilingualPostgresSearchBackend):
        config = settings.DATELINE_SEARCH_CONFIGS.get(scope.language_code, backend.config)
    words = query.split()
    rows = newest_matches(
        words=words, operator=operator, scope=scope, limit=limit, weights=get_sql_weights(), config=config
    )
    return [Match(*row) for row in rows]


def load_for_display(results: list) -> list[ArticlePage]:
    """The shown page of results with what a result shows (address, date, snippet text), in one query."""
    found = ArticlePage.objects.filter(pk__in=[article.pk for article in results]).only(*DISPLAY_FIELDS)
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

    starts = [re.compile(term_regex(term)) for term in terms]

    def in_headline(article) -> bool:
        words = [word.lower() for word in _TERM.findall(article.title)]
        return all(any(start.match(word) for word in words) for start in starts)

    return sorted(
        results, key=lambda article: (not in_headline(article), -band(article), -article.published_at.timestamp())
    )


def _body_text_parts(article: ArticlePage) -> Iterator[str]:
    """The body's searchable text block by block, each converted from markup only when read."""
    for child in article.body:
        for part in child.block.get_searchable_content(child.value):
            if isinstance(part, str):
                yield part


def _body_text_through_first_match(article: ArticlePage, pattern: re.Pattern, words: int) -> str:
    """The body's text up to ``words`` words past its first match, or all of it when none matches.

    Converting rich text to plain text is most of a snippet's cost, so blocks after the excerpt
    are not converted.
    """
    parts, words_after = [], None
    for part in _body_text_parts(article):
        parts.append(part)
        if words_after is None and (match := pattern.search(part)):
            words_after = -len(part[: match.start()].split())
        if words_after is not None:
            words_after += len(part.split())
            if words_after > words:
                break
    return " ".join(parts)


def _term_pattern(query: str) -> re.Pattern | None:
    terms = sorted({term.lower() for term in _TERM.findall(query)}, key=len, reverse=True)
    if not terms:
        return None
    # A term marks the words it starts, so "minister" also marks "ministers" (the engines stem).
    return re.compile(r"(?<!\w)(?:" + "|".join(term_regex(term) for term in terms) + r")\w*", re.IGNORECASE)


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
    # Markup aside, the stored body holds every word of its text: one without the words needs no
    # conversion when the standfirst can stand in (matches in the place or tags end here).
    stored_body = str(list(article.body.raw_data)).lower()
    if standfirst and not any(term in stored_body for term in _TERM.findall(query.lower())):
        return highlight(Truncator(standfirst).words(words), query)
    text = re.sub(r"\s+", " ", _body_text_through_first_match(article, pattern, words)).strip()
    match = pattern.search(text)
    if match is None:
        return highlight(Truncator(standfirst or text).words(words), query)
    before = text[: match.start()].split(" ")
    start_words = before[-(words // 4) :] if len(before) > words // 4 else before
    excerpt = " ".join(start_words).lstrip() + text[match.start() :]
    prefix = "… " if len(start_words) < len(before) else ""
    return highlight(prefix + Truncator(excerpt).words(words), query)
