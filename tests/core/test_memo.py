"""The per-process memo of site-wide lookups: each value reused until one of the keys it is made of is
purged, never older than the newest purge, whose generation is read from the database once per request."""

import json
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from dateline.core import memo as memo_module
from dateline.core.memo import ContentMemo, memo
from dateline.core.models import NewsroomSettings
from dateline.core.purge import purge, purge_all_pages, purge_generation
from tests.news.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def counter():
    calls = []

    def compute():
        calls.append(None)
        return len(calls)

    return compute


def purge_something():
    purge(keys=["front"])


def test_a_value_is_computed_once_until_something_is_purged():
    values, compute = ContentMemo(), counter()
    assert values.get(HttpRequest(), "k", compute) == 1
    assert values.get(HttpRequest(), "k", compute) == 1
    purge_something()
    assert values.get(HttpRequest(), "k", compute) == 2
    assert values.get(HttpRequest(), "k", compute) == 2


def test_a_request_that_began_before_a_purge_neither_reuses_nor_stores():
    values, compute = ContentMemo(), counter()
    early = HttpRequest()
    assert values.get(early, "k", compute) == 1
    purge_something()
    assert values.get(HttpRequest(), "k", compute) == 2  # a request after the purge recomputes
    assert values.get(early, "k", compute) == 3  # the early request computes for itself...
    assert values.get(HttpRequest(), "k", compute) == 2  # ...and leaves the fresh value in place


def test_the_generation_is_read_once_per_request():
    request = HttpRequest()
    with CaptureQueriesContext(connection) as queries:
        ContentMemo().get(request, "a", lambda: "a")
        ContentMemo().get(request, "b", lambda: "b")
        purge_generation(request)
    assert len(queries) == 1


def test_nothing_is_remembered_longer_than_its_maximum_age():
    values, compute = ContentMemo(), counter()
    with mock.patch.object(memo_module.time, "monotonic", return_value=1000.0) as clock:
        assert values.get(HttpRequest(), "k", compute) == 1
        clock.return_value += memo_module.MAX_AGE_SECONDS - 1
        assert values.get(HttpRequest(), "k", compute) == 1
        clock.return_value += 2
        assert values.get(HttpRequest(), "k", compute) == 2


def test_old_entries_make_room_for_new_ones():
    values = ContentMemo(max_entries=2)
    request = HttpRequest()
    for key in "abc":
        values.get(request, key, lambda key=key: key)
    assert values.get(request, "a", lambda: "recomputed") == "recomputed"
    assert values.get(request, "c", lambda: "recomputed") == "c"


def test_a_value_outlives_purges_of_keys_it_is_not_made_of():
    values, compute = ContentMemo(), counter()
    assert values.get(HttpRequest(), "k", compute, keys=["section-1"]) == 1
    purge(keys=["article-9", "listings"])
    assert values.get(HttpRequest(), "k", compute, keys=["section-1"]) == 1
    purge(keys=["section-1"])
    assert values.get(HttpRequest(), "k", compute, keys=["section-1"]) == 2


def test_purging_every_page_drops_every_value():
    values, compute = ContentMemo(), counter()
    assert values.get(HttpRequest(), "k", compute, keys=[]) == 1
    purge_all_pages()
    assert values.get(HttpRequest(), "k", compute, keys=[]) == 2


def test_a_value_can_say_its_keys_once_computed():
    values = ContentMemo()
    computed = []

    def compute():
        computed.append(None)
        return 7

    assert values.get(HttpRequest(), "k", compute, keys=lambda value: [f"row-{value}"]) == 7
    purge(keys=["row-8"])
    values.get(HttpRequest(), "k", compute, keys=lambda value: [f"row-{value}"])
    assert len(computed) == 1
    purge(keys=["row-7"])
    values.get(HttpRequest(), "k", compute, keys=lambda value: [f"row-{value}"])
    assert len(computed) == 2


def test_after_more_purged_keys_than_it_sorts_the_memo_starts_over(monkeypatch):
    monkeypatch.setattr(memo_module, "MAX_PURGED_KEYS", 2)
    values, compute = ContentMemo(), counter()
    assert values.get(HttpRequest(), "k", compute, keys=["kept"]) == 1
    purge(keys=["a", "b", "c"])
    assert values.get(HttpRequest(), "k", compute, keys=["kept"]) == 2


def test_what_was_purged_is_read_once_per_process_and_change():
    values = ContentMemo()
    values.get(HttpRequest(), "k", lambda: 1, keys=["kept"])
    purge(keys=["other"])
    with CaptureQueriesContext(connection) as first:
        values.get(HttpRequest(), "k", lambda: 2, keys=["kept"])  # the generation, then the keys purged
    with CaptureQueriesContext(connection) as second:
        values.get(HttpRequest(), "k", lambda: 3, keys=["kept"])  # the generation only
    assert (len(first), len(second)) == (2, 1)


# --- Through the site: every change that the memo remembers purges --------------------------------


def dateline_of(response) -> str:
    return BeautifulSoup(response.content, "lxml").select_one(".dateline").get_text(" ", strip=True)


def nav_titles(response) -> list[str]:
    return [a.get_text(strip=True) for a in BeautifulSoup(response.content, "lxml").select("nav.site-nav a")]


@pytest.fixture
def story(section):
    article = ArticlePageFactory(parent=section, slug="ministers-agree", dateline_place="Brussels")
    article.save_revision().publish()
    return article


def test_a_memoized_render_is_the_same_page_as_a_fresh_one(client, story):
    memo.clear()
    fresh = client.get(story.url)
    remembered = client.get(story.url)
    assert remembered.content == fresh.content


def test_saving_a_setting_shows_on_the_next_page_view(client, story, django_capture_on_commit_callbacks):
    NewsroomSettings.objects.update_or_create(site=story.get_site(), defaults={"outlet_code": "RHC"})
    memo.clear()
    assert "(RHC)" in dateline_of(client.get(story.url))
    settings_row = NewsroomSettings.objects.get(site=story.get_site())
    settings_row.outlet_code = "DLN"
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.save()
    assert "(DLN)" in dateline_of(client.get(story.url))


def test_a_published_section_joins_the_navigation_at_once(client, home, story, django_capture_on_commit_callbacks):
    assert "Sport" not in nav_titles(client.get(story.url))
    sport = SectionPageFactory(parent=home, title="Sport", slug="sport", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        sport.save_revision().publish()
    assert "Sport" in nav_titles(client.get(story.url))


def test_restricting_a_section_hides_its_articles_at_once(client, section, story, django_capture_on_commit_callbacks):
    assert client.get(story.url).status_code == 200  # the memo now says no page is restricted
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    response = Client().get(story.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_restriction_purges_every_page(section):
    with mock.patch("dateline.core.purge.purge") as purged:
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    purged.assert_called_once_with(keys=["all"])


def test_moving_the_site_to_another_host_purges_every_page(home):
    site = Site.objects.get(is_default_site=True)
    site.hostname = "news.example.org"
    with mock.patch("dateline.core.purge.purge") as purged:
        site.save()
    purged.assert_called_once_with(keys=["all"])


def front_titles(client) -> set[str]:
    return {a.get_text(strip=True) for a in BeautifulSoup(client.get("/").content, "lxml").select("main a")}


def test_the_front_page_reads_its_stories_once_until_a_purge(client, home, story, django_capture_on_commit_callbacks):
    client.get("/")  # the first view creates the site settings, which purges
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert not any('"news_articlepage"' in query["sql"] for query in captured.captured_queries)
    newer = ArticlePageFactory(parent=story.get_parent(), title="Storm closes the port", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        newer.save_revision().publish()
    assert "Storm closes the port" in front_titles(client)


def test_restricting_a_section_takes_its_stories_off_the_front_page(
    client, section, story, django_capture_on_commit_callbacks
):
    assert story.title in front_titles(client)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert story.title not in front_titles(client)


def test_a_front_page_preview_shows_the_drafts_pinned_stories(admin_client, home, section, story):
    from dateline.home.models import PinnedStory

    pinned = ArticlePageFactory(parent=section, title="Pinned in the draft only")
    pinned.save_revision().publish()
    ArticlePageFactory(parent=section, title="The newest story").save_revision().publish()

    def lead(response) -> str:
        return BeautifulSoup(response.content, "lxml").select_one("#lead-headline").get_text(strip=True)

    assert lead(admin_client.get("/")) == "The newest story"  # and the live front page is remembered
    home.pinned_stories.add(PinnedStory(article=pinned))
    home.save_revision()
    assert lead(admin_client.get(f"/admin/pages/{home.pk}/view_draft/")) == "Pinned in the draft only"


def test_an_edit_of_one_story_leaves_the_navigation_and_settings_remembered(
    client, section, story, django_capture_on_commit_callbacks
):
    other = ArticlePageFactory(parent=section, title="Port reopens")
    other.save_revision().publish()
    client.get(story.url)
    client.get(story.url)
    with django_capture_on_commit_callbacks(execute=True):
        other.title = "Port reopens after the storm"
        other.save_revision().publish()
    with CaptureQueriesContext(connection) as after_edit:
        assert client.get(story.url).status_code == 200
    tables = " ".join(query["sql"] for query in after_edit.captured_queries)
    for remembered in ("core_newsroomsettings", "wagtailcore_site", "news_sectionpage", "home_homepage"):
        assert remembered not in tables
    assert "core_purgedkey" in tables  # what the edit purged was read, once


def test_editing_the_newsroom_logo_shows_at_once(client, story, django_capture_on_commit_callbacks):
    from tests.photos.factories import PhotoFactory

    logo = PhotoFactory(title="Logo")
    NewsroomSettings.objects.update_or_create(site=story.get_site(), defaults={"logo": logo})

    def logo_url() -> str:
        scripts = BeautifulSoup(client.get(story.url).content, "lxml").find_all("script", type="application/ld+json")
        found = [json.loads(script.string) for script in scripts]
        return next(data["publisher"]["logo"]["url"] for data in found if "publisher" in data)

    before = logo_url()
    assert before == logo_url()  # remembered with the settings
    replacement = PhotoFactory.build(file__filename="new-logo.png").file
    with django_capture_on_commit_callbacks(execute=True):
        logo.file = replacement
        logo.save()
        logo.renditions.all().delete()  # as the admin does when a file is replaced
    assert logo_url() != before
