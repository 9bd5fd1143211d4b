"""The readership beacon in Chromium: one view per article load, none when the reader asks for Global
Privacy Control or the browser is automated."""

import pytest

from dateline.readership.counting import flush_counts, pending_counts
from dateline.readership.models import PageViews

pytestmark = pytest.mark.django_db(transaction=True)

# Playwright's Chromium says it is automated (navigator.webdriver), which beacon.js honours: a reader's
# browser does not.
AS_A_READER = "Object.defineProperty(Navigator.prototype, 'webdriver', {get: () => false});"
# Headless Chromium names itself HeadlessChrome, which the beacon's door counts as a robot.
READER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
WITH_GPC = "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});"


def beacons_sent(browser, url: str, *scripts: str) -> int:
    context = browser.new_context(user_agent=READER_AGENT)
    for script in scripts:
        context.add_init_script(script)
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append(request) if request.url.endswith("/_views") else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    context.close()
    return len(sent)


@pytest.fixture
def article_url(live_server, story):
    pending_counts().take()
    return live_server.url + story(title="Harbour talks resume").url


def test_loading_an_article_sends_one_beacon_and_counts_one_view(browser, article_url):
    assert beacons_sent(browser, article_url, AS_A_READER) == 1
    flush_counts()
    assert sum(PageViews.objects.values_list("views", flat=True)) == 1


def test_a_reader_with_global_privacy_control_sends_none(browser, article_url):
    assert beacons_sent(browser, article_url, AS_A_READER, WITH_GPC) == 0


def test_an_automated_browser_sends_none(browser, article_url):
    assert beacons_sent(browser, article_url) == 0
