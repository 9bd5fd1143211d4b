"""Tests: fast hashing, a private cache, immediate tasks, an in-memory mailbox."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, REDIS_URL, STORAGES

DEBUG = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Browser tests write from the live server's thread while the test's own thread writes too. A
    # shared in-memory SQLite refuses such overlapping writes ("database table is locked") where a
    # file waits for its lock (busy timeout), as the product's own SQLite does.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"dateline-test-{os.getpid()}.sqlite3")}
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if not REDIS_URL:
    CACHES = {
        **CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
        "logins": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "logins"},
    }
# The app page cache stays off so tests that change content without publishing see it at once;
# tests/core/test_cache*.py switch it on.
DATELINE_PAGE_CACHE_SECONDS = 0
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the apps, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests that log staff in with force_login or admin_client meet the admin as before; tests/accounts
# switch the second factor on to test it.
DATELINE_STAFF_2FA = False
