"""The live page readers get: served as itself, updates newest first, the summary, older pages, JSON-LD."""

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from dateline.live import services
from dateline.live.models import UPDATES_PER_PAGE
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "lxml")


def json_ld(soup) -> dict:
    return json.loads(soup.find("script", type="application/ld+json").string)


def update_ids(container) -> list[int]:
    return [int(article["data-update-id"]) for article in container.select("[data-update-id]")]


def test_live_page_is_served_as_a_live_page_with_its_updates_newest_first(client, live_page):
    first = services.post_update(page=live_page, text="Winds reach 120 km/h.")
    second = services.post_update(page=live_page, text="The port is closed.")
    soup = soup_of(client.get(live_page.url))
    assert update_ids(soup.select_one("[data-live-updates]")) == [second.pk, first.pk]
    assert soup.select_one(".live__badge")


def test_the_page_tells_its_script_where_to_ask_and_from_which_change(client, live_page):
    update = services.post_update(page=live_page, text="Winds reach 120 km/h.")
    section = soup_of(client.get(live_page.url)).select_one("[data-live-endpoint]")
    assert section["data-live-endpoint"] == f"/live/{live_page.pk}/updates/"
    assert section["data-live-cursor"] == str(update.sequence)


def test_the_script_is_our_own_file_and_nothing_inline(client, live_page):
    soup = soup_of(client.get(live_page.url))
    scripts = soup.find_all("script", src=True)
    assert any(script["src"].endswith("live/live.js") for script in scripts)
    inline = [s for s in soup.find_all("script", src=False) if s.get("type") != "application/ld+json"]
    assert inline == []


def test_the_pinned_summary_shows_above_the_updates_and_not_among_them(client, live_page):
    summary = services.post_update(page=live_page, text="What we know so far.", is_pinned=True)
    other = services.post_update(page=live_page, text="The port is closed.")
    soup = soup_of(client.get(live_page.url))
    assert update_ids(soup.select_one("[data-live-pinned]")) == [summary.pk]
    assert update_ids(soup.select_one("[data-live-updates]")) == [other.pk]


def test_a_corrected_update_says_when_and_keeps_the_first_words_marked(client, live_page):
    update = services.post_update(page=live_page, text="The mayor, Ana Peres, spoke.")
    services.change_update(update=update, text="The mayor, Ana Pérez, spoke.", correction_note="Name misspelt.")
    article = soup_of(client.get(live_page.url)).find(id=f"update-{update.pk}")
    assert article.select_one(".live-update__corrected time")["datetime"]
    assert "Name misspelt." in article.select_one(".live-update__correction").get_text()
    assert article.select_one("del").get_text() == "The mayor, Ana Peres, spoke."


def test_older_updates_are_behind_a_link_that_works_without_javascript(client, live_page):
    posted = [services.post_update(page=live_page, text=f"Update {n}.") for n in range(UPDATES_PER_PAGE + 3)]
    soup = soup_of(client.get(live_page.url))
    assert len(update_ids(soup.select_one("[data-live-updates]"))) == UPDATES_PER_PAGE
    older = soup.find("a", rel="next")
    second = soup_of(client.get(live_page.url + older["href"]))
    assert update_ids(second.select_one("[data-live-updates]")) == [u.pk for u in reversed(posted[:3])]
    assert second.select_one("[data-live-endpoint]") is None  # only the newest page asks for more


def test_nonsense_older_cursor_is_a_404(client, live_page):
    assert client.get(live_page.url + "?older=x").status_code == 404


def test_updates_carry_photo_and_quote(client, live_page):
    photo = PhotoFactory()
    update = services.post_update(page=live_page, photo=photo, quote="We are ready.", quote_attribution="The mayor")
    article = soup_of(client.get(live_page.url)).find(id=f"update-{update.pk}")
    assert article.find("img")
    assert article.find("blockquote").get_text(strip=True) == "We are ready."


def test_json_ld_is_a_live_blog_posting_with_coverage_and_updates(client, live_page):
    live_page.coverage_end = timezone.now() + dt.timedelta(hours=5)
    live_page.save_revision().publish()
    first = services.post_update(page=live_page, headline="Port closed", text="The port is closed.")
    second = services.post_update(page=live_page, text="Three dead.")
    services.change_update(update=second, text="Four dead.", correction_note="Toll revised.")
    data = json_ld(soup_of(client.get(live_page.url)))
    assert data["@type"] == "LiveBlogPosting"
    assert dt.datetime.fromisoformat(data["coverageStartTime"]) == live_page.coverage_start
    assert dt.datetime.fromisoformat(data["coverageEndTime"]) == live_page.coverage_end
    updates = data["liveBlogUpdate"]
    assert [u["@type"] for u in updates] == ["BlogPosting", "BlogPosting"]
    assert updates[1]["headline"] == "Port closed"
    assert updates[1]["url"].endswith(f"#update-{first.pk}")
    assert updates[0]["articleBody"] == "Four dead."
    assert updates[0]["correction"]["@type"] == "CorrectionComment"
    assert dt.datetime.fromisoformat(data["dateModified"]) >= dt.datetime.fromisoformat(updates[0]["dateModified"])


def test_live_page_is_listed_in_its_section_as_any_article(client, section, live_page):
    soup = soup_of(client.get(section.url))
    assert soup.find("a", href=live_page.url)


def test_ended_coverage_stops_the_script_and_says_so(client, live_page):
    live_page.coverage_end = timezone.now() - dt.timedelta(minutes=5)
    live_page.save_revision().publish()
    soup = soup_of(client.get(live_page.url))
    assert soup.select_one("[data-live-endpoint]") is None
    assert soup.select_one(".live__badge") is None
    assert "ended" in soup.select_one(".live__coverage").get_text()


def test_live_page_is_valid_html_without_duplicate_ids(client, live_page):
    import html5lib

    summary = services.post_update(page=live_page, text="What we know.", is_pinned=True)
    services.post_update(page=live_page, headline="Port closed", text="See https://example.org/port.")
    services.post_update(page=live_page, photo=PhotoFactory(), quote="We are ready.", quote_attribution="The mayor")
    corrected = services.post_update(page=live_page, text="Three dead.")
    services.change_update(update=corrected, text="Four dead.", correction_note="Toll revised.")
    content = client.get(live_page.url).content
    # The WHATWG parser in strict mode raises at the first parse error (bad nesting, stray tags).
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(content)
    ids = [element["id"] for element in BeautifulSoup(content, "lxml").find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert f"update-{summary.pk}" in ids


def test_the_front_page_links_a_live_page_as_any_article(client, home, live_page):
    soup = soup_of(client.get("/"))
    assert soup.find("a", href=live_page.url)
