from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale

from dateline.core.headers import LISTINGS_KEY, tag_response
from dateline.news.pagination import page_or_404

from .forms import SearchForm
from .queries import (
    SearchFilters,
    SearchResults,
    clean_query,
    highlight,
    load_for_display,
    search_articles,
    searches_postgres_index,
    snippet,
)

RESULTS_PER_PAGE = 10


def search(request):
    """The search page: always answers with a page, whatever the query (GET only, nothing per reader)."""
    locale = Locale.get_active()
    form = SearchForm(request.GET or None, locale=locale)
    query = clean_query(request.GET.get("q"))
    # A wrong filter shows its error beside the field; the words are still searched, unfiltered.
    found, filters = SearchResults(), SearchFilters()
    if form.is_valid():
        filters = SearchFilters(
            section=form.cleaned_data["section"],
            published_from=form.cleaned_data["published_from"],
            published_to=form.cleaned_data["published_to"],
        )
    if query:
        found = search_articles(query, locale=locale, filters=filters)
    page = page_or_404(Paginator(found.matches, RESULTS_PER_PAGE), request.GET.get("page"))
    hits = [
        {"article": article, "headline": highlight(article.title, query), "snippet": snippet(article, query)}
        for article in load_for_display(page.object_list)
    ]
    querystring = request.GET.copy()
    querystring.pop("page", None)
    # Results list articles: every change to an article purges them.
    response = TemplateResponse(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "results": page,
            "hits": hits,
            "total": len(found.matches),
            "limit": found.limit,
            "newest_only": found.newest_only,
            # Only PostgreSQL stems words per language (search.backends); SQLite FTS5 matches whole words.
            "matches_word_forms": searches_postgres_index(),
            "base_query": querystring.urlencode(),
            "social_title": _("Search"),
        },
    )
    return tag_response(response, [LISTINGS_KEY])
