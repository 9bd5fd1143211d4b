"""Live coverage in Chromium: an editor posts an update from the admin and a reader's open page shows it
without a reload; the page works with JavaScript off; axe finds nothing on a live page."""

import pytest
from playwright.sync_api import expect

from dateline.live import services
from tests.browser.admin import sign_in

# axe, and the page fixture's context without CSP that axe needs; the other tests open contexts of
# their own, under the site's real policy.
from tests.browser.test_accessibility import axe, browser_context_args  # noqa: F401
from tests.browser.test_reading import serve_media
from tests.live.factories import LivePageFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Two shared cores; the reader's page asks every 3 s.
expect.set_options(timeout=20_000)


@pytest.fixture
def live_page(section):
    page = LivePageFactory(parent=section, title="Storm hits the coast", slug="storm", lead_photo=PhotoFactory())
    page.save_revision().publish()
    page.refresh_from_db()
    services.post_update(page=page, text="What we know so far: the port is closed.", is_pinned=True)
    services.post_update(page=page, headline="Landfall", text="The storm crossed the coast at 14:00.")
    services.post_update(page=page, quote="The sea wall has held.", quote_attribution="The mayor")
    corrected = services.post_update(page=page, text="25,000 homes are without power.")
    services.change_update(update=corrected, text="40,000 homes are without power.", correction_note="Figure revised.")
    return page


def test_a_readers_page_shows_an_update_the_editor_posts_without_reloading(live_server, browser, live_page, editor):
    reader = browser.new_context().new_page()
    reader.goto(live_server.url + live_page.url)
    reader.evaluate("window.__notReloaded = true")
    updates = reader.locator("[data-live-updates]")
    expect(updates.get_by_text("The storm crossed the coast at 14:00.")).to_be_visible()

    desk = browser.new_context().new_page()
    sign_in(desk, live_server.url, "editor")
    desk.goto(f"{live_server.url}/admin/pages/{live_page.pk}/edit/")
    desk.get_by_role("link", name="Post an update").first.click()
    desk.get_by_label("Text").fill("Rivers are rising in the eastern valley.")
    desk.get_by_role("button", name="Post update").click()
    expect(desk.get_by_text("Update posted").first).to_be_visible()

    expect(updates.locator("article").first).to_contain_text("Rivers are rising in the eastern valley.")
    expect(reader.get_by_role("status").filter(has_text="1 new update")).to_be_attached()
    assert reader.evaluate("window.__notReloaded") is True
    # Focus stays where the reader left it.
    assert reader.evaluate("document.activeElement === document.body")


def test_a_correction_replaces_the_update_in_place_and_a_deleted_one_goes(live_server, browser, live_page):
    page = browser.new_context().new_page()
    page.goto(live_server.url + live_page.url)
    update = live_page.updates.get(headline="Landfall")
    quote = live_page.updates.exclude(quote="").get()
    expect(page.locator(f"#update-{quote.pk}")).to_be_visible()
    services.change_update(update=update, text="The storm crossed the coast at 14:10.", correction_note="Time.")
    services.delete_update(update=quote)
    article = page.locator(f"#update-{update.pk}")
    expect(article).to_contain_text("Corrected at")
    expect(article).to_contain_text("14:10")
    assert page.locator(f"#update-{update.pk}").count() == 1
    expect(page.locator(f"#update-{quote.pk}")).to_have_count(0)


def test_the_page_works_with_javascript_off(live_server, browser, live_page):
    for n in range(25):
        services.post_update(page=live_page, text=f"Routine update number {n}.")
    reader = browser.new_context(java_script_enabled=False).new_page()
    reader.goto(live_server.url + live_page.url)
    expect(reader.get_by_text("What we know so far: the port is closed.")).to_be_visible()
    expect(reader.get_by_text("Routine update number 24.")).to_be_visible()
    expect(reader.get_by_text("Routine update number 0.")).to_have_count(0)
    reader.get_by_role("link", name="Older updates").click()
    expect(reader.get_by_text("Routine update number 0.")).to_be_visible()
    expect(reader.get_by_text("40,000 homes are without power.")).to_be_visible()


def test_live_page_has_no_accessibility_violations_in_light_or_dark(live_server, page, live_page, axe):  # noqa: F811
    serve_media(page)
    url = live_server.url + live_page.url
    assert axe(url, "light") == []
    assert axe(url, "dark") == []


def test_the_page_loads_without_a_content_security_policy_report(live_server, browser, live_page):
    reader = browser.new_context().new_page()
    errors = []
    reader.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    reader.goto(live_server.url + live_page.url)
    reader.wait_for_timeout(4000)  # one poll
    assert not [error for error in errors if "Content Security Policy" in error]
