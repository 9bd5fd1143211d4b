"""A reader comments in real Chromium (the proof of work solved by the browser), an editor approves
in the admin, and another reader then sees the comment."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dateline.accounts.roles import ensure_newsroom_groups
from dateline.comments.models import Comment, CommentSettings, CommentStatus
from tests.news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def article(section, settings):
    settings.DATELINE_COMMENTS_CAPTCHA_MAX_NUMBER = 5000
    rules = CommentSettings.for_site(section.get_site())
    rules.min_seconds_to_post = 1
    rules.save()
    return ArticlePageFactory(parent=section, title="Harbour reopens after storm", first_published_at=timezone.now())


@pytest.fixture
def editor(django_user_model):
    _reporters, editors = ensure_newsroom_groups()
    user = django_user_model.objects.create_user("editor", "editor@newsroom.example", "correct-horse-9")
    user.groups.add(editors)
    return user


def test_a_reader_comments_an_editor_approves_another_reader_sees_it(
    live_server, page, browser, article, editor, results_dir
):
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)

    # A reader fills the form; the widget fetches a challenge and the browser solves it.
    page.goto(live_server.url + article.url)
    page.get_by_label("Name").fill("Ana Reader")
    page.get_by_label("E-mail").fill("ana.reader@example.org")
    page.get_by_label("Comment", exact=True).fill("The harbour master's account matches what we saw.")
    # Focusing the form started the check; the box says when the browser has done its work.
    expect(page.get_by_role("checkbox", name="Checked: you can post")).to_be_checked(timeout=20_000)
    page.wait_for_timeout(1100)  # the newsroom's minimum time between opening the form and posting
    page.get_by_role("button", name="Post comment").click()

    # Back on the article: the notice, and the reader's own comment marked as awaiting moderation.
    expect(page).to_have_url(re.compile(re.escape(article.url) + "#comments$"))
    expect(page.get_by_role("region", name="Comments").get_by_role("status")).to_contain_text("awaits moderation")
    expect(page.locator(".comment--pending")).to_contain_text("The harbour master's account")
    page.screenshot(path=str(results_dir / "comment-pending.png"), full_page=True)
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING

    # Another reader does not see it yet.
    other = browser.new_context().new_page()
    other.goto(live_server.url + article.url)
    expect(other.locator(".comment")).to_have_count(0)

    # An editor approves it in the admin queue.
    admin = browser.new_context().new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.get_by_label("Username").fill("editor")
    admin.get_by_label("Password").fill("correct-horse-9")
    admin.get_by_role("button", name=re.compile("Sign in")).click()
    admin.goto(live_server.url + "/admin/comments/queue/")
    expect(admin.get_by_text("Ana Reader")).to_be_visible()
    admin.get_by_role("row", name=re.compile("Ana Reader")).get_by_role("checkbox").check()
    admin.get_by_role("link", name="Approve selected comments").click()
    admin.get_by_role("button", name="Yes, approve").click()
    expect(admin.get_by_text("1 comment approved.")).to_be_visible()

    # Another reader now sees it.
    other.reload()
    expect(other.locator(".comment")).to_have_count(1)
    expect(other.locator(".comment__author")).to_have_text("Ana Reader")
    assert "ana.reader@example.org" not in other.content()
    other.screenshot(path=str(results_dir / "comment-approved.png"), full_page=True)
    assert csp_errors == []
