"""What the API answers, field by field: only what the site itself shows readers."""

import re
from datetime import datetime

from ninja import Field, Schema
from pydantic import field_validator

SLUG_PATTERN = r"^[-\w]+$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
MAX_LIMIT = 100
MAX_OFFSET = 10_000
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_8601_only(value):
    # Pydantic would also take a number as seconds since 1970; the descriptions promise ISO 8601.
    if value is not None and not (isinstance(value, str) and ISO_DATE.match(value)):
        raise ValueError("Give a date and time in ISO 8601, for example 2026-03-01T12:00:00Z.")
    return value


class Problem(Schema):
    detail: str


class InvalidRequest(Schema):
    detail: list[dict]


class Page(Schema):
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description=f"How many results, at most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many results to skip.")


class ArticleFilters(Page):
    section: int | None = Field(None, ge=1, le=2**31 - 1, description="A section's id.")
    tag: str | None = Field(None, max_length=100, pattern=SLUG_PATTERN, description="A tag's slug.")
    person: str | None = Field(None, max_length=120, pattern=SLUG_PATTERN, description="An author's or editor's slug.")
    language: str | None = Field(None, max_length=20, pattern=LANGUAGE_PATTERN, description="A language code: en, es.")
    published_after: datetime | None = Field(None, description="First published at or after (ISO 8601).")
    published_before: datetime | None = Field(None, description="First published before (ISO 8601).")

    @field_validator("published_after", "published_before", mode="before")
    @classmethod
    def written_as_iso_8601(cls, value):
        return iso_8601_only(value)


class ListFilters(Page):
    language: str | None = Field(None, max_length=20, pattern=LANGUAGE_PATTERN, description="A language code: en, es.")


class TagOut(Schema):
    slug: str
    name: str
    url: str


class PersonRef(Schema):
    slug: str
    name: str
    url: str


class PersonOut(PersonRef):
    role: str
    bio: str
    language: str


class SectionRef(Schema):
    id: int
    title: str
    url: str | None


class SectionOut(SectionRef):
    slug: str
    language: str
    intro: str


class ArticleOut(Schema):
    id: int
    title: str
    url: str | None
    language: str
    section: SectionRef
    standfirst: str
    dateline_place: str
    kind: str = Field(description="The kind of work's slug: news, analysis, opinion, fact-check, sponsored, …")
    kind_name: str = Field(description="The kind of work as readers see it, e.g. Opinion.")
    first_published_at: datetime | None
    last_published_at: datetime | None
    authors: list[PersonRef]
    tags: list[TagOut]


class CorrectionNote(Schema):
    id: int
    kind: str = Field(description="correction or clarification")
    kind_name: str = Field(description="The kind as readers see it, e.g. Correction.")
    text: str
    published_at: datetime


class ArticleDetailOut(ArticleOut):
    body_html: str
    corrections: list[CorrectionNote] = Field(description="Its corrections and clarifications, oldest first.")


class ArticleRef(Schema):
    id: int
    title: str
    url: str | None


class CorrectionOut(CorrectionNote):
    article: ArticleRef


class DatedFilters(Page):
    language: str | None = Field(None, max_length=20, pattern=LANGUAGE_PATTERN, description="A language code: en, es.")
    published_after: datetime | None = Field(None, description="Published at or after (ISO 8601).")
    published_before: datetime | None = Field(None, description="Published before (ISO 8601).")

    @field_validator("published_after", "published_before", mode="before")
    @classmethod
    def written_as_iso_8601(cls, value):
        return iso_8601_only(value)


class CorrectionFilters(DatedFilters):
    article: int | None = Field(None, ge=1, le=2**31 - 1, description="An article's id.")


class EpisodeFilters(DatedFilters):
    show: int | None = Field(None, ge=1, le=2**31 - 1, description="A podcast show's id.")


class ShowRef(Schema):
    id: int
    title: str
    url: str | None


class Enclosure(Schema):
    url: str = Field(description="The recording, as the show's podcast feed links it.")
    length: int = Field(description="Its size in bytes.")
    type: str = Field(description="Its media type, as in the feed's enclosure.")


class EpisodeOut(Schema):
    id: int
    title: str
    url: str | None
    language: str
    show: ShowRef
    summary: str = Field(description="The show notes.")
    guid: str = Field(description="The episode's GUID in the podcast feed: it never changes.")
    episode_number: int | None
    season_number: int | None
    episode_type: str = Field(description="full, trailer or bonus")
    explicit: bool
    duration: int = Field(description="In whole seconds.")
    enclosure: Enclosure
    first_published_at: datetime | None
    last_published_at: datetime | None


class ArticleList(Schema):
    count: int
    limit: int
    offset: int
    results: list[ArticleOut]


class SectionList(Schema):
    count: int
    limit: int
    offset: int
    results: list[SectionOut]


class TagList(Schema):
    count: int
    limit: int
    offset: int
    results: list[TagOut]


class PersonList(Schema):
    count: int
    limit: int
    offset: int
    results: list[PersonOut]


class CorrectionList(Schema):
    count: int
    limit: int
    offset: int
    results: list[CorrectionOut]


class EpisodeList(Schema):
    count: int
    limit: int
    offset: int
    results: list[EpisodeOut]
