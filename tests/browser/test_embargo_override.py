"""An editor publishes an embargoed story early through the admin: a confirmation step with a reason,
and the override in the page's history."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dateline.news.models import ArticlePage
from tests.browser.admin import sign_in
from tests.news.factories import ArticlePageFactory

expect.set_options(timeout=15_000)


@pytest.fixture
def embargoed(section):
    article = ArticlePageFactory(parent=section, live=False, title="Comet samples reach Earth", slug="comet")
    article.embargoed_until = timezone.now() + dt.timedelta(hours=6)
    article.go_live_at = article.embargoed_until
    article.save_revision().publish()
    return article


def test_an_editor_breaks_an_embargo_with_a_recorded_reason(live_server, page, embargoed, editor):
    page.set_default_timeout(15_000)
    sign_in(page, live_server.url, "editor")
    assert page.request.get(live_server.url + "/world/comet/").status == 404

    page.goto(live_server.url + f"/admin/pages/{embargoed.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("link", name="Publish before embargo…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Publish before embargo")
    page.get_by_role("button", name="Publish now, before the embargo").click()
    expect(page.get_by_text("Say why this story is published before its embargo.")).to_be_visible()
    assert not ArticlePage.objects.get(pk=embargoed.pk).live

    page.get_by_label("Why publish before the embargo?").fill("The agency lifted the embargo early.")
    page.get_by_label("I confirm this story is published before its embargo.").check()
    page.get_by_role("button", name="Publish now, before the embargo").click()
    expect(page.get_by_text("published before its embargo.")).to_be_visible()
    assert ArticlePage.objects.get(pk=embargoed.pk).live
    assert page.request.get(live_server.url + "/world/comet/").status == 200

    page.goto(live_server.url + f"/admin/pages/{embargoed.pk}/history/")
    expect(page.get_by_text("Published before its embargo", exact=False).first).to_be_visible()
    expect(page.get_by_text("The agency lifted the embargo early.")).to_be_visible()
