"""Purges owed to Varnish or a CDN: written with the change, delivered after it commits, kept and
retried when delivery fails, and shown to editors until it succeeds."""

from io import StringIO
from unittest import mock
from urllib.error import URLError

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from dateline.core.headers import path_key
from dateline.core.models import PendingPurge, PurgeCounter, PurgedKey
from dateline.core.purge import purge, purge_generation, unchanged_since

pytestmark = pytest.mark.django_db

VARNISH = {"varnish0": {"BACKEND": "dateline.core.purge.VarnishBackend", "LOCATION": "http://127.0.0.1:6081"}}


@pytest.fixture
def varnish(settings):
    settings.WAGTAILFRONTENDCACHE = VARNISH


def sent_keys(urlopen) -> list[str]:
    return [call.args[0].get_header("Xkey-purge") for call in urlopen.call_args_list]


def test_each_purge_raises_the_generation_and_stamps_its_keys():
    before = purge_generation()
    purge(keys=["front"], urls=["http://testserver/world/"])
    after = purge_generation()
    assert after > before
    assert set(PurgedKey.objects.values_list("key", flat=True)) >= {"front", path_key("/world/")}
    assert not unchanged_since(["front"], before)
    assert unchanged_since(["front"], after)


def test_a_generation_the_database_has_not_reached_counts_as_changed():
    # A database restored from an older backup: pages stamped after it are not taken as current.
    purge(keys=["front"])
    generation = purge_generation()
    PurgeCounter.objects.update(generation=generation - 1)
    assert not unchanged_since(["nothing-purged"], generation)


def test_a_purge_by_url_reaches_varnish_by_key_too(varnish, django_capture_on_commit_callbacks):
    # Varnish stores a copy under the Host it was asked for, which a purge by URL may not know.
    with (
        mock.patch("dateline.core.purge.urlopen") as urlopen,
        mock.patch("wagtail.contrib.frontend_cache.backends.http.urlopen"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        purge(urls=["http://news.example.org/world/story/"])
    assert sent_keys(urlopen) == [path_key("/world/story/")]


def test_without_varnish_or_a_cdn_nothing_is_owed():
    purge(keys=["front"])
    assert not PendingPurge.objects.exists()


def test_a_purge_is_delivered_after_the_commit_and_then_forgotten(varnish, django_capture_on_commit_callbacks):
    with mock.patch("dateline.core.purge.urlopen") as urlopen, django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            purge(keys=["front"])
            assert PendingPurge.objects.count() == 1
            assert not urlopen.called  # nothing leaves before the change commits
    assert sent_keys(urlopen) == ["front"]
    assert not PendingPurge.objects.exists()


def test_a_rolled_back_change_owes_no_purge(varnish, django_capture_on_commit_callbacks):
    def failing_change():
        with transaction.atomic():
            purge(keys=["front"])
            raise RuntimeError("the change failed")

    with mock.patch("dateline.core.purge.urlopen") as urlopen, django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            failing_change()
    assert not urlopen.called
    assert not PendingPurge.objects.exists()


def test_a_refused_purge_stays_owed_and_is_logged(varnish, caplog, django_capture_on_commit_callbacks):
    refused = URLError("Connection refused")
    with (
        mock.patch("dateline.core.purge.urlopen", side_effect=refused),
        django_capture_on_commit_callbacks(execute=True),
    ):
        purge(keys=["article-7"])
    owed = PendingPurge.objects.get()
    assert (owed.keys, owed.attempts) == (["article-7"], 1)
    assert "Connection refused" in owed.last_error
    assert any("not delivered" in record.getMessage() for record in caplog.records if record.levelname == "ERROR")


def test_a_refused_url_purge_stays_owed_too(varnish, django_capture_on_commit_callbacks):
    with (
        mock.patch("wagtail.contrib.frontend_cache.backends.http.urlopen", side_effect=URLError("timed out")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        purge(urls=["http://testserver/world/"])
    assert "timed out" in PendingPurge.objects.get().last_error


def test_retry_purges_delivers_what_is_owed(varnish):
    PendingPurge.objects.create(keys=["article-7"], attempts=3, last_error="Connection refused")
    out = StringIO()
    with mock.patch("dateline.core.purge.urlopen") as urlopen:
        call_command("retry_purges", stdout=out)
    assert sent_keys(urlopen) == ["article-7"]
    assert not PendingPurge.objects.exists()
    assert out.getvalue().startswith("Delivered 1 purges")


def test_retry_purges_fails_while_varnish_still_refuses(varnish):
    PendingPurge.objects.create(keys=["article-7"], attempts=1)
    with mock.patch("dateline.core.purge.urlopen", side_effect=URLError("refused")), pytest.raises(CommandError):
        call_command("retry_purges", stdout=StringIO())
    assert PendingPurge.objects.get().attempts == 2


def owed_notice(admin_client):
    return BeautifulSoup(admin_client.get("/admin/").content, "lxml").find(
        "section", attrs={"aria-labelledby": "owed-purges-heading"}
    )


def test_editors_see_purges_that_failed_on_the_dashboard(admin_client, home):
    PendingPurge.objects.create(keys=["article-7"], attempts=2, last_error="Connection refused")
    notice = owed_notice(admin_client)
    assert notice is not None
    assert "1 change has not reached the public cache yet" in notice.find("h2").get_text(" ", strip=True)
    assert "article-7" in notice.find("li").get_text()


def test_the_dashboard_says_nothing_while_purges_are_delivered(admin_client, home):
    PendingPurge.objects.create(keys=["article-7"])  # queued, not failed
    assert owed_notice(admin_client) is None
