"""The environment maps onto Wagtail's frontend-cache backends and the task queue as documented."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'frontend': settings.WAGTAILFRONTENDCACHE, 'tasks': settings.TASKS, "
    "'languages': settings.WAGTAILFRONTENDCACHE_LANGUAGES, 'page_cache': settings.DATELINE_PAGE_CACHE_SECONDS, "
    "'pages': settings.CACHES['pages']['BACKEND']}))"
)
PASSED_THROUGH = {"PATH", "HOME", "LANG", "TMPDIR"}


def settings_under(**env) -> dict:
    clean = {key: value for key, value in os.environ.items() if key in PASSED_THROUGH}
    clean.update(DJANGO_SETTINGS_MODULE="dateline.settings.dev", **env)
    output = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=clean, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def defaults(tmp_path_factory) -> dict:
    return settings_under(DATELINE_DATA_DIR=str(tmp_path_factory.mktemp("data")))


def test_default_has_no_frontend_cache_to_purge(defaults):
    assert defaults["frontend"] == {}
    assert defaults["languages"] == []


def test_default_page_cache_is_on_and_shared_between_processes_through_files(defaults):
    assert defaults["page_cache"] > 0
    assert defaults["pages"] == "django.core.cache.backends.filebased.FileBasedCache"


def test_default_tasks_run_in_process(defaults):
    assert defaults["tasks"]["default"]["BACKEND"] == "django_tasks.backends.immediate.ImmediateBackend"


def test_each_varnish_address_gets_a_purging_backend(tmp_path):
    frontend = settings_under(
        DATELINE_DATA_DIR=str(tmp_path), DATELINE_VARNISH_URL="http://127.0.0.1:6081,http://10.0.0.2:6081"
    )["frontend"]
    assert frontend["varnish0"] == {
        "BACKEND": "dateline.core.purge.VarnishBackend",
        "LOCATION": "http://127.0.0.1:6081",
    }
    assert frontend["varnish1"]["LOCATION"] == "http://10.0.0.2:6081"


def test_the_app_page_cache_is_off_when_varnish_keeps_the_pages(tmp_path):
    behind_varnish = settings_under(DATELINE_DATA_DIR=str(tmp_path), DATELINE_VARNISH_URL="http://127.0.0.1:6081")
    assert behind_varnish["page_cache"] == 0


def test_cloudflare_and_cloudfront_map_to_wagtails_backends(tmp_path):
    frontend = settings_under(
        DATELINE_DATA_DIR=str(tmp_path),
        DATELINE_CLOUDFLARE_ZONE_ID="zone123",
        DATELINE_CLOUDFLARE_API_TOKEN="token456",
        DATELINE_CLOUDFRONT_DISTRIBUTION_ID="E2EXAMPLE",
    )["frontend"]
    assert frontend["cloudflare"] == {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": "zone123",
        "BEARER_TOKEN": "token456",
    }
    assert frontend["cloudfront"] == {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": "E2EXAMPLE",
    }


def test_database_task_backend_is_chosen_by_environment(tmp_path):
    tasks = settings_under(DATELINE_DATA_DIR=str(tmp_path), DATELINE_TASKS_BACKEND="database")["tasks"]
    assert tasks["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
