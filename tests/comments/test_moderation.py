"""Moderation in the Wagtail admin: the queue, bulk decisions, edits in the audit log, bans,
closing, who may do what, and the article page following each decision at once."""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import ModelLogEntry

from dateline.accounts.roles import ensure_newsroom_groups
from dateline.comments import services
from dateline.comments.models import Ban, BanKind, Comment, CommentClosure, CommentStatus

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

QUEUE = "wagtailsnippets_comments_comment:list"


@pytest.fixture
def groups(db):
    return ensure_newsroom_groups()


@pytest.fixture
def editor(django_user_model, groups):
    user = django_user_model.objects.create_user("editor", "editor@newsroom.example", "pw")
    user.groups.add(groups[1])
    return user


@pytest.fixture
def reporter(django_user_model, groups):
    user = django_user_model.objects.create_user("reporter", "reporter@newsroom.example", "pw")
    user.groups.add(groups[0])
    return user


def bulk_url(action, comments):
    ids = "&".join(f"id={c.pk}" for c in comments)
    return reverse("wagtail_bulk_action", args=("comments", "comment", action)) + f"?{ids}&next=/admin/"


def test_the_queue_lists_pending_comments_first(client, editor, article):
    CommentFactory(article=article, body="Approved earlier.")
    pending = CommentFactory(article=article, status=CommentStatus.PENDING, body="Waiting.")
    CommentFactory(article=article, body="Approved later.")
    client.force_login(editor)

    soup = BeautifulSoup(client.get(reverse(QUEUE)).content, "lxml")

    rows = soup.select("tbody tr")
    assert len(rows) == 3
    assert str(pending.pk) in str(rows[0])


def test_the_queue_filters_by_status(client, editor, article):
    CommentFactory(article=article)
    CommentFactory(article=article, status=CommentStatus.SPAM)
    client.force_login(editor)

    soup = BeautifulSoup(client.get(reverse(QUEUE), {"status": "spam"}).content, "lxml")

    assert len(soup.select("tbody tr")) == 1


def test_the_queue_filters_by_article(client, editor, article, section):
    from ..news.factories import ArticlePageFactory

    other = ArticlePageFactory(parent=section)
    CommentFactory(article=article)
    CommentFactory(article=other)
    client.force_login(editor)

    soup = BeautifulSoup(client.get(reverse(QUEUE), {"article": other.pk}).content, "lxml")

    assert len(soup.select("tbody tr")) == 1


def test_the_queue_searches_names_and_text(client, editor, article):
    CommentFactory(article=article, body="About the harbour.")
    CommentFactory(article=article, body="About the airport.")
    client.force_login(editor)

    soup = BeautifulSoup(client.get(reverse(QUEUE), {"q": "harbour"}).content, "lxml")

    assert len(soup.select("tbody tr")) == 1


def test_editors_see_email_addresses_in_the_queue(client, editor, article):
    CommentFactory(article=article, email="seen.by.editors@example.org")
    client.force_login(editor)

    assert "seen.by.editors@example.org" in client.get(reverse(QUEUE)).content.decode()


def test_reporters_read_the_queue_without_email_addresses(client, reporter, article):
    CommentFactory(article=article, email="hidden.from.reporters@example.org", body="Readable text.")
    client.force_login(reporter)

    html = client.get(reverse(QUEUE)).content.decode()

    assert "Readable text." in html
    assert "hidden.from.reporters@example.org" not in html


def test_reporters_cannot_approve(client, reporter, article):
    comment = CommentFactory(article=article, status=CommentStatus.PENDING)
    client.force_login(reporter)

    client.post(bulk_url("approve", [comment]))

    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_reporters_cannot_edit_a_comment(client, reporter, article):
    comment = CommentFactory(article=article)
    client.force_login(reporter)

    response = client.post(
        reverse("wagtailsnippets_comments_comment:edit", args=[comment.pk]), {"name": "X", "body": "Changed."}
    )

    comment.refresh_from_db()
    assert response.status_code in (302, 403)
    assert comment.body != "Changed."


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", CommentStatus.APPROVED), ("reject", CommentStatus.REJECTED), ("spam", CommentStatus.SPAM)],
)
def test_editors_decide_in_bulk(client, editor, article, action, status, django_capture_on_commit_callbacks):
    comments = CommentFactory.create_batch(3, article=article, status=CommentStatus.PENDING)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(bulk_url(action, comments))

    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {status}
    assert ModelLogEntry.objects.filter(action=f"dateline_comments.{action}").count() == 3


def test_approving_shows_the_comment_to_every_reader(client, editor, article, django_capture_on_commit_callbacks):
    comment = CommentFactory(article=article, status=CommentStatus.PENDING, body="Now public.")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(bulk_url("approve", [comment]))
    client.logout()

    soup = BeautifulSoup(client.get(article.url).content, "lxml")

    assert [b.get_text(strip=True) for b in soup.select(".comment__body")] == ["Now public."]


def test_a_decision_purges_the_article_and_the_pages_showing_its_count(
    editor, article, section, home, rules, django_capture_on_commit_callbacks
):
    comment = CommentFactory(article=article, status=CommentStatus.PENDING)

    with mock.patch("dateline.core.purge.purge") as purge:
        with django_capture_on_commit_callbacks(execute=True):
            services.approve_comments(Comment.objects.filter(pk=comment.pk), by=editor)

    urls, keys = set(purge.call_args.kwargs["urls"]), set(purge.call_args.kwargs["keys"])
    assert {article.full_url, section.full_url, home.full_url} <= urls
    assert {f"article-{article.pk}", f"section-{section.pk}", "listings"} <= keys


@pytest.mark.parametrize(
    "change",
    [
        lambda c, u: services.reject_comments(Comment.objects.filter(pk=c.pk), by=u),
        lambda c, u: services.mark_comments_as_spam(Comment.objects.filter(pk=c.pk), by=u),
        lambda c, u: services.edit_comment_text(c, body="Edited.", by=u),
        lambda c, u: services.delete_comments(Comment.objects.filter(pk=c.pk)),
        lambda c, u: services.close_comments(c.article, by=u),
    ],
    ids=["reject", "spam", "edit", "delete", "close"],
)
def test_every_change_purges_the_article(editor, article, change, django_capture_on_commit_callbacks):
    comment = CommentFactory(article=article)

    with mock.patch("dateline.core.purge.purge") as purge:
        with django_capture_on_commit_callbacks(execute=True):
            change(comment, editor)

    assert article.full_url in purge.call_args.kwargs["urls"]
    assert f"article-{article.pk}" in purge.call_args.kwargs["keys"]


def test_an_edit_keeps_the_old_and_new_text_in_the_audit_log(client, editor, article):
    comment = CommentFactory(article=article, name="Ana", body="Original words.")
    client.force_login(editor)

    response = client.post(
        reverse("wagtailsnippets_comments_comment:edit", args=[comment.pk]), {"name": "Ana", "body": "Tidied words."}
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Tidied words."
    entry = ModelLogEntry.objects.get(action="dateline_comments.edit_text")
    assert entry.data["before"]["body"] == "Original words."
    assert entry.data["after"]["body"] == "Tidied words."
    assert entry.user == editor


def test_banning_an_author_bans_what_the_editor_chose_and_hides_the_chosen_comments(client, editor, article):
    comment = CommentFactory(article=article, status=CommentStatus.PENDING)
    older = CommentFactory(article=article, email=comment.email, email_hash=comment.email_hash)
    client.force_login(editor)

    client.post(bulk_url("ban", [comment]), {"kinds": [BanKind.EMAIL, BanKind.ADDRESS]})

    assert set(Ban.objects.values_list("kind", "value_hash")) == {
        (BanKind.EMAIL, comment.email_hash),
        (BanKind.ADDRESS, comment.address_hash),
    }
    comment.refresh_from_db()
    older.refresh_from_db()
    assert (comment.status, older.status) == (CommentStatus.SPAM, CommentStatus.APPROVED)


def test_an_editor_bans_an_email_from_the_bans_form(client, editor):
    from dateline.comments.privacy import hash_email

    client.force_login(editor)

    client.post(
        reverse("wagtailsnippets_comments_ban:add"), {"kind": "email", "value": "Troll@Example.org", "reason": "abuse"}
    )

    ban = Ban.objects.get()
    assert ban.value_hash == hash_email("troll@example.org")
    assert ban.created_by == editor


def test_closing_from_the_queue_closes_the_article(client, editor, article):
    comment = CommentFactory(article=article)
    client.force_login(editor)

    client.post(bulk_url("close", [comment]))

    assert CommentClosure.objects.filter(article=article).exists()
    soup = BeautifulSoup(client.get(article.url).content, "lxml")
    assert soup.select_one("form[data-comment-form]") is None


def test_the_comments_menu_is_in_the_admin(client, editor):
    client.force_login(editor)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse(QUEUE) in html


def test_the_queue_offers_no_add_comment_button_even_to_a_superuser(client, admin_user, article):
    CommentFactory(article=article)
    client.force_login(admin_user)

    soup = BeautifulSoup(client.get(reverse(QUEUE)).content, "lxml")

    assert not soup.find("a", href=reverse("wagtailsnippets_comments_comment:add"))
    assert "Add comment" not in soup.get_text()
