"""The full default demo, as `make run` loads it (the slow one: about forty stories)."""

import pytest

from dateline.ingest.models import WireItem
from dateline.news.models import ArticlePage, Person, SectionPage
from dateline.photos.models import Photo

from .conftest import run_demo

pytestmark = pytest.mark.django_db


def test_default_demo_has_five_sections_people_and_thirty_english_and_several_spanish_stories(
    home, quick_pictures, settings, tmp_path
):
    settings.DATA_DIR = tmp_path  # the demo's wire drop folders
    output = run_demo()

    english = list(ArticlePage.objects.live().filter(locale__language_code="en").select_related("lead_photo"))
    spanish = ArticlePage.objects.live().filter(locale__language_code="es")
    sections = {section.title for section in SectionPage.objects.live().child_of(home)}
    assert sections >= {"World", "Americas", "Europe", "Science", "Sport"}
    assert len(english) >= 30
    assert spanish.count() >= 4
    assert Person.objects.filter(locale__language_code="en").count() >= 8
    assert Photo.objects.exclude(title__endswith=", portrait").count() >= 12
    assert sum(1 for article in english if 1 <= len(article.authors) <= 3) >= len(english) * 0.75
    assert all(article.edited_by is not None for article in english)
    assert sum(1 for article in english if article.lead_photo and article.lead_photo.credit) >= len(english) * 0.75
    assert home.specific.pinned_stories.count() == 2
    assert "created" in output.splitlines()[0]
    # Agency copy waits in the Wire queue as drafts, with its dateline, outlet code and photo credit.
    wire = {item.headline: item.article for item in WireItem.objects.select_related("article__lead_photo")}
    assert set(wire) == {"Havana port reopens after storm", "EU ministers agree winter energy plan"}
    assert not any(article.live for article in wire.values())
    havana = wire["Havana port reopens after storm"]
    assert (havana.dateline_place, havana.outlet_code) == ("Havana", "EXW")
    assert havana.lead_photo.credit == "Luis Gómez/EXW"
    run_demo()
    assert WireItem.objects.count() == 2  # the same versions again: nothing new
