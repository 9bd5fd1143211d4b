"""The editors' side: reporters compose, preview and test; only editors send; progress is shown."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse

from dateline.newsletters.models import IssueStatus

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def test_preview_shows_the_email_in_the_browser_under_its_own_policy(client, reporter, issue):
    client.force_login(reporter)
    response = client.get(reverse("newsletters_admin:preview", args=[issue.pk]))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.h1.text == "Talks end in a deal"
    assert soup.find("a", string="Deal reached")
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src" not in policy


def test_a_reporter_sends_a_test_to_their_own_address_only(client, reporter, issue):
    SubscriptionFactory(newsletter=issue.newsletter)
    client.force_login(reporter)
    response = client.post(reverse("newsletters_admin:test", args=[issue.pk]))
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["reporter@newsroom.test"]


def test_a_reporter_cannot_send_to_subscribers(client, reporter, issue):
    SubscriptionFactory(newsletter=issue.newsletter)
    client.force_login(reporter)
    response = client.post(reverse("newsletters_admin:send", args=[issue.pk]))
    assert response.url == reverse("wagtailadmin_home")  # Wagtail's answer to a permission denied
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT
    assert mail.outbox == []


def test_an_editor_confirms_and_sends_then_sees_the_progress(client, editor, issue, django_capture_on_commit_callbacks):
    SubscriptionFactory.create_batch(3, newsletter=issue.newsletter)
    client.force_login(editor)
    page = BeautifulSoup(client.get(reverse("newsletters_admin:send", args=[issue.pk])).content, "lxml")
    assert "3 confirmed subscribers" in page.select_one(".nice-padding p").text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("newsletters_admin:send", args=[issue.pk]))
    assert response.url == reverse("newsletters_admin:progress", args=[issue.pk])
    assert len(mail.outbox) == 3
    progress = BeautifulSoup(client.get(response.url).content, "lxml")
    counts = {row.td.text: row.find_all("td")[1].text for row in progress.select("tbody tr")}
    assert counts["Sent"] == "3"
    assert counts["Failed"] == "0"
    assert counts["Bounced"] == "0"


def test_the_issue_listing_offers_preview_test_and_send_to_editors_only(client, editor, reporter, issue):
    url = reverse("wagtailsnippets_newsletters_issue:list")
    client.force_login(editor)
    editor_links = {a["href"] for a in BeautifulSoup(client.get(url).content, "lxml").find_all("a", href=True)}
    assert reverse("newsletters_admin:send", args=[issue.pk]) in editor_links
    client.force_login(reporter)
    reporter_links = {a["href"] for a in BeautifulSoup(client.get(url).content, "lxml").find_all("a", href=True)}
    assert reverse("newsletters_admin:preview", args=[issue.pk]) in reporter_links
    assert reverse("newsletters_admin:test", args=[issue.pk]) in reporter_links
    assert reverse("newsletters_admin:send", args=[issue.pk]) not in reporter_links


def test_the_newsletter_listing_counts_confirmed_subscribers_without_addresses(client, editor, newsletter):
    SubscriptionFactory.create_batch(2, newsletter=newsletter)
    SubscriptionFactory(newsletter=newsletter, confirmed_at=None)
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_newsletters_newsletter:list"))
    assert b"@example.org" not in response.content
    cells = [td.get_text(strip=True) for td in BeautifulSoup(response.content, "lxml").select("tbody td")]
    assert "2" in cells
