"""run_schedule: the minute jobs (publish_scheduled, then retry_purges where installed) for `make run`."""

import datetime as dt
import logging
import os
import signal
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from dateline.core.management.commands import run_schedule
from tests.news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def jobs(monkeypatch):
    """Stand-in minute jobs: records the names called; a name in `failing` raises."""
    called, failing = [], set()

    def fake_call_command(name, **kwargs):
        called.append(name)
        if name in failing:
            raise CommandError(f"{name} could not finish.")

    monkeypatch.setattr(run_schedule, "call_command", fake_call_command)
    monkeypatch.setattr(run_schedule, "get_commands", lambda: {"publish_scheduled": "wagtail", "retry_purges": "core"})
    return called, failing


def test_one_pass_publishes_a_story_whose_go_live_time_has_come(client, section):
    with time_machine.travel(NOON - dt.timedelta(hours=1), tick=False):
        article = ArticlePageFactory(parent=section, slug="embargoed", live=False)
        article.go_live_at = NOON
        article.save_revision().publish()
    with time_machine.travel(NOON + dt.timedelta(seconds=1), tick=False):
        call_command("run_schedule", "--once")
    article.refresh_from_db()
    assert article.live
    assert client.get("/world/embargoed/").status_code == 200


def test_one_pass_leaves_a_story_scheduled_for_later_unpublished(section):
    article = ArticlePageFactory(parent=section, live=False)
    article.go_live_at = timezone.now() + dt.timedelta(minutes=5)
    article.save_revision().publish()
    call_command("run_schedule", "--once")
    article.refresh_from_db()
    assert not article.live


def test_retry_purges_runs_after_publishing_when_installed(jobs):
    called, _failing = jobs
    call_command("run_schedule", "--once")
    assert called == ["publish_scheduled", "retry_purges"]


def test_retry_purges_is_skipped_while_not_installed(jobs, monkeypatch):
    called, _failing = jobs
    monkeypatch.setattr(run_schedule, "get_commands", lambda: {"publish_scheduled": "wagtail"})
    call_command("run_schedule", "--once")
    assert called == ["publish_scheduled"]


def test_a_failing_job_is_logged_and_the_next_one_still_runs(jobs, caplog):
    called, failing = jobs
    failing.add("publish_scheduled")
    with caplog.at_level(logging.ERROR), pytest.raises(CommandError):
        call_command("run_schedule", "--once")
    assert called == ["publish_scheduled", "retry_purges"]
    assert [(record.levelno, record.args) for record in caplog.records] == [(logging.ERROR, ("publish_scheduled",))]


def test_jobs_run_at_the_start_of_the_next_minute():
    with time_machine.travel(NOON + dt.timedelta(seconds=45, microseconds=250000), tick=False):
        assert run_schedule.seconds_until_next_minute() == pytest.approx(14.75)


def test_the_loop_runs_each_minute_and_stops_on_sigterm(jobs, monkeypatch):
    called, _failing = jobs
    monkeypatch.setattr(run_schedule, "seconds_until_next_minute", lambda: 0.01)
    monkeypatch.setattr(run_schedule, "close_old_connections", lambda: None)  # the test's transaction stays open
    real_fake = run_schedule.call_command

    def stop_after_second_pass(name, **kwargs):
        real_fake(name, **kwargs)
        if len(called) == 4:
            os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(run_schedule, "call_command", stop_after_second_pass)
    previous = signal.getsignal(signal.SIGTERM)
    finished = threading.Event()
    threading.Timer(10, lambda: finished.is_set() or os.kill(os.getpid(), signal.SIGTERM)).start()
    call_command("run_schedule")
    finished.set()
    assert called == ["publish_scheduled", "retry_purges"] * 2
    assert signal.getsignal(signal.SIGTERM) is previous
