"""Chromium through Playwright against pytest-django's live server.

Uses Debian's /usr/bin/chromium, never a browser Playwright would download. Without it the browser
tests skip on a developer's machine and fail in CI (CI is set), where a missing browser is a fault.
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            # A live server needs committed data, so these tests flush the database afterwards; the
            # serialized rollback puts back what the migrations made (locales, front page, site, groups)
            # for the tests that run after them.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
            if not CHROMIUM.exists() and not os.environ.get("CI"):
                item.add_marker(pytest.mark.skip(reason="no /usr/bin/chromium: apt-get install chromium"))


@pytest.fixture(autouse=True)
def _chromium_required_in_ci():
    if not CHROMIUM.exists():
        pytest.fail("CI has no /usr/bin/chromium: .ci/run must install Debian's chromium package.")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def results_dir() -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    return RESULTS_DIR
