"""Banning is the moderator's explicit choice (the e-mail, the address, or both), hides only the
comments they picked, and lifting a ban puts back exactly what it hid."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from dateline.comments import services
from dateline.comments.models import Ban, BanHiddenComment, BanKind, Comment, CommentStatus
from dateline.comments.privacy import ClientInfo, hash_address

from .factories import CommentFactory
from .test_moderation import bulk_url

pytestmark = pytest.mark.django_db

PROXY = hash_address("192.0.2.200")  # everyone, behind a proxy the site was not told to trust


def ban(client, comments, *kinds, reason=""):
    return client.post(bulk_url("ban", comments), {"kinds": list(kinds), "reason": reason})


def statuses(*comments):
    return [Comment.objects.get(pk=comment.pk).status for comment in comments]


def test_the_ban_action_asks_what_to_ban(client, editor, article):
    comment = CommentFactory(article=article, status=CommentStatus.PENDING)
    client.force_login(editor)

    soup = BeautifulSoup(client.get(bulk_url("ban", [comment])).content, "lxml")

    choices = {box["value"] for box in soup.select("input[type=checkbox][name=kinds]")}
    assert choices == {BanKind.EMAIL, BanKind.ADDRESS}
    assert not Ban.objects.exists()


def test_a_ban_without_a_choice_bans_nothing(client, editor, article):
    comment = CommentFactory(article=article, status=CommentStatus.PENDING)
    client.force_login(editor)

    response = ban(client, [comment])

    assert response.status_code == 200  # the form again, with its error
    assert not Ban.objects.exists()
    assert statuses(comment) == [CommentStatus.PENDING]


def test_banning_the_email_leaves_the_shared_address_open(client, editor, article, rules):
    troll = CommentFactory(article=article, status=CommentStatus.PENDING, address_hash=PROXY)
    client.force_login(editor)

    ban(client, [troll], BanKind.EMAIL, reason="abuse")

    assert list(Ban.objects.values_list("kind", "value_hash", "reason")) == [(BanKind.EMAIL, troll.email_hash, "abuse")]
    neighbour = services.post_comment(
        article=article, rules=rules, name="Bo", email="bo@example.org", body="Hello.", client=ClientInfo(PROXY)
    )
    assert neighbour.pk


def test_banning_both_bans_the_email_and_the_address(client, editor, article):
    troll = CommentFactory(article=article, status=CommentStatus.PENDING)
    client.force_login(editor)

    ban(client, [troll], BanKind.EMAIL, BanKind.ADDRESS)

    assert set(Ban.objects.values_list("kind", "value_hash")) == {
        (BanKind.EMAIL, troll.email_hash),
        (BanKind.ADDRESS, troll.address_hash),
    }
    assert statuses(troll) == [CommentStatus.SPAM]


def test_a_ban_never_hides_other_readers_approved_comments(client, editor, article):
    troll = CommentFactory(article=article, status=CommentStatus.PENDING, address_hash=PROXY)
    neighbour = CommentFactory(article=article, address_hash=PROXY)
    impersonated = CommentFactory(article=article, email=troll.email, email_hash=troll.email_hash)
    client.force_login(editor)

    ban(client, [troll], BanKind.EMAIL, BanKind.ADDRESS)

    assert statuses(troll, neighbour, impersonated) == [
        CommentStatus.SPAM,
        CommentStatus.APPROVED,
        CommentStatus.APPROVED,
    ]
    client.logout()
    shown = BeautifulSoup(client.get(article.url).content, "lxml").select(".comment__body")
    assert {node.get_text(strip=True) for node in shown} == {neighbour.body, impersonated.body}


def test_the_ban_page_warns_when_other_readers_share_the_address(client, editor, article):
    troll = CommentFactory(article=article, status=CommentStatus.PENDING, address_hash=PROXY)
    CommentFactory.create_batch(2, article=article, address_hash=PROXY)
    client.force_login(editor)

    soup = BeautifulSoup(client.get(bulk_url("ban", [troll])).content, "lxml")

    assert soup.select_one(".help-warning").get_text(" ", strip=True).startswith("2 other e-mail addresses")


def test_lifting_a_ban_restores_what_it_hid(client, editor, article):
    approved = CommentFactory(article=article)
    waiting = CommentFactory(
        article=article, status=CommentStatus.PENDING, email=approved.email, email_hash=approved.email_hash
    )
    client.force_login(editor)
    ban(client, [approved, waiting], BanKind.EMAIL)
    assert statuses(approved, waiting) == [CommentStatus.SPAM, CommentStatus.SPAM]

    client.post(reverse("wagtailsnippets_comments_ban:delete", args=[Ban.objects.get().pk]))

    assert not Ban.objects.exists()
    assert statuses(approved, waiting) == [CommentStatus.APPROVED, CommentStatus.PENDING]
    client.logout()
    shown = BeautifulSoup(client.get(article.url).content, "lxml").select(".comment__body")
    assert [node.get_text(strip=True) for node in shown] == [approved.body]


def test_deleting_bans_from_the_list_restores_what_they_hid(client, editor, article):
    comment = CommentFactory(article=article)
    client.force_login(editor)
    ban(client, [comment], BanKind.EMAIL, BanKind.ADDRESS)
    ids = "&".join(f"id={pk}" for pk in Ban.objects.values_list("pk", flat=True))

    client.post(reverse("wagtail_bulk_action", args=("comments", "ban", "delete")) + f"?{ids}&next=/admin/")

    assert not Ban.objects.exists()
    assert statuses(comment) == [CommentStatus.APPROVED]


def test_a_comment_two_bans_hid_comes_back_when_both_are_lifted(article):
    comment = CommentFactory(article=article)
    services.ban_commenters(Comment.objects.filter(pk=comment.pk), kinds={BanKind.EMAIL})
    services.ban_commenters(Comment.objects.filter(pk=comment.pk), kinds={BanKind.ADDRESS})

    services.lift_bans(Ban.objects.filter(kind=BanKind.EMAIL))
    assert statuses(comment) == [CommentStatus.SPAM]

    services.lift_bans(Ban.objects.all())
    assert statuses(comment) == [CommentStatus.APPROVED]


def test_lifting_a_ban_leaves_a_later_decision_alone(article):
    comment = CommentFactory(article=article)
    services.ban_commenters(Comment.objects.filter(pk=comment.pk), kinds={BanKind.EMAIL})
    services.reject_comments(Comment.objects.filter(pk=comment.pk))

    services.lift_bans(Ban.objects.all())

    assert statuses(comment) == [CommentStatus.REJECTED]
    assert not BanHiddenComment.objects.exists()


def test_lifting_a_ban_leaves_comments_that_were_spam_before_it(article):
    comment = CommentFactory(article=article, status=CommentStatus.SPAM)
    services.ban_commenters(Comment.objects.filter(pk=comment.pk), kinds={BanKind.EMAIL})

    assert services.lift_bans(Ban.objects.all()) == 0
    assert statuses(comment) == [CommentStatus.SPAM]


def test_the_ban_list_says_how_many_comments_each_ban_hid(client, editor, article):
    comments = CommentFactory.create_batch(2, article=article, email="troll@example.org")
    client.force_login(editor)
    ban(client, comments, BanKind.EMAIL)

    soup = BeautifulSoup(client.get(reverse("wagtailsnippets_comments_ban:list")).content, "lxml")

    assert [cell.get_text(strip=True) for cell in soup.select("tbody tr td:last-child")] == ["2"]


def test_the_delete_page_of_a_ban_opens(client, editor, article):
    comment = CommentFactory(article=article)
    client.force_login(editor)
    ban(client, [comment], BanKind.EMAIL)

    response = client.get(reverse("wagtailsnippets_comments_ban:delete", args=[Ban.objects.get().pk]))

    assert response.status_code == 200
    assert statuses(comment) == [CommentStatus.SPAM]


def test_a_second_ban_after_a_moderators_decision_restores_that_decision(article):
    comment = CommentFactory(article=article)
    services.ban_commenters(Comment.objects.filter(pk=comment.pk), kinds={BanKind.EMAIL})
    services.reject_comments(Comment.objects.filter(pk=comment.pk))
    services.ban_commenters(Comment.objects.filter(pk=comment.pk), kinds={BanKind.ADDRESS})

    services.lift_bans(Ban.objects.all())

    assert statuses(comment) == [CommentStatus.REJECTED]


def test_a_ban_whose_time_is_up_is_lifted_by_the_minute_job_and_puts_back_what_it_hid(article):
    from django.core.management import call_command
    from django.utils import timezone

    from dateline.core.management.commands.run_schedule import MINUTE_JOBS

    lapsed, lasting = CommentFactory(article=article), CommentFactory(article=article)
    services.ban_commenters(Comment.objects.filter(pk=lapsed.pk), kinds={BanKind.EMAIL})
    services.ban_commenters(Comment.objects.filter(pk=lasting.pk), kinds={BanKind.ADDRESS})
    Ban.objects.filter(kind=BanKind.EMAIL).update(expires_at=timezone.now() - timezone.timedelta(minutes=1))
    Ban.objects.filter(kind=BanKind.ADDRESS).update(expires_at=timezone.now() + timezone.timedelta(days=1))

    call_command("lift_expired_bans")

    assert statuses(lapsed, lasting) == [CommentStatus.APPROVED, CommentStatus.SPAM]
    assert list(Ban.objects.values_list("kind", flat=True)) == [BanKind.ADDRESS]
    assert "lift_expired_bans" in MINUTE_JOBS
