"""Articles are routed in one query (news.routing); everything else is left to Wagtail."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from dateline.core.memo import memoized_site
from dateline.news.routing import find_article, find_section
from tests.news.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_story(section):
    article = ArticlePageFactory(parent=section, slug="ministers-agree")
    article.save_revision().publish()
    return article


def get(path):
    """A request as the middleware leaves it: its site found through the memo (core.memo)."""
    request = RequestFactory().get(path)
    request._wagtail_site = memoized_site(request)
    return request


def found_warm(finder, path: str):
    """What a finder returns the second time it looks for a path, and how many queries that took."""
    finder(get("/" + path), path)
    with CaptureQueriesContext(connection) as captured:
        found = finder(get("/" + path), path)
    return found, len(captured.captured_queries)


def test_an_article_is_found_in_one_query_once_the_memo_is_warm(live_story):
    found, queries = found_warm(find_article, "world/ministers-agree/")
    assert found.pk == live_story.pk
    assert queries == 2  # the article, and whether any page is restricted (asked once per request)


def test_the_found_article_knows_its_section_and_what_it_shows(live_story, section):
    found = find_article(get("/world/ministers-agree/"), "world/ministers-agree/")
    with CaptureQueriesContext(connection) as captured:
        assert found.get_parent().specific.pk == section.pk
        assert found.locale.language_code == "en"
    assert captured.captured_queries == []


@pytest.mark.parametrize(
    "path",
    ["world/", "world/ministers-agree/extra/", "world/no-such-story/", "elsewhere/ministers-agree/", ""],
)
def test_anything_but_an_article_path_is_left_to_wagtail(live_story, path):
    assert find_article(get("/" + path), path) is None


def test_a_draft_is_not_found(section):
    draft = ArticlePageFactory(parent=section, slug="embargoed", live=False)
    assert find_article(get(draft.url or "/world/embargoed/"), "world/embargoed/") is None


def test_an_unpublished_story_is_a_404(client, live_story):
    assert client.get("/world/ministers-agree/").status_code == 200
    live_story.unpublish()
    assert client.get("/world/ministers-agree/").status_code == 404


def test_the_spanish_front_page_is_the_root_of_spanish_paths(section_es):
    article = ArticlePageFactory(parent=section_es, slug="ministros-acuerdan")
    article.save_revision().publish()
    with translation.override("es"):
        found = find_article(get("/es/mundo/ministros-acuerdan/"), "mundo/ministros-acuerdan/")
    assert found.pk == article.pk
    # The English tree has no such path.
    assert find_article(get("/mundo/ministros-acuerdan/"), "mundo/ministros-acuerdan/") is None


def test_a_post_to_an_article_is_routed_by_wagtail(client, live_story):
    # Only GET and HEAD take the short way; Wagtail answers other methods as it always does.
    assert client.post("/world/ministers-agree/").status_code in (200, 405)


def test_a_section_is_found_in_one_query_once_the_memo_is_warm(section):
    found, queries = found_warm(find_section, "world/")  # and whether any page is restricted
    assert found.pk == section.pk
    assert queries == 2


def test_a_draft_section_is_left_to_wagtail(home):
    SectionPageFactory(parent=home, slug="opinion", live=False)
    assert find_section(get("/opinion/"), "opinion/") is None
