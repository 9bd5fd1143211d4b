"""Many languages in Chromium: an editor translates a story into French in the admin and publishes it,
an Arabic story reads right to left, a reader switches language, and axe finds nothing in any language.

Screenshots of the Arabic front page and article at phone and desktop widths go to test-results/.
"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Locale

from dateline.news.models import ArticlePage
from tests.browser.admin import sign_in
from tests.browser.test_accessibility import axe  # noqa: F401 - the axe fixture
from tests.browser.test_reading import serve_media
from tests.news.factories import ArticlePageFactory, PersonFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db(transaction=True)

expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe is injected as a script; our strict Content Security Policy would rightly refuse it.
    return {**browser_context_args, "bypass_csp": True}


ARABIC = {
    "front": "الصفحة الأولى",
    "section": ("العالم", "al-alam"),
    "title": "ست دول تعود إلى طاولة المفاوضات في جنيف بعد جمود دام عامين",
    "standfirst": "سيحاول المفاوضون الاتفاق على كمية المياه التي يحق لكل دولة سحبها في سنوات الجفاف.",
    "body": "جلست وفود الدول الست التي تتقاسم حوض النهر يوم الاثنين في جنيف، في أول محادثات رسمية منذ عامين.",
}
SPANISH = {"front": "Portada", "section": ("Mundo", "mundo"), "title": "Seis países vuelven a negociar en Ginebra"}
FRENCH = {"front": "À la une", "section": ("Monde", "monde")}


def translate_page(page, code, **fields):
    copy = page.copy_for_translation(Locale.objects.get_or_create(language_code=code)[0])
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return type(copy.specific).objects.get(pk=copy.pk)


@pytest.fixture
def multilingual(home, section):
    """An English story with Spanish and Arabic versions; front pages and sections in four languages."""
    author = PersonFactory(name="Claire Fontaine", slug="claire-fontaine", role="Diplomatic correspondent")
    when = timezone.now() - dt.timedelta(hours=2)
    english = ArticlePageFactory(
        parent=section,
        title="Six river nations return to the table in Geneva",
        slug="geneva-talks",
        dateline_place="Geneva",
        lead_photo=PhotoFactory(file__color="steelblue"),
        first_published_at=when,
        last_published_at=when,
        authors=[author],
    )
    english.save_revision().publish()
    stories = {"en": english}
    for code, words in (("es", SPANISH), ("fr", FRENCH), ("ar", ARABIC)):
        translate_page(home, code, title=words["front"])
        title, slug = words["section"]
        translate_page(section, code, title=title, slug=slug)
    stories["es"] = translate_page(english, "es", title=SPANISH["title"], slug="negociaciones-ginebra")
    stories["ar"] = translate_page(
        english,
        "ar",
        title=ARABIC["title"],
        slug="mufawadat-jinif",
        standfirst=ARABIC["standfirst"],
        dateline_place="جنيف",
        body=[("paragraph", f"<p>{ARABIC['body']}</p>")] * 4,
    )
    return stories


def test_an_editor_translates_a_story_into_french_and_publishes_it(live_server, page, editor, multilingual):
    english = multilingual["en"]
    sign_in(page, live_server.url, "editor")
    page.goto(live_server.url + f"/admin/pages/{english.pk}/edit/")
    panel = page.locator(".dateline-translations")
    expect(panel.locator("tr[data-language='fr']")).to_have_attribute("data-state", "missing")
    panel.locator("tr[data-language='fr']").get_by_role("link", name="Translate").click()
    page.get_by_label("French").check()
    page.get_by_role("button", name="Submit").click()
    # Wagtail opens the French draft in the editor.
    expect(page.get_by_text("successfully created in French")).to_be_visible()
    page.get_by_role("textbox", name="Headline").fill("Six pays riverains reprennent les négociations à Genève")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("published.")).to_be_visible()
    french = ArticlePage.objects.get(translation_key=english.translation_key, locale__language_code="fr")
    assert french.live
    page.goto(live_server.url + french.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Six pays riverains reprennent les négociations à Genève")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_an_arabic_story_reads_right_to_left(live_server, page, multilingual, results_dir):
    serve_media(page)
    arabic = multilingual["ar"]
    for width, height in ((390, 844), (1280, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(live_server.url + arabic.url)
        assert page.locator("html").get_attribute("dir") == "rtl"
        article = page.locator("article.article").bounding_box()
        kicker = page.locator(".article__kicker a").bounding_box()
        author = page.locator(".byline__authors").bounding_box()
        # The kicker and byline start at the right edge of the story column, not the left.
        assert abs((kicker["x"] + kicker["width"]) - (article["x"] + article["width"])) < 2
        assert kicker["x"] > article["x"] + 10
        assert abs((author["x"] + author["width"]) - (article["x"] + article["width"])) < 2
        # A Latin name keeps its own direction inside the Arabic byline.
        expect(page.locator(".byline__authors bdi")).to_have_text("Claire Fontaine")
        page.screenshot(path=str(results_dir / f"arabic-article-{width}.png"), full_page=True)
        page.goto(live_server.url + "/ar/")
        assert page.locator("html").get_attribute("dir") == "rtl"
        page.screenshot(path=str(results_dir / f"arabic-front-{width}.png"), full_page=True)


def test_a_reader_switches_language_on_a_story_and_lands_on_its_translation(live_server, page, multilingual):
    page.goto(live_server.url + multilingual["en"].url)
    switcher = page.get_by_role("navigation", name="Languages")
    expect(switcher.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")
    switcher.get_by_role("link", name="español").click()
    expect(page).to_have_url(live_server.url + multilingual["es"].url)
    expect(page.get_by_role("heading", level=1)).to_have_text(SPANISH["title"])
    # French has no translation of this story: its front page instead.
    page.get_by_role("navigation", name="Idiomas").get_by_role("link", name="français").click()
    expect(page).to_have_url(live_server.url + "/fr/")


@pytest.mark.parametrize("language", ["ar", "fr", "es", "en"])
def test_pages_have_no_accessibility_violations_in_every_language(live_server, page, multilingual, axe, language):  # noqa: F811
    serve_media(page)
    prefix = "" if language == "en" else f"/{language}"
    sections = {"en": ("World", "world"), "ar": ARABIC["section"], "es": SPANISH["section"], "fr": FRENCH["section"]}
    _title, section = sections[language]
    urls = [
        prefix + "/",
        f"{prefix}/{section}/",
        prefix + "/search/?q=geneva",
        prefix + "/people/claire-fontaine/",
        prefix + "/no-such-story/",
    ]
    if language in multilingual:
        urls.append(multilingual[language].url)
    for url in urls:
        expected = 404 if "no-such-story" in url else 200
        assert page.request.get(live_server.url + url).status == expected, url
        for theme in ("light", "dark"):
            assert axe(live_server.url + url, theme) == [], (url, theme)
