"""Search over live articles: query clean-up, filters, relevance-then-recency order, highlighted snippets."""

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from wagtail.models import Locale

from dateline.news.models import ArticlePage

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MAX_RESULTS = 500
SNIPPET_WORDS = 40
RELEVANCE_BANDS = 8
# What ranking and the public check read of each of up to MAX_RESULTS results.
RANKING_FIELDS = ("id", "title", "first_published_at", "path", "depth", "locale_id", "live", "content_type_id")
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


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def search_articles(query: str, *, locale: Locale, filters: SearchFilters = SearchFilters()) -> list[ArticlePage]:
    """Live articles of one language matching all the words (or, failing that, any), best first.

    Ties in relevance go to the newer story. Returns at most 500 results, each with ``search_score``.
    """
    if not query:
        return []
    articles = ArticlePage.objects.live().filter(locale=locale)
    if filters.section is not None:
        articles = articles.child_of(filters.section)
    if filters.published_from:
        articles = articles.filter(first_published_at__gte=_local_midnight(filters.published_from))
    if filters.published_to:
        articles = articles.filter(first_published_at__lt=_local_midnight(filters.published_to + timedelta(days=1)))
    # Up to 500 results are ranked but only one page is shown: rank on the few columns ranking reads,
    # and load the shown page in full afterwards (load_for_display), not 500 bodies per search.
    articles = articles.only(*RANKING_FIELDS)
    results = []
    for operator in ("and", "or"):
        results = list(articles.search(query, operator=operator).annotate_score("search_score")[:MAX_RESULTS])
        if results:
            break
    results = rank_results(results, query)
    public_ids = set(ArticlePage.objects.public().filter(pk__in=[a.pk for a in results]).values_list("pk", flat=True))
    return [article for article in results if article.pk in public_ids]


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
