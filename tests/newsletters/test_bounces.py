"""Bounce reports (DSNs) in a mailbox mark the address bounced and the delivery in the issue's record."""

import mailbox

import pytest
from django.core.management import call_command

from dateline.newsletters.models import DeliveryStatus
from dateline.newsletters.sending import progress

from .conftest import parsed
from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def dsn(recipient: str, message_id: str) -> str:
    return (
        "From: MAILER-DAEMON@mx.example\n"
        "To: newsroom@localhost\n"
        "Subject: Undelivered Mail Returned to Sender\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n'
        "--B\nContent-Type: text/plain\n\nThe mail system could not deliver your message.\n\n"
        "--B\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.example\n\n"
        f"Final-Recipient: rfc822; {recipient}\nAction: failed\nStatus: 5.1.1\n\n"
        "--B\nContent-Type: text/rfc822-headers\n\n"
        f"Message-ID: {message_id}\nSubject: Talks end in a deal\n\n"
        "--B--\n"
    )


def test_a_bounce_marks_the_address_and_the_delivery(tmp_path, issue, send_now, django_capture_on_commit_callbacks):
    from django.core import mail

    gone = SubscriptionFactory(newsletter=issue.newsletter, email="gone@example.org")
    SubscriptionFactory(newsletter=issue.newsletter, email="here@example.org")
    send_now(issue)
    sent = next(m for m in mail.outbox if m.to == ["gone@example.org"])
    box = mailbox.mbox(tmp_path / "bounces")
    box.add(dsn("gone@example.org", parsed(sent)["Message-ID"]))
    box.flush()
    call_command("record_bounces", str(tmp_path / "bounces"))
    gone.refresh_from_db()
    assert gone.bounced_at is not None
    assert issue.deliveries.get(subscription=gone).status == DeliveryStatus.BOUNCED
    assert progress(issue).counts["bounced"] == 1
    assert progress(issue).counts["sent"] == 1


def test_a_bounced_address_gets_no_further_issue(tmp_path, newsletter, story, send_now):
    from django.core import mail

    from .factories import IssueFactory

    SubscriptionFactory(newsletter=newsletter, email="gone@example.org")
    box = mailbox.mbox(tmp_path / "bounces")
    box.add(dsn("gone@example.org", "<unrelated@mx.example>"))
    box.flush()
    call_command("record_bounces", str(tmp_path / "bounces"))
    send_now(IssueFactory(newsletter=newsletter, articles=[story()]))
    assert mail.outbox == []


def test_a_missing_mailbox_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No mailbox"):
        call_command("record_bounces", str(tmp_path / "nothing"))
