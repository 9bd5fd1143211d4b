"""The share bar's enhancements in a real browser: the system share sheet and copying the link."""

import pytest

from tests.news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Stand-ins for the browser's share sheet and clipboard that record what the page hands them.
RECORD_SHARES = """
    window.__shared = [];
    Object.defineProperty(navigator, "share", {
        value: (data) => { window.__shared.push(data); return Promise.resolve(); },
    });
    Object.defineProperty(navigator, "clipboard", {
        value: {writeText: (text) => { window.__copied = text; return Promise.resolve(); }},
    });
"""


@pytest.fixture
def article(section):
    return ArticlePageFactory(
        parent=section,
        title="Harbour reopens after the storm",
        slug="harbour-reopens",
        standfirst="Ships queued overnight as cranes were checked for damage.",
    )


def test_share_button_hands_headline_standfirst_and_address_to_the_share_sheet(live_server, page, article):
    page.add_init_script(RECORD_SHARES)
    page.goto(live_server.url + article.url)

    page.get_by_role("navigation", name="Share").get_by_role("button", name="Share…").click()

    shared = page.evaluate("window.__shared")
    assert len(shared) == 1
    assert shared[0]["title"] == "Harbour reopens after the storm"
    assert shared[0]["text"] == "Ships queued overnight as cranes were checked for damage."
    assert shared[0]["url"].endswith("/world/harbour-reopens/")


def test_share_button_stays_hidden_where_the_browser_has_no_share_sheet(live_server, page, article):
    page.goto(live_server.url + article.url)

    assert page.get_by_role("navigation", name="Share").get_by_role("button", name="Share…").count() == 0


def test_copy_link_puts_the_address_on_the_clipboard_and_says_so(live_server, page, article):
    page.add_init_script(RECORD_SHARES)
    page.goto(live_server.url + article.url)

    page.get_by_role("navigation", name="Share").get_by_role("button", name="Copy link").click()

    assert page.evaluate("window.__copied").endswith("/world/harbour-reopens/")
    assert page.get_by_role("status").filter(has_text="Link copied.").count() == 1
