"""A Spanish article under /es/: dateline, dates and the page's own words in Spanish."""

import datetime as dt

import pytest
import time_machine
from bs4 import BeautifulSoup

from dateline.core.models import NewsroomSettings
from tests.news.factories import ArticlePageFactory, PersonFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

PUBLISHED = dt.datetime(2026, 2, 20, 14, 5, tzinfo=dt.UTC)


@pytest.fixture
def article(section_es):
    NewsroomSettings.objects.update_or_create(site=section_es.get_site(), defaults={"outlet_code": "RHC"})
    article = ArticlePageFactory(
        parent=section_es,
        title="Los ministros acuerdan un presupuesto",
        slug="ministros-acuerdan",
        dateline_place="Bruselas",
        authors=[PersonFactory(name="Ana Pérez"), PersonFactory(name="Li Wei")],
        edited_by=PersonFactory(name="Sam Okafor"),
        lead_photo=PhotoFactory(credit="AFP", default_caption="Llegan los delegados."),
        body=[("paragraph", "<p>El acuerdo se firmó al amanecer.</p>")],
    )
    with time_machine.travel(PUBLISHED, tick=False):
        article.save_revision().publish()
    return article


@pytest.fixture
def soup(client, article):
    response = client.get("/es/mundo/ministros-acuerdan/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "lxml")


def test_spanish_article_is_served_under_es(article):
    assert article.url == "/es/mundo/ministros-acuerdan/"


def test_page_is_declared_spanish(soup):
    assert soup.html["lang"] == "es"
    assert soup.find("article")["lang"] == "es"


def test_dateline_is_spanish(soup):
    assert soup.select_one(".article__body .dateline").get_text() == "Bruselas, 20 de febrero (RHC)"


def test_publication_time_reads_in_spanish(soup):
    time = soup.select_one(".byline time.published")
    assert dt.datetime.fromisoformat(time["datetime"]) == PUBLISHED
    assert time.get_text(strip=True) == "20 de febrero de 2026, 14:05 UTC"


def test_byline_reads_in_spanish(soup):
    assert soup.select_one(".byline__authors").get_text(" ", strip=True) == "Por Ana Pérez y Li Wei"
    assert soup.select_one(".byline__editor").get_text(" ", strip=True) == "Editado por Sam Okafor"


def test_photo_credit_reads_in_spanish(soup):
    caption = soup.select_one("figure.photo--lead figcaption")
    assert caption.get_text(" ", strip=True) == "Llegan los delegados. (Foto: AFP)"


def test_share_bar_and_up_link_read_in_spanish(soup):
    assert soup.find("nav", attrs={"aria-label": "Compartir"}) is not None
    assert soup.select_one("[data-copy-link]").get_text(strip=True) == "Copiar enlace"
    assert soup.select_one(".article__up a").get_text(" ", strip=True) == "Subir al principio de la página"


def test_open_graph_locale_is_spanish(soup):
    assert soup.find("meta", property="og:locale")["content"] == "es_ES"
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/es/mundo/ministros-acuerdan/"
