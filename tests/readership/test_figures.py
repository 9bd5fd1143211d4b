"""The figures editors read and the front page's most read."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from dateline.core.models import PurgedKey
from dateline.news.models import ArticleAuthor
from dateline.readership.counting import count_view, flush_counts
from dateline.readership.models import PageViews, ReferrerViews
from dateline.readership.queries import MOST_READ_KEY, refresh_most_read
from tests.news.factories import PersonFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def read(page, n, *, days_ago=0):
    PageViews.objects.create(page=page, day=timezone.localdate() - dt.timedelta(days=days_ago), views=n)


def test_the_front_page_lists_the_most_read_stories_most_first(client, home, story):
    quiet, busy = story(title="Quiet story"), story(title="Busy story")
    read(quiet, 3)
    read(busy, 40, days_ago=1)
    refresh_most_read()
    html = BeautifulSoup(client.get("/").content, "lxml")
    aside = html.find("aside", class_="most-read")
    assert [a.get_text() for a in aside.select("ol a")] == ["Busy story", "Quiet story"]
    assert aside.select_one("ol a")["href"] == busy.url


def test_the_most_read_never_shows_a_story_taken_down(client, home, story):
    article = story(title="Withdrawn story")
    read(article, 10)
    refresh_most_read()
    article.unpublish()
    assert "Withdrawn story" not in client.get("/").text


def test_older_views_leave_the_most_read(client, home, story):
    read(story(title="Last week's story"), 99, days_ago=3)
    refresh_most_read()
    html = BeautifulSoup(client.get("/").content, "lxml")
    assert html.find("aside", class_="most-read") is None


def test_the_front_page_carries_the_most_read_key(client, home):
    assert MOST_READ_KEY in client.get("/")["xkey"].split()


def test_a_flush_that_changes_the_ranking_purges_the_most_read(story):
    article = story()
    refresh_most_read()
    before = PurgedKey.objects.filter(key=MOST_READ_KEY).values_list("generation", flat=True).first()
    count_view(page_id=article.pk, referrer="")
    flush_counts()
    after = PurgedKey.objects.filter(key=MOST_READ_KEY).values_list("generation", flat=True).first()
    assert after is not None
    assert after != before


def test_a_flush_that_leaves_the_ranking_alone_purges_nothing(story):
    article = story()
    count_view(page_id=article.pk, referrer="")
    flush_counts()
    generation = PurgedKey.objects.get(key=MOST_READ_KEY).generation
    count_view(page_id=article.pk, referrer="")
    flush_counts()
    assert PurgedKey.objects.get(key=MOST_READ_KEY).generation == generation


def test_the_minute_jobs_flush_the_counts():
    from dateline.core.management.commands.run_schedule import MINUTE_JOBS

    assert "flush_readership" in MINUTE_JOBS


def test_the_flush_command_adds_waiting_views(story):
    from django.core.management import call_command

    article = story()
    count_view(page_id=article.pk, referrer="")
    call_command("flush_readership", stdout=None)
    assert PageViews.objects.get(page_id=article.pk).views == 1


def test_articles_carry_the_beacon_with_their_page_id(client, story):
    article = story()
    html = BeautifulSoup(client.get(article.url).content, "lxml")
    script = html.find("script", src=lambda src: src and src.endswith("readership/beacon.js"))
    assert script["data-page"] == str(article.pk)
    assert script["data-endpoint"] == reverse("readership:record_view")


def test_the_dashboard_shows_editors_most_read_sections_authors_and_referrers(client, editor, home, story):
    politics = SectionPageFactory(parent=home, title="Politics", slug="politics")
    article = story(title="Budget passes", parent=politics)
    ArticleAuthor.objects.create(article=article, person=PersonFactory(name="Ana Ruiz"))
    read(article, 12)
    ReferrerViews.objects.create(host="news.example.org", day=timezone.localdate(), views=7)
    client.force_login(editor)
    response = client.get(reverse("readership_dashboard"))
    assert response.status_code == 200
    html = BeautifulSoup(response.content, "lxml")
    sections = {
        s.h2.get_text(): [li.get_text(" ", strip=True) for li in s.select("li")]
        for s in html.select("section[aria-labelledby^=readership-]")
        if s.h2 and s.ol
    }
    assert sections["Most read today"] == ["Budget passes 12 views"]
    assert sections["Sections this week"] == ["Politics 12 views"]
    assert sections["Authors this week"] == ["Ana Ruiz 12 views"]
    assert sections["Referring sites this week"] == ["news.example.org 7 views"]


def test_the_chart_is_svg_with_a_title_a_description_and_a_table(client, editor, story):
    read(story(), 5, days_ago=2)
    client.force_login(editor)
    html = BeautifulSoup(client.get(reverse("readership_dashboard")).content, "lxml")
    svg = html.find("svg", role="img")
    assert svg.find("title").get_text() == "Page views per day"
    assert "5 views" in svg.find("desc").get_text()
    assert len(svg.find_all("rect")) == 30
    cells = [row.find("td").get_text() for row in html.select("details table tbody tr")]
    assert len(cells) == 30
    assert cells[-3] == "5"


def test_the_admin_menu_has_readership(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("readership_dashboard") in response.text


def test_readers_cannot_see_the_dashboard(client):
    response = client.get(reverse("readership_dashboard"))
    assert response.status_code == 302
