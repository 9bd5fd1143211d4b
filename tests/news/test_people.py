"""Person: the snippet behind bylines, with a page of its own and a translation per language."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale
from wagtail.snippets.models import get_snippet_models

from dateline.news.models import ArticlePage, Person
from tests.news.factories import ArticlePageFactory, PersonFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def test_person_keeps_name_slug_role_bio_and_photo():
    photo = PhotoFactory()
    person = PersonFactory(name="Ana Pérez", slug="ana-perez", role="Europe editor", bio="Covers the EU.", photo=photo)
    stored = Person.objects.get(pk=person.pk)
    assert (stored.name, stored.slug, stored.role, stored.bio, stored.photo) == (
        "Ana Pérez",
        "ana-perez",
        "Europe editor",
        "Covers the EU.",
        photo,
    )


def test_person_is_a_snippet():
    assert Person in get_snippet_models()


def test_person_page_address_uses_the_slug():
    assert PersonFactory(slug="ana-perez").get_absolute_url() == "/people/ana-perez/"


def test_two_people_cannot_share_a_slug():
    PersonFactory(slug="ana-perez")
    with pytest.raises(ValidationError) as error:
        PersonFactory.build(slug="ana-perez", name="Another Ana").full_clean()
    assert "slug" in error.value.message_dict


def test_a_new_person_belongs_to_the_default_language(db):
    Locale.objects.get_or_create(language_code="en")
    assert Person.objects.create(name="Ana", slug="ana").locale.language_code == "en"


def test_translating_a_person_keeps_one_row_per_slug(db):
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    person = PersonFactory(slug="ana-perez", role="Europe editor")
    translation = person.copy_for_translation(spanish)
    translation.role = "Editora de Europa"
    translation.save()
    assert translation.slug == "ana-perez-es"
    assert translation.translation_key == person.translation_key
    assert person.get_translation(spanish).role == "Editora de Europa"


def test_person_page_lists_articles_bylined_to_any_translation_of_the_person(section):
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    person = PersonFactory()
    article = ArticlePageFactory(parent=section, authors=[person])
    translation = person.copy_for_translation(spanish)
    translation.save()
    assert list(ArticlePage.objects.by_person(translation)) == [article]
