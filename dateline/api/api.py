"""The endpoints of /api/v1/ (Django Ninja): each answer says its surrogate keys, so the purges that
drop a page from the caches drop the API answers showing it too."""

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Path, Query, Swagger
from ninja.errors import ValidationError
from taggit.models import Tag

from dateline.core.headers import LISTINGS_KEY, tag_response
from dateline.news.models import Person
from dateline.podcasts.models import SHOWS_KEY

from . import queries
from .schemas import (
    SLUG_PATTERN,
    ArticleDetailOut,
    ArticleFilters,
    ArticleList,
    CorrectionFilters,
    CorrectionList,
    EpisodeFilters,
    EpisodeList,
    EpisodeOut,
    InvalidRequest,
    ListFilters,
    PersonList,
    PersonOut,
    Problem,
    SectionList,
    SectionOut,
    TagList,
    TagOut,
)
from .throttling import AddressRateThrottle

ERRORS = {404: Problem, 422: InvalidRequest, 429: Problem}
LIST_ERRORS = {422: InvalidRequest, 429: Problem}
GUARD_RESPONSES = {
    "400": {
        "description": "Control characters in the address: refused before any endpoint, with the site's error page.",
        "content": {"text/html": {"schema": {"type": "string"}}},
    },
    "414": {
        "description": "An address longer than the site accepts.",
        "content": {"text/html": {"schema": {"type": "string"}}},
    },
}


class ReadAPI(NinjaAPI):
    """Adds the answer's surrogate keys (request.api_cache_keys) and lets any site read it (CORS, GET only)."""

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        tag_response(response, getattr(request, "api_cache_keys", ()))
        if request.method in ("GET", "HEAD"):
            response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    def get_openapi_schema(self, *args, **kwargs):
        """Ninja's description, plus the site's own refusals that come before any endpoint (core.guards):
        its 400 and 414 pages, in HTML."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"].update(GUARD_RESPONSES)
        return schema


api = ReadAPI(
    title="Dateline read API",
    version="1",
    description=(
        "Published stories, sections, tags, people, corrections and podcast episodes of this site, as JSON. "
        "Read-only; public fields only."
    ),
    urls_namespace="api",
    docs=Swagger(settings={"tryItOutEnabled": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[AddressRateThrottle()],
)


def keyed(request: HttpRequest, *keys: str) -> None:
    request.api_cache_keys = {*getattr(request, "api_cache_keys", ()), *keys}


def page_of(items, page, request: HttpRequest) -> dict:
    return {"count": items.count(), "limit": page.limit, "offset": page.offset}


@api.exception_handler(ValidationError)
def invalid_request(request, exc):
    return api.create_response(request, {"detail": exc.errors}, status=422)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Nothing public has this address."}, status=404)


@api.get("/articles", response={200: ArticleList, **LIST_ERRORS}, tags=["articles"])
def list_articles(request, filters: Query[ArticleFilters]):
    """Published articles, newest first, filtered by section, tag, person, language and date of first publication."""
    keyed(request, LISTINGS_KEY)
    articles = queries.filtered_articles(filters)
    found = list(queries.for_answers(articles)[filters.offset : filters.offset + filters.limit])
    return {**page_of(articles, filters, request), "results": queries.article_data(found, request)}


@api.get("/articles/{article_id}", response={200: ArticleDetailOut, **ERRORS}, tags=["articles"])
def get_article(request, article_id: int):
    """One published article with its body as HTML."""
    if not 0 < article_id < 2**31:
        raise Http404
    article = get_object_or_404(queries.for_answers(queries.public_articles()), pk=article_id)
    keyed(request, *article.get_cache_keys())
    corrections = article.corrections.order_by("published_at", "pk")
    return {
        **queries.article_data([article], request)[0],
        "body_html": str(article.body),
        "corrections": [queries.correction_note(correction) for correction in corrections],
    }


@api.get("/corrections", response={200: CorrectionList, **LIST_ERRORS}, tags=["corrections"])
def list_corrections(request, filters: Query[CorrectionFilters]):
    """Corrections and clarifications of published articles, newest first, as the corrections page lists
    them; filtered by the article's language, the article and the date the correction was published."""
    keyed(request, LISTINGS_KEY)
    corrections = queries.filtered_corrections(filters)
    found = list(corrections[filters.offset : filters.offset + filters.limit])
    keyed(request, *{f"article-{correction.article_id}" for correction in found})
    return {**page_of(corrections, filters, request), "results": queries.correction_data(found, request)}


@api.get("/episodes", response={200: EpisodeList, **LIST_ERRORS}, tags=["podcasts"])
def list_episodes(request, filters: Query[EpisodeFilters]):
    """Published podcast episodes, newest first, as their shows' feeds list them; filtered by show,
    language and date of first publication."""
    shows, episodes = queries.filtered_episodes(filters)
    # A new episode purges its show's key, a new show the shows' key.
    keyed(request, SHOWS_KEY, *(f"show-{show.pk}" for show in shows))
    found = list(episodes[filters.offset : filters.offset + filters.limit])
    keyed(request, *(f"episode-{episode.pk}" for episode in found))
    return {**page_of(episodes, filters, request), "results": queries.episode_data(found, shows, request)}


@api.get("/episodes/{episode_id}", response={200: EpisodeOut, **ERRORS}, tags=["podcasts"])
def get_episode(request, episode_id: int):
    """One published podcast episode."""
    if not 0 < episode_id < 2**31:
        raise Http404
    shows, episodes = queries.public_episodes()
    episode = get_object_or_404(episodes, pk=episode_id)
    keyed(request, *episode.get_cache_keys())
    return queries.episode_data([episode], shows, request)[0]


@api.get("/sections", response={200: SectionList, **LIST_ERRORS}, tags=["sections"])
def list_sections(request, filters: Query[ListFilters]):
    """Published sections, in the site's order."""
    sections = queries.public_sections(filters.language)
    found = list(sections[filters.offset : filters.offset + filters.limit])
    keyed(request, *(f"section-{section.pk}" for section in found))
    return {**page_of(sections, filters, request), "results": [section_data(s, request) for s in found]}


@api.get("/sections/{section_id}", response={200: SectionOut, **ERRORS}, tags=["sections"])
def get_section(request, section_id: int):
    if not 0 < section_id < 2**31:
        raise Http404
    section = get_object_or_404(queries.public_sections(), pk=section_id)
    keyed(request, f"section-{section.pk}")
    return section_data(section, request)


def section_data(section, request) -> dict:
    return {
        "id": section.pk,
        "title": section.title,
        "slug": section.slug,
        "url": section.get_full_url(request),
        "language": section.locale.language_code,
        "intro": section.intro,
    }


@api.get("/tags", response={200: TagList, **LIST_ERRORS}, tags=["tags"])
def list_tags(request, filters: Query[ListFilters]):
    """Tags of at least one published article, by name."""
    keyed(request, LISTINGS_KEY)
    tags = queries.public_tags(filters.language)
    found = list(tags[filters.offset : filters.offset + filters.limit])
    language = filters.language or "en"
    return {**page_of(tags, filters, request), "results": [tag_data(tag, language, request) for tag in found]}


@api.get("/tags/{slug}", response={200: TagOut, **ERRORS}, tags=["tags"])
def get_tag(request, slug: str = Path(..., max_length=100, pattern=SLUG_PATTERN)):
    tag = get_object_or_404(queries.public_tags(), slug=slug)
    keyed(request, f"tag-{tag.slug}", LISTINGS_KEY)
    return tag_data(tag, "en", request)


def tag_data(tag: Tag, language: str, request) -> dict:
    return {"slug": tag.slug, "name": tag.name, "url": request.build_absolute_uri(queries.tag_url(tag.slug, language))}


@api.get("/people", response={200: PersonList, **LIST_ERRORS}, tags=["people"])
def list_people(request, filters: Query[ListFilters]):
    """People named on at least one published article, by name. Never an e-mail address."""
    keyed(request, LISTINGS_KEY)
    people = queries.public_people(filters.language)
    found = list(people[filters.offset : filters.offset + filters.limit])
    keyed(request, *(f"person-{person.slug}" for person in found))
    return {**page_of(people, filters, request), "results": [person_data(person, request) for person in found]}


@api.get("/people/{slug}", response={200: PersonOut, **ERRORS}, tags=["people"])
def get_person(request, slug: str = Path(..., max_length=120, pattern=SLUG_PATTERN)):
    person = get_object_or_404(queries.public_people(), slug=slug)
    keyed(request, f"person-{person.slug}", LISTINGS_KEY)
    return person_data(person, request)


def person_data(person: Person, request) -> dict:
    return {
        "slug": person.slug,
        "name": person.name,
        "url": request.build_absolute_uri(queries.person_url(person)),
        "role": person.role,
        "bio": person.bio,
        "language": person.locale.language_code,
    }
