"""Fixtures that switch the app page cache on, in a cache of the test's own (locmem or Redis)."""

import uuid

import pytest
from django.core.cache import caches


@pytest.fixture
def page_cache(settings):
    pages = settings.CACHES["pages"]
    unique = uuid.uuid4().hex
    if "redis" in pages["BACKEND"]:
        pages = {**pages, "KEY_PREFIX": f"test-{unique}"}
    else:
        pages = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": unique}
    settings.CACHES = {**settings.CACHES, "pages": pages}
    settings.DATELINE_PAGE_CACHE_SECONDS = 600
    return caches["pages"]
