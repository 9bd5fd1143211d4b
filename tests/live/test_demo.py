"""The demo's live page: a dozen updates, a pinned summary and a corrected update, made once."""

import pytest
from django.utils import timezone

from dateline.demo.live import ensure_live_coverage
from dateline.live.models import LivePage
from tests.news.factories import PersonFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def test_demo_live_page_has_a_summary_a_dozen_updates_and_a_correction(client, section):
    photo = PhotoFactory()
    people = {"tomas-herrera": PersonFactory(slug="tomas-herrera"), "ana-ruiz": PersonFactory(slug="ana-ruiz")}
    assert ensure_live_coverage(section, photo, people, timezone.now()) == 1
    page = LivePage.objects.get()
    assert page.live
    assert [person.slug for person in page.authors] == ["tomas-herrera"]
    assert page.edited_by.slug == "ana-ruiz"
    assert page.updates.filter(is_pinned=False).count() == 12
    assert page.updates.filter(is_pinned=True).count() == 1
    assert page.updates.filter(corrected_at__isnull=False).count() == 1
    assert client.get(page.url).status_code == 200


def test_building_the_demo_twice_makes_the_live_page_once(section):
    photo = PhotoFactory()
    people = {"tomas-herrera": PersonFactory(slug="tomas-herrera"), "ana-ruiz": PersonFactory(slug="ana-ruiz")}
    ensure_live_coverage(section, photo, people, timezone.now())
    assert ensure_live_coverage(section, photo, people, timezone.now()) == 0
    assert LivePage.objects.count() == 1
