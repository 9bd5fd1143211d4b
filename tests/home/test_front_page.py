"""The front page: lead story, pinned stories, section rows, most commented, banner, structured data."""

import datetime as dt
import json
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Site

from dateline.core.headers import ALL_PAGES_KEY
from dateline.home.models import BreakingNewsBanner, PinnedStory
from dateline.home.queries import front_page_stories, most_commented_this_week
from tests.comments.factories import CommentFactory
from tests.news.factories import SectionPageFactory

pytestmark = pytest.mark.django_db


def front(client):
    response = client.get("/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def pin(home, *articles):
    for order, article in enumerate(articles):
        PinnedStory.objects.create(home=home, article=article, sort_order=order)


def test_chosen_lead_story_leads(home, story):
    chosen = story(hours_ago=10, title="Chosen")
    story(hours_ago=1)
    home.lead_story = chosen
    home.save()
    assert front_page_stories(home).lead == chosen


def test_first_pinned_story_leads_when_none_is_chosen(home, story):
    pinned = story(hours_ago=10)
    story(hours_ago=1)
    pin(home, pinned)
    assert front_page_stories(home).lead == pinned


def test_newest_story_leads_when_nothing_is_chosen_or_pinned(home, story):
    story(hours_ago=10)
    newest = story(hours_ago=1)
    assert front_page_stories(home).lead == newest


def test_unpublished_lead_story_gives_way_to_the_newest(home, story):
    newest = story(hours_ago=1)
    home.lead_story = story(hours_ago=2, live=False)
    home.save()
    assert front_page_stories(home).lead == newest


def test_pinned_stories_keep_the_editors_order_and_skip_unpublished_ones(home, story):
    lead, first, second, draft = story(0.5), story(3), story(2), story(1, live=False)
    home.lead_story = lead
    home.save()
    pin(home, first, draft, second)
    assert front_page_stories(home).pinned == [first, second]


def test_section_rows_leave_out_stories_already_shown_above(home, section, story):
    lead, pinned, rest = story(1, title="Lead"), story(2, title="Pinned"), story(3, title="Rest")
    home.lead_story = lead
    home.save()
    pin(home, pinned)
    assert front_page_stories(home).section_rows == [(section, [rest])]


def test_front_page_shows_lead_then_top_stories_then_sections(client, home, section, story):
    story(3, title="In the section")
    pin(home, story(2, title="Pinned one"))
    home.lead_story = story(1, title="The lead")
    home.save()
    soup = front(client)
    assert soup.select_one("#lead-headline").get_text() == "The lead"
    assert [h.get_text() for h in soup.select(".top-stories .teaser__headline")] == ["Pinned one"]
    assert [h.get_text(strip=True) for h in soup.select(".section-row > h2")] == ["World"]


def test_most_commented_counts_only_approved_comments_of_the_last_week(home, story):
    busy, quiet, old_news = story(title="Busy"), story(title="Quiet"), story(title="Old news")
    for _ in range(3):
        CommentFactory(article=busy)
    CommentFactory(article=busy, status="pending")
    CommentFactory(article=quiet)
    for _ in range(5):
        CommentFactory(article=old_news, created_at=timezone.now() - dt.timedelta(days=8))
    assert [(article.title, n) for article, n in most_commented_this_week(home.locale)] == [("Busy", 3), ("Quiet", 1)]


def test_most_commented_counts_are_kept_for_a_few_minutes(home, story):
    busy = story(title="Busy")
    CommentFactory(article=busy)
    most_commented_this_week(home.locale)
    with CaptureQueriesContext(connection) as queries:
        assert [article.title for article, _n in most_commented_this_week(home.locale)] == ["Busy"]
    assert not [query for query in queries if "comments_comment" in query["sql"]]


def test_most_commented_is_shown_on_the_front_page(client, home, story):
    CommentFactory(article=story(title="Talked about"))
    soup = front(client)
    box = soup.select_one("aside.most-commented")
    assert [link.get_text() for link in box.select("li a")] == ["Talked about"]


def test_front_page_without_comments_leaves_the_box_out(client, home, story):
    story()
    assert front(client).select_one(".most-commented") is None


def test_front_page_describes_the_publisher_and_site_search(client, home):
    scripts = front(client).select('script[type="application/ld+json"]')
    graph = json.loads(scripts[0].string)["@graph"]
    organization, website = graph
    assert organization["@type"] == "NewsMediaOrganization"
    assert organization["name"] == "Dateline"
    assert website["@type"] == "WebSite"
    assert website["publisher"] == {"@id": organization["@id"]}
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_front_page_announces_the_site_feeds(client, home):
    links = front(client).select('head link[rel="alternate"][type]')
    assert [(link["type"], link["href"]) for link in links] == [
        ("application/rss+xml", "/feeds/rss.xml"),
        ("application/atom+xml", "/feeds/atom.xml"),
        ("application/feed+json", "/feeds/feed.json"),
    ]


def test_front_page_has_share_card_tags(client, home):
    head = front(client).head
    assert head.find("meta", property="og:type")["content"] == "website"
    assert head.find("meta", property="og:url")["content"] == "http://testserver/"
    assert head.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_spanish_front_page_links_back_to_the_english_one(client, home):
    spanish_locale, _ = Locale.objects.get_or_create(language_code="es")
    spanish = home.copy_for_translation(spanish_locale)
    spanish.save_revision().publish()
    soup = BeautifulSoup(client.get("/es/").content, "html.parser")
    alternates = {link["hreflang"]: link["href"] for link in soup.select('head link[rel="alternate"][hreflang]')}
    assert alternates == {"en": "http://testserver/", "es": "http://testserver/es/", "x-default": "http://testserver/"}
    assert soup.html["lang"] == "es"


def banner(**fields):
    site = Site.objects.get(is_default_site=True)
    setting = BreakingNewsBanner.for_site(site)
    for name, value in fields.items():
        setting.__setattr__(name, value)
    setting.save()
    return setting


def test_breaking_news_banner_shows_its_text_and_link(client, home):
    banner(is_active=True, text="Earthquake hits Lima", link="https://news.example.org/lima/")
    box = front(client).find("aside", attrs={"aria-label": "Breaking news"})
    link = box.find("a")
    assert (link.get_text(), link["href"]) == ("Earthquake hits Lima", "https://news.example.org/lima/")


def test_breaking_news_banner_shows_on_every_page(client, section):
    banner(is_active=True, text="Earthquake hits Lima")
    soup = BeautifulSoup(client.get(section.url).content, "html.parser")
    assert soup.find("aside", attrs={"aria-label": "Breaking news"})


def test_expired_banner_is_not_shown(client, home):
    banner(is_active=True, text="Old news", expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert front(client).find("aside", attrs={"aria-label": "Breaking news"}) is None


def test_switched_off_banner_is_not_shown(client, home):
    banner(is_active=False, text="Earthquake hits Lima")
    assert front(client).find("aside", attrs={"aria-label": "Breaking news"}) is None


def test_banner_cannot_be_switched_on_without_text(home):
    setting = BreakingNewsBanner(site=Site.objects.get(is_default_site=True), is_active=True, text=" ")
    with pytest.raises(ValidationError):
        setting.full_clean()


def test_saving_the_banner_purges_every_page(home, section, django_capture_on_commit_callbacks):
    # The banner shows on every page, so its save purges the key every shared response carries.
    with mock.patch("dateline.core.purge.purge") as purge, django_capture_on_commit_callbacks(execute=True):
        banner(is_active=True, text="Earthquake hits Lima")
    assert purge.call_args.kwargs["keys"] == [ALL_PAGES_KEY]


def front_page_queries(client) -> int:
    client.get("/")  # the first view creates the site settings, which purges
    client.get("/")  # warm the caches every reader shares (site, renditions)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_front_page_queries_do_not_grow_with_the_number_of_sections(client, home, section, story):
    for n in range(3):
        story(hours_ago=n + 1)
    with_one_section = front_page_queries(client)
    for name in ("Sport", "Culture", "Science"):
        other = SectionPageFactory(parent=home, title=name, slug=name.lower())
        for n in range(3):
            story(hours_ago=n + 1, parent=other)
    assert front_page_queries(client) == with_one_section


def test_quiet_section_still_gets_its_row_when_busy_sections_fill_the_window(home, section, story, monkeypatch):
    monkeypatch.setattr("dateline.home.queries.RECENT_WINDOW", 3)
    quiet = SectionPageFactory(parent=home, title="Quiet", slug="quiet")
    old = story(hours_ago=100, parent=quiet, title="Old but only")
    for n in range(4):
        story(hours_ago=n + 1)
    rows = dict(front_page_stories(home).section_rows)
    assert rows[quiet] == [old]
