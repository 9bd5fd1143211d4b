"""An editor publishes a story entirely through Wagtail's admin in Chromium, and readers see it whole.

The editor is a member of the Editors group, not a superuser, so the group's rights are what let
them upload, choose and publish.
"""

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import expect

from dateline.core.models import NewsroomSettings
from dateline.news.models import ArticlePage, Person
from dateline.photos.models import Photo
from tests.browser.admin import sign_in, wait_until
from tests.news.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Two shared cores: give the admin's asynchronous steps (upload, preview) time to finish.
expect.set_options(timeout=15_000)


@pytest.fixture
def photo_file(tmp_path):
    path = tmp_path / "harbour.jpg"
    Image.new("RGB", (1600, 900), "teal").save(path, "JPEG")
    return path


def upload_photo(page, base_url, photo_file):
    page.goto(base_url + "/admin/images/")
    page.get_by_role("link", name="Add an image").first.click()
    page.locator("input[type=file]").set_input_files(str(photo_file))
    form = page.locator("#upload-list form").first
    form.get_by_label("Title").fill("Harbour at dawn")
    form.get_by_label("Description").fill("Container ships wait outside the harbour at dawn")
    form.get_by_label("Credit").fill("AFP")
    form.get_by_label("Default caption").fill("Ships wait to dock in Antwerp.")
    form.get_by_role("button", name="Update").click()
    wait_until(page, lambda: Photo.objects.filter(title="Harbour at dawn", credit="AFP").exists())


def add_person(page, base_url, name, slug):
    page.goto(base_url + "/admin/snippets/news/person/add/")
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("textbox", name="Slug").fill(slug)
    page.get_by_role("textbox", name="Role").fill("Europe correspondent")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"'{name}' created.")).to_be_visible()


def choose_in_modal(page, name):
    modal = page.get_by_role("dialog")
    modal.get_by_role("link", name=name).first.click()
    expect(modal).to_be_hidden()


def test_editor_publishes_an_article_and_readers_see_every_element(
    live_server, page, section, editor, photo_file, results_dir, settings
):
    # Wagtail 8 autosaves a new page every 500 ms; a preview posted to the add view after that found
    # the slug taken ("Preview not available"). This flow is about publishing: autosave is off here.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    NewsroomSettings.objects.update_or_create(site=section.get_site(), defaults={"outlet_code": "RHC"})
    PersonFactory(name="Sam Okafor", slug="sam-okafor", role="Night editor")
    page.set_default_timeout(15_000)
    base = live_server.url

    sign_in(page, base, "editor")
    upload_photo(page, base, photo_file)
    add_person(page, base, "Ana Pérez", "ana-perez")

    page.goto(base + f"/admin/pages/add/news/articlepage/{section.pk}/")
    page.get_by_role("textbox", name="Headline").fill("Ministers agree on a budget after talks")
    page.get_by_role("textbox", name="Standfirst").fill("A deal came after a night of talks in Brussels.")
    page.get_by_role("textbox", name="Dateline place").fill("Brussels")

    page.get_by_role("button", name="Add Author").click()
    page.locator("#id_article_authors-0-person").locator("xpath=..").get_by_role("button", name="Choose person").click()
    choose_in_modal(page, "Ana Pérez")
    # With the author chosen, the only person chooser still offering a choice is "Edited by".
    page.get_by_role("button", name="Choose person").filter(visible=True).click()
    choose_in_modal(page, "Sam Okafor")
    page.get_by_role("button", name="Choose an image").click()
    choose_in_modal(page, "Harbour at dawn")

    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    # Draftail, the rich text editor, is a contenteditable textbox: type into it as a person would.
    page.locator(".Draftail-Editor [role='textbox']").first.click()
    page.keyboard.type("The agreement was signed shortly after dawn.")
    page.screenshot(path=str(results_dir / "editor-article-form.png"), full_page=True)

    page.get_by_role("button", name="Toggle preview").click()
    # Wagtail loads each refresh into a proxy frame, then gives it the id of the shown one.
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("Ministers agree on a budget after talks")

    # Close the live preview and let its refreshes finish: the test database is SQLite shared in
    # memory, which refuses (rather than queues) a write that meets another thread's.
    page.get_by_role("button", name="Toggle preview").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("published.")).to_be_visible()

    article = ArticlePage.objects.get(title="Ministers agree on a budget after talks")
    assert article.live
    assert [person.name for person in article.authors] == ["Ana Pérez"]
    assert article.edited_by == Person.objects.get(slug="sam-okafor")
    assert article.lead_photo == Photo.objects.get(title="Harbour at dawn")

    page.goto(base + article.url)
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Ministers agree on a budget after talks")
    expect(main.get_by_role("link", name="Ana Pérez")).to_have_attribute("href", "/people/ana-perez/")
    expect(main.locator(".byline__editor")).to_have_text("Edited by Sam Okafor")
    published = main.locator("time.published")
    # To the second: HTML allows at most three digits of a second.
    assert dt.datetime.fromisoformat(published.get_attribute("datetime")) == article.first_published_at.replace(
        microsecond=0
    )
    dateline = main.locator(".article__body .dateline")
    day = article.first_published_at.strftime("%B ") + str(article.first_published_at.day)
    expect(dateline).to_have_text(f"Brussels, {day} (RHC)")
    expect(main.get_by_role("figure").first).to_contain_text("Ships wait to dock in Antwerp. (Photo: AFP)")
    lead = main.get_by_role("img", name="Container ships wait outside the harbour at dawn")
    expect(lead).to_be_visible()
    share = page.get_by_role("navigation", name="Share")
    telegram = parse_qs(urlsplit(share.get_by_role("link", name="Telegram").get_attribute("href")).query)
    # Share links carry the canonical address: the site's configured root, not the browser's host.
    assert telegram == {"url": [article.full_url], "text": [article.title]}
    data = [json.loads(text) for text in page.locator("script[type='application/ld+json']").all_text_contents()]
    # News is reportage (issue 14); NewsArticle when a flushed database has no kinds of work.
    news = next(block for block in data if block["@type"] in ("ReportageNewsArticle", "NewsArticle"))
    assert (news["image"]["creditText"], news["editor"]["name"]) == ("AFP", "Sam Okafor")
    expect(page.locator("#comments")).to_be_attached()
    page.screenshot(path=str(results_dir / "editor-published-article.png"), full_page=True)
