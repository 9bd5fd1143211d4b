"""Articles and sections found in one query instead of Wagtail's walk down the tree.

Wagtail routes /<section>/<article>/ with six queries: the site's front page in the active
language, then for each level the child by slug and its specific row. An article's URL is its
url_path below the front page, so one query on ArticlePage finds it; its section, lead photo,
editor and locale come from the memo (editing any of them purges, which drops the memo). Wagtail then serves it as
usual (before_serve_page hooks, view restrictions, serve): only the routing is skipped, through the
request attribute route_for_request documents. Sections (/<section>/) take the same short way;
anything else (the front page, drafts, 404s) is routed by Wagtail.
"""

from __future__ import annotations

import functools

from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Site
from wagtail.url_routing import RouteResult

from dateline.core.headers import FRONT_PAGE_KEY
from dateline.core.memo import memo, row_key

from .models import ArticlePage, SectionPage

ARTICLE_DEPTH_BELOW_FRONT = 2  # /<section>/<article>/


def _front_page_url_path(request, site, language: str) -> str:
    root = site.root_page
    # The root's locale is the one the article rows name (the same memo entry): no query for the
    # active Locale when the front page is in the request's language, as Page.localized would make.
    locale = memo.get(request, ("locale", root.locale_id), lambda: _row("locale", root.locale_id), keys=())
    return root.url_path if locale.language_code == language else root.localized.url_path


_SLUG, _URL_PATH = "\x00slug", "\x00url_path"


@functools.cache
def _compiled_lookup(model, alias: str) -> tuple[str, tuple]:
    """The live-page-by-path query, compiled by the ORM once per process and database.

    Compiling the query (multi-table inheritance, 45 columns) cost the ORM twice what running it
    did, on every uncached page view; only the two values change. url_path has no index; slug has,
    and narrows a large archive to the few pages of that name.
    """
    query = model.objects.using(alias).live().filter(slug=_SLUG, url_path=_URL_PATH).order_by()[:1]
    return query.query.sql_with_params()


def _lookup_sql(model, *, slug: str, url_path: str) -> tuple[str, list]:
    sql, params = _compiled_lookup(model, DEFAULT_DB_ALIAS)
    values = {_SLUG: slug, _URL_PATH: url_path}
    return sql, [values.get(param, param) if isinstance(param, str) else param for param in params]


def _row(field: str, pk: int):
    return ArticlePage._meta.get_field(field).related_model._default_manager.get(pk=pk)


def _section(parent_path: str) -> SectionPage | None:
    return SectionPage.objects.filter(path=parent_path).first()


def _live_page(model, request, components: list[str]):
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = get_language()
    front_path = memo.get(
        request,
        ("front-url-path", site.pk, language),
        lambda: _front_page_url_path(request, site, language),
        keys=[FRONT_PAGE_KEY],
    )
    # No select_related and no ORDER BY: compiling the joined query cost more than running it.
    url_path = front_path + "/".join(components) + "/"
    page = next(iter(model.objects.raw(*_lookup_sql(model, slug=components[-1], url_path=url_path))), None)
    if page is None:
        return None
    if page.specific_class is not model:
        # A kind of article with fields of its own (a live page) is served as itself: one query more.
        page = page.specific
    # What the page shows of its photo, editor and locale: rows only editors change, from the memo.
    for field in ("lead_photo", "edited_by", "locale"):
        related_id = getattr(page, f"{field}_id", None)
        if related_id is not None:
            row = memo.get(
                request,
                (field, related_id),
                lambda f=field, pk=related_id: _row(f, pk),
                keys=[row_key(ArticlePage._meta.get_field(field).related_model, related_id)],
            )
            setattr(page, field, row)
    return page


def find_article(request, path: str) -> ArticlePage | None:
    """The live article at this path (as wagtail_serve receives it) of the request's site, or None.

    A subclass of ArticlePage (a live page) is found by the same query and returned as its own class."""
    components = [component for component in path.split("/") if component]
    if len(components) != ARTICLE_DEPTH_BELOW_FRONT:
        return None
    article = _live_page(ArticlePage, request, components)
    if article is None:
        return None
    parent_path = article.path[: -ArticlePage.steplen]
    section = memo.get(request, ("section-at", parent_path), lambda: _section(parent_path), keys=())
    if section is not None:
        article._cached_parent_obj = section
    return article


def find_section(request, path: str) -> SectionPage | None:
    """The live section at this path of the request's site, or None."""
    components = [component for component in path.split("/") if component]
    if len(components) != 1:
        return None
    return _live_page(SectionPage, request, components)


class ArticleRouteMiddleware:
    """Route GET requests for articles before Wagtail's serve view does (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or request.method not in ("GET", "HEAD"):
            return None
        if hasattr(request, "_wagtail_route_for_request"):
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        page = find_article(request, path) or find_section(request, path)
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page)
        return None
