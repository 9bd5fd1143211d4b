"""Moderators hear of waiting comments by e-mail, one notice per burst: never one per comment of a
flood, never a comment left untold (the minute job tells of what arrived while notices were held)."""

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from dateline.accounts.roles import ensure_newsroom_groups
from dateline.comments.models import ModeratorNotice
from dateline.comments.privacy import ClientInfo, hash_address
from dateline.comments.services import post_comment

pytestmark = pytest.mark.django_db

CLIENT = ClientInfo(address_hash=hash_address("203.0.113.7"))


@pytest.fixture
def editor_inbox(django_user_model):
    _reporters, editors = ensure_newsroom_groups()
    editor = django_user_model.objects.create_user("ed", "ed@newsroom.example", "x")
    editor.groups.add(editors)
    return editor


def post(article, rules, n, capture):
    with capture(execute=True):
        return post_comment(
            article=article,
            rules=rules,
            name=f"Reader {n}",
            email=f"r{n}@example.org",
            body=f"Point {n}.",
            client=CLIENT,
        )


def test_a_burst_of_comments_sends_one_notice_and_the_minute_job_tells_the_rest(
    article, rules, editor_inbox, settings, django_capture_on_commit_callbacks
):
    settings.DATELINE_COMMENTS_NOTICE_SECONDS = 300
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for n in range(5):
            post(article, rules, n, django_capture_on_commit_callbacks)
        assert len(mail.outbox) == 1
        assert "Point 0." in mail.outbox[0].body
        call_command("notify_moderators")  # within the interval: held back
        assert len(mail.outbox) == 1
    with time_machine.travel(start + timezone.timedelta(seconds=301), tick=False):
        call_command("notify_moderators")
        call_command("notify_moderators")  # told once, not at every minute after
    assert len(mail.outbox) == 2
    assert "Point 4." in mail.outbox[1].body
    assert "4 comments arrived since the last notice." in mail.outbox[1].body
    assert "5 comments wait for moderation." in mail.outbox[1].body
    assert ModeratorNotice.objects.get().told_up_to == article.comments.order_by("-pk").first().pk


def test_the_minute_job_sends_nothing_when_nothing_new_waits(
    article, rules, editor_inbox, settings, django_capture_on_commit_callbacks
):
    settings.DATELINE_COMMENTS_NOTICE_SECONDS = 0
    call_command("notify_moderators")
    post(article, rules, 1, django_capture_on_commit_callbacks)
    call_command("notify_moderators")
    assert len(mail.outbox) == 1


def test_with_no_interval_every_comment_sends_its_notice(
    article, rules, editor_inbox, settings, django_capture_on_commit_callbacks
):
    settings.DATELINE_COMMENTS_NOTICE_SECONDS = 0
    for n in range(3):
        post(article, rules, n, django_capture_on_commit_callbacks)
    assert [message.body.count(f"Point {n}.") for n, message in enumerate(mail.outbox)] == [1, 1, 1]


def test_the_schedule_runs_the_notice_job():
    from dateline.core.management.commands.run_schedule import MINUTE_JOBS

    assert "notify_moderators" in MINUTE_JOBS
