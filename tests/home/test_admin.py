"""What editors use: pinned stories on the front page and the breaking-news banner setting."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from dateline.home.models import BreakingNewsBanner, HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(username="editor", email="", password="x" * 12)
    client.force_login(user)
    return client


def test_front_page_editor_offers_pinned_stories_limited_to_articles(editor_client, home):
    response = editor_client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(id="id_pinned_stories-TOTAL_FORMS")
    assert soup.find(id="id_pinned_stories-MAX_NUM_FORMS")["value"] == "6"


def test_editor_switches_the_banner_on_from_the_settings(editor_client, home):
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/home/breakingnewsbanner/{site.pk}/"
    assert editor_client.get(url).status_code == 200
    data = {"is_active": "on", "text": "Earthquake hits Lima", "link": "https://news.example.org/", "expires_at": ""}
    response = editor_client.post(url, data)
    assert response.status_code == 302
    assert BreakingNewsBanner.for_site(site).is_showing()


def test_front_page_accepts_sections_policy_pages_and_podcast_shows_below_it():
    labels = [model._meta.label for model in HomePage.allowed_subpage_models()]
    assert labels == ["news.SectionPage", "news.PolicyPage", "podcasts.PodcastShowPage"]
