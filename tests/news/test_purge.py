"""Publishing, unpublishing, editing, scheduling and moderating purge exactly the pages that show the story."""

from datetime import timedelta
from unittest import mock

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.core.page_cache import page_cache  # noqa: F401
from tests.news.factories import ArticlePageFactory, PersonFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def headline(response) -> str:
    return BeautifulSoup(response.content, "lxml").find("h1").get_text(strip=True)


def listed_titles(response) -> set[str]:
    soup = BeautifulSoup(response.content, "lxml")
    return {link.get_text(strip=True) for link in soup.select("main a")}


@pytest.fixture
def article(section, page_cache):  # noqa: F811
    article = ArticlePageFactory(parent=section, title="Ministers agree", authors=[PersonFactory(slug="ana-perez")])
    article.tags.add("trade")
    article.save_revision().publish()
    Client().get(section.url)  # the first page view creates the site settings, which purges
    page_cache.clear()
    return article


def test_publishing_an_edit_shows_the_new_headline_at_once(client, article, django_capture_on_commit_callbacks):
    assert headline(client.get(article.url)) == "Ministers agree"
    article.title = "Ministers agree on a new plan"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert headline(client.get(article.url)) == "Ministers agree on a new plan"


def test_publishing_purges_the_section_listing(client, section, article, django_capture_on_commit_callbacks):
    client.get(section.url)
    newer = ArticlePageFactory(parent=section, title="Storm closes the port", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        newer.save_revision().publish()
    assert "Storm closes the port" in listed_titles(client.get(section.url))


def test_unpublishing_answers_404_right_after(client, article, django_capture_on_commit_callbacks):
    assert client.get(article.url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get(article.url).status_code == 404


def test_removing_a_tag_purges_the_old_tag_page(client, article, django_capture_on_commit_callbacks):
    tag_url = "/tags/trade/"
    assert "Ministers agree" in listed_titles(client.get(tag_url))
    article.tags.clear()
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert "Ministers agree" not in listed_titles(client.get(tag_url))


def test_scheduled_publishing_purges_when_it_goes_live(client, section, article, django_capture_on_commit_callbacks):
    client.get(section.url)
    scheduled = ArticlePageFactory(parent=section, title="Budget published at noon", live=False)
    scheduled.go_live_at = timezone.now() + timedelta(hours=1)
    scheduled.save_revision().publish()
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("publish_scheduled")
        assert "Budget published at noon" in listed_titles(client.get(section.url))


def test_renaming_an_author_purges_their_articles(client, article, django_capture_on_commit_callbacks):
    client.get(article.url)
    person = article.authors[0]
    person.name = "Ana Pérez Gil"
    with django_capture_on_commit_callbacks(execute=True):
        person.save()
    assert client.get(article.url)["X-Dateline-Cache"] == "miss"


def test_changing_a_site_setting_purges_every_page(client, article, django_capture_on_commit_callbacks):
    from dateline.core.models import NewsroomSettings

    client.get(article.url)
    settings_row = NewsroomSettings.for_site(article.get_site())
    settings_row.outlet_code = "RHC"
    with django_capture_on_commit_callbacks(execute=True):
        settings_row.save()
    assert client.get(article.url)["X-Dateline-Cache"] == "miss"


VARNISH = {"varnish0": {"BACKEND": "dateline.core.purge.VarnishBackend", "LOCATION": "http://127.0.0.1:6081"}}


def test_varnish_gets_the_article_listing_keys_and_urls(article, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = VARNISH
    with (
        mock.patch("dateline.core.purge.urlopen") as key_purge,
        mock.patch("wagtail.contrib.frontend_cache.backends.http.urlopen") as url_purge,
        django_capture_on_commit_callbacks(execute=True),
    ):
        article.save_revision().publish()
    key_requests = [call.args[0] for call in key_purge.call_args_list]
    keys = set(" ".join(request.get_header("Xkey-purge") for request in key_requests).split())
    section_id = article.get_parent().pk
    assert {f"article-{article.pk}", f"section-{section_id}", "listings", "tag-trade", "person-ana-perez"} <= keys
    assert all(request.get_method() == "PURGE" for request in key_requests)
    assert all(request.full_url == "http://127.0.0.1:6081/" for request in key_requests)
    # Every purge is hard: Varnish serves no old copy, not even while it fetches the new one.
    assert {request.get_header("Xkey-mode") for request in key_requests} == {"hard"}
    purged_paths = {call.args[0].selector for call in url_purge.call_args_list}
    assert {article.url, "/world/", "/", "/tags/trade/", "/people/ana-perez/"} <= purged_paths


def test_varnish_being_down_does_not_fail_the_publish(article, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {
        "varnish0": {"BACKEND": "dateline.core.purge.VarnishBackend", "LOCATION": "http://127.0.0.1:6399"}
    }
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    article.refresh_from_db()
    assert article.live


def test_approving_a_comment_purges_the_article_from_the_app_cache(
    client, article, admin_user, django_capture_on_commit_callbacks
):
    from dateline.comments.models import Comment, CommentStatus
    from dateline.comments.services import approve_comments
    from tests.comments.factories import CommentFactory

    comment = CommentFactory(article=article, status=CommentStatus.PENDING, body="A pending view.")
    client.get(article.url)
    with django_capture_on_commit_callbacks(execute=True):
        approve_comments(Comment.objects.filter(pk=comment.pk), by=admin_user)
    response = client.get(article.url)
    assert response["X-Dateline-Cache"] == "miss"
    assert "A pending view." in BeautifulSoup(response.content, "lxml").get_text()


def credit_shown(response) -> str:
    return BeautifulSoup(response.content, "lxml").select_one(".photo__credit").get_text(strip=True)


def test_editing_a_lead_photos_credit_shows_at_once(client, section, settings, django_capture_on_commit_callbacks):
    from tests.photos.factories import PhotoFactory

    photo = PhotoFactory(credit="AFP")
    story = ArticlePageFactory(parent=section, lead_photo=photo)
    story.save_revision().publish()
    assert credit_shown(client.get(story.url)) == "(Photo: AFP)"
    photo.credit = "Reuters"
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    assert credit_shown(client.get(story.url)) == "(Photo: Reuters)"


def test_a_photo_in_the_body_purges_its_article_when_edited(section, django_capture_on_commit_callbacks):
    from tests.photos.factories import PhotoFactory

    photo = PhotoFactory()
    story = ArticlePageFactory(parent=section, body=[("photo", {"photo": photo, "caption": "At the port."})])
    story.save_revision().publish()
    untouched = ArticlePageFactory(parent=section)
    untouched.save_revision().publish()
    photo.credit = "Reuters"
    with mock.patch("dateline.news.signals.purge_page") as purge_page:
        photo.save()
    assert [call.args[0].pk for call in purge_page.call_args_list] == [story.pk]
