"""Editors at work in Wagtail's admin: create a section and an article, preview, publish, and get
clear errors for bad input."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, rich_text, streamfield

from dateline.news.blocks import PARAGRAPH_FEATURES
from dateline.news.models import ArticleKind, ArticlePage, SectionPage
from tests.news.factories import ArticlePageFactory, PersonFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=("news", model._meta.model_name, parent.pk))


def blank_form(client, url):
    """The admin's own form as a browser would send it, before anyone types."""
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    for key in [key for key in data if "__prefix__" in key]:
        del data[key]
    return data


def article_form(client, section, **fields):
    authors = fields.pop("authors", [])
    data = blank_form(client, add_url(ArticlePage, section))
    data.update(
        nested_form_data(
            {
                "title": "Ministers agree on a budget",
                "slug": "ministers-agree",
                "standfirst": "A deal after a night of talks.",
                "dateline_place": "Brussels",
                "body": streamfield(
                    [("paragraph", rich_text("<p>The deal was signed at dawn.</p>", features=PARAGRAPH_FEATURES))]
                ),
                "article_authors": inline_formset([{"person": person.pk} for person in authors]),
                **fields,
            }
        )
    )
    return data


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def as_reporter(client, reporter):
    client.force_login(reporter)
    return client


def test_editor_creates_a_section_under_the_front_page(as_editor, home):
    data = blank_form(as_editor, add_url(SectionPage, home))
    data.update({"title": "Americas", "slug": "americas", "action-publish": "action-publish"})
    response = as_editor.post(add_url(SectionPage, home), data)
    assert response.status_code == 302
    section = SectionPage.objects.get(slug="americas")
    assert section.live
    assert section.get_parent().specific == home


def test_editor_writes_and_publishes_an_article_with_photo_byline_and_editor(as_editor, section):
    ana, li, sam = PersonFactory(name="Ana"), PersonFactory(name="Li"), PersonFactory(name="Sam")
    photo = PhotoFactory(credit="AFP")
    data = article_form(
        as_editor,
        section,
        authors=[li, ana],
        edited_by=sam.pk,
        lead_photo=photo.pk,
        lead_caption="The Belgian delegation arrives.",
        outlet_code="AFP",
        kind=ArticleKind.objects.get(slug="analysis").pk,
        tags="Budget, European Union",
    )
    data["action-publish"] = "action-publish"
    response = as_editor.post(add_url(ArticlePage, section), data)
    assert response.status_code == 302, BeautifulSoup(response.content, "lxml").select(".error-message")
    article = ArticlePage.objects.get(slug="ministers-agree")
    assert article.live
    assert article.first_published_at is not None
    assert [person.name for person in article.authors] == ["Li", "Ana"]
    assert (article.edited_by, article.lead_photo, article.lead_photo_caption) == (
        sam,
        photo,
        "The Belgian delegation arrives.",
    )
    assert (article.dateline_place, article.outlet_code, article.kind.slug) == ("Brussels", "AFP", "analysis")
    assert sorted(tag.name for tag in article.tags.all()) == ["Budget", "European Union"]
    assert article.body[0].block_type == "paragraph"


def test_article_without_headline_is_refused_with_a_clear_error(as_editor, section):
    data = article_form(as_editor, section, title="")
    data["action-publish"] = "action-publish"
    response = as_editor.post(add_url(ArticlePage, section), data)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    headline = soup.find("input", attrs={"name": "title"})
    assert headline["aria-invalid"] == "true"
    (errors,) = [soup.find(id=ref) for ref in headline["aria-describedby"].split() if ref.endswith("-errors")]
    assert errors.get_text(" ", strip=True) == "Write a headline: an article cannot be saved without one."
    assert not ArticlePage.objects.filter(slug="ministers-agree").exists()


def test_article_without_headline_cannot_even_be_saved_as_a_draft(as_editor, section):
    data = article_form(as_editor, section, title="")
    response = as_editor.post(add_url(ArticlePage, section), data)
    assert response.status_code == 200
    assert ArticlePage.objects.count() == 0


def test_reporter_saves_a_draft_but_cannot_publish(as_reporter, section):
    data = article_form(as_reporter, section)
    data["action-publish"] = "action-publish"
    as_reporter.post(add_url(ArticlePage, section), data)
    article = ArticlePage.objects.get(slug="ministers-agree")
    assert not article.live
    assert article.has_unpublished_changes


def test_reporter_submits_an_article_to_the_editors_review(as_reporter, section, editor):
    data = article_form(as_reporter, section)
    data["action-submit"] = "action-submit"
    as_reporter.post(add_url(ArticlePage, section), data)
    article = ArticlePage.objects.get(slug="ministers-agree")
    state = article.current_workflow_state
    assert state is not None
    assert state.current_task_state.task.name == "Editors' review"
    assert not article.live


def test_the_editor_form_offers_no_publish_button_to_a_reporter(as_reporter, section):
    soup = BeautifulSoup(as_reporter.get(add_url(ArticlePage, section)).content, "lxml")
    assert soup.find("button", attrs={"name": "action-publish"}) is None
    assert soup.find("button", attrs={"name": "action-submit"}) is not None


def test_editor_previews_an_unsaved_article(as_editor, section):
    PersonFactory(name="Sam", slug="sam")
    data = article_form(as_editor, section, lead_photo=PhotoFactory(credit="AFP").pk)
    url = reverse("wagtailadmin_pages:preview_on_add", args=("news", "articlepage", section.pk))
    assert as_editor.post(url, data).json()["is_valid"] is True
    response = as_editor.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "lxml")
    assert soup.find("h1").get_text(strip=True) == "Ministers agree on a budget"
    assert soup.select_one(".dateline").get_text().startswith("Brussels, ")
    assert soup.select_one("figure.photo--lead .photo__credit").get_text(strip=True) == "(Photo: AFP)"


def test_editor_previews_changes_to_a_published_article(as_editor, section):
    article = ArticlePageFactory(parent=section, title="Old headline")
    article.save_revision().publish()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    data = querydict_from_html(
        as_editor.get(reverse("wagtailadmin_pages:edit", args=(article.pk,))).content.decode(),
        form_id="page-edit-form",
    )
    for key in [key for key in data if "__prefix__" in key]:
        del data[key]
    data.update(
        nested_form_data(
            {
                "title": "New headline",
                "body": streamfield([("paragraph", rich_text("<p>Changed.</p>", features=PARAGRAPH_FEATURES))]),
            }
        )
    )
    assert as_editor.post(url, data).json()["is_valid"] is True
    soup = BeautifulSoup(as_editor.get(url).content, "lxml")
    assert soup.find("h1").get_text(strip=True) == "New headline"
    assert ArticlePage.objects.get(pk=article.pk).title == "Old headline"
