"""RFC 8058 one-click unsubscribe: POST without token or login unsubscribes; GET only asks."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from dateline.newsletters.mail import unsubscribe_url
from dateline.newsletters.models import Subscription

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def path_of(subscription) -> str:
    return "/newsletters/" + unsubscribe_url(subscription.pk).split("/newsletters/", 1)[1]


def test_one_click_post_unsubscribes_without_csrf_token_or_login(newsletter):
    subscription = SubscriptionFactory(newsletter=newsletter)
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        path_of(subscription), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "lxml").h1.text == "Unsubscribed"
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_get_asks_and_unsubscribes_nobody(client, newsletter):
    subscription = SubscriptionFactory(newsletter=newsletter)
    response = client.get(path_of(subscription))
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.h1.text == "Unsubscribe"
    form = soup.select_one("main form")
    assert form["method"] == "post"
    assert form.button.text == "Unsubscribe"
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    assert "no-store" in response["Cache-Control"]


def test_unsubscribing_leaves_the_other_lists(newsletter):
    subscription = SubscriptionFactory(newsletter=newsletter, email="ana@example.org")
    other = SubscriptionFactory(email="ana@example.org")
    Client().post(path_of(subscription))
    assert list(Subscription.objects.all()) == [other]


def test_a_second_post_or_a_forged_token_ends_calmly(client, newsletter):
    subscription = SubscriptionFactory(newsletter=newsletter)
    path = path_of(subscription)
    client.post(path)
    assert client.post(path).status_code == 200
    assert client.post("/newsletters/unsubscribe/forged/").status_code == 200
    assert client.get("/newsletters/unsubscribe/forged/").status_code == 200
