"""Double opt-in: the sign-up page, the confirmation e-mail and link, limits, and what is stored."""

import datetime as dt
import logging
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from django.urls import reverse

from dateline.newsletters.models import Subscription
from dateline.newsletters.services import delete_expired_sign_ups, subscriptions_to_confirm
from dateline.newsletters.tokens import confirmation_token

from .factories import NewsletterFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db
SIGN_UP = "/newsletters/"


def sign_up(client, email, *newsletters, **extra):
    data = {"email": email, "newsletters": [n.pk for n in newsletters], "website": "", **extra}
    return client.post(SIGN_UP, data)


def confirmation_path(message) -> str:
    link = re.search(r"https?://\S+/newsletters/confirm/\S+/", message.body)[0]
    return "/newsletters/" + link.split("/newsletters/", 1)[1]


def test_front_page_and_footer_link_to_the_sign_up_page(client, home):
    soup = BeautifulSoup(client.get("/").content, "lxml")
    links = [a["href"] for a in soup.find_all("a", href=True)]
    assert links.count(SIGN_UP) >= 2  # the front page's own link and the footer's
    assert soup.select_one("footer a[href='/newsletters/']")


def test_sign_up_page_is_private_and_carries_a_csrf_token(client, newsletter):
    response = client.get(SIGN_UP)
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.select_one("form input[name=csrfmiddlewaretoken]")
    assert "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert [label.strong.text for label in soup.select("fieldset label")] == ["Morning briefing"]


def test_sign_up_without_the_csrf_token_is_refused(newsletter):
    client = Client(enforce_csrf_checks=True)
    assert sign_up(client, "ana@example.org", newsletter).status_code == 403
    assert not Subscription.objects.exists()


def test_sign_up_stores_the_address_only_for_the_lists_chosen_and_unconfirmed(client, newsletter):
    other = NewsletterFactory(name="Sport")
    response = sign_up(client, "Ana@Example.org", newsletter)
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "lxml").h1.text == "Check your inbox"
    subscription = Subscription.objects.get()
    assert (subscription.newsletter, subscription.email, subscription.confirmed_at) == (
        newsletter,
        "ana@example.org",
        None,
    )
    assert not other.subscriptions.exists()


def test_confirmation_email_links_to_a_page_whose_button_confirms(client, newsletter):
    sign_up(client, "ana@example.org", newsletter)
    (message,) = mail.outbox
    assert message.to == ["ana@example.org"]
    assert "Morning briefing" in message.body
    path = confirmation_path(message)
    form = BeautifulSoup(client.get(path).content, "lxml").select_one("main form")
    response = client.post(path, {"csrfmiddlewaretoken": form.select_one("input[name=csrfmiddlewaretoken]")["value"]})
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "lxml").h1.text == "Subscription confirmed"
    assert Subscription.objects.get().confirmed_at is not None


def test_opening_the_confirmation_link_asks_and_confirms_nothing(client, newsletter):
    sport = NewsletterFactory(name="Sport desk")
    sign_up(client, "ana@example.org", newsletter, sport)
    response = client.get(confirmation_path(mail.outbox[0]))
    soup = BeautifulSoup(response.content, "lxml")
    assert response.status_code == 200
    assert [h1.text for h1 in soup.find_all("h1")] == ["Confirm your subscription"]
    assert [li.text for li in soup.select("main li")] == ["Morning briefing", "Sport desk"]
    form = soup.select_one("main form")
    assert form["method"] == "post"
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    assert form.button["type"] == "submit"
    assert form.button.text == "Confirm subscription"
    assert soup.select_one("meta[name=robots]")["content"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()


def test_a_head_request_confirms_nothing(client, newsletter):
    sign_up(client, "ana@example.org", newsletter)
    assert client.head(confirmation_path(mail.outbox[0])).status_code == 200
    assert Subscription.objects.get().confirmed_at is None


def test_the_confirmation_page_never_shows_the_address(client, newsletter):
    sign_up(client, "ana.reader@example.org", newsletter)
    path = confirmation_path(mail.outbox[0])
    for response in (client.get(path), client.post(path)):
        assert b"ana.reader" not in response.content


def test_posting_to_the_confirmation_link_confirms(client, newsletter):
    sign_up(client, "ana@example.org", newsletter)
    response = client.post(confirmation_path(mail.outbox[0]))
    soup = BeautifulSoup(response.content, "lxml")
    assert response.status_code == 200
    assert soup.h1.text == "Subscription confirmed"
    assert [li.text for li in soup.select("main li")] == ["Morning briefing"]
    assert Subscription.objects.get().confirmed_at is not None


def test_a_confirmed_link_opened_again_shows_the_confirmed_page(client, newsletter):
    sign_up(client, "ana@example.org", newsletter)
    path = confirmation_path(mail.outbox[0])
    client.post(path)
    response = client.get(path)
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "lxml").h1.text == "Subscription confirmed"


def test_confirming_without_the_csrf_token_is_refused(newsletter):
    client = Client(enforce_csrf_checks=True)
    sign_up(Client(), "ana@example.org", newsletter)
    path = confirmation_path(mail.outbox[0])
    client.get(path)  # the reader's browser has the cookie but a forged form has no token
    assert client.post(path).status_code == 403
    assert Subscription.objects.get().confirmed_at is None


def test_the_confirmation_link_accepts_only_get_head_and_post(client, newsletter):
    sign_up(client, "ana@example.org", newsletter)
    path = confirmation_path(mail.outbox[0])
    assert client.put(path).status_code == 405
    assert client.delete(path).status_code == 405
    assert Subscription.objects.get().confirmed_at is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_confirmation_link_confirms_nothing(client, newsletter, method):
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        sign_up(client, "ana@example.org", newsletter)
    path = confirmation_path(mail.outbox[0])
    with time_machine.travel(dt.datetime(2026, 3, 3, 10, tzinfo=dt.UTC), tick=False):
        response = getattr(client, method)(path)
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "lxml").h1.text == "This link does not work"
    assert Subscription.objects.get().confirmed_at is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_confirmation_link_confirms_nothing(client, newsletter, method):
    sign_up(client, "ana@example.org", newsletter)
    response = getattr(client, method)(reverse("newsletters:confirm", kwargs={"token": "forged:token"}))
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "lxml").h1.text == "This link does not work"
    assert Subscription.objects.get().confirmed_at is None


def test_unconfirmed_sign_ups_are_deleted_when_their_link_expires(newsletter):
    with time_machine.travel(dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC), tick=False):
        SubscriptionFactory(newsletter=newsletter, confirmed_at=None)
        kept = SubscriptionFactory(newsletter=newsletter)
    with time_machine.travel(dt.datetime(2026, 3, 3, 10, tzinfo=dt.UTC), tick=False):
        assert delete_expired_sign_ups() == 1
    assert list(Subscription.objects.all()) == [kept]


def test_signing_up_again_for_a_confirmed_list_says_the_same_and_sends_nothing(client, newsletter):
    SubscriptionFactory(newsletter=newsletter, email="ana@example.org")
    response = sign_up(client, "ana@example.org", newsletter)
    assert BeautifulSoup(response.content, "lxml").h1.text == "Check your inbox"
    assert mail.outbox == []


def test_too_many_sign_ups_from_one_network_are_refused(client, settings, newsletter):
    settings.DATELINE_NEWSLETTER_RATE_PER_ADDRESS = "2/3600"
    for n in range(2):
        assert sign_up(client, f"reader{n}@example.org", newsletter).status_code == 200
    response = sign_up(client, "reader9@example.org", newsletter)
    assert response.status_code == 429
    assert "Too many sign-ups" in BeautifulSoup(response.content, "lxml").select_one(".form-errors").text


def test_a_bad_address_or_no_list_gets_a_clear_message(client, newsletter):
    response = sign_up(client, "not an address")
    soup = BeautifulSoup(response.content, "lxml")
    assert response.status_code == 400
    assert soup.select_one("#email-error").text == "Enter a valid email address."
    assert soup.select_one("#newsletters-error").text == "Choose at least one newsletter."


def test_the_honeypot_field_refuses_bots(client, newsletter):
    assert sign_up(client, "bot@example.org", newsletter, website="http://spam.example").status_code == 400
    assert not Subscription.objects.exists()


def test_signing_up_logs_no_address(client, newsletter, caplog):
    caplog.set_level(logging.DEBUG)
    sign_up(client, "secret.reader@example.org", newsletter)
    assert "secret.reader" not in caplog.text


def test_a_bounced_address_signing_up_again_is_mailed_and_its_confirmation_clears_the_bounce(client, newsletter):
    from django.utils import timezone

    SubscriptionFactory(newsletter=newsletter, email="ana@example.org", bounced_at=timezone.now())
    sign_up(client, "ana@example.org", newsletter)
    client.post(confirmation_path(mail.outbox[0]))
    assert Subscription.objects.get().bounced_at is None


def test_a_bounced_address_opening_its_link_is_asked_before_the_bounce_is_cleared(client, newsletter):
    from django.utils import timezone

    SubscriptionFactory(newsletter=newsletter, email="ana@example.org", bounced_at=timezone.now())
    sign_up(client, "ana@example.org", newsletter)
    response = client.get(confirmation_path(mail.outbox[0]))
    assert BeautifulSoup(response.content, "lxml").h1.text == "Confirm your subscription"
    assert Subscription.objects.get().bounced_at is not None


def test_reading_a_confirmation_link_names_only_its_own_address_and_changes_nothing(newsletter):
    ana = SubscriptionFactory(newsletter=newsletter, email="ana@example.org", confirmed_at=None)
    ben = SubscriptionFactory(newsletter=NewsletterFactory(name="Sport"), email="ben@example.org", confirmed_at=None)
    token = confirmation_token(ana.email_hash, [ana.pk, ben.pk])
    assert subscriptions_to_confirm(token) == [ana]
    assert not Subscription.objects.filter(confirmed_at__isnull=False).exists()
    assert subscriptions_to_confirm("forged:token") is None
