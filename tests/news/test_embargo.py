"""An embargoed story: invisible on every public read path until its time, live within a minute of it,
and published early only through a recorded override."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from dateline.news.embargo import (
    EMBARGO_OVERRIDE_ACTION,
    EmbargoOverrideRefused,
    publish_before_embargo,
)
from dateline.news.models import ArticlePage
from tests.conftest import STAFF_PASSWORD

from .factories import ArticlePageFactory, PersonFactory

pytestmark = pytest.mark.django_db

SECRET = "Perihelion"  # a word only the embargoed story uses


@pytest.fixture
def author():
    return PersonFactory(name="Ines Varga", slug="ines-varga")


@pytest.fixture
def embargoed(section, author):
    """A story scheduled for its embargo, six hours from now, the way the editor's Publish leaves it."""
    article = ArticlePageFactory(
        parent=section,
        live=False,
        title=f"{SECRET} comet passes the Sun",
        slug="perihelion-comet",
        standfirst=f"The {SECRET} comet is seen from Earth.",
        authors=[author],
    )
    article.tags.add("comets")
    article.embargoed_until = timezone.now() + dt.timedelta(hours=6)
    article.go_live_at = article.embargoed_until
    article.save_revision().publish()
    article.refresh_from_db()
    return article


@pytest.fixture
def neighbour(story, author):
    """A live story sharing the section, the tag and the author, so every listing exists."""
    article = story(title="Comet watchers gather", slug="comet-watchers", authors=[author])
    article.tags.add("comets")
    article.save_revision().publish()
    return article


PUBLIC_PATHS = [
    "/",
    "/world/",
    "/tags/comets/",
    "/people/ines-varga/",
    "/search/?q=comet",
    "/feeds/rss.xml",
    "/feeds/atom.xml",
    "/feeds/feed.json",
    "/feeds/sections/world/rss.xml",
    "/feeds/tags/comets/atom.xml",
    "/feeds/people/ines-varga/rss.xml",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/world/comet-watchers/",  # another page's JSON-LD and links
]


def test_publishing_an_embargoed_story_schedules_it_instead(embargoed):
    assert not embargoed.live
    assert embargoed.get_latest_revision().approved_go_live_at == embargoed.embargoed_until


def test_the_embargoed_story_s_url_is_not_found(client, embargoed):
    assert client.get("/world/perihelion-comet/").status_code == 404


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_no_public_page_shows_the_embargoed_story(client, embargoed, neighbour, path):
    response = client.get(path)
    assert response.status_code == 200, path
    text = response.content.decode()
    assert SECRET not in text
    assert "perihelion-comet" not in text


def test_no_section_sitemap_shows_the_embargoed_story(client, embargoed, neighbour):
    index = client.get("/sitemap.xml").content.decode()
    sitemaps = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", index)
    assert sitemaps
    for path in sitemaps:
        assert "perihelion-comet" not in client.get(path).content.decode(), path


@pytest.mark.parametrize("view", ["view_draft", "preview_on_edit"])
def test_a_preview_link_shows_a_reader_nothing(client, embargoed, view):
    response = client.get(reverse(f"wagtailadmin_pages:{view}", args=[embargoed.pk]))
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_the_model_refuses_a_live_save_before_the_embargo(embargoed):
    embargoed.live = True
    with pytest.raises(Exception, match="embargoed until"):
        embargoed.save()


def test_the_minute_job_publishes_it_at_the_embargo_and_listings_show_it(client, embargoed, neighbour):
    assert SECRET not in client.get("/world/").content.decode()  # cached without it
    with time_machine.travel(embargoed.embargoed_until + dt.timedelta(seconds=1), tick=False):
        call_command("run_schedule", "--once")
        assert client.get("/world/perihelion-comet/").status_code == 200
        for path in ["/", "/world/", "/tags/comets/", "/feeds/rss.xml", "/news-sitemap.xml"]:
            assert "perihelion-comet" in client.get(path).content.decode(), path


def test_the_minute_job_leaves_it_unpublished_a_minute_before(embargoed):
    with time_machine.travel(embargoed.embargoed_until - dt.timedelta(minutes=1), tick=False):
        call_command("run_schedule", "--once")
    embargoed.refresh_from_db()
    assert not embargoed.live


def test_an_override_publishes_now_and_records_who_when_and_why(embargoed, editor, client):
    lifted = embargoed.embargoed_until
    publish_before_embargo(article=embargoed, user=editor, reason="The agency lifted it early.")
    embargoed.refresh_from_db()
    assert embargoed.live
    assert embargoed.embargoed_until is None
    entry = PageLogEntry.objects.get(page=embargoed, action=EMBARGO_OVERRIDE_ACTION)
    assert entry.user == editor
    assert entry.data == {"reason": "The agency lifted it early.", "embargoed_until": lifted.isoformat()}
    assert abs(entry.timestamp - timezone.now()) < dt.timedelta(minutes=1)
    assert client.get("/world/perihelion-comet/").status_code == 200


def test_an_override_without_a_reason_is_refused(embargoed, editor):
    with pytest.raises(EmbargoOverrideRefused):
        publish_before_embargo(article=embargoed, user=editor, reason="  ")
    embargoed.refresh_from_db()
    assert not embargoed.live


def test_a_reporter_cannot_override_an_embargo(embargoed, reporter):
    with pytest.raises(EmbargoOverrideRefused):
        publish_before_embargo(article=embargoed, user=reporter, reason="I want it out.")


def test_the_confirmation_step_needs_a_reason_and_a_tick(client, embargoed, editor):
    client.login(username="editor", password=STAFF_PASSWORD)
    url = reverse("news_publish_before_embargo", args=[embargoed.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Lifted early by the agency."})
    assert response.status_code == 200
    embargoed.refresh_from_db()
    assert not embargoed.live
    response = client.post(url, {"reason": "Lifted early by the agency.", "confirm": "on"})
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=embargoed.pk).live


def test_the_override_is_offered_in_the_editor_and_shown_in_the_history(client, embargoed, editor):
    client.login(username="editor", password=STAFF_PASSWORD)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[embargoed.pk])).content.decode()
    assert reverse("news_publish_before_embargo", args=[embargoed.pk]) in edit
    publish_before_embargo(article=embargoed, user=editor, reason="Lifted early by the agency.")
    history = client.get(reverse("wagtailadmin_pages:history", args=[embargoed.pk])).content.decode()
    assert "Published before its embargo" in history
    assert "Lifted early by the agency." in history
