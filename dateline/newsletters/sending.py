"""Sending an issue: one delivery row per subscription, each handed to the mail server at most once.

The one rule: a row is marked `sending` (a conditional UPDATE that only its claiming worker can
make) before its message goes to the mail server, and `sent` after the server accepted it. A worker
killed in between leaves that one row in `sending`: nobody can tell whether the server took the
message, so the worker that takes the issue over marks it `unknown` and never sends it again
(at most once for the in-flight message, exactly once for every other). Rows a dead worker had
claimed but not started go back to `pending`.

One worker sends an issue at a time: it holds the issue (`Issue.worker`, "host:pid:nonce") and
renews `heartbeat_at` every batch. Another worker takes it over when the holder's process is gone
from this host, or when the heartbeat is older than DATELINE_NEWSLETTER_LEASE_SECONDS (a holder on
another machine). The minute job (`send_newsletters`) resumes issues nobody holds.
"""

import logging
import os
import secrets
import smtplib
import socket
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from .mail import issue_message, render_issue
from .models import Delivery, DeliveryStatus, Issue, IssueStatus, Subscription

logger = logging.getLogger(__name__)

# The server answered and refused: the message was not taken, and will not be on a retry.
REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


class IssueNotSendable(Exception):
    """The issue is not a draft (already sending or sent) or has nobody to send to."""


@dataclass(frozen=True)
class Progress:
    total: int
    counts: dict[str, int]

    @property
    def done(self) -> int:
        return sum(n for status, n in self.counts.items() if status not in ("pending", "claimed", "sending"))

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * self.done / self.total)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def start_sending(issue: Issue, *, by=None) -> int:
    """Create the issue's deliveries (every confirmed, unbounced subscription of its list), mark it
    sending and queue the background send once the transaction commits. Returns the recipients."""
    from .tasks import send_issue_task

    with transaction.atomic():
        if not Issue.objects.filter(pk=issue.pk, status=IssueStatus.DRAFT).update(
            status=IssueStatus.SENDING, started_at=timezone.now(), sent_by=by
        ):
            raise IssueNotSendable("This issue has already been sent.")
        ids = list(
            Subscription.objects.deliverable()
            .filter(newsletter_id=issue.newsletter_id)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            Delivery.objects.bulk_create(
                [Delivery(issue_id=issue.pk, subscription_id=pk) for pk in chunk], ignore_conflicts=True
            )
        transaction.on_commit(lambda: send_issue_task.enqueue(issue.pk))
    issue.refresh_from_db()
    logger.info("Newsletter issue %s queued for %d subscribers", issue.pk, len(ids))
    return len(ids)


def progress(issue: Issue) -> Progress:
    counts = dict(issue.deliveries.values_list("status").annotate(n=Count("pk")).order_by())
    return Progress(
        total=sum(counts.values()), counts={status: counts.get(status, 0) for status in DeliveryStatus.values}
    )


def _holder_is_gone(worker: str) -> bool:
    """Whether the worker holding an issue was a process on this host that no longer exists."""
    host, _sep, rest = worker.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def take_issue(issue_id: int, me: str) -> bool:
    """Hold the issue for this worker, taking it over from a dead or silent holder; then settle what
    the previous holder left: claimed rows back to pending, in-flight rows to unknown."""
    now = timezone.now()
    lease = timezone.timedelta(seconds=settings.DATELINE_NEWSLETTER_LEASE_SECONDS)
    sending = Issue.objects.filter(pk=issue_id, status=IssueStatus.SENDING)
    free = Q(worker="") | Q(heartbeat_at__lt=now - lease)
    taken = sending.filter(free).update(worker=me, heartbeat_at=now)
    if not taken:
        holder = sending.values_list("worker", flat=True).first()
        if not holder or not _holder_is_gone(holder):
            return False
        taken = sending.filter(worker=holder).update(worker=me, heartbeat_at=now)
        if not taken:
            return False
    rows = Delivery.objects.filter(issue_id=issue_id).exclude(worker=me)
    rows.filter(status=DeliveryStatus.CLAIMED).update(status=DeliveryStatus.PENDING, worker="")
    unknown = rows.filter(status=DeliveryStatus.SENDING).update(status=DeliveryStatus.UNKNOWN, updated_at=now)
    if unknown:
        logger.warning(
            "Newsletter issue %s: %d message(s) in flight when a worker stopped, marked unknown", issue_id, unknown
        )
    return True


def _still_holding(issue_id: int, me: str) -> bool:
    return bool(Issue.objects.filter(pk=issue_id, worker=me).update(heartbeat_at=timezone.now()))


def _claim_batch(issue_id: int, me: str, size: int) -> list[Delivery]:
    ids = list(
        Delivery.objects.filter(issue_id=issue_id, status=DeliveryStatus.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)[:size]
    )
    if not ids:
        return []
    Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.CLAIMED, worker=me, updated_at=timezone.now()
    )
    return list(
        Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.CLAIMED, worker=me)
        .select_related("subscription")
        .order_by("pk")
    )


def _mark(delivery: Delivery, me: str, *, was: str, now: str, error: str = "") -> bool:
    """One conditional step of a row's life; False when the row is no longer this worker's."""
    return bool(
        Delivery.objects.filter(pk=delivery.pk, status=was, worker=me).update(
            status=now, error=error, updated_at=timezone.now()
        )
    )


def send_issue(issue_id: int, *, batch_size: int | None = None, me: str | None = None) -> Progress | None:
    """Send what is left of an issue, in batches over one SMTP connection each; returns the progress,
    or None when another live worker holds the issue."""
    me = me or worker_id()
    if not take_issue(issue_id, me):
        return None
    issue = Issue.objects.select_related("newsletter").get(pk=issue_id)
    rendered = render_issue(issue)
    size = batch_size or settings.DATELINE_NEWSLETTER_BATCH_SIZE
    while _still_holding(issue_id, me):
        batch = _claim_batch(issue_id, me, size)
        if not batch:
            break
        _send_batch(rendered, batch, me)
    return _finish(issue, me)


def _send_batch(rendered, batch: Iterable[Delivery], me: str) -> None:
    connection = get_connection()
    try:
        connection.open()
    except (OSError, smtplib.SMTPException):
        # The mail server is unreachable: nothing of this batch was tried, so all of it can wait.
        for delivery in batch:
            _mark(delivery, me, was=DeliveryStatus.CLAIMED, now=DeliveryStatus.PENDING)
        raise
    try:
        for delivery in batch:
            subscription = delivery.subscription
            if subscription is None or subscription.confirmed_at is None or subscription.bounced_at is not None:
                _mark(delivery, me, was=DeliveryStatus.CLAIMED, now=DeliveryStatus.SKIPPED)
                continue
            message = issue_message(
                rendered, to=subscription.email, subscription_id=subscription.pk, delivery_id=delivery.pk
            )
            if not _mark(delivery, me, was=DeliveryStatus.CLAIMED, now=DeliveryStatus.SENDING):
                continue
            try:
                connection.send_messages([message])
            except REFUSED as error:
                _mark(delivery, me, was=DeliveryStatus.SENDING, now=DeliveryStatus.FAILED, error=type(error).__name__)
                continue
            except (OSError, smtplib.SMTPException) as error:
                # The connection broke while the message was on its way: it may have been taken.
                _mark(delivery, me, was=DeliveryStatus.SENDING, now=DeliveryStatus.UNKNOWN, error=type(error).__name__)
                connection.close()
                connection.open()
                continue
            _mark(delivery, me, was=DeliveryStatus.SENDING, now=DeliveryStatus.SENT)
    finally:
        connection.close()


def _finish(issue: Issue, me: str) -> Progress:
    left = issue.deliveries.filter(
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.CLAIMED, DeliveryStatus.SENDING]
    ).exists()
    if left:
        Issue.objects.filter(pk=issue.pk, worker=me).update(worker="")
    else:
        Issue.objects.filter(pk=issue.pk, worker=me, status=IssueStatus.SENDING).update(
            status=IssueStatus.SENT, finished_at=timezone.now(), worker=""
        )
    result = progress(issue)
    logger.info("Newsletter issue %s: %s", issue.pk, ", ".join(f"{k} {v}" for k, v in result.counts.items() if v))
    return result


def resume_stalled_issues() -> int:
    """Queue the send of issues left sending with no live holder (a worker died, or failed to reach
    the mail server); returns how many were queued."""
    from .tasks import send_issue_task

    lease = timezone.timedelta(seconds=settings.DATELINE_NEWSLETTER_LEASE_SECONDS)
    stalled = Issue.objects.filter(status=IssueStatus.SENDING).filter(
        Q(worker="") | Q(heartbeat_at__lt=timezone.now() - lease)
    )
    ids = list(stalled.values_list("pk", flat=True))
    for pk in ids:
        send_issue_task.enqueue(pk)
    return len(ids)


def send_test(issue: Issue, *, to: str) -> None:
    """Send one copy to a member of staff: no unsubscribe link, no delivery recorded."""
    issue_message(render_issue(issue), to=to, subscription_id=None).send()
