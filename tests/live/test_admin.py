"""The desk's fast path: post, correct and delete updates from the admin, reachable from the live page."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from dateline.live import services
from dateline.live.models import LiveUpdate
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.login(username=user.get_username(), password=STAFF_PASSWORD)
        return client

    return sign_in


def test_a_reporter_posts_an_update_in_one_form(signed_in, reporter, live_page):
    client = signed_in(reporter)
    url = reverse("live_admin:updates", args=[live_page.pk])
    response = client.post(url, {"text": "Winds reach 120 km/h."})
    assert response.status_code == 302
    assert response["Location"] == url
    update = LiveUpdate.objects.get()
    assert update.text == "Winds reach 120 km/h."
    assert update.posted_by == reporter
    assert update.sequence == 1


def test_the_desk_lists_posted_updates_with_correct_and_delete(signed_in, editor, live_page):
    update = services.post_update(page=live_page, text="Winds reach 120 km/h.")
    soup = BeautifulSoup(signed_in(editor).get(reverse("live_admin:updates", args=[live_page.pk])).content, "lxml")
    assert soup.find("a", href=reverse("live_admin:correct", args=[update.pk]))
    assert soup.find("a", href=reverse("live_admin:delete", args=[update.pk]))


def test_an_empty_update_gets_the_form_back_with_the_reason(signed_in, editor, live_page):
    response = signed_in(editor).post(reverse("live_admin:updates", args=[live_page.pk]), {"text": ""})
    assert response.status_code == 400
    assert "Write some text" in BeautifulSoup(response.content, "lxml").get_text()
    assert not LiveUpdate.objects.exists()


def test_someone_who_may_not_edit_the_page_cannot_post(client, live_page):
    user = get_user_model().objects.create_user(username="intern", password=STAFF_PASSWORD)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    client.login(username="intern", password=STAFF_PASSWORD)
    response = client.post(reverse("live_admin:updates", args=[live_page.pk]), {"text": "Hello."})
    assert response.status_code == 302  # Wagtail turns a refusal in its admin into a redirect with a message
    assert not LiveUpdate.objects.exists()


def test_correcting_from_the_admin_marks_the_update(signed_in, editor, live_page):
    update = services.post_update(page=live_page, text="Three dead.")
    response = signed_in(editor).post(
        reverse("live_admin:correct", args=[update.pk]), {"text": "Four dead.", "correction_note": "Toll revised."}
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert (update.text, update.original_text, update.is_corrected) == ("Four dead.", "Three dead.", True)


def test_a_correction_without_a_note_is_refused(signed_in, editor, live_page):
    update = services.post_update(page=live_page, text="Three dead.")
    response = signed_in(editor).post(reverse("live_admin:correct", args=[update.pk]), {"text": "Four dead."})
    assert response.status_code == 400
    update.refresh_from_db()
    assert update.text == "Three dead."


def test_deleting_asks_then_deletes(signed_in, editor, live_page):
    update = services.post_update(page=live_page, text="Unconfirmed.")
    client = signed_in(editor)
    assert client.get(reverse("live_admin:delete", args=[update.pk])).status_code == 200
    assert client.post(reverse("live_admin:delete", args=[update.pk])).status_code == 302
    assert not LiveUpdate.objects.shown().exists()


def test_the_page_editor_links_to_post_an_update(signed_in, editor, live_page):
    response = signed_in(editor).get(reverse("wagtailadmin_pages:edit", args=[live_page.pk]))
    soup = BeautifulSoup(response.content, "lxml")
    target = reverse("live_admin:updates", args=[live_page.pk])
    links = soup.find_all("a", href=target)
    # In the page's header buttons, its action menu and the Live updates panel.
    assert len(links) >= 2
    assert any("Post an update" in a.get_text() for a in links)


def test_an_ordinary_article_has_no_post_an_update_link(signed_in, editor, story):
    article = story()
    response = signed_in(editor).get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert "/admin/live/" not in response.content.decode()


def test_an_editor_can_start_a_live_page_in_a_section(signed_in, editor, section):
    response = signed_in(editor).get(reverse("wagtailadmin_pages:add", args=["live", "livepage", section.pk]))
    assert response.status_code == 200
    assert "Save the page once, then post updates from here." in response.content.decode()
