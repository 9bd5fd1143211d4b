"""A reader arrives from the front page and reads an article with the keyboard alone."""

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import expect

from dateline.core.models import NewsroomSettings
from tests.news.factories import ArticlePageFactory, PersonFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db(transaction=True)

HEADLINE = "Harbour reopens after the storm"

# What the reader's keyboard focus is on: its role-like tag and accessible text, and whether the
# browser shows where focus is (:focus-visible with an outline or a shadow drawn).
FOCUSED = r"""() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const drawn = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    return {
        tag: el.tagName.toLowerCase(),
        text: (el.getAttribute("aria-label") || el.textContent || el.placeholder || "").replace(/\s+/g, " ").trim(),
        href: el.getAttribute("href"),
        visible: el.matches(":focus-visible") && drawn,
    };
}"""


@pytest.fixture
def article(section):
    NewsroomSettings.objects.update_or_create(site=section.get_site(), defaults={"outlet_code": "RHC"})
    article = ArticlePageFactory(
        parent=section,
        title=HEADLINE,
        slug="harbour-reopens",
        dateline_place="Antwerp",
        authors=[PersonFactory(name="Ana Pérez", slug="ana-perez")],
        edited_by=PersonFactory(name="Sam Okafor", slug="sam-okafor"),
        lead_photo=PhotoFactory(description="Cranes at the harbour", credit="AFP"),
        body=[
            ("paragraph", "<p>Ships returned to the quays on Monday.</p>"),
            ("subheading", "What the port says"),
            ("paragraph", "<p>Officials expect full traffic <a href='https://example.org/port'>by Friday</a>.</p>"),
        ],
    )
    with time_machine.travel(dt.datetime(2026, 2, 20, 14, 5, tzinfo=dt.UTC), tick=False):
        article.save_revision().publish()
    return article


def tab_through(page, most=80):
    """Every stop of the Tab key from the top of the page to its end."""
    stops = []
    for _ in range(most):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop["tag"] == "body" or (stops and stop == stops[0]):
            break
        stops.append(stop)
    return stops


def test_reader_finds_the_article_on_the_front_page_and_tabs_through_it(live_server, page, article, results_dir):
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=HEADLINE).first.click()
    expect(page).to_have_url(live_server.url + "/world/harbour-reopens/")
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)

    stops = tab_through(page)
    texts = [stop["text"] for stop in stops]

    assert (stops[0]["text"], stops[0]["href"]) == ("Skip to content", "#main")
    assert stops[1]["href"] == "/"  # the site's name, home
    assert "World" in texts[2:6]  # the header's section links
    in_order = ["Ana Pérez", "Sam Okafor", "Pinterest", "Copy link", "by Friday"]
    positions = [next(i for i, text in enumerate(texts) if text.startswith(word)) for word in in_order]
    assert positions == sorted(positions), texts
    assert any(stop["href"] == "#top" for stop in stops), texts
    hidden_focus = [stop for stop in stops if not stop["visible"]]
    assert hidden_focus == [], "focus must always be visible"
    page.screenshot(path=str(results_dir / "reader-article.png"), full_page=True)


def test_skip_link_takes_the_reader_past_the_header(live_server, page, article):
    page.goto(live_server.url + article.url)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    page.keyboard.press("Tab")
    # The first stop inside the article is its section link above the headline.
    assert page.evaluate(FOCUSED)["text"] == "World"


def test_up_link_returns_the_reader_to_the_top(live_server, page, article):
    # Smooth scrolling would still be carrying the page down to the focused link when Enter is pressed.
    page.emulate_media(reduced_motion="reduce")
    page.set_viewport_size({"width": 800, "height": 400})
    page.goto(live_server.url + article.url)
    up = page.get_by_role("link", name="Up")
    up.focus()
    expect(page.locator("#top")).not_to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + article.url + "#top")
    expect(page.locator("#top")).to_be_in_viewport()
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
