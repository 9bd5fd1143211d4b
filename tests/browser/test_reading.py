"""The reading pages in Chromium at phone and desktop widths, with screenshots for people to look at."""

import datetime as dt
import mimetypes
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from tests.comments.factories import CommentFactory
from tests.news.factories import ArticlePageFactory, PersonFactory, SectionPageFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
PARAGRAPH = (
    "Ministers from twelve countries met again on Tuesday to weigh the plan, which would widen the harbour, "
    "dredge the channel and build a sea wall before the next storm season."
)


SIZE_ATTRIBUTES = "images => images.map(image => [image.getAttribute('width'), image.getAttribute('height')])"


def build_newsroom(home, section):
    """A front page worth looking at: two sections, photos, bylines, tags and a commented story."""
    sport = SectionPageFactory(parent=home, title="Sport", slug="sport")
    reporter = PersonFactory(name="Ana Pérez", slug="ana-perez", role="Europe correspondent")
    now = timezone.now()
    colours = ["steelblue", "darkolivegreen", "indianred", "slategray", "darkgoldenrod", "teal"]
    articles = []
    for n, colour in enumerate(colours):
        article = ArticlePageFactory(
            parent=section if n % 2 == 0 else sport,
            title=f"Harbour talks resume as storm season nears, day {n + 1}",
            lead_photo=PhotoFactory(file__color=colour),
            first_published_at=now - dt.timedelta(hours=n + 1),
            last_published_at=now - dt.timedelta(hours=n + 1),
            body=[("paragraph", f"<p>{PARAGRAPH}</p>") for _ in range(9)],
            authors=[reporter],
        )
        article.tags.add("harbour", "storms")
        article.save()
        articles.append(article)
    for _ in range(3):
        CommentFactory(article=articles[0])
    return articles


def serve_media(page):
    """The live server does not serve uploads; hand Chromium the photo files straight from MEDIA_ROOT."""

    def handle(route):
        path = Path(settings.MEDIA_ROOT) / route.request.url.split("/media/", 1)[1].split("?")[0]
        if path.is_file():
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            route.fulfill(status=200, body=path.read_bytes(), content_type=content_type)
        else:
            route.fulfill(status=404, body=b"")

    page.route("**/media/**", handle)


@pytest.fixture
def newsroom(home, section):
    return build_newsroom(home, section)


def has_no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_front_page_fits_the_screen_and_is_saved_as_a_screenshot(live_server, page, newsroom, results_dir, width):
    page.set_viewport_size(WIDTHS[width])
    serve_media(page)
    page.goto(live_server.url + "/")
    assert page.get_by_role("link", name=newsroom[0].title).first.is_visible()
    assert has_no_sideways_scroll(page)
    page.screenshot(path=results_dir / f"front-page-{width}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_article_fits_the_screen_and_is_saved_as_a_screenshot(live_server, page, newsroom, results_dir, width):
    page.set_viewport_size(WIDTHS[width])
    serve_media(page)
    page.goto(live_server.url + newsroom[0].url)
    assert page.get_by_role("heading", level=1).inner_text() == newsroom[0].title
    assert has_no_sideways_scroll(page)
    page.screenshot(path=results_dir / f"article-{width}.png", full_page=True)


def test_every_photo_declares_its_size_so_the_page_does_not_jump(live_server, page, newsroom):
    serve_media(page)
    for url in ["/", newsroom[0].url, "/world/"]:
        page.goto(live_server.url + url)
        sizes = page.eval_on_selector_all(
            "img", "images => images.map(i => [i.getAttribute('width'), i.getAttribute('height')])"
        )
        assert sizes
        assert all(width and height for width, height in sizes), url


def test_skip_link_is_the_first_stop_and_moves_to_the_content(live_server, page, newsroom):
    page.goto(live_server.url + newsroom[0].url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_reader_searches_from_the_header_and_sees_marked_words(live_server, page, newsroom):
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search the site").fill("harbour")
    page.get_by_role("button", name="Search").first.click()
    page.wait_for_url("**/search/?q=harbour")
    results = page.get_by_role("list").filter(has=page.locator(".result"))
    assert results.get_by_role("heading").count() == len(newsroom)
    assert page.locator(".result__headline mark").first.inner_text().lower() == "harbour"


def test_dark_theme_follows_the_system_setting(live_server, page, newsroom):
    page.emulate_media(color_scheme="dark")
    page.goto(live_server.url + "/")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(18, 18, 18)"
