"""The existing privacy command exports and deletes newsletter subscriptions too (hook dateline_personal_data)."""

import json

import pytest
from django.core.management import call_command

from dateline.newsletters.models import Subscription

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def test_forget_commenter_exports_then_deletes_subscriptions(newsletter, issue, send_now, capsys):
    SubscriptionFactory(newsletter=newsletter, email="ana@example.org")
    kept = SubscriptionFactory(newsletter=newsletter, email="someone.else@example.org")
    send_now(issue)
    call_command("forget_commenter", "Ana@Example.org")
    export = json.loads(capsys.readouterr().out)
    (subscription,) = export["newsletters"]["subscriptions"]
    assert (subscription["newsletter"], subscription["email"]) == ("Morning briefing", "ana@example.org")
    assert subscription["issues"] == [
        {"subject": "Talks end in a deal", "status": "sent", "at": subscription["issues"][0]["at"]}
    ]
    assert list(Subscription.objects.all()) == [kept]
    assert issue.deliveries.filter(subscription__isnull=True, status="sent").count() == 1  # a count, no address


def test_export_only_deletes_no_subscription(newsletter, capsys):
    SubscriptionFactory(newsletter=newsletter, email="ana@example.org")
    call_command("forget_commenter", "ana@example.org", "--export-only")
    assert json.loads(capsys.readouterr().out)["newsletters"]["subscriptions"]
    assert Subscription.objects.count() == 1
