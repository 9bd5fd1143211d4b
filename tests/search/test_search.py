"""The search page: relevance then recency, filters, highlighted snippets, and queries that try to break it."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from dateline.search.config import search_backends
from dateline.search.queries import clean_query, highlight
from tests.news.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    "",
    " ",
    "a" * 5000,
    "volcano " * 400,
    "!!!???...",
    "\"'`;:,.<>/?\\|[]{}()*&^%$#@!~",
    "' OR 1=1 --",
    "'; DROP TABLE wagtailcore_page; --",
    "1) UNION SELECT password FROM accounts_user --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "volcano AND OR NOT NEAR",
    'volcano" NEAR(',
    "volcano*",
    "-volcano +lava",
    "title:volcano",
    "%00%27",
    "😀🔥🌋",
    "عاجل بركان",
    "ünïcödé ñandú",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${jndi:ldap://example.org/a}",
]


def day(days_ago: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days_ago)


def story(section, *, days_ago=1, **fields):
    when = day(days_ago)
    return ArticlePageFactory(parent=section, first_published_at=when, last_published_at=when, **fields)


@pytest.fixture
def archive(section):
    """Stories about other things: full-text relevance weighs how rare a word is across the archive."""
    topics = ["budget", "football", "elections", "theatre", "weather", "markets", "schools", "railways"]
    return [story(section, title=f"News about {topic}", slug=f"filler-{topic}", days_ago=20) for topic in topics]


def result_titles(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [heading.get_text() for heading in soup.select(".search__results .result__headline")]


def test_stories_naming_the_words_in_the_headline_come_first(client, section, archive):
    story(section, title="Ministers meet", body=[("paragraph", "<p>They spoke about the volcano briefly.</p>")])
    story(section, title="Volcano erupts near Naples", days_ago=5)
    story(section, title="Football results", body=[("paragraph", "<p>Nothing about mountains.</p>")])
    assert result_titles(client, q="volcano") == ["Volcano erupts near Naples", "Ministers meet"]


def test_stories_using_the_word_more_often_rank_above_newer_passing_mentions(client, section, archive):
    filler = "<p>Officials met again on Tuesday to discuss the regional budget and transport plans.</p>"
    story(
        section,
        title="Island evacuated",
        days_ago=6,
        body=[("paragraph", "<p>The volcano rumbled. Volcano experts said the volcano may erupt again.</p>")],
    )
    story(
        section,
        title="Regional council meets",
        days_ago=1,
        body=[("paragraph", filler), ("paragraph", "<p>A volcano was mentioned once.</p>"), ("paragraph", filler)],
    )
    assert result_titles(client, q="volcano") == ["Island evacuated", "Regional council meets"]


def test_equally_relevant_stories_come_newest_first(client, section, archive):
    for days_ago in (9, 2, 5):
        story(section, title="Volcano update", slug=f"update-{days_ago}", standfirst="Ash.", days_ago=days_ago)
    response = client.get("/search/", {"q": "volcano"})
    soup = BeautifulSoup(response.content, "html.parser")
    dates = [time["datetime"] for time in soup.select(".search__results time")]
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == 3


def test_search_finds_words_in_standfirst_body_and_tags(client, section):
    story(section, title="One", standfirst="The harbour reopened.")
    story(section, title="Two", body=[("paragraph", "<p>Fishermen returned to the harbour.</p>")])
    tagged = story(section, title="Three")
    tagged.tags.add("harbour")
    tagged.save_revision().publish()
    assert sorted(result_titles(client, q="harbour")) == ["One", "Three", "Two"]


def test_unpublished_stories_are_not_found(client, section):
    story(section, title="Volcano draft", live=False)
    assert result_titles(client, q="volcano") == []


def test_section_filter_keeps_that_sections_stories(client, home, section):
    sport = SectionPageFactory(parent=home, title="Sport", slug="sport")
    story(section, title="Volcano in the news")
    story(sport, title="Volcano marathon")
    assert result_titles(client, q="volcano", section="sport") == ["Volcano marathon"]


def test_date_filter_keeps_stories_published_in_the_range(client, section):
    story(section, title="Volcano long ago", days_ago=40)
    story(section, title="Volcano last week", days_ago=7)
    story(section, title="Volcano today", days_ago=0)
    start, end = (day(10).date().isoformat(), day(3).date().isoformat())
    assert result_titles(client, q="volcano", published_from=start, published_to=end) == ["Volcano last week"]


def test_filters_show_what_the_reader_chose_and_point_to_their_errors(client, home, section):
    SectionPageFactory(parent=home, title="Sport", slug="sport")
    response = client.get("/search/", {"q": "volcano", "section": "sport", "published_from": "2025-13-01"})
    soup = BeautifulSoup(response.content, "html.parser")
    options = {option["value"]: option.get_text() for option in soup.select("select[name=section] option")}
    assert options == {"": "All sections", section.slug: section.title, "sport": "Sport"}
    assert [option["value"] for option in soup.select("select[name=section] option[selected]")] == ["sport"]
    wrong = soup.select_one("input[name=published_from]")
    assert wrong["value"] == "2025-13-01"  # the reader's text comes back to be corrected
    assert wrong["aria-invalid"] == "true"
    assert soup.select_one(f"#{wrong['aria-describedby']}").get_text() == "Enter a valid date."
    assert soup.select_one(f"label[for={wrong['id']}]").get_text() == "From"
    assert "aria-invalid" not in soup.select_one("input[name=published_to]").attrs


def test_reversed_date_range_is_explained_not_an_error(client, section):
    story(section, title="Volcano today", days_ago=0)
    response = client.get("/search/", {"q": "volcano", "published_from": "2025-05-10", "published_to": "2025-05-01"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert soup.select_one(".field--error .field__error")
    assert [h.get_text() for h in soup.select(".result__headline")] == ["Volcano today"]


def test_matched_words_are_marked_in_headline_and_snippet(client, section):
    story(
        section,
        title="Lava reaches the sea",
        standfirst="",
        body=[("paragraph", "<p>" + "Filler words here. " * 30 + "The volcano kept erupting overnight.</p>")],
    )
    soup = BeautifulSoup(client.get("/search/", {"q": "volcano lava"}).content, "html.parser")
    assert [mark.get_text() for mark in soup.select(".result__headline mark")] == ["Lava"]
    snippet = soup.select_one(".result__snippet")
    assert [mark.get_text() for mark in snippet.select("mark")] == ["volcano"]
    assert snippet.get_text().startswith("…")


def test_snippet_escapes_markup_from_the_story():
    marked = highlight("<b>volcano</b> & <i>lava</i>", "volcano")
    soup = BeautifulSoup(marked, "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == ["mark"]
    assert soup.get_text() == "<b>volcano</b> & <i>lava</i>"


def test_a_query_cannot_inject_markup_through_the_highlighter():
    soup = BeautifulSoup(highlight("x <mark> y", "<mark>"), "html.parser")
    assert soup.get_text() == "x <mark> y"


def test_results_paginate_with_the_query_kept(client, section):
    for n in range(12):
        story(section, title=f"Volcano report {n}", slug=f"report-{n}")
    first = BeautifulSoup(client.get("/search/", {"q": "volcano"}).content, "html.parser")
    assert len(first.select(".result")) == 10
    assert first.select_one("link[rel=next]")["href"] == "/search/?q=volcano&page=2"
    second = BeautifulSoup(client.get("/search/", {"q": "volcano", "page": 2}).content, "html.parser")
    assert len(second.select(".result")) == 2
    assert client.get("/search/", {"q": "volcano", "page": 3}).status_code == 404


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_query_gets_a_page(client, section, query):
    story(section, title="Volcano erupts")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("h1").get_text() == "Search"
    assert not soup.select("main script, main img[onerror]")


def test_a_query_with_control_characters_is_refused_with_our_400_page(client, section):
    # They reach no query: PostgreSQL refuses a NUL (dateline.core.guards).
    response = client.get("/search/", {"q": "\x00\x01\x02 volcano \x7f"})
    assert response.status_code == 400
    assert b"<html" in response.content


def test_query_is_cut_to_its_first_words():
    assert clean_query("volcano " * 400) == " ".join(["volcano"] * 12)
    assert clean_query("'; DROP TABLE x; --") == "DROP TABLE x"
    assert clean_query("!!!") == ""


def test_search_page_is_not_indexed_and_sets_no_cookie(client, section):
    response = client.get("/search/", {"q": "volcano"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert not response.cookies
    assert not soup.find("input", attrs={"name": "csrfmiddlewaretoken"})


def test_without_a_search_url_the_database_backend_is_used():
    assert search_backends("") == {"default": {"BACKEND": "dateline.search.backends"}}


@pytest.mark.parametrize(
    ("url", "backend", "server", "index"),
    [
        ("opensearch3+https://search.internal:9200/news", "opensearch3", "https://search.internal:9200", "news"),
        ("elasticsearch8://10.0.0.5:9200", "elasticsearch8", "http://10.0.0.5:9200", "dateline"),
        ("elasticsearch+https://u:p@es.example.org/", "elasticsearch8", "https://u:p@es.example.org", "dateline"),
    ],
)
def test_search_url_selects_the_engine_server_and_index(url, backend, server, index):
    config = search_backends(url)["default"]
    assert config["BACKEND"] == f"wagtail.search.backends.{backend}"
    assert config["URLS"] == [server]
    assert config["INDEX"] == index


def test_unknown_search_engine_is_refused_at_start_up():
    with pytest.raises(ValueError, match="DATELINE_SEARCH_URL"):
        search_backends("solr://localhost:8983/")


def test_search_url_environment_variable_reaches_the_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.test",
        "DATELINE_SEARCH_URL": "opensearch3+https://search.internal:9200/dateline",
        "DATELINE_DATA_DIR": str(tmp_path),
    }
    code = "from django.conf import settings; print(settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])"
    result = subprocess.run(  # noqa: S603 (our own interpreter, fixed arguments)
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=Path(__file__).parents[2]
    )
    assert result.stdout.strip() == "wagtail.search.backends.opensearch3"


def test_more_matches_than_are_ranked_are_announced_and_the_page_keeps_the_limit(client, section, monkeypatch):
    monkeypatch.setattr("dateline.search.queries.NEWEST_MATCHES", 2)
    monkeypatch.setattr("dateline.search.queries.MAX_RESULTS", 2)
    for days_ago in (1, 2, 3):
        story(section, title=f"Volcano day {days_ago}", slug=f"volcano-{days_ago}", days_ago=days_ago)
    soup = BeautifulSoup(client.get("/search/", {"q": "volcano"}).content, "html.parser")
    assert len(soup.select(".search__results .result")) == 2
    assert soup.select_one(".search__summary").get_text().startswith("More than 2 stories match")


def test_stories_under_a_view_restriction_are_not_found(client, home, section):
    from wagtail.models import PageViewRestriction

    members = SectionPageFactory(parent=home, title="Members", slug="members")
    story(section, title="Volcano for everyone")
    story(members, title="Volcano for members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert result_titles(client, q="volcano") == ["Volcano for everyone"]


def test_spanish_search_finds_spanish_stories_only(client, section, section_es):
    story(section, title="Volcano in English")
    story(section_es, title="Volcano en español", slug="volcano-es", locale=section_es.locale)
    response = client.get("/es/search/", {"q": "volcano"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert [h.get_text() for h in soup.select(".result__headline")] == ["Volcano en español"]
    assert soup.select_one(".search__summary").get_text().startswith("1 noticia coincide")


def test_on_postgresql_the_newest_matches_are_the_ones_ranked(section, monkeypatch):
    from django.db import connection
    from wagtail.models import Locale

    from dateline.search.queries import search_articles

    if connection.vendor != "postgresql":
        pytest.skip("SQLite and the search servers rank every match by relevance")
    monkeypatch.setattr("dateline.search.queries.NEWEST_MATCHES", 2)
    for days_ago in (1, 2, 3):
        story(section, title=f"Volcano day {days_ago}", slug=f"volcano-{days_ago}", days_ago=days_ago)
    found = search_articles("volcano", locale=Locale.get_default())
    assert sorted(match.title for match in found.matches) == ["Volcano day 1", "Volcano day 2"]
    assert (found.limit, found.newest_only) == (2, True)
