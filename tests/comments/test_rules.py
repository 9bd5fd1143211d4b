"""The posting rules, tested on the service: spam layers, trust, duplicates, bans, closing."""

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from dateline.accounts.roles import ensure_newsroom_groups
from dateline.comments import services
from dateline.comments.models import Ban, BanKind, Comment, CommentClosure, CommentStatus
from dateline.comments.privacy import ClientInfo, hash_address, hash_email
from dateline.comments.services import CommentRejected, post_comment

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

CLIENT = ClientInfo(address_hash=hash_address("198.51.100.7"))


def post(article, rules, **fields):
    values = {"name": "Ana", "email": "ana@example.org", "body": "A fair account.", "client": CLIENT}
    values.update(fields)
    return post_comment(article=article, rules=rules, **values)


def test_a_new_commenter_waits_for_moderation(article, rules):
    assert post(article, rules).status == CommentStatus.PENDING


def test_a_trusted_commenter_is_published_at_once(article, rules):
    CommentFactory.create_batch(3, article=article, email="ana@example.org")
    confirmed = ClientInfo(address_hash=CLIENT.address_hash, confirmed_email_hash=hash_email("ana@example.org"))

    assert post(article, rules, client=confirmed).status == CommentStatus.APPROVED


def test_trust_counts_only_approved_comments(article, rules):
    CommentFactory.create_batch(3, article=article, email="ana@example.org", status=CommentStatus.REJECTED)

    assert post(article, rules).status == CommentStatus.PENDING


def test_trust_can_be_switched_off(article, rules):
    rules.auto_approve_after = 0
    CommentFactory.create_batch(5, article=article, email="ana@example.org")

    assert post(article, rules).status == CommentStatus.PENDING


def test_a_blocked_word_sends_the_comment_to_spam(article, rules):
    rules.blocklist_words = "cheap pills\ncasino"

    comment = post(article, rules, body="Buy CHEAP   pills here")

    assert comment.status == CommentStatus.SPAM
    assert comment.spam_reason == "blocked word"


def test_a_blocked_word_inside_another_word_does_not_count(article, rules):
    rules.blocklist_words = "ass"

    assert post(article, rules, body="A classic assessment.").status == CommentStatus.PENDING


@pytest.mark.parametrize(
    ("body", "email"),
    [
        ("See https://win.casino.example/now", "ana@example.org"),
        ("Visit casino.example today", "ana@example.org"),
        ("Nothing to see", "ana@casino.example"),
    ],
)
def test_a_blocked_domain_sends_the_comment_to_spam(article, rules, body, email):
    rules.blocklist_domains = "casino.example"

    assert post(article, rules, body=body, email=email).status == CommentStatus.SPAM


def test_even_a_trusted_commenter_goes_to_spam_on_the_blocklist(article, rules):
    CommentFactory.create_batch(3, article=article, email="ana@example.org")
    rules.blocklist_words = "casino"

    assert post(article, rules, body="Casino night").status == CommentStatus.SPAM


def test_the_honeypot_sends_the_comment_to_spam(article, rules):
    comment = post(article, rules, honeypot_filled=True)

    assert (comment.status, comment.spam_reason) == (CommentStatus.SPAM, "honeypot")


def test_more_links_than_allowed_are_refused(article, rules):
    rules.max_links = 2
    body = "https://a.example/1 https://b.example/2 www.c.example"

    with pytest.raises(CommentRejected) as refused:
        post(article, rules, body=body)

    assert (refused.value.code, refused.value.field) == ("links", "body")


def test_links_up_to_the_limit_are_accepted(article, rules):
    rules.max_links = 2

    assert post(article, rules, body="https://a.example/1 and https://b.example/2").pk


def test_the_same_text_twice_from_one_reader_is_refused(article, rules):
    post(article, rules, body="Same words.")

    with pytest.raises(CommentRejected) as refused:
        post(article, rules, body="  same   WORDS. ")

    assert refused.value.code == "duplicate"
    assert Comment.objects.count() == 1


def test_the_same_text_from_the_same_address_with_another_email_is_refused(article, rules):
    post(article, rules, body="Same words.")

    with pytest.raises(CommentRejected):
        post(article, rules, body="Same words.", email="other@example.org")


def test_the_same_text_from_the_same_email_on_another_article_is_refused(article, rules, section):
    from ..news.factories import ArticlePageFactory

    other = ArticlePageFactory(parent=section, first_published_at=timezone.now())
    post(article, rules, body="Same words.")

    with pytest.raises(CommentRejected):
        post(other, rules, body="Same words.", client=ClientInfo(address_hash=hash_address("203.0.113.9")))


def test_the_same_short_text_from_different_readers_is_accepted(article, rules):
    post(article, rules, body="Thank you.")

    other = post(
        article, rules, body="Thank you.", email="ben@example.org", client=ClientInfo(hash_address("203.0.113.9"))
    )

    assert other.pk


def test_the_database_refuses_a_duplicate_that_races_past_the_check(article, rules, monkeypatch):
    post(article, rules, body="Raced words.")
    monkeypatch.setattr(services.spam, "is_duplicate", lambda **kwargs: False)

    with pytest.raises(CommentRejected) as refused:
        post(article, rules, body="Raced words.")

    assert refused.value.code == "duplicate"


def test_a_banned_email_cannot_post(article, rules):
    Ban.objects.create(kind=BanKind.EMAIL, value_hash=hash_email("ANA@example.org "))

    with pytest.raises(CommentRejected) as refused:
        post(article, rules)

    assert refused.value.code == "banned"


def test_a_banned_address_cannot_post(article, rules):
    Ban.objects.create(kind=BanKind.ADDRESS, value_hash=CLIENT.address_hash)

    with pytest.raises(CommentRejected):
        post(article, rules)


def test_an_expired_ban_no_longer_applies(article, rules):
    Ban.objects.create(
        kind=BanKind.EMAIL, value_hash=hash_email("ana@example.org"), expires_at=timezone.now() - timezone.timedelta(1)
    )

    assert post(article, rules).pk


def test_comments_close_the_configured_days_after_publication(article, rules):
    rules.close_after_days = 14

    with time_machine.travel(article.first_published_at + timezone.timedelta(days=14, seconds=1)):
        with pytest.raises(CommentRejected) as refused:
            post(article, rules)

    assert refused.value.code == "closed"


def test_comments_stay_open_within_the_configured_days(article, rules):
    with time_machine.travel(article.first_published_at + timezone.timedelta(days=13)):
        assert post(article, rules).pk


def test_zero_days_keeps_comments_open(article, rules):
    rules.close_after_days = 0

    with time_machine.travel(article.first_published_at + timezone.timedelta(days=400)):
        assert post(article, rules).pk


def test_an_editor_can_close_one_article(article, rules):
    services.close_comments(article)

    with pytest.raises(CommentRejected):
        post(article, rules)
    assert CommentClosure.objects.filter(article=article).exists()


def test_a_reply_to_a_reply_joins_the_top_level_comment(article, rules):
    top = CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=top)

    comment = post(article, rules, parent_id=reply.pk)

    assert comment.parent == top


def test_a_reply_to_a_pending_comment_is_refused(article, rules):
    pending = CommentFactory(article=article, status=CommentStatus.PENDING)

    with pytest.raises(CommentRejected) as refused:
        post(article, rules, parent_id=pending.pk)

    assert refused.value.code == "no_parent"


def test_a_reply_to_a_comment_on_another_article_is_refused(article, rules, section):
    from ..news.factories import ArticlePageFactory

    elsewhere = CommentFactory(article=ArticlePageFactory(parent=section))

    with pytest.raises(CommentRejected):
        post(article, rules, parent_id=elsewhere.pk)


def test_editors_are_emailed_about_a_pending_comment(
    article, rules, django_user_model, django_capture_on_commit_callbacks
):
    _reporters, editors = ensure_newsroom_groups()
    editor = django_user_model.objects.create_user("ed", "ed@newsroom.example", "x")
    editor.groups.add(editors)
    django_user_model.objects.create_user("rep", "rep@newsroom.example", "x")

    with django_capture_on_commit_callbacks(execute=True):
        post(article, rules, body="Please moderate me.")

    assert [message.to for message in mail.outbox] == [["ed@newsroom.example"]]
    assert "Please moderate me." in mail.outbox[0].body
    assert "ana@example.org" not in mail.outbox[0].body
    assert "/admin/comments/queue/" in mail.outbox[0].body


def test_spam_does_not_email_editors(article, rules, django_user_model, django_capture_on_commit_callbacks):
    django_user_model.objects.create_superuser("boss", "boss@newsroom.example", "x")

    with django_capture_on_commit_callbacks(execute=True):
        post(article, rules, honeypot_filled=True)

    assert mail.outbox == []
