"""axe-core in Chromium on the pages readers land on, in the light and the dark theme: zero violations.

axe-core comes from npm (package.json; `make test` runs `npm ci`). Without node_modules the tests
skip on a developer's machine and fail in CI, where a missing checker would hide regressions.
"""

import os
from pathlib import Path

import pytest

from .test_reading import build_newsroom, serve_media

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe is injected as a script; our strict Content Security Policy would rightly refuse it.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def axe(page):
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("node_modules/axe-core is missing: run `npm ci` before the tests.")
        pytest.skip("axe-core is not installed: run `npm ci` (or `make test`, which does).")

    def check(url: str, scheme: str) -> list[str]:
        page.emulate_media(color_scheme=scheme)
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        # Every rule axe ships except the experimental ones: WCAG 2.0 to 2.2 A and AA and best practices.
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [
            f"{violation['id']} ({violation['impact']}): {node['target']} {node['failureSummary']}"
            for violation in result["violations"]
            for node in violation["nodes"]
        ]

    return check


PAGES = {
    "front page": lambda articles: "/",
    "section": lambda articles: "/world/",
    "article": lambda articles: articles[0].url,
    "search results": lambda articles: "/search/?q=harbour",
    "not found": lambda articles: "/no-such-story/",
    "person": lambda articles: "/people/ana-perez/",
}


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations_in_light_or_dark(live_server, page, home, section, axe, name):
    articles = build_newsroom(home, section)
    serve_media(page)
    url = live_server.url + PAGES[name](articles)
    assert axe(url, "light") == []
    assert axe(url, "dark") == []
