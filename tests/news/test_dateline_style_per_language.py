"""A site may give any of its languages a dateline style of its own; the others keep the site's."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext
from wagtail.models import Locale

from dateline.core.models import NewsroomSettings
from dateline.news.models import DatelineStyle
from dateline.news.models.dateline_style import DatelinePreset, DatelineStyleOverride

from .factories import ArticlePageFactory, SectionPageFactory, publish_at

pytestmark = pytest.mark.django_db

PUBLISHED = dt.datetime(2026, 2, 20, 14, 5, tzinfo=dt.UTC)


def set_language_style(site, language, **fields):
    style = DatelineStyle.for_site(site)
    override = DatelineStyleOverride(setting=style, language=language, **fields)
    override.full_clean(exclude=["setting"])
    override.save()
    return override


@pytest.fixture
def outlet(home):
    NewsroomSettings.objects.update_or_create(site=home.get_site(), defaults={"outlet_code": "RHC"})


def story_in(section, place, **fields):
    article = ArticlePageFactory(parent=section, locale=section.locale, dateline_place=place, **fields)
    return type(article).objects.get(pk=publish_at(article, PUBLISHED).pk)


def test_a_spanish_story_uses_the_spanish_style_and_an_english_one_the_sites(outlet, section, section_es):
    set_language_style(section.get_site(), "es", preset=DatelinePreset.AP)
    spanish = story_in(section_es, "Bruselas")
    english = story_in(section, "Brussels")
    assert spanish.dateline_text == "BRUSELAS (RHC)"
    assert english.dateline_text == "Brussels, February 20 (RHC)"


def test_the_languages_separator_follows_its_dateline_on_the_page(client, outlet, section, section_es):
    set_language_style(section.get_site(), "es", preset=DatelinePreset.AP)
    spanish = story_in(section_es, "Bruselas")
    english = story_in(section, "Brussels")
    for article, expected in ((spanish, "BRUSELAS (RHC) — "), (english, "Brussels, February 20 (RHC)-- ")):
        soup = BeautifulSoup(client.get(article.url).content, "html.parser")
        assert soup.select_one(".article__body p").get_text().startswith(expected)


def test_a_language_style_takes_its_parts_from_its_preset(section):
    override = set_language_style(section.get_site(), "es", preset=DatelinePreset.AP, separator="//")
    assert (override.separator, override.place_in_capitals) == (" —", True)


def test_the_arabic_comma_still_comes_from_the_catalogue_under_a_language_style(outlet, home):
    arabic = Locale.objects.get_or_create(language_code="ar")[0]
    front = home.copy_for_translation(arabic)
    front.save_revision().publish()
    section_ar = SectionPageFactory(parent=front, title="العالم", slug="al-alam", locale=arabic)
    set_language_style(
        home.get_site(), "ar", preset=DatelinePreset.CUSTOM, separator=" —", outlet_placement="after_place"
    )
    article = story_in(section_ar, "جنيف")
    with translation.override("ar"):
        # "، " once dateline/locale/ar has the message (pgettext's context names it).
        comma = pgettext("dateline: between place and date", ", ")
    assert article.dateline_text == f"جنيف (RHC){comma}20 فبراير"


def test_the_language_style_is_given_the_languages_comma(outlet, section_es, monkeypatch):
    from dateline.news.models import articles

    set_language_style(section_es.get_site(), "es", preset=DatelinePreset.CUSTOM, outlet_placement="after_place")
    monkeypatch.setattr(articles, "pgettext", lambda context, text: "، " if context.startswith("dateline") else text)
    assert story_in(section_es, "Bruselas").dateline_text == "Bruselas (RHC)، 20 de febrero"


def test_one_style_per_language(section):
    set_language_style(section.get_site(), "es")
    with pytest.raises(IntegrityError), transaction.atomic():
        set_language_style(section.get_site(), "es")


def test_an_editor_sets_a_languages_style_in_the_settings(admin_client, outlet, section, section_es):
    site = section.get_site()
    url = reverse("wagtailsettings:edit", args=["news", "datelinestyle", site.pk])
    form = BeautifulSoup(admin_client.get(url).content, "html.parser")
    assert form.find(attrs={"name": "language_styles-TOTAL_FORMS"})
    data = {
        "preset": "reference",
        "separator": "--",
        "date_form": "month_day",
        "outlet_placement": "after_date",
        "language_styles-TOTAL_FORMS": "1",
        "language_styles-INITIAL_FORMS": "0",
        "language_styles-MIN_NUM_FORMS": "0",
        "language_styles-MAX_NUM_FORMS": "1000",
        "language_styles-0-language": "es",
        "language_styles-0-preset": "ap",
        "language_styles-0-separator": "",
        "language_styles-0-date_form": "none",
        "language_styles-0-outlet_placement": "after_place",
        "language_styles-0-ORDER": "1",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert story_in(section_es, "Bruselas").dateline_text == "BRUSELAS (RHC)"
    assert story_in(section, "Brussels").dateline_text == "Brussels, February 20 (RHC)"
