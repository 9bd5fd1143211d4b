"""Each block of the article body as it renders: quote, sub-heading, photo, embed."""

import pytest
from bs4 import BeautifulSoup
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from tests.news.factories import ArticlePageFactory
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def body_of(client, section, blocks):
    article = ArticlePageFactory(parent=section, body=[("paragraph", "<p>Opening.</p>"), *blocks])
    article.save_revision().publish()
    return BeautifulSoup(client.get(article.url).content, "lxml").select_one(".article__body")


def test_quote_names_who_said_it(client, section):
    body = body_of(
        client,
        section,
        [("quote", {"quote": "We have a deal.", "attribution": "The minister", "source": "", "source_url": ""})],
    )
    quote = body.select_one("figure.quote")
    assert quote.find("blockquote").get_text(strip=True) == "We have a deal."
    assert quote.find("figcaption").get_text(" ", strip=True) == "— The minister"


def test_quote_from_another_outlet_cites_and_links_it(client, section):
    value = {
        "quote": "Il y a un accord.",
        "attribution": "La ministre",
        "source": "Le Soir",
        "source_url": "https://www.lesoir.be/article",
        "language": "es",
    }
    quote = body_of(client, section, [("quote", value)]).select_one("figure.quote")
    assert quote["lang"] == "es"
    assert quote.find("blockquote")["cite"] == "https://www.lesoir.be/article"
    assert quote.find("cite").find("a")["href"] == "https://www.lesoir.be/article"


def test_quote_text_is_escaped(client, section):
    value = {"quote": "<script>alert(1)</script>", "attribution": "<b>X</b>", "source": "", "source_url": ""}
    quote = body_of(client, section, [("quote", value)]).select_one("figure.quote")
    assert quote.find("script") is None
    assert quote.find("blockquote").get_text(strip=True) == "<script>alert(1)</script>"


def test_subheading_is_a_second_level_heading(client, section):
    body = body_of(client, section, [("subheading", "What happens next")])
    assert [h2.get_text(strip=True) for h2 in body.find_all("h2")] == ["What happens next"]


def test_body_photo_caption_overrides_the_photos_own(client, section):
    photo = PhotoFactory(credit="Reuters", default_caption="The signing.")
    body = body_of(client, section, [("photo", {"photo": photo, "caption": "Ministers sign the text."})])
    assert body.select_one("figure figcaption").get_text(" ", strip=True) == (
        "Ministers sign the text. (Photo: Reuters)"
    )


def test_embed_renders_the_providers_player(client, section):
    # A stored embed answers without asking the provider: no network in tests.
    Embed.objects.create(
        hash=get_embed_hash(VIDEO),
        url=VIDEO,
        max_width=None,
        type="video",
        html='<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Video"></iframe>',
        width=640,
        height=360,
        provider_name="YouTube",
    )
    body = body_of(client, section, [("embed", VIDEO)])
    iframe = body.select_one(".embed iframe")
    assert iframe["src"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
