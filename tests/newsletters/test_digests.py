"""Digests that build themselves from a section's newest stories at the list's digest time."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from dateline.newsletters.digests import build_due_digests
from dateline.newsletters.models import Issue

from ..news.factories import ArticlePageFactory
from .factories import NewsletterFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db
MORNING = dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def digest(section):
    newsletter = NewsletterFactory(name="World daily", section=section, digest_time=dt.time(7, 0), digest_size=2)
    SubscriptionFactory(newsletter=newsletter, email="ana@example.org")
    return newsletter


def publish(section, title, when):
    return ArticlePageFactory(parent=section, title=title, first_published_at=when, last_published_at=when)


def test_the_digest_is_built_and_sent_at_its_time_with_the_newest_stories(
    digest, section, home, django_capture_on_commit_callbacks
):
    publish(section, "Old news", MORNING - dt.timedelta(days=2))
    publish(section, "Yesterday's talks", MORNING - dt.timedelta(hours=12))
    publish(section, "Overnight deal", MORNING - dt.timedelta(hours=2))
    publish(section, "Dawn statement", MORNING - dt.timedelta(hours=1))
    publish(home, "Not in the section", MORNING - dt.timedelta(hours=1))
    with time_machine.travel(MORNING - dt.timedelta(minutes=1), tick=False):
        assert build_due_digests() == []
    with (
        time_machine.travel(MORNING + dt.timedelta(seconds=5), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        (issue,) = build_due_digests()
    assert issue.is_digest
    assert issue.subject == "World daily: March 2, 2026"
    assert [s.article.title for s in issue.stories.order_by("sort_order")] == ["Dawn statement", "Overnight deal"]
    (message,) = mail.outbox
    assert message.to == ["ana@example.org"]
    assert "Dawn statement" in message.body


def test_the_digest_is_made_once_a_day(digest, section):
    publish(section, "Overnight deal", MORNING - dt.timedelta(hours=2))
    with time_machine.travel(MORNING, tick=False):
        assert len(build_due_digests()) == 1
    with time_machine.travel(MORNING + dt.timedelta(minutes=1), tick=False):
        assert build_due_digests() == []
    with time_machine.travel(MORNING + dt.timedelta(days=1), tick=False):
        assert build_due_digests() == []  # nothing new since yesterday's digest: nothing sent
    assert Issue.objects.count() == 1


def test_no_new_stories_no_digest(digest):
    with time_machine.travel(MORNING, tick=False):
        assert build_due_digests() == []
    assert not Issue.objects.exists()


def test_the_minute_job_builds_due_digests(digest, section):
    publish(section, "Overnight deal", MORNING - dt.timedelta(hours=2))
    with time_machine.travel(MORNING, tick=False):
        call_command("send_newsletters")
    assert Issue.objects.filter(newsletter=digest, is_digest=True).exists()
    assert len(mail.outbox) == 1


def test_send_newsletters_is_a_minute_job():
    from dateline.core.management.commands.run_schedule import MINUTE_JOBS

    assert "send_newsletters" in MINUTE_JOBS
