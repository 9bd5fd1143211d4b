"""What the demo builds: real revisions, translations, bylines, photos and pages readers can open."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Locale, Page

from dateline.demo import content
from dateline.home.models import HomePage
from dateline.news.models import ArticlePage, Person
from dateline.photos.models import Photo, PhotoRendition

from .conftest import QUICK_ARTICLES

pytestmark = pytest.mark.django_db

QUICK_STORIES = content.STORIES[:QUICK_ARTICLES]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, module_demo):
    """Overrides the suite's per-test media folder: the photos of the module's demo live in its own."""
    settings.MEDIA_ROOT = module_demo.media


@pytest.fixture
def quick_demo(module_demo):
    return module_demo.output


def test_demo_leaves_the_page_tree_consistent(quick_demo):
    assert all(problems == [] for problems in Page.find_problems())


def test_english_stories_are_published_under_their_sections_of_the_english_front_page(quick_demo):
    home = HomePage.objects.get(locale__language_code="en")
    for story in QUICK_STORIES:
        article = ArticlePage.objects.get(slug=story.slug)
        assert article.live
        assert article.get_parent().slug == story.section
        assert article.get_parent().get_parent().pk == home.pk


def test_stories_run_newest_first_over_the_past_month(quick_demo):
    now = timezone.now()
    dates = [ArticlePage.objects.get(slug=story.slug).first_published_at for story in QUICK_STORIES]
    assert dates == sorted(dates, reverse=True)
    assert all(now - timedelta(days=31) < date < now for date in dates)


def test_a_story_with_an_update_was_published_twice_and_shows_as_updated(quick_demo):
    story = next(story for story in QUICK_STORIES if story.update)
    article = ArticlePage.objects.get(slug=story.slug)
    assert article.revisions.count() == 2
    assert article.last_published_at > article.first_published_at
    assert article.was_updated


def test_spanish_versions_share_the_translation_key_of_the_english_story(quick_demo):
    spanish = Locale.objects.get(language_code="es")
    translated = [t for t in content.TRANSLATIONS if t.source in {story.slug for story in QUICK_STORIES}]
    assert translated
    for translation in translated:
        english = ArticlePage.objects.get(slug=translation.source)
        version = english.get_translation(spanish)
        assert (version.slug, version.title, version.live) == (translation.slug, translation.headline, True)
        assert version.first_published_at > english.first_published_at


def test_spanish_bylines_name_the_spanish_profiles_of_the_same_people(quick_demo):
    translation = content.TRANSLATIONS[0]
    english = ArticlePage.objects.get(slug=translation.source)
    spanish = ArticlePage.objects.get(slug=translation.slug)
    assert [p.translation_key for p in spanish.authors] == [p.translation_key for p in english.authors]
    assert {p.locale.language_code for p in [*spanish.authors, spanish.edited_by]} == {"es"}


def test_stories_first_written_in_spanish_have_no_english_version(quick_demo):
    for original in content.SPANISH_ORIGINALS:
        article = ArticlePage.objects.get(slug=original.story.slug)
        assert article.locale.language_code == "es"
        assert article.live
        assert list(article.get_translations()) == []


def test_every_person_has_a_portrait_and_a_spanish_profile(quick_demo):
    english = Person.objects.filter(locale__language_code="en")
    assert english.count() == len(content.PEOPLE)
    for person in english:
        assert person.photo is not None
        assert person.photo.credit
        spanish = person.get_translation(Locale.objects.get(language_code="es"))
        assert spanish.role
        assert spanish.role != person.role


def test_demo_photos_carry_alt_text_credit_and_caption(quick_demo):
    photos = Photo.objects.all()
    assert photos.exists()
    assert all(photo.description and photo.credit and photo.default_caption for photo in photos)


def test_renditions_are_left_for_the_first_readers_to_make(quick_demo):
    assert PhotoRendition.objects.count() == 0


@pytest.mark.parametrize(
    "path",
    ["/", "/world/", "/es/", "/es/mundo/"],
)
def test_demo_front_and_section_pages_are_served(client, quick_demo, path):
    assert client.get(path).status_code == 200


def test_a_demo_article_page_shows_its_headline_and_lead_photo_credit(client, quick_demo):
    story = next(story for story in QUICK_STORIES if story.photo)
    article = ArticlePage.objects.get(slug=story.slug)
    response = client.get(article.url)
    soup = BeautifulSoup(response.content, "lxml")
    assert response.status_code == 200
    assert soup.h1.get_text(strip=True) == story.headline
    credit = next(picture.credit for picture in content.PICTURES if picture.key == story.photo)
    assert credit in soup.find("figure").get_text(" ", strip=True)


def test_a_spanish_demo_article_is_served_under_es(client, quick_demo):
    article = ArticlePage.objects.get(slug=content.TRANSLATIONS[0].slug)
    response = client.get(article.url)
    assert article.url.startswith("/es/")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "lxml").html["lang"] == "es"
