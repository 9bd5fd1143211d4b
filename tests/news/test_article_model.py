"""ArticlePage's fields and the facts it derives from them: dateline, outlet, caption, update time."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from dateline.core.models import NewsroomSettings
from dateline.home.models import HomePage
from dateline.news.models import ArticleKind, ArticlePage, SectionPage
from tests.news.factories import ArticlePageFactory, PersonFactory
from tests.photos.factories import PhotoFactory

from .factories import publish_at

pytestmark = pytest.mark.django_db

PUBLISHED = dt.datetime(2026, 2, 20, 14, 5, tzinfo=dt.UTC)


def test_article_keeps_its_headline_standfirst_and_dateline_place(section):
    article = ArticlePageFactory(
        parent=section, title="Ministers agree", standfirst="After a night of talks.", dateline_place="Brussels"
    )
    stored = ArticlePage.objects.get(pk=article.pk)
    assert (stored.title, stored.standfirst, stored.dateline_place) == (
        "Ministers agree",
        "After a night of talks.",
        "Brussels",
    )


def test_article_lives_under_a_section_which_lives_under_the_front_page():
    assert ArticlePage.parent_page_types == ["news.SectionPage"]
    assert SectionPage.parent_page_types == ["home.HomePage"]
    assert ArticlePage.can_exist_under(SectionPage())
    assert not ArticlePage.can_exist_under(HomePage())


def test_authors_are_kept_in_byline_order(section):
    first, second, third = PersonFactory(name="Zoe"), PersonFactory(name="Adam"), PersonFactory(name="Mia")
    article = ArticlePageFactory(parent=section, authors=[first, second, third])
    assert [person.name for person in ArticlePage.objects.get(pk=article.pk).authors] == ["Zoe", "Adam", "Mia"]


def test_authors_and_editor_are_optional(section):
    article = ArticlePageFactory(parent=section)
    article.full_clean()
    assert article.authors == []
    assert article.edited_by is None


def test_edited_by_names_a_person(section):
    editor = PersonFactory(name="Ana Pérez")
    article = ArticlePageFactory(parent=section, edited_by=editor)
    assert ArticlePage.objects.get(pk=article.pk).edited_by == editor
    assert list(editor.edited_articles.all()) == [article.page_ptr.specific]


def test_kind_of_work_is_news_unless_chosen(section):
    article = ArticlePageFactory(parent=section)
    assert article.kind.slug == "news"
    slugs = set(ArticleKind.objects.values_list("slug", flat=True))
    assert slugs == {"news", "analysis", "opinion", "review", "background", "fact-check", "interview", "sponsored"}


def test_kind_outside_the_list_is_refused(section):
    article = ArticlePageFactory(parent=section)
    article.kind_id = 999_999
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "kind" in error.value.message_dict


def test_comments_are_open_by_default_and_can_be_closed(section):
    article = ArticlePageFactory(parent=section)
    assert article.comments_open is True
    article.comments_open = False
    article.save()
    assert ArticlePage.objects.get(pk=article.pk).comments_open is False


def test_tags_are_stored_with_the_article(section):
    article = ArticlePageFactory(parent=section)
    article.tags.add("Trade", "European Union")
    article.save()
    assert sorted(tag.name for tag in ArticlePage.objects.get(pk=article.pk).tags.all()) == [
        "European Union",
        "Trade",
    ]


def test_body_accepts_every_block_an_article_uses(section):
    photo = PhotoFactory()
    article = ArticlePageFactory(
        parent=section,
        body=[
            ("paragraph", "<p>Text.</p>"),
            ("subheading", "What happens next"),
            ("quote", {"quote": "We have a deal.", "attribution": "The minister", "source": "", "source_url": ""}),
            ("photo", {"photo": photo, "caption": ""}),
            ("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ],
    )
    stored = ArticlePage.objects.get(pk=article.pk)
    assert [block.block_type for block in stored.body] == ["paragraph", "subheading", "quote", "photo", "embed"]


def test_an_article_without_headline_is_refused(section):
    article = ArticlePageFactory.build(title="", slug="no-headline")
    with pytest.raises(ValidationError) as error:
        section.add_child(instance=article)
    assert "title" in error.value.message_dict


def test_first_publication_and_last_update_are_wagtails_own(section):
    article = publish_at(ArticlePageFactory(parent=section), PUBLISHED)
    later = PUBLISHED + dt.timedelta(hours=3)
    publish_at(article, later)
    assert article.first_published_at == PUBLISHED
    assert article.last_published_at == later
    assert article.published_at == PUBLISHED


def test_a_draft_counts_as_published_now_for_previews(section):
    article = ArticlePageFactory(parent=section, live=False)
    article.first_published_at = None
    with time_machine.travel(PUBLISHED, tick=False):
        assert article.published_at == timezone.now()


def test_republishing_within_minutes_is_not_an_update(section):
    article = publish_at(ArticlePageFactory(parent=section), PUBLISHED)
    publish_at(article, PUBLISHED + dt.timedelta(minutes=4))
    assert article.was_updated is False


def test_republishing_later_is_an_update(section):
    article = publish_at(ArticlePageFactory(parent=section), PUBLISHED)
    publish_at(article, PUBLISHED + dt.timedelta(minutes=30))
    assert article.was_updated is True


def test_dateline_names_place_date_and_the_sites_outlet(section):
    NewsroomSettings.objects.update_or_create(site=section.get_site(), defaults={"outlet_code": "RHC"})
    article = publish_at(ArticlePageFactory(parent=section, dateline_place="Brussels"), PUBLISHED)
    assert article.dateline_text == "Brussels, February 20 (RHC)"


def test_agency_copy_carries_the_agencys_outlet_code(section):
    NewsroomSettings.objects.update_or_create(site=section.get_site(), defaults={"outlet_code": "RHC"})
    article = publish_at(ArticlePageFactory(parent=section, dateline_place="Brussels", outlet_code="AFP"), PUBLISHED)
    assert article.effective_outlet_code == "AFP"
    assert article.dateline_text == "Brussels, February 20 (AFP)"


def test_site_outlet_code_defaults_to_the_configured_one(section, settings):
    settings.DATELINE_OUTLET_CODE = "RHC"
    NewsroomSettings.objects.filter(site=section.get_site()).delete()
    article = ArticlePageFactory(parent=section)
    assert article.effective_outlet_code == "RHC"


def test_outlet_code_with_markup_is_refused(section):
    article = ArticlePageFactory(parent=section)
    article.outlet_code = "<b>AFP</b>"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "outlet_code" in error.value.message_dict


def test_dateline_date_is_the_newsrooms_local_day(section, settings):
    settings.TIME_ZONE = "America/Havana"
    # 02:00 UTC on the 21st is still the evening of the 20th in Havana.
    article = publish_at(ArticlePageFactory(parent=section), dt.datetime(2026, 2, 21, 2, 0, tzinfo=dt.UTC))
    assert article.dateline_text.startswith("Brussels, February 20 ")


def test_dateline_without_place_still_carries_date_and_outlet(section):
    NewsroomSettings.objects.update_or_create(site=section.get_site(), defaults={"outlet_code": "RHC"})
    article = publish_at(ArticlePageFactory(parent=section, dateline_place=""), PUBLISHED)
    assert article.dateline_text == "February 20 (RHC)"


def test_spanish_dateline_reads_as_a_spanish_reader_expects(section_es):
    NewsroomSettings.objects.update_or_create(site=section_es.get_site(), defaults={"outlet_code": "RHC"})
    article = publish_at(ArticlePageFactory(parent=section_es, dateline_place="Bruselas"), PUBLISHED)
    assert article.locale.language_code == "es"
    assert article.dateline_text == "Bruselas, 20 de febrero (RHC)"


def test_lead_caption_defaults_to_the_photos_own(section):
    photo = PhotoFactory(default_caption="Delegates arrive for the summit.")
    article = ArticlePageFactory(parent=section, lead_photo=photo)
    assert article.lead_photo_caption == "Delegates arrive for the summit."


def test_article_caption_overrides_the_photos_own(section):
    photo = PhotoFactory(default_caption="Delegates arrive for the summit.")
    article = ArticlePageFactory(parent=section, lead_photo=photo, lead_caption="The Belgian delegation arrives.")
    assert article.lead_photo_caption == "The Belgian delegation arrives."


def test_articles_by_person_include_written_and_edited_ones(section):
    person = PersonFactory()
    written = ArticlePageFactory(parent=section, authors=[person])
    edited = ArticlePageFactory(parent=section, edited_by=person)
    ArticlePageFactory(parent=section, authors=[PersonFactory()])
    assert set(ArticlePage.objects.by_person(person)) == {written, edited}
