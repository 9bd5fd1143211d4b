"""Issue 14 in the browser: an editor corrects a story in the admin; the corrections page, an opinion
piece and a fact check pass axe-core in the light and the dark theme."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dateline.news.models import ArticleKind, Correction
from tests.browser.admin import sign_in, wait_until
from tests.browser.test_accessibility import axe  # noqa: F401 - the fixture
from tests.news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe is injected as a script; our strict Content Security Policy would rightly refuse it.
    return {**browser_context_args, "bypass_csp": True}


def kind(slug, name, schema_type, **flags):
    # Transactional tests flush the rows the data migration made.
    return ArticleKind.objects.get_or_create(slug=slug, defaults={"name": name, "schema_type": schema_type, **flags})[0]


def published(section, **fields):
    article = ArticlePageFactory(parent=section, **fields)
    article.save_revision().publish()
    return article


@pytest.fixture
def trust_pages(section):
    opinion = published(
        section,
        title="Local news deserts are a democratic problem",
        kind=kind("opinion", "Opinion", "OpinionNewsArticle", is_distinct=True),
    )
    check = published(
        section,
        title="Did the Andes lose half their glaciers?",
        kind=kind("fact-check", "Fact check", "ClaimReview"),
        claim_reviewed="The Andes lost half their glaciers in ten years.",
        claim_author="A viral post",
        claim_url="https://social.example/p/1",
        rating_label="Mostly false",
        rating_value=2,
    )
    check.corrections.add(
        Correction(
            kind="correction",
            text="The survey year was 2023.",
            published_at=timezone.now() - dt.timedelta(minutes=5),
        )
    )
    check.save_revision().publish()
    return {"corrections page": "/corrections/", "opinion": opinion.url, "fact check": check.url}


@pytest.mark.parametrize("name", ["corrections page", "opinion", "fact check"])
def test_trust_pages_have_no_accessibility_violations(live_server, axe, trust_pages, name):  # noqa: F811
    url = live_server.url + trust_pages[name]
    assert axe(url, "light") == []
    assert axe(url, "dark") == []


def test_editor_adds_a_correction_and_readers_see_it_on_the_story_and_the_corrections_page(
    live_server, page, section, editor, settings
):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    article = published(section, title="Rail strike enters its second day")
    page.set_default_timeout(15_000)
    base = live_server.url
    sign_in(page, base, "editor")

    page.goto(base + f"/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="Add Correction or clarification").click()
    page.get_by_role("textbox", name="Text").fill(
        "An earlier version said the strike ends on Friday; it ends on Thursday."
    )
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    wait_until(page, lambda: Correction.objects.filter(article_id=article.pk).exists())

    page.goto(base + article.url)
    notice = page.get_by_role("complementary", name="Corrections and clarifications")
    expect(notice).to_contain_text("it ends on Thursday")
    page.goto(base + "/corrections/")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name="Rail strike enters its second day")).to_be_visible()
    expect(main).to_contain_text("it ends on Thursday")


def test_article_editor_shows_the_fact_check_fields_only_for_fact_checks(live_server, page, section, editor, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    news = kind("news", "News", "ReportageNewsArticle", is_labelled=False)
    kind("fact-check", "Fact check", "ClaimReview")
    article = published(section, title="Glacier survey published", kind=news)
    page.set_default_timeout(15_000)
    sign_in(page, live_server.url, "editor")
    page.goto(live_server.url + f"/admin/pages/{article.pk}/edit/")
    fact_check = page.locator("section.dateline-fact-check")
    expect(fact_check).to_be_attached()
    expect(fact_check).to_be_hidden()
    page.get_by_label("Kind of work").select_option(label="Fact check")
    expect(fact_check).to_be_visible()
    expect(page.locator("section.dateline-sponsor")).to_be_hidden()
