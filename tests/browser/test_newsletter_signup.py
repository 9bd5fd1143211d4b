"""A reader signs up for a newsletter in real Chromium from the front page, confirms with the button on
the page the e-mail links to, receives an issue and leaves with one click, as a mail provider's
RFC 8058 POST or by hand."""

import email
import re
from email import policy

import pytest
from django.core import mail
from playwright.sync_api import expect

from dateline.newsletters.models import Subscription
from dateline.newsletters.sending import send_issue, start_sending
from tests.news.factories import ArticlePageFactory
from tests.newsletters.factories import IssueFactory, NewsletterFactory

pytestmark = pytest.mark.django_db(transaction=True)


def unsubscribe_link(message) -> str:
    return re.search(r"<(http[^>]+)>", "".join(str(message["List-Unsubscribe"]).split()))[1]


def test_sign_up_confirm_and_one_click_unsubscribe(live_server, page, settings, section, results_dir):
    settings.DATELINE_BASE_URL = live_server.url
    morning = NewsletterFactory(name="Morning briefing", description="Before breakfast.")
    sport = NewsletterFactory(name="Sport desk", description="Results and transfers.")
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Get our newsletters by e-mail").click()
    expect(page.get_by_role("heading", name="Newsletters", level=1)).to_be_visible()
    page.get_by_label("Morning briefing").check()
    page.get_by_label("Sport desk").check()
    page.get_by_label("E-mail address").fill("ana.reader@example.org")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()

    (confirmation,) = mail.outbox
    link = re.search(r"http\S+/newsletters/confirm/\S+/", confirmation.body)[0]
    page.goto(link)
    # Opening the link only asks, as a mail scanner's fetch would; the button confirms.
    expect(page.get_by_role("heading", name="Confirm your subscription", level=1)).to_be_visible()
    expect(page.get_by_role("main").get_by_role("listitem")).to_have_text(["Morning briefing", "Sport desk"])
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()
    page.get_by_role("button", name="Confirm subscription").click()
    expect(page.get_by_role("heading", name="Subscription confirmed")).to_be_visible()
    assert Subscription.objects.filter(confirmed_at__isnull=False).count() == 2
    expect(page.get_by_role("main").get_by_role("listitem")).to_have_text(["Morning briefing", "Sport desk"])
    page.screenshot(path=str(results_dir / "newsletter-confirmed.png"), full_page=True)

    for newsletter in (morning, sport):
        issue = IssueFactory(newsletter=newsletter, articles=[ArticlePageFactory(parent=section, title="Deal reached")])
        start_sending(issue)
        send_issue(issue.pk)
    by_list = {
        m.subject: email.message_from_bytes(m.message().as_bytes(), policy=policy.default) for m in mail.outbox[1:]
    }
    morning_issue, sport_issue = by_list.values()

    # A mail provider's one-click: a POST with the RFC 8058 body, no cookie, no token.
    url = unsubscribe_link(morning_issue)
    assert morning_issue["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    response = page.request.post(
        url, data="List-Unsubscribe=One-Click", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.ok
    assert list(Subscription.objects.values_list("newsletter__name", flat=True)) == ["Sport desk"]

    # The reader's own click on the link: a page that asks, then a button.
    page.goto(unsubscribe_link(sport_issue))
    expect(page.get_by_role("heading", name="Unsubscribe", level=1)).to_be_visible()
    assert Subscription.objects.count() == 1
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", name="Unsubscribed")).to_be_visible()
    assert not Subscription.objects.exists()
    assert csp_errors == []
