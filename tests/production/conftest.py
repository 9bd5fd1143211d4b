"""Production topology tests: the VCL under varnishtest, the health probe, and (only when asked
with `pytest -m stack`) the failure drills against the running local stack."""

import os

import pytest


def pytest_collection_modifyitems(config, items):
    asked_for_stack = "stack" in (config.getoption("-m") or "")
    for item in items:
        if item.get_closest_marker("stack") and not asked_for_stack:
            item.add_marker(pytest.mark.skip(reason="starts the local stack: run with `pytest -m stack`"))


@pytest.fixture
def ci() -> bool:
    return bool(os.environ.get("CI"))
