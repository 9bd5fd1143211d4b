"""What every subscriber's e-mail carries: RFC 2369/8058 headers, a plain-text part, inlined CSS,
direct links, and no tracking."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from dateline.newsletters.sending import send_test

from .conftest import parsed
from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(issue, send_now):
    subscription = SubscriptionFactory(newsletter=issue.newsletter, email="ana@example.org")
    send_now(issue)
    (message,) = mail.outbox
    return parsed(message), subscription


def test_every_email_carries_list_unsubscribe_and_one_click_headers(sent, client):
    message, subscription = sent
    (target,) = [part.strip(" <>") for part in message["List-Unsubscribe"].split(",")]
    assert urlsplit(target).scheme in ("https", "http")  # https in production (DATELINE_BASE_URL)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Id"] == "Morning briefing <morning.127.0.0.1>"
    client.post(urlsplit(target).path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert not type(subscription).objects.filter(pk=subscription.pk).exists()


def test_a_mailto_unsubscribe_is_offered_when_configured(settings, issue, send_now):
    settings.DATELINE_NEWSLETTER_UNSUBSCRIBE_MAILTO = "leave@news.example"
    SubscriptionFactory(newsletter=issue.newsletter)
    send_now(issue)
    header = parsed(mail.outbox[0])["List-Unsubscribe"]
    assert header.endswith("<mailto:leave@news.example?subject=unsubscribe>")


def test_every_email_has_a_plain_text_part_with_the_stories(sent):
    message, _subscription = sent
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Deal reached" in text
    assert "/newsletters/unsubscribe/" in text
    assert message.get_body(preferencelist=("html",)) is not None


def test_css_is_inlined_into_style_attributes(sent):
    message, _subscription = sent
    soup = BeautifulSoup(message.get_body(preferencelist=("html",)).get_content(), "lxml")
    assert soup.find("style") is None
    assert "max-width" in soup.select_one("div")["style"]


def test_no_tracking_pixel_and_links_go_straight_to_the_story(sent, issue):
    message, _subscription = sent
    soup = BeautifulSoup(message.get_body(preferencelist=("html",)).get_content(), "lxml")
    assert soup.find("img") is None
    story = issue.stories.get().article
    hrefs = [a["href"] for a in soup.find_all("a")]
    assert story.get_full_url() in hrefs
    for href in hrefs:
        assert "?" not in href
        assert "utm_" not in href


def test_each_message_has_its_own_unsubscribe_link(issue, send_now):
    SubscriptionFactory.create_batch(2, newsletter=issue.newsletter)
    send_now(issue)
    assert len({parsed(m)["List-Unsubscribe"] for m in mail.outbox}) == 2


def test_a_test_email_goes_only_to_the_given_address_without_unsubscribe(issue):
    SubscriptionFactory(newsletter=issue.newsletter)
    send_test(issue, to="editor@newsroom.test")
    (message,) = mail.outbox
    assert message.to == ["editor@newsroom.test"]
    assert parsed(message)["List-Unsubscribe"] is None
    assert not issue.deliveries.exists()


def test_a_story_taken_down_is_left_out(issue, send_now):
    issue.stories.get().article.unpublish()
    SubscriptionFactory(newsletter=issue.newsletter)
    send_now(issue)
    assert "Deal reached" not in mail.outbox[0].body
