"""Every URL pattern, walked with hostile path and query values, answers 4xx and never 500.

The patterns come from Django's resolver (the admin's included), plus Wagtail page paths; each
place a value goes gets NUL and other control characters, invalid UTF-8, over-long and wrong-type
values. Run it on SQLite (the default) and on PostgreSQL, where a NUL reaching a query is an error:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pytest tests/core/test_hostile_urls.py -s

With -s each walk prints its counts per status.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import pytest
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from taggit.models import Tag

from tests.news.factories import ArticlePageFactory, PersonFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

# What goes in one path segment or one query value, already percent-encoded as a client sends it.
HOSTILE = {
    "nul": "%00",
    "nul-inside-a-slug": "world%00story",
    "c0-controls": "%01%08%0B%1B%1F",
    "newline": "line%0D%0Abreak",
    "delete": "%7F",
    "invalid-utf8": "%FF%FE",
    "overlong-utf8-nul": "%C0%80",
    "lone-surrogate": "%ED%A0%80",
    "not-a-number": "abc",
    "huge-number": "9" * 40,
    "negative-number": "-1",
    "long": "a" * 3000,
    "too-long": "a" * 10_000,
}
# The admin is walked by a superuser with fewer values: its 250 patterns times every value would
# take minutes, and these cover each kind (control character, bad encoding, wrong type, length).
ADMIN_HOSTILE = {
    name: HOSTILE[name] for name in ("nul", "c0-controls", "invalid-utf8", "not-a-number", "huge-number", "too-long")
}
# Query parameters our views or Wagtail's read, and names no view reads.
QUERY_NAMES = ["page", "q", "full", "reply_to", "db", "p", "ordering", "locale", "collection_id", "tag", "next"]
ADMIN_QUERY_NAMES = ["q", "p", "ordering", "locale", "collection_id", "tag", "next"]
BENIGN = "world"
# Wagtail's admin view that raises on purpose, to show its server-error page.
BY_DESIGN = {"admin/failwhale/"}
NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def url_patterns(resolver=None, prefix: str = "", localized: bool = False) -> Iterator[tuple[str, bool]]:
    """Every URL pattern as text, with whether it sits under the language prefix (i18n_patterns)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner_localized = localized or isinstance(entry.pattern, LocalePrefixPattern)
            yield from url_patterns(entry, prefix + _pattern_text(entry.pattern), inner_localized)
        elif isinstance(entry, URLPattern):
            yield prefix + _pattern_text(entry.pattern), localized


def _pattern_text(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return ""
    return str(pattern)


PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
# Values a parameter accepts, by its name or converter, so that the hostile one beside it is looked up.
BENIGN_BY_NAME = {
    "app_label": "news",
    "app_name": "news",
    "content_type_app_name": "news",
    "model_name": "person",
    "content_type_model_name": "articlepage",
    "pk": "1",
    "object_id": "1",
    "format": "rss",
}


def fillings(pattern: str, value: str) -> Iterator[str]:
    """The pattern once per parameter (route converter or regex group): that one set to value, the
    others to a value they accept, so the hostile one reaches the view."""
    pattern = NAMED_GROUP.sub("(", pattern)
    count = len(PARAMETER.findall(pattern)) or _regex_group_count(pattern)
    for position in range(count):
        yield _fill(pattern, lambda index, converter, p=position: value if index == p else _benign(converter))


def benign_url(pattern: str) -> str:
    return _fill(NAMED_GROUP.sub("(", pattern), lambda index, converter: _benign(converter))


def _benign(converter: str) -> str:
    return {"int": "1", "digits": "1"}.get(converter) or BENIGN_BY_NAME.get(converter, BENIGN)


def _fill(pattern: str, value_for) -> str:
    counter = iter(range(100))

    def parameter(match):
        converter = match["converter"] if match["converter"] == "int" else match["name"]
        return value_for(next(counter), converter)

    text = PARAMETER.sub(parameter, pattern)
    if "(" in text or "^" in text or "$" in text:
        text = _fill_regex(text, value_for)
    return text


def _regex_group_count(pattern: str) -> int:
    depth, count = 0, 0
    for index, char in enumerate(pattern):
        if char == "(" and (index == 0 or pattern[index - 1] != "\\"):
            count += depth == 0
            depth += 1
        elif char == ")" and pattern[index - 1] != "\\":
            depth -= 1
    return count


def _fill_regex(text: str, value_for) -> str:
    out, depth, index, group, start = [], 0, 0, 0, 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            if depth == 0:
                out.append(text[index + 1])
            index += 2
            continue
        if char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                converter = "digits" if "\\d" in text[start:index] else "str"
                out.append(value_for(group, converter))
                group += 1
        elif depth == 0 and char not in "^$?*+":
            out.append(char)
        index += 1
    return "".join(out).replace("//", "/")


def hostile_urls(values: dict[str, str], *, admin: bool) -> Iterator[str]:
    names = ADMIN_QUERY_NAMES if admin else QUERY_NAMES
    for pattern, localized in url_patterns():
        if pattern.startswith("admin/") != admin or pattern in BY_DESIGN:
            continue
        for prefix in ["/", "/es/"] if localized else ["/"]:
            for value in values.values():
                for url in fillings(pattern, value):
                    yield prefix + url
                # Every parameter a view might read, at once: one request per value and pattern.
                yield prefix + benign_url(pattern) + "?" + "&".join(f"{name}={value}" for name in names)
                yield prefix + benign_url(pattern) + f"?{value}=1"


def page_paths() -> Iterator[str]:
    """Wagtail's page tree and the article route (news.routing), which match no resolver parameter."""
    for prefix in ("/", "/es/"):
        for value in HOSTILE.values():
            yield f"{prefix}{value}/"
            yield f"{prefix}world/{value}/"
            yield f"{prefix}world/story/{value}/"
            yield f"{prefix}world/story/?page={value}"
            yield f"{prefix}?page={value}"


@pytest.fixture
def content(home, home_es, section, section_es):
    """Something behind each kind of URL, so benign-looking values reach the database too."""
    photo = PhotoFactory()
    article = ArticlePageFactory(parent=section, slug="story", lead_photo=photo)
    article.save_revision().publish()
    article.tags.add("world")
    article.save_revision().publish()
    PersonFactory(slug="world")
    assert Tag.objects.filter(slug="world").exists()
    return article


def walk(client, urls, method: str = "get") -> tuple[Counter, list[str]]:
    client.raise_request_exception = False
    statuses, failures = Counter(), []
    for url in urls:
        # A form's fields, hostile too, for the doors that take posts (comments, passwords).
        data = {"name": "\x00", "email": "\x00@example.org", "body": "\x00", "password": "\x00"}
        response = client.post(url, data) if method == "post" else client.get(url)
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            failures.append(f"{method.upper()} {url[:120]} -> {response.status_code}")
    return statuses, failures


def report(name: str, statuses: Counter) -> None:
    counts = ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items()))
    print(f"\nhostile-URL walk, {name} on {connection.vendor}: {sum(statuses.values())} requests ({counts})")  # noqa: T201


def test_public_urls_answer_hostile_values_without_a_server_error(client, content):
    statuses, failures = walk(client, [*hostile_urls(HOSTILE, admin=False), *page_paths()])
    report("public GET", statuses)
    assert not failures, "\n".join(failures[:40])


def test_public_urls_answer_hostile_posts_without_a_server_error(client, content):
    paths = [url for url in hostile_urls(HOSTILE, admin=False) if "?" not in url]
    statuses, failures = walk(client, paths, method="post")
    report("public POST", statuses)
    assert not failures, "\n".join(failures[:40])


def test_admin_urls_answer_hostile_values_without_a_server_error(client, content, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("walker", "walker@newsroom.test", "x" * 12))
    statuses, failures = walk(client, hostile_urls(ADMIN_HOSTILE, admin=True))
    report("admin", statuses)
    assert not failures, "\n".join(failures[:40])


def test_the_walk_covers_every_pattern_and_both_languages():
    patterns = list(url_patterns())
    assert len(patterns) > 250
    assert ("tags/<str:slug>/", True) in patterns
    assert ("feeds/tags/<str:slug>/<feedformat:format>.xml", True) in patterns
    urls = set(hostile_urls(HOSTILE, admin=False))
    assert {"/tags/%00/", "/people/%00/", "/feeds/tags/%00/rss.xml", "/es/tags/%00/", "/es/people/%00/"} <= urls
