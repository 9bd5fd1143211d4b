"""The `demo` command as a door: what it prints, --if-empty, and running it twice."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from dateline.news.models import ArticlePage, Person, SectionPage
from dateline.photos.models import Photo

from ..news.factories import ArticlePageFactory
from .conftest import run_demo

pytestmark = pytest.mark.django_db


def test_demo_ends_by_printing_the_site_address_the_admin_address_and_the_login(quick_demo):
    site_line, admin_line, login_line = quick_demo.strip().splitlines()[-3:]
    site, admin = urlsplit(site_line.split()[-1]), urlsplit(admin_line.split()[-1])
    assert (site.scheme, site.hostname, site.path) == ("http", "127.0.0.1", "/")
    assert (admin.netloc, admin.path) == (site.netloc, "/admin/")
    assert login_line.split()[1:4] == ["admin", "/", "dateline-demo"]


def test_demo_prints_the_port_it_is_given(home, quick_pictures):
    site_line = run_demo("--articles", "1", "--port", "8123").strip().splitlines()[-3]
    assert urlsplit(site_line.split()[-1]).port == 8123


def test_printed_login_signs_in_as_a_superuser(quick_demo):
    user = authenticate(username="admin", password="dateline-demo")
    assert user is not None
    assert user.is_superuser


def test_demo_reporter_and_editor_sign_in_with_their_newsroom_roles(quick_demo):
    reporter = authenticate(username="reporter", password="dateline-demo")
    editor = authenticate(username="editor", password="dateline-demo")
    assert [group.name for group in reporter.groups.all()] == ["Reporters"]
    assert [group.name for group in editor.groups.all()] == ["Editors"]
    assert Group.objects.get(name="Editors").user_set.filter(username="reporter").exists() is False


def test_demo_resets_the_admin_password_when_run_again(quick_demo, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    admin.set_password("changed-by-someone")
    admin.save()
    run_demo("--articles", "1")
    assert authenticate(username="admin", password="dateline-demo") is not None


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "photos": Photo.objects.count(),
        "people": Person.objects.count(),
        "tags": Tag.objects.count(),
        "redirects": Redirect.objects.count(),
    }


def test_running_the_demo_twice_creates_nothing_new(quick_demo):
    before = _counts()
    output = run_demo("--articles", "4")
    assert _counts() == before
    assert "nothing new" in output.splitlines()[0]


def test_a_larger_run_adds_only_the_missing_stories(quick_demo):
    english = ArticlePage.objects.filter(locale__language_code="en")
    assert english.count() == 4
    run_demo("--articles", "6")
    assert english.count() == 6
    assert english.values("slug").distinct().count() == 6


def test_if_empty_leaves_a_site_that_already_has_articles_alone(section, quick_pictures):
    ArticlePageFactory(parent=section)
    output = run_demo("--if-empty", "--articles", "2")
    assert SectionPage.objects.count() == 1
    assert Photo.objects.count() == 0
    assert "not loaded" in output


def test_if_empty_loads_the_demo_on_a_site_without_articles(home, quick_pictures):
    run_demo("--if-empty", "--articles", "2")
    assert ArticlePage.objects.filter(locale__language_code="en").count() == 2


def test_demo_puts_approved_reader_comments_under_its_newest_stories(quick_demo):
    from dateline.comments.models import Comment, CommentStatus

    newest = ArticlePage.objects.live().filter(locale__language_code="en").order_by("-first_published_at").first()
    comments = Comment.objects.filter(article=newest)
    assert comments.exists()
    assert set(comments.values_list("status", flat=True)) == {CommentStatus.APPROVED}
