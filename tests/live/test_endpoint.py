"""The updates endpoint readers' pages poll: since-cursor, cache headers, purges, and nothing unpublic."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dateline.live import services
from dateline.live.models import LivePage
from tests.core.page_cache import page_cache  # noqa: F401

from .factories import LivePageFactory

pytestmark = pytest.mark.django_db


def endpoint(page, since=None) -> str:
    url = reverse("live:updates", kwargs={"page_id": page.pk})
    return url if since is None else f"{url}?since={since}"


def test_since_gives_only_the_updates_changed_after_it(client, live_page):
    first = services.post_update(page=live_page, text="Winds reach 120 km/h.")
    second = services.post_update(page=live_page, text="The port is closed.")
    data = client.get(endpoint(live_page, since=first.sequence)).json()
    assert [item["id"] for item in data["updates"]] == [second.pk]
    assert data["cursor"] == second.sequence
    assert data["ongoing"] is True


def test_nothing_new_keeps_the_cursor(client, live_page):
    update = services.post_update(page=live_page, text="Winds reach 120 km/h.")
    data = client.get(endpoint(live_page, since=update.sequence)).json()
    assert data == {"cursor": update.sequence, "updates": [], "more": False, "ongoing": True}


def test_an_update_comes_as_the_html_of_the_page(client, live_page):
    update = services.post_update(page=live_page, headline="Port closed", text="Ships wait <offshore>.")
    item = client.get(endpoint(live_page, since=0)).json()["updates"][0]
    article = BeautifulSoup(item["html"], "lxml").find("article")
    assert article["id"] == f"update-{update.pk}"
    assert article.find("h3").get_text() == "Port closed"
    assert "Ships wait <offshore>." in article.get_text()  # escaped, so read back as text


def test_a_correction_is_sent_again_marked_as_corrected(client, live_page):
    update = services.post_update(page=live_page, text="Three dead.")
    services.change_update(update=update, text="Four dead.", correction_note="The toll was revised.")
    item = client.get(endpoint(live_page, since=1)).json()["updates"][0]
    soup = BeautifulSoup(item["html"], "lxml")
    assert soup.select_one(".live-update__corrected time")
    assert soup.select_one(".live-update__correction del").get_text() == "Three dead."


def test_a_deleted_update_is_sent_as_withdrawn_without_its_words(client, live_page):
    update = services.post_update(page=live_page, text="Unconfirmed report.")
    posted_as = update.sequence
    services.delete_update(update=update)
    response = client.get(endpoint(live_page, since=posted_as))
    assert response.json()["updates"] == [{"id": update.pk, "sequence": posted_as + 1, "withdrawn": True}]
    assert "Unconfirmed" not in response.content.decode()


def test_garbage_since_is_a_404(client, live_page):
    assert client.get(f"{endpoint(live_page)}?since=abc").status_code == 404


def test_answer_is_shared_by_caches_with_the_live_key(client, live_page):
    response = client.get(endpoint(live_page, since=0))
    cache_control = response["Cache-Control"]
    assert {"public", "max-age=0", "s-maxage=600"} <= {part.strip() for part in cache_control.split(",")}
    keys = response["xkey"].split()
    assert f"live-{live_page.pk}" in keys
    assert f"article-{live_page.pk}" in keys


def test_a_draft_live_page_has_no_updates_endpoint(client, section):
    draft = LivePageFactory(parent=section, live=False)
    services.post_update(page=draft, text="Not yet public.")
    response = client.get(endpoint(draft, since=0))
    assert response.status_code == 404
    assert "Not yet public." not in response.content.decode()


def test_an_embargoed_live_page_has_no_updates_endpoint(client, live_page):
    # A live row under embargo (the embargo work keeps it from going live early; this checks our own guard).
    LivePage.objects.filter(pk=live_page.pk).update(embargoed_until=timezone.now() + dt.timedelta(hours=1))
    services.post_update(page=live_page, text="Under embargo.")
    assert client.get(endpoint(live_page, since=0)).status_code == 404


def test_a_restricted_live_page_has_no_updates_endpoint(client, live_page):
    PageViewRestriction.objects.create(page=live_page, restriction_type="password", password="x")
    services.post_update(page=live_page, text="Subscribers only.")
    assert client.get(endpoint(live_page, since=0)).status_code == 404


def test_ended_coverage_tells_readers_to_stop_asking(client, live_page):
    live_page.coverage_end = timezone.now() - dt.timedelta(minutes=1)
    live_page.save()
    assert client.get(endpoint(live_page, since=0)).json()["ongoing"] is False


@pytest.mark.usefixtures("page_cache")
class TestThroughThePageCache:
    def test_posting_an_update_reaches_the_next_poll(self, live_page, django_capture_on_commit_callbacks):
        reader = Client()
        first = services.post_update(page=live_page, text="Winds reach 120 km/h.")
        assert reader.get(endpoint(live_page, since=first.sequence)).json()["updates"] == []
        with django_capture_on_commit_callbacks(execute=True):
            second = services.post_update(page=live_page, text="The port is closed.")
        data = reader.get(endpoint(live_page, since=first.sequence)).json()
        assert [item["id"] for item in data["updates"]] == [second.pk]

    def test_a_correction_reaches_the_next_poll(self, live_page, django_capture_on_commit_callbacks):
        reader = Client()
        update = services.post_update(page=live_page, text="Three dead.")
        assert reader.get(endpoint(live_page, since=update.sequence)).json()["updates"] == []
        with django_capture_on_commit_callbacks(execute=True):
            services.change_update(update=update, text="Four dead.", correction_note="Toll revised.")
        assert [item["id"] for item in reader.get(endpoint(live_page, since=1)).json()["updates"]] == [update.pk]

    def test_a_deleted_update_leaves_the_cached_answer(self, live_page, django_capture_on_commit_callbacks):
        reader = Client()
        update = services.post_update(page=live_page, text="Unconfirmed report.")
        assert len(reader.get(endpoint(live_page, since=0)).json()["updates"]) == 1
        with django_capture_on_commit_callbacks(execute=True):
            services.delete_update(update=update)
        assert reader.get(endpoint(live_page, since=0)).json()["updates"] == [
            {"id": update.pk, "sequence": 2, "withdrawn": True}
        ]
        assert "Unconfirmed report." not in reader.get(live_page.url).content.decode()

    def test_unpublishing_the_page_empties_the_cached_answer(self, live_page, django_capture_on_commit_callbacks):
        reader = Client()
        services.post_update(page=live_page, text="Winds reach 120 km/h.")
        assert reader.get(endpoint(live_page, since=0)).status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            live_page.unpublish()
        assert reader.get(endpoint(live_page, since=0)).status_code == 404

    def test_posting_shows_on_the_cached_page(self, live_page, django_capture_on_commit_callbacks):
        reader = Client()
        assert "The port is closed." not in reader.get(live_page.url).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            services.post_update(page=live_page, text="The port is closed.")
        assert "The port is closed." in reader.get(live_page.url).content.decode()
