"""The API's reads: only what is live, public and past its embargo, with what each answer shows fetched up front."""

from __future__ import annotations

import operator
from datetime import UTC, datetime
from functools import reduce

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from taggit.models import Tag

from dateline.news.models import ArticleAuthor, ArticlePage, ArticleTag, Person, SectionPage
from dateline.news.queries import page_urls, public_corrections, shown_publicly
from dateline.podcasts.feed import ENCLOSURE_TYPES
from dateline.podcasts.models import PodcastEpisodePage
from dateline.podcasts.queries import published_episodes, published_shows

from .schemas import ArticleFilters, CorrectionFilters, EpisodeFilters


def public_articles():
    """Live articles outside any view restriction, embargo over (publishing cannot beat it, but a
    change made behind the admin's back could)."""
    return shown_publicly(ArticlePage.objects).filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=timezone.now()))


def filtered_articles(filters: ArticleFilters):
    articles = public_articles()
    if filters.section is not None:
        section = SectionPage.objects.live().public().filter(pk=filters.section).first()
        articles = articles.child_of(section) if section else articles.none()
    if filters.tag:
        articles = articles.filter(tags__slug=filters.tag)
    if filters.person:
        person = Person.objects.filter(slug=filters.person).first()
        articles = articles.by_person(person) if person else articles.none()
    if filters.language:
        articles = articles.filter(locale__language_code=filters.language)
    if filters.published_after:
        articles = articles.filter(first_published_at__gte=aware(filters.published_after))
    if filters.published_before:
        articles = articles.filter(first_published_at__lt=aware(filters.published_before))
    return articles.newest_first_of_matches() if filters.tag or filters.person else articles.newest_first()


# Dates outside these are clamped to them: no story is older or newer, and the year 1 or 9999 in a
# far time zone would not fit a database's timestamp once moved to UTC.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2999, 12, 31, tzinfo=UTC)


def aware(value: datetime) -> datetime:
    if value.year < EARLIEST.year + 1:
        return EARLIEST
    if value.year > LATEST.year - 1:
        return LATEST
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def for_answers(articles):
    """What an article's answer shows: its language, authors and tags, in a fixed number of queries."""
    return articles.select_related("locale").prefetch_related(
        Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("person")),
        Prefetch("tagged_items", queryset=ArticleTag.objects.select_related("tag")),
    )


def tag_url(slug: str, language: str) -> str:
    with translation.override(language):
        return reverse("news:tag", kwargs={"slug": slug})


def person_url(person: Person) -> str:
    with translation.override(person.locale.language_code):
        return person.get_absolute_url()


def article_data(articles: list[ArticlePage], request: HttpRequest) -> list[dict]:
    """Each article as ArticleOut shows it; sections are read in one query."""
    urls = page_urls(articles, request, full=True)
    parents = {article.pk: article.path[: -ArticlePage.steplen] for article in articles}
    sections = {
        section.path: section
        for section in SectionPage.objects.filter(path__in=set(parents.values())).only(
            "id", "title", "path", "depth", "url_path", "locale_id"
        )
    }
    section_urls = page_urls(sections.values(), request, full=True)
    root = request.build_absolute_uri("/").rstrip("/")
    results = []
    for article in articles:
        section = sections.get(parents[article.pk])
        language = article.locale.language_code
        tags = sorted((item.tag for item in article.tagged_items.all()), key=lambda tag: (tag.name.casefold(), tag.pk))
        results.append(
            {
                "id": article.pk,
                "title": article.title,
                "url": urls.get(article.pk),
                "language": language,
                "section": {
                    "id": section.pk if section else 0,
                    "title": section.title if section else "",
                    "url": section_urls.get(section.pk) if section else None,
                },
                "standfirst": article.standfirst,
                "dateline_place": article.dateline_place,
                "kind": article.article_kind.slug if article.article_kind else "",
                "kind_name": article.article_kind.name if article.article_kind else "",
                "first_published_at": article.first_published_at,
                "last_published_at": article.last_published_at,
                "authors": [
                    {"slug": link.person.slug, "name": link.person.name, "url": root + person_url(link.person)}
                    for link in article.article_authors.all()
                ],
                "tags": [
                    {"slug": tag.slug, "name": tag.name, "url": root + tag_url(tag.slug, language)} for tag in tags
                ],
            }
        )
    return results


def public_tags(language: str | None = None):
    """Tags of at least one public article, by name."""
    used = ArticleTag.objects.filter(content_object__in=public_articles())
    if language:
        used = used.filter(content_object__locale__language_code=language)
    return Tag.objects.filter(pk__in=used.values("tag_id")).order_by("name", "pk")


def public_people(language: str | None = None):
    """People named on at least one public article (byline or editor): the people readers can see."""
    articles = public_articles()
    wrote = ArticleAuthor.objects.filter(article__in=articles).values("person_id")
    edited = articles.exclude(edited_by=None).values("edited_by_id")
    people = Person.objects.filter(Q(pk__in=wrote) | Q(pk__in=edited)).select_related("locale")
    if language:
        people = people.filter(locale__language_code=language)
    return people.order_by("name", "pk")


def public_sections(language: str | None = None):
    sections = SectionPage.objects.live().public().select_related("locale")
    if language:
        sections = sections.filter(locale__language_code=language)
    return sections.order_by("path")


def filtered_corrections(filters: CorrectionFilters):
    """The corrections page's and feed's read (live, public, non-embargoed stories only), filtered."""
    corrections = public_corrections()
    if filters.language:
        corrections = corrections.filter(article__locale__language_code=filters.language)
    if filters.article is not None:
        corrections = corrections.filter(article_id=filters.article)
    if filters.published_after:
        corrections = corrections.filter(published_at__gte=aware(filters.published_after))
    if filters.published_before:
        corrections = corrections.filter(published_at__lt=aware(filters.published_before))
    return corrections


def correction_note(correction) -> dict:
    return {
        "id": correction.pk,
        "kind": correction.kind,
        "kind_name": str(correction.get_kind_display()),
        "text": correction.text,
        "published_at": correction.published_at,
    }


def correction_data(corrections: list, request: HttpRequest) -> list[dict]:
    urls = page_urls([correction.article for correction in corrections], request, full=True)
    return [
        {
            **correction_note(correction),
            "article": {
                "id": correction.article_id,
                "title": correction.article.title,
                "url": urls.get(correction.article_id),
            },
        }
        for correction in corrections
    ]


def public_episodes(show: int | None = None) -> tuple[list, object]:
    """The live, public shows asked for (all when show is None) and their episodes as each show's page
    and feed list them (live, public, with a recording), newest first."""
    shows = published_shows(None)
    if show is not None:
        shows = shows.filter(pk=show)
    shows = list(shows)
    if not shows:
        return shows, PodcastEpisodePage.objects.none()
    episodes = reduce(operator.or_, (published_episodes(one) for one in shows))
    return shows, episodes.select_related("audio", "locale").order_by("-first_published_at", "-pk")


def filtered_episodes(filters: EpisodeFilters):
    shows, episodes = public_episodes(filters.show)
    if filters.language:
        episodes = episodes.filter(locale__language_code=filters.language)
    if filters.published_after:
        episodes = episodes.filter(first_published_at__gte=aware(filters.published_after))
    if filters.published_before:
        episodes = episodes.filter(first_published_at__lt=aware(filters.published_before))
    return shows, episodes


def episode_data(episodes: list, shows: list, request: HttpRequest) -> list[dict]:
    urls = page_urls(episodes, request, full=True)
    by_path = {show.path: show for show in shows}
    show_urls = page_urls(shows, request, full=True)
    results = []
    for episode in episodes:
        show = by_path[episode.path[: -PodcastEpisodePage.steplen]]
        audio = episode.audio
        results.append(
            {
                "id": episode.pk,
                "title": episode.title,
                "url": urls.get(episode.pk),
                "language": episode.locale.language_code,
                "show": {"id": show.pk, "title": show.title, "url": show_urls.get(show.pk)},
                "summary": episode.summary,
                "guid": str(episode.episode_guid),
                "episode_number": episode.episode_number,
                "season_number": episode.season_number,
                "episode_type": episode.episode_type,
                "explicit": episode.explicit,
                "duration": round(audio.duration),
                "enclosure": {
                    "url": request.build_absolute_uri(audio.file.url),
                    "length": audio.file_size,
                    "type": ENCLOSURE_TYPES.get(audio.mime_type, audio.mime_type),
                },
                "first_published_at": episode.first_published_at,
                "last_published_at": episode.last_published_at,
            }
        )
    return results
