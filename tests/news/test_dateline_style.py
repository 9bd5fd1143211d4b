"""Each site writes its dateline in its own style: presets for the reference and AP, or its own parts."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup

from dateline.core.models import NewsroomSettings
from dateline.news.models import DatelineStyle
from dateline.news.models.dateline_style import DatelinePreset

from .factories import ArticlePageFactory, publish_at

pytestmark = pytest.mark.django_db

PUBLISHED = dt.datetime(2026, 2, 20, 14, 5, tzinfo=dt.UTC)


def set_style(site, **fields):
    style = DatelineStyle.for_site(site)
    for name, value in fields.items():
        setattr(style, name, value)
    style.full_clean()
    style.save()
    return style


@pytest.fixture
def article(section):
    NewsroomSettings.objects.update_or_create(site=section.get_site(), defaults={"outlet_code": "RHC"})
    return publish_at(ArticlePageFactory(parent=section, dateline_place="Brussels", slug="budget"), PUBLISHED)


def first_paragraph(client, article) -> str:
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    return soup.select_one(".article__body p").get_text()


def test_the_reference_style_is_the_default(client, article):
    assert article.dateline_text == "Brussels, February 20 (RHC)"
    expected = "Brussels, February 20 (RHC)-- The agreement was signed shortly after dawn."
    assert first_paragraph(client, article) == expected


def test_the_ap_preset_writes_the_place_in_capitals_without_a_date(client, article):
    set_style(article.get_site(), preset=DatelinePreset.AP)
    article.outlet_code = "AP"
    publish_at(article, PUBLISHED)
    article = type(article).objects.get(pk=article.pk)
    assert article.dateline_text == "BRUSSELS (AP)"
    assert first_paragraph(client, article) == "BRUSSELS (AP) — The agreement was signed shortly after dawn."


def test_a_preset_overrides_the_parts_typed_below_it(article):
    style = set_style(article.get_site(), preset=DatelinePreset.AP, separator="//", place_in_capitals=False)
    assert (style.separator, style.place_in_capitals) == (" —", True)


def test_a_newsroom_sets_its_own_parts(article):
    set_style(
        article.get_site(),
        preset=DatelinePreset.CUSTOM,
        separator=" /",
        date_form="none",
        place_in_capitals=False,
        outlet_placement="none",
    )
    article = type(article).objects.get(pk=article.pk)
    assert article.dateline_text == "Brussels"


def test_outlet_after_the_place_keeps_the_date_after_it(article):
    set_style(article.get_site(), preset=DatelinePreset.CUSTOM, outlet_placement="after_place", place_in_capitals=True)
    article = type(article).objects.get(pk=article.pk)
    assert article.dateline_text == "BRUSSELS (RHC), February 20"


def test_the_style_applies_in_every_language(section_es):
    set_style(section_es.get_site(), preset=DatelinePreset.AP)
    article = publish_at(ArticlePageFactory(parent=section_es, dateline_place="Bruselas", outlet_code="AP"), PUBLISHED)
    assert article.dateline_text == "BRUSELAS (AP)"


def test_changing_the_style_shows_on_the_article_at_once(client, article):
    assert first_paragraph(client, article).startswith("Brussels, February 20 (RHC)--")
    set_style(article.get_site(), preset=DatelinePreset.AP)
    assert first_paragraph(client, article).startswith("BRUSSELS (RHC) —")
