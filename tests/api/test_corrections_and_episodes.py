"""The read API's corrections and podcast episodes: only those readers can see, filtered, paged and purged."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dateline.news.models import Correction
from tests.podcasts.factories import PodcastEpisodePageFactory, PodcastShowPageFactory

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get(f"/api/v1{path}", params)
    assert response.status_code == 200, response.content
    return response, response.json()


def texts(data) -> list[str]:
    return [item["text"] for item in data["results"]]


def correct(article, text, *, hours_ago=1, kind="correction"):
    return Correction.objects.create(
        article=article, text=text, kind=kind, published_at=timezone.now() - dt.timedelta(hours=hours_ago)
    )


@pytest.fixture
def show(home):
    show = PodcastShowPageFactory(parent=home, title="The Harbour Hour", slug="harbour-hour")
    show.save_revision().publish()
    return show


@pytest.fixture
def episode(show):
    def make(parent=None, **fields):
        page = PodcastEpisodePageFactory(parent=parent or show, **fields)
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make


def test_corrections_are_listed_newest_first_with_their_article(client, story):
    article = story(title="Vote delayed")
    correct(article, "An earlier version gave the wrong date.", hours_ago=3)
    correct(article, "The minister spoke on Tuesday.", hours_ago=1, kind="clarification")
    _, data = get(client, "/corrections")
    assert texts(data) == ["The minister spoke on Tuesday.", "An earlier version gave the wrong date."]
    first = data["results"][0]
    assert first["kind"] == "clarification"
    assert first["kind_name"] == "Clarification"
    assert first["article"] == {"id": article.pk, "title": "Vote delayed", "url": article.full_url}
    assert data["count"] == 2


def test_corrections_of_unpublished_embargoed_or_restricted_articles_never_appear(client, story):
    correct(story(title="Public"), "Public fix")
    draft = story(title="Draft")
    correct(draft, "Draft fix")
    draft.unpublish()
    embargoed = story(title="Embargoed")
    correct(embargoed, "Embargoed fix")
    type(embargoed).objects.filter(pk=embargoed.pk).update(embargoed_until=timezone.now() + dt.timedelta(hours=3))
    restricted = story(title="Members")
    correct(restricted, "Members fix")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    assert texts(get(client, "/corrections")[1]) == ["Public fix"]
    for page in (draft, embargoed, restricted):
        assert texts(get(client, "/corrections", article=page.pk)[1]) == []


def test_corrections_filter_by_language_article_and_date(client, story, section_es):
    english = story(title="English")
    correct(english, "Old fix", hours_ago=48)
    correct(english, "New fix", hours_ago=1)
    correct(story(title="Other"), "Other fix", hours_ago=2)
    correct(story(title="Española", parent=section_es, locale=section_es.locale), "Corrección", hours_ago=3)
    assert texts(get(client, "/corrections", language="es")[1]) == ["Corrección"]
    assert texts(get(client, "/corrections", article=english.pk)[1]) == ["New fix", "Old fix"]
    day_ago = (timezone.now() - dt.timedelta(hours=24)).isoformat()
    assert texts(get(client, "/corrections", published_before=day_ago)[1]) == ["Old fix"]
    assert "Old fix" not in texts(get(client, "/corrections", published_after=day_ago)[1])
    _, page = get(client, "/corrections", limit=2, offset=1)
    assert texts(page) == ["Other fix", "Corrección"]
    assert page["count"] == 4
    assert client.get("/api/v1/corrections", {"published_after": "yesterday"}).status_code == 422


def test_an_article_answer_lists_its_corrections_oldest_first(client, story):
    article = story()
    correct(article, "Second", hours_ago=1)
    correct(article, "First", hours_ago=2)
    _, data = get(client, f"/articles/{article.pk}")
    assert [note["text"] for note in data["corrections"]] == ["First", "Second"]
    assert set(data["corrections"][0]) == {"id", "kind", "kind_name", "text", "published_at"}


def test_corrections_carry_the_listing_and_article_keys_and_publishing_purges_them(client, settings, story):
    settings.DATELINE_PAGE_CACHE_SECONDS = 600
    article = story(title="Vote delayed")
    response = client.get("/api/v1/corrections")
    assert {"listings"} <= set(response["xkey"].split())
    assert response.json()["results"] == []
    revision_article = type(article).objects.get(pk=article.pk)
    revision_article.corrections.add(Correction(kind="correction", text="Fixed the date."))
    revision_article.save_revision().publish()  # as an editor adds a correction
    response = client.get("/api/v1/corrections")
    assert texts(response.json()) == ["Fixed the date."]
    assert f"article-{article.pk}" in response["xkey"].split()


def test_episodes_are_listed_with_their_show_and_recording(client, show, episode):
    first = episode(title="Sea wall, part 1", episode_number=1, season_number=2, first_published_at=None)
    _, data = get(client, "/episodes")
    assert [item["title"] for item in data["results"]] == ["Sea wall, part 1"]
    item = data["results"][0]
    assert item["url"] == first.full_url
    assert item["show"] == {"id": show.pk, "title": "The Harbour Hour", "url": show.full_url}
    assert item["guid"] == str(first.episode_guid)
    assert (item["episode_number"], item["season_number"]) == (1, 2)
    assert item["enclosure"]["url"].endswith(first.audio.file.url)
    assert item["enclosure"]["url"].startswith("http://testserver/")
    assert item["enclosure"]["length"] == first.audio.file_size > 0
    assert item["enclosure"]["type"].startswith("audio/")
    assert item["duration"] == round(first.audio.duration)
    assert get(client, f"/episodes/{first.pk}")[1] == item


def test_draft_and_restricted_episodes_and_those_of_unpublished_shows_never_appear(client, home, show, episode):
    episode(title="Public episode")
    draft = PodcastEpisodePageFactory(parent=show, title="Draft episode", live=False)
    restricted = episode(title="Members episode")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    hidden_show = PodcastShowPageFactory(parent=home, title="Hidden show", slug="hidden-show")
    hidden_show.save_revision().publish()
    in_hidden = episode(parent=hidden_show, title="In a hidden show")
    type(hidden_show).objects.filter(pk=hidden_show.pk).update(live=False)  # its episodes stay live
    _, data = get(client, "/episodes")
    assert [item["title"] for item in data["results"]] == ["Public episode"]
    for page in (draft, restricted, in_hidden):
        assert client.get(f"/api/v1/episodes/{page.pk}").status_code == 404


def test_episodes_filter_by_show_language_and_date_and_page(client, home, show, episode):
    other = PodcastShowPageFactory(parent=home, title="Morning Brief", slug="morning-brief")
    other.save_revision().publish()
    old = episode(title="Old")
    type(old).objects.filter(pk=old.pk).update(first_published_at=timezone.now() - dt.timedelta(days=3))
    episode(title="New")
    episode(parent=other, title="Brief")
    titles = lambda data: [item["title"] for item in data["results"]]  # noqa: E731
    assert sorted(titles(get(client, "/episodes", show=other.pk)[1])) == ["Brief"]
    assert sorted(titles(get(client, "/episodes", show=show.pk)[1])) == ["New", "Old"]
    assert titles(get(client, "/episodes", show=999999)[1]) == []
    day_ago = (timezone.now() - dt.timedelta(days=1)).isoformat()
    assert titles(get(client, "/episodes", published_before=day_ago)[1]) == ["Old"]
    assert "Old" not in titles(get(client, "/episodes", published_after=day_ago)[1])
    assert titles(get(client, "/episodes", language="es")[1]) == []
    assert len(titles(get(client, "/episodes", language="en")[1])) == 3
    _, page = get(client, "/episodes", limit=1, offset=2)
    assert titles(page) == ["Old"]
    assert page["count"] == 3


def test_episode_answers_carry_show_keys_and_publishing_an_episode_purges_the_list(client, settings, show, episode):
    settings.DATELINE_PAGE_CACHE_SECONDS = 600
    first = episode(title="First")
    response = client.get("/api/v1/episodes")
    assert {"podcasts", f"show-{show.pk}", f"episode-{first.pk}"} <= set(response["xkey"].split())
    episode(title="Second")
    assert [item["title"] for item in client.get("/api/v1/episodes").json()["results"]] == ["Second", "First"]
    detail = client.get(f"/api/v1/episodes/{first.pk}")
    assert {f"episode-{first.pk}", f"show-{show.pk}"} <= set(detail["xkey"].split())


def test_no_correction_or_episode_answer_carries_an_email_address(client, story, episode):
    correct(story(), "Fixed.")
    one = episode()
    for path in ("/corrections", "/episodes", f"/episodes/{one.pk}"):
        assert "@" not in client.get(f"/api/v1{path}").text


def test_the_description_lists_the_new_operations(client):
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    assert {"/api/v1/corrections", "/api/v1/episodes", "/api/v1/episodes/{episode_id}"} <= paths
