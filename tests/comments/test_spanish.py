"""A Spanish article under /es/: the comments section and its form read in Spanish."""

import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from ..news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def soup(client, section_es):
    article = ArticlePageFactory(
        parent=section_es,
        title="Los ministros acuerdan un presupuesto",
        slug="ministros-acuerdan",
        first_published_at=timezone.now(),
        last_published_at=timezone.now(),
    )
    article.save_revision().publish()
    response = client.get("/es/mundo/ministros-acuerdan/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "lxml")


def test_comments_heading_reads_in_spanish(soup):
    heading = soup.find("h2", id="comments-heading")
    assert heading.find(string=True, recursive=False).strip() == "Comentarios"


def test_empty_thread_says_so_in_spanish(soup):
    assert soup.select_one(".comments__empty").get_text(strip=True) == "Todavía no hay comentarios."


def test_comment_form_labels_read_in_spanish(soup):
    form = soup.select_one("form[data-comment-form]")
    labels = {label["for"]: label.get_text(strip=True) for label in form.find_all("label")}
    assert labels == {
        "comment-name": "Nombre",
        "comment-email": "Correo electrónico",
        "comment-body": "Comentario",
        "comment-website": "Deje este campo vacío",
    }


def test_comment_form_help_texts_read_in_spanish(soup):
    assert soup.find(id="comment-email-help").get_text(strip=True) == "No se publicará."
    assert soup.find(id="comment-name-help").get_text(strip=True).startswith("Se muestra junto a su comentario.")


def test_comment_form_heading_and_button_read_in_spanish(soup):
    assert soup.find("h3", id="make-a-comment").get_text(strip=True) == "Deje un comentario"
    assert soup.select_one("form[data-comment-form] button[type=submit]").get_text(strip=True) == "Publicar comentario"


def test_captcha_widget_strings_are_spanish(soup):
    strings = json.loads(soup.find("altcha-widget")["strings"])
    assert strings["label"] == "No soy un robot"
    assert strings["verified"] == "Comprobado: ya puede publicar"


def test_body_help_text_gives_the_limit_in_spanish_number_format(soup):
    help_text = soup.find(id="comment-body-help").get_text(strip=True)
    assert help_text == "Texto sin formato; las direcciones web se convierten en enlaces. Hasta 5\xa0000 caracteres."
