"""The demo shows newsletters: two lists, confirmed example.org readers, one sent issue."""

import pytest

from dateline.demo.newsletters import ensure_newsletters
from dateline.newsletters.models import Issue, IssueStatus, Newsletter, Subscription

pytestmark = pytest.mark.django_db


def test_demo_newsletters_have_readers_and_a_sent_issue_and_a_second_run_adds_nothing(section, story):
    story(title="First"), story(title="Second")
    assert ensure_newsletters(section) == 2
    assert ensure_newsletters(section) == 0
    assert Newsletter.objects.count() == 2
    assert set(Subscription.objects.values_list("email", flat=True)) >= {"marta@example.org", "ana@example.org"}
    issue = Issue.objects.get()
    assert issue.status == IssueStatus.SENT
    assert issue.deliveries.filter(status="sent").count() == 3
