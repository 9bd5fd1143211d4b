"""Sending in batches through Django's mail backend, exactly once per subscriber, even across a crash."""

import datetime as dt
import os
import smtplib
import socket
from collections import Counter

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from dateline.newsletters.models import DeliveryStatus, IssueStatus
from dateline.newsletters.sending import IssueNotSendable, progress, send_issue, start_sending

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing after it runs, no except clause catches it."""


def crash_after(monkeypatch, messages: int):
    """Make the mail backend deliver `messages` more messages, then die right after handing over the last."""
    original = EmailBackend.send_messages
    sent = {"n": 0}

    def send_messages(self, email_messages):
        count = original(self, email_messages)
        sent["n"] += 1
        if sent["n"] == messages:
            raise WorkerKilled
        return count

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)


def test_an_issue_goes_once_to_every_confirmed_subscriber_in_batches(settings, issue, send_now):
    settings.DATELINE_NEWSLETTER_BATCH_SIZE = 3
    subscribers = SubscriptionFactory.create_batch(7, newsletter=issue.newsletter)
    SubscriptionFactory(newsletter=issue.newsletter, confirmed_at=None, email="pending@example.org")
    SubscriptionFactory(newsletter=issue.newsletter, bounced_at=timezone.now(), email="bounced@example.org")
    SubscriptionFactory(email="other-list@example.org")
    assert send_now(issue) == 7
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in subscribers)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert issue.finished_at is not None
    assert progress(issue).counts["sent"] == 7
    assert progress(issue).percent == 100


def test_an_issue_cannot_be_sent_twice(issue, send_now):
    SubscriptionFactory(newsletter=issue.newsletter)
    send_now(issue)
    with pytest.raises(IssueNotSendable):
        start_sending(issue)
    assert len(mail.outbox) == 1


def test_a_refused_recipient_is_recorded_failed_and_the_rest_still_go(monkeypatch, issue, send_now):
    SubscriptionFactory.create_batch(3, newsletter=issue.newsletter)
    original = EmailBackend.send_messages
    calls = []

    def refuse_second(self, email_messages):
        calls.append(1)
        if len(calls) == 2:
            raise smtplib.SMTPRecipientsRefused({email_messages[0].to[0]: (550, b"no such user")})
        return original(self, email_messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_second)
    send_now(issue)
    counts = progress(issue).counts
    assert (counts["sent"], counts["failed"]) == (2, 1)
    assert issue.deliveries.get(status=DeliveryStatus.FAILED).error == "SMTPRecipientsRefused"


def test_a_subscriber_who_leaves_before_their_turn_is_skipped(monkeypatch, settings, issue):
    first, second = SubscriptionFactory.create_batch(2, newsletter=issue.newsletter)
    start_sending(issue)
    second.delete()
    send_issue(issue.pk)
    assert [m.to[0] for m in mail.outbox] == [first.email]
    assert progress(issue).counts["skipped"] == 1


def test_after_a_crash_mid_send_no_address_gets_the_issue_twice(monkeypatch, settings, issue):
    """The worker dies after the server took message 4 and before it could record it: on restart
    message 4 is 'unknown' and not sent again; every other subscriber gets exactly one."""
    settings.DATELINE_NEWSLETTER_BATCH_SIZE = 3
    subscribers = SubscriptionFactory.create_batch(8, newsletter=issue.newsletter)
    start_sending(issue)
    crash_after(monkeypatch, 4)
    dead_worker = f"{socket.gethostname()}:999999999:dead"  # a process id no process has
    with pytest.raises(WorkerKilled):
        send_issue(issue.pk, me=dead_worker)
    monkeypatch.undo()
    assert Counter(issue.deliveries.values_list("status", flat=True)) == {
        "sent": 3,
        "sending": 1,
        "claimed": 2,
        "pending": 2,
    }

    result = send_issue(issue.pk)  # the restarted worker takes over from the dead one at once

    received = Counter(m.to[0] for m in mail.outbox)
    assert set(received) == {s.email for s in subscribers}
    assert set(received.values()) == {1}
    assert (result.counts["sent"], result.counts["unknown"]) == (7, 1)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT


def test_a_live_worker_keeps_the_issue_until_its_lease_runs_out(monkeypatch, issue):
    SubscriptionFactory.create_batch(2, newsletter=issue.newsletter)
    start_sending(issue)
    now = timezone.now()
    # This very process holds it (a live pid on this host), as if sending in another thread.
    type(issue).objects.filter(pk=issue.pk).update(
        worker=f"{socket.gethostname()}:{os.getpid()}:other", heartbeat_at=now
    )
    assert send_issue(issue.pk) is None
    assert mail.outbox == []
    with time_machine.travel(now + dt.timedelta(minutes=3)):
        assert send_issue(issue.pk).counts["sent"] == 2
    assert len(mail.outbox) == 2


def test_the_minute_job_resumes_an_issue_whose_worker_died(monkeypatch, issue):
    from django.core.management import call_command

    SubscriptionFactory.create_batch(2, newsletter=issue.newsletter)
    start_sending(issue)  # committed, but its background send never ran (the worker died first)
    call_command("send_newsletters")
    assert len(mail.outbox) == 2
