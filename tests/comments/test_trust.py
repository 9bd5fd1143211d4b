"""Trust belongs to the commenter who earned it: a confirmation link on an approved comment gives
their browser a signed token, and only posts carrying it for their e-mail skip the queue."""

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from dateline.comments import services, trust
from dateline.comments.models import Comment, CommentStatus, ConfirmedEmail
from dateline.comments.privacy import ClientInfo, hash_address, hash_email
from dateline.comments.services import post_comment

from .conftest import post_comment as post_through_the_form
from .factories import CommentFactory

pytestmark = pytest.mark.django_db

ANA = "ana@example.org"


def post(article, rules, *, email=ANA, confirmed_email_hash=""):
    client = ClientInfo(address_hash=hash_address("198.51.100.7"), confirmed_email_hash=confirmed_email_hash)
    return post_comment(article=article, rules=rules, name="Ana", email=email, body="A fair account.", client=client)


def approve(comment_or_comments, django_capture_on_commit_callbacks):
    ids = [c.pk for c in comment_or_comments] if isinstance(comment_or_comments, list) else [comment_or_comments.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_comments(Comment.objects.filter(pk__in=ids))


def link_in(message) -> str:
    return re.search(r"https?://\S+/comments/confirm/\S+/", message.body).group(0)


# The rule, on the service -------------------------------------------------------------------


def test_a_post_with_a_trusted_email_but_without_its_token_waits_in_the_queue(article, rules):
    CommentFactory.create_batch(3, article=article, email=ANA)

    comment = post(article, rules)

    assert comment.status == CommentStatus.PENDING
    assert not comment.email_confirmed


def test_a_post_with_the_token_for_its_email_is_published_at_once(article, rules):
    CommentFactory.create_batch(3, article=article, email=ANA)

    comment = post(article, rules, confirmed_email_hash=hash_email(ANA))

    assert comment.status == CommentStatus.APPROVED
    assert comment.email_confirmed


def test_a_token_for_another_email_earns_nothing(article, rules):
    CommentFactory.create_batch(3, article=article, email=ANA)

    assert post(article, rules, confirmed_email_hash=hash_email("mallory@example.org")).status == CommentStatus.PENDING


def test_a_token_alone_is_not_trust_until_enough_comments_were_approved(article, rules):
    CommentFactory.create_batch(2, article=article, email=ANA)

    assert post(article, rules, confirmed_email_hash=hash_email(ANA)).status == CommentStatus.PENDING


# The impersonation, through the form --------------------------------------------------------


def test_impersonating_a_trusted_commenter_ends_in_the_queue(client, article):
    CommentFactory.create_batch(3, article=article, email=ANA)

    response = post_through_the_form(client, article, email=ANA, body="Words Ana never wrote.")

    assert response.status_code == 303
    comment = Comment.objects.get(body="Words Ana never wrote.")
    assert comment.status == CommentStatus.PENDING
    client.cookies.clear()
    shown = BeautifulSoup(client.get(article.url).content, "lxml").select(".comment__body")
    assert "Words Ana never wrote." not in [node.get_text(strip=True) for node in shown]


# The link -----------------------------------------------------------------------------------


def test_approving_a_comment_mails_its_author_a_confirmation_link(article, rules, django_capture_on_commit_callbacks):
    comment = CommentFactory(article=article, email=ANA, status=CommentStatus.PENDING)

    approve(comment, django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [[ANA]]
    assert article.title in mail.outbox[0].body
    assert urlsplit(link_in(mail.outbox[0])).path.startswith("/comments/confirm/")


def test_the_whole_way_from_link_to_trust(client, article, rules, django_capture_on_commit_callbacks):
    first = CommentFactory(article=article, email=ANA, status=CommentStatus.PENDING)
    approve(first, django_capture_on_commit_callbacks)
    CommentFactory.create_batch(2, article=article, email=ANA)

    response = client.get(urlsplit(link_in(mail.outbox[0])).path)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    cookie = response.cookies[trust.TRUST_COOKIE]
    assert cookie["path"] == "/comments/"
    assert cookie["httponly"]
    assert ConfirmedEmail.objects.get(email_hash=hash_email(ANA)).confirmed_at is not None

    post_through_the_form(client, article, email=ANA, body="Published at once.")

    assert Comment.objects.get(body="Published at once.").status == CommentStatus.APPROVED


def test_the_trust_cookie_is_sent_only_to_the_comment_endpoints(rf, article):
    response = HttpResponse()
    trust.remember_confirmed_email(rf.get("/"), response, hash_email(ANA))

    # Article pages never receive it, so they stay shared in Varnish and the page cache.
    path = response.cookies[trust.TRUST_COOKIE]["path"]
    assert reverse("comments:post", args=[article.pk]).startswith(path)
    assert reverse("comments:challenge").startswith(path)
    assert not article.url.startswith(path)


def test_the_token_holder_with_another_email_still_waits(client, article, rules, django_capture_on_commit_callbacks):
    first = CommentFactory(article=article, email=ANA, status=CommentStatus.PENDING)
    approve(first, django_capture_on_commit_callbacks)
    client.get(urlsplit(link_in(mail.outbox[0])).path)
    CommentFactory.create_batch(3, article=article, email="bo@example.org")

    post_through_the_form(client, article, email="bo@example.org", body="Borrowed name.")

    assert Comment.objects.get(body="Borrowed name.").status == CommentStatus.PENDING


@pytest.mark.parametrize("token", ["forged", "eyJlIjoiYWJjIn0:1abcde:wrongsignature"])
def test_a_forged_link_is_refused_and_gives_nothing(client, token):
    response = client.get(reverse("comments:confirm", kwargs={"token": token}))

    assert response.status_code == 400
    assert trust.TRUST_COOKIE not in response.cookies
    assert not ConfirmedEmail.objects.filter(confirmed_at__isnull=False).exists()


def test_an_expired_link_is_refused(client):
    with time_machine.travel(timezone.now() - dt.timedelta(days=15)):
        token = trust.confirmation_token(hash_email(ANA), language="en")

    response = client.get(reverse("comments:confirm", kwargs={"token": token}))

    assert response.status_code == 400
    assert trust.TRUST_COOKIE not in response.cookies


def test_a_link_for_a_spanish_article_is_written_in_spanish(rules, section_es, django_capture_on_commit_callbacks):
    from ..news.factories import ArticlePageFactory

    articulo = ArticlePageFactory(parent=section_es, locale=section_es.locale, first_published_at=timezone.now())
    approve(
        CommentFactory(article=articulo, email=ANA, status=CommentStatus.PENDING), django_capture_on_commit_callbacks
    )

    assert "correo" in mail.outbox[0].subject.lower()


def test_the_confirmation_page_speaks_the_language_of_the_link(client):
    token = trust.confirmation_token(hash_email(ANA), language="es")

    response = client.get(reverse("comments:confirm", kwargs={"token": token}))

    soup = BeautifulSoup(response.content, "lxml")
    assert soup.find("h1").get_text(strip=True) == "Dirección de correo confirmada"
    assert soup.find("html")["lang"] == "es"


# How often we mail ---------------------------------------------------------------------------


def test_one_link_per_address_however_many_comments_are_approved(article, rules, django_capture_on_commit_callbacks):
    comments = CommentFactory.create_batch(3, article=article, email=ANA, status=CommentStatus.PENDING)

    approve(comments[:2], django_capture_on_commit_callbacks)
    approve(comments[2], django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1


def test_a_new_link_after_a_week(article, rules, django_capture_on_commit_callbacks):
    first, later = CommentFactory.create_batch(2, article=article, email=ANA, status=CommentStatus.PENDING)
    approve(first, django_capture_on_commit_callbacks)

    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        approve(later, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 2


def test_no_link_for_a_comment_posted_with_the_token(article, rules, django_capture_on_commit_callbacks):
    comment = CommentFactory(article=article, email=ANA, status=CommentStatus.PENDING, email_confirmed=True)

    approve(comment, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_no_link_while_trust_is_switched_off(article, rules, django_capture_on_commit_callbacks):
    rules.auto_approve_after = 0
    rules.save()

    approve(
        CommentFactory(article=article, email=ANA, status=CommentStatus.PENDING), django_capture_on_commit_callbacks
    )

    assert mail.outbox == []


# What we keep ---------------------------------------------------------------------------------


def test_forgetting_a_commenter_forgets_their_confirmation(article, capsys):
    from django.core.management import call_command

    CommentFactory(article=article, email=ANA)
    ConfirmedEmail.objects.create(email_hash=hash_email(ANA), confirmed_at=timezone.now())

    call_command("forget_commenter", ANA)

    assert capsys.readouterr().out.count('"confirmed_at"') == 1
    assert not ConfirmedEmail.objects.exists()


def test_the_retention_purge_drops_confirmations_no_comment_needs(article):
    import io

    from django.core.management import call_command

    with time_machine.travel(timezone.now() - dt.timedelta(days=400)):
        CommentFactory(article=article, email=ANA)
    CommentFactory(article=article, email="bo@example.org")
    ConfirmedEmail.objects.create(email_hash=hash_email(ANA), confirmed_at=timezone.now())
    ConfirmedEmail.objects.create(email_hash=hash_email("bo@example.org"), confirmed_at=timezone.now())

    call_command("purge_comment_personal_data", stdout=io.StringIO())

    assert list(ConfirmedEmail.objects.values_list("email_hash", flat=True)) == [hash_email("bo@example.org")]
