"""The admin's Content-Security-Policy lets the newsroom work: every flow fails on any violation.

Each test walks one flow of Wagtail's admin in Chromium while the page reports every
`securitypolicyviolation` event (from the admin and from the frames it opens: the preview, the
modals) and every console message about the policy. A policy too strict for the admin shows up here
as a violation; one missing from the admin shows up in tests/core/test_security_headers.py.
"""

import pytest
from PIL import Image
from playwright.sync_api import expect
from wagtail.models import Collection

from dateline.comments.models import Comment, CommentStatus
from dateline.news.models import ArticlePage
from dateline.photos.models import Photo
from tests.browser.admin import sign_in, wait_until
from tests.comments.factories import CommentFactory
from tests.news.factories import ArticlePageFactory, PersonFactory
from tests.photos.factories import PhotoFactory

# Two shared cores: give the admin's asynchronous steps (upload, preview) time to finish.
expect.set_options(timeout=15_000)

RECORD_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__reportCspViolation({
        page: document.location.pathname,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}`,
        sample: event.sample,
    });
}, true);
"""


@pytest.fixture(autouse=True)
def _password_alone_signs_in(settings):
    # The second factor has its own tests; these walk the admin once signed in.
    settings.DATELINE_STAFF_2FA = False


@pytest.fixture
def violations(page):
    """Every CSP violation, CSP console error and page sent without a policy while the test drives the admin."""
    seen = []
    page.expose_function("__reportCspViolation", lambda violation: seen.append(violation))
    page.add_init_script(RECORD_VIOLATIONS)

    def on_console(message):
        if "Content Security Policy" in message.text or "Permissions-Policy" in message.text:
            seen.append({"console": message.text, "page": page.url})

    def on_response(response):
        # A flow that passes only because no policy was sent proves nothing.
        if response.request.resource_type == "document" and "content-security-policy" not in response.headers:
            seen.append({"no policy": response.url})

    page.on("console", on_console)
    page.on("response", on_response)
    page.set_default_timeout(15_000)
    yield seen
    # Shown when a step fails before the test's own check: a violation may be why.
    for violation in seen:
        print("CSP:", violation)  # noqa: T201


def settle(page):
    """Let the admin's asynchronous requests and any late violation reports arrive."""
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)


def saved_body(title):
    """The body of the article's latest revision, as text ("" until the admin has saved it)."""
    article = ArticlePage.objects.filter(title=title).first()
    return str(article.get_latest_revision_as_object().body) if article else ""


def assert_none(violations):
    assert not violations, "\n".join(str(violation) for violation in violations)


@pytest.fixture
def photo_file(tmp_path):
    path = tmp_path / "harbour.jpg"
    Image.new("RGB", (1200, 800), "teal").save(path, "JPEG")
    return path


def test_dashboard_explorer_listings_and_account_run_under_the_admin_policy(
    live_server, page, section, editor, violations
):
    ArticlePageFactory(parent=section, title="Ministers agree on a budget")
    sign_in(page, live_server.url, "editor")
    settle(page)
    page.goto(live_server.url + f"/admin/pages/{section.pk}/")
    expect(page.get_by_role("link", name="Ministers agree on a budget").first).to_be_visible()
    page.get_by_role("button", name="Pages").click()  # the sidebar's page explorer menu
    settle(page)
    page.goto(live_server.url + "/admin/pages/search/?q=budget")
    settle(page)
    # Listings with filters (date widgets), documents, people, and the editor's own account.
    for path in (
        "/admin/reports/site-history/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/snippets/news/person/",
        "/admin/account/",
    ):
        response = page.goto(live_server.url + path)
        assert response.ok, path
        settle(page)
    assert_none(violations)


def test_editor_writes_previews_and_publishes_an_article(live_server, page, section, editor, violations):
    PersonFactory(name="Ana Pérez", slug="ana-perez")
    PhotoFactory(title="Harbour at dawn", collection=Collection.get_first_root_node())
    sign_in(page, live_server.url, "editor")

    page.goto(live_server.url + f"/admin/pages/add/news/articlepage/{section.pk}/")
    page.get_by_role("textbox", name="Headline").fill("Ministers agree on a budget after talks")
    page.get_by_role("textbox", name="Standfirst").fill("A deal came after a night of talks.")
    page.get_by_role("textbox", name="Dateline place").fill("Brussels")
    # An inline panel (authors) and a chooser modal (people).
    page.get_by_role("button", name="Add Author").click()
    page.locator("#id_article_authors-0-person").locator("xpath=..").get_by_role("button", name="Choose person").click()
    modal = page.get_by_role("dialog")
    modal.get_by_role("link", name="Ana Pérez").first.click()
    expect(modal).to_be_hidden()
    # The image chooser modal.
    page.get_by_role("button", name="Choose an image").click()
    modal = page.get_by_role("dialog")
    modal.get_by_role("link", name="Harbour at dawn").first.click()
    expect(modal).to_be_hidden()
    # StreamField and Draftail: a paragraph block, typed text, bold from the keyboard.
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    page.locator(".Draftail-Editor [role='textbox']").first.click()
    page.keyboard.type("The agreement was signed shortly after dawn. ")
    page.keyboard.press("Control+b")
    page.keyboard.type("Markets rose.")
    expect(page.locator(".Draftail-Editor")).to_contain_text("Markets rose.")
    # A link through Draftail's link chooser modal (pages, then an external URL).
    page.keyboard.press("Control+a")
    page.keyboard.press("Control+k")
    modal = page.get_by_role("dialog")
    modal.get_by_role("link", name="External link").click()
    modal.get_by_role("textbox", name="URL").fill("https://example.org/budget")
    modal.get_by_role("button", name="Insert link").click()
    expect(modal).to_be_hidden()
    page.wait_for_timeout(500)  # Draftail copies its state into the form a moment after the last key
    page.get_by_role("button", name="Save draft").click()
    wait_until(page, lambda: "https://example.org/budget" in saved_body("Ministers agree on a budget after talks"))
    article = ArticlePage.objects.get(title="Ministers agree on a budget after talks")
    settle(page)

    # The edit view: the preview panel renders the public page in a frame, then publishing.
    page.goto(live_server.url + f"/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("Ministers agree on a budget after talks")
    expect(preview.get_by_text("Markets rose.")).to_be_visible()
    page.get_by_role("button", name="Toggle preview").click()
    settle(page)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    wait_until(page, lambda: ArticlePage.objects.get(pk=article.pk).live)
    settle(page)
    assert_none(violations)


def test_editor_uploads_and_edits_a_photo(live_server, page, home, editor, photo_file, violations):
    sign_in(page, live_server.url, "editor")
    page.goto(live_server.url + "/admin/images/")
    page.get_by_role("link", name="Add an image").first.click()
    page.locator("input[type=file]").set_input_files(str(photo_file))
    form = page.locator("#upload-list form").first
    form.get_by_label("Title").fill("Harbour at dawn")
    form.get_by_label("Description").fill("Container ships wait outside the harbour")
    form.get_by_label("Credit").fill("AFP")
    form.get_by_role("button", name="Update").click()
    wait_until(page, lambda: Photo.objects.filter(title="Harbour at dawn", credit="AFP").exists())
    settle(page)
    # The edit view: the focal point chooser and the rendition preview.
    page.goto(live_server.url + f"/admin/images/{Photo.objects.get(title='Harbour at dawn').pk}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    settle(page)
    assert_none(violations)


def test_reporter_submits_for_review_and_an_editor_approves(
    live_server, page, section, reporter, editor, browser, violations
):
    article = ArticlePageFactory(parent=section, title="Floods close the ring road", live=False)
    sign_in(page, live_server.url, "reporter")
    page.goto(live_server.url + f"/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Newsroom review").click()
    wait_until(page, lambda: article.workflow_states.filter(status="in_progress").exists())
    settle(page)
    page.context.clear_cookies()

    sign_in(page, live_server.url, "editor")
    page.goto(live_server.url + f"/admin/pages/{article.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve with comment").click()
    modal = page.get_by_role("dialog")
    modal.get_by_role("textbox").first.fill("Checked with the city council.")
    modal.get_by_role("button", name="Approve").click()
    wait_until(page, lambda: ArticlePage.objects.get(pk=article.pk).live)
    settle(page)
    assert_none(violations)


def test_moderator_works_the_comment_queue(live_server, page, section, editor, violations):
    article = ArticlePageFactory(parent=section, title="Floods close the ring road")
    CommentFactory.create_batch(3, article=article, status=CommentStatus.PENDING)
    sign_in(page, live_server.url, "editor")
    page.goto(live_server.url + "/admin/comments/queue/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("checkbox", name="Select all").check()
    settle(page)
    page.goto(live_server.url + "/admin/comments/bans/")
    settle(page)
    assert Comment.objects.count() == 3
    assert_none(violations)


def test_signed_in_editor_reads_the_site_with_the_userbar_under_the_public_policy(
    live_server, page, section, editor, violations
):
    article = ArticlePageFactory(parent=section, title="Floods close the ring road")
    article.save_revision().publish()
    sign_in(page, live_server.url, "editor")
    page.goto(live_server.url + article.url)
    userbar = page.locator("wagtail-userbar")
    expect(userbar).to_be_attached()
    userbar.get_by_role("button").first.click()  # opens the userbar's menu and its accessibility checks
    expect(userbar.get_by_role("menuitem", name="Edit this page")).to_be_visible()
    settle(page)
    assert_none(violations)
