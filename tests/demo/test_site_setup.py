"""Demo builds that need a site of their own: the front pages' arrangement and the newsroom settings."""

import pytest

from dateline.core.models import NewsroomSettings
from dateline.demo import content
from dateline.home.models import HomePage
from dateline.news.models import ArticlePage

from .conftest import run_demo

pytestmark = pytest.mark.django_db

LEAD_POSITION = next(n for n, story in enumerate(content.STORIES) if story.slug == content.LEAD_STORY)


def test_front_pages_lead_with_the_chosen_story_in_each_language(home, quick_pictures):
    run_demo("--articles", str(LEAD_POSITION + 1))
    english = HomePage.objects.get(locale__language_code="en")
    spanish = HomePage.objects.get(locale__language_code="es")
    assert english.lead_story.slug == content.LEAD_STORY
    assert spanish.lead_story.translation_key == english.lead_story.translation_key


def test_demo_leaves_a_front_page_arranged_by_editors_alone(home, quick_pictures):
    run_demo("--articles", "2")
    english = HomePage.objects.get(locale__language_code="en")
    english.lead_story = ArticlePage.objects.get(slug=content.STORIES[1].slug)
    english.save_revision().publish()
    run_demo("--articles", str(LEAD_POSITION + 1))
    english.refresh_from_db()
    assert english.lead_story.slug == content.STORIES[1].slug


def test_newsroom_settings_carry_the_configured_outlet_code(settings, home, quick_pictures):
    settings.DATELINE_OUTLET_CODE = "TST"
    run_demo("--articles", "1")
    assert NewsroomSettings.for_site(home.get_site()).outlet_code == "TST"
