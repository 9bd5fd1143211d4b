"""The beacon's door: what it counts, what it refuses, and what it never keeps."""

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from dateline.readership.counting import flush_counts
from dateline.readership.models import PageViews, ReferrerViews

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def beacon(client, page_id, ref="", **headers):
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    return client.post(reverse("readership:record_view"), {"page": str(page_id), "ref": ref}, **headers)


def views_of(page) -> int:
    return sum(PageViews.objects.filter(page_id=page.pk).values_list("views", flat=True))


def test_a_view_of_a_live_article_is_counted_once_flushed(client, story):
    article = story()
    response = beacon(client, article.pk)
    assert response.status_code == 204
    assert views_of(article) == 0  # waits in the cache until the flush
    flush_counts()
    assert views_of(article) == 1


def test_the_beacon_sets_no_cookie_and_is_never_cached(client, story):
    response = beacon(client, story().pk)
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


def test_the_beacon_needs_no_csrf_token(story):
    from django.test import Client

    response = beacon(Client(enforce_csrf_checks=True), story().pk)
    assert response.status_code == 204


def test_only_post_is_accepted(client, story):
    assert client.get(reverse("readership:record_view"), {"page": story().pk}).status_code == 405


def test_global_privacy_control_is_honoured(client, story):
    article = story()
    beacon(client, article.pk, HTTP_SEC_GPC="1")
    flush_counts()
    assert views_of(article) == 0


@pytest.mark.parametrize(
    "agent",
    ["", "Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "Mozilla/5.0 HeadlessChrome/131.0"],
)
def test_robots_are_not_counted(client, story, agent):
    article = story()
    beacon(client, article.pk, HTTP_USER_AGENT=agent)
    flush_counts()
    assert views_of(article) == 0


@pytest.mark.parametrize("page", ["abc", "1" * 13, "-1", "١٢"])
def test_a_malformed_page_id_is_refused(client, page):
    response = client.post(reverse("readership:record_view"), {"page": page}, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 400


def test_an_overlong_referrer_is_refused(client, story):
    assert beacon(client, story().pk, ref="a" * 254).status_code == 400


def test_unknown_draft_and_restricted_pages_are_not_counted(client, story, section):
    draft = story()
    draft.unpublish()
    private = story()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    for page_id in (draft.pk, private.pk, 999_999):
        assert beacon(client, page_id).status_code == 204
    flush_counts()
    assert not PageViews.objects.exists()


def test_a_page_taken_down_before_the_flush_loses_its_views(client, story):
    article = story()
    beacon(client, article.pk)
    article.unpublish()
    result = flush_counts()
    assert views_of(article) == 0
    assert result.dropped == 1


def test_referring_sites_are_counted_by_host_and_self_referrals_as_direct(client, story):
    article = story()
    beacon(client, article.pk, ref="news.example.org")
    beacon(client, article.pk, ref="www.news.example.org")
    beacon(client, article.pk, ref="testserver")
    beacon(client, article.pk, ref="")
    beacon(client, article.pk, ref="not a host/")
    flush_counts()
    hosts = dict(ReferrerViews.objects.values_list("host", "views"))
    assert hosts == {"news.example.org": 2, "": 3}


def test_views_add_up_across_flushes(client, story):
    article = story()
    beacon(client, article.pk)
    flush_counts()
    beacon(client, article.pk)
    beacon(client, article.pk)
    flush_counts()
    assert PageViews.objects.get(page_id=article.pk).views == 3


def test_views_are_counted_on_the_day_they_happen(client, story, time_machine):
    article = story()
    time_machine.move_to(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
    beacon(client, article.pk)
    time_machine.move_to(dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC))
    beacon(client, article.pk)
    flush_counts()
    assert sorted(PageViews.objects.values_list("day", "views")) == [(dt.date(2026, 3, 1), 1), (dt.date(2026, 3, 2), 1)]


def test_nothing_about_the_reader_is_stored(client, story):
    beacon(client, story().pk, ref="news.example.org", REMOTE_ADDR="203.0.113.9")
    flush_counts()
    stored = [str(row) for row in [*PageViews.objects.values(), *ReferrerViews.objects.values()]]
    assert not any("203.0.113.9" in row or "Mozilla" in row for row in stored)


def test_made_up_referrers_cannot_grow_a_batch_past_its_limit_but_views_still_count(client, story, monkeypatch):
    from dateline.readership import counting

    monkeypatch.setattr(counting, "MAX_PENDING_COUNTERS", 3)
    article = story()
    for n in range(6):
        beacon(client, article.pk, ref=f"spam{n}.example")
    flush_counts()
    assert views_of(article) == 6
    assert ReferrerViews.objects.count() == 2
