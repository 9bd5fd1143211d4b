"""JSON-LD NewsArticle on the article page: parsed with json.loads and checked field by field."""

import datetime as dt
import json

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template

from dateline.core.models import NewsroomSettings
from tests.news.factories import ArticlePageFactory, PersonFactory, publish_at
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db

PUBLISHED = dt.datetime(2026, 2, 20, 14, 5, tzinfo=dt.UTC)
UPDATED = PUBLISHED + dt.timedelta(hours=3)


@pytest.fixture
def article(section):
    NewsroomSettings.objects.update_or_create(
        site=section.get_site(), defaults={"outlet_code": "RHC", "publisher_name": "Radio Habana Cuba"}
    )
    article = ArticlePageFactory(
        parent=section,
        title="Ministers agree on a budget",
        slug="ministers-agree",
        standfirst="A deal after a night of talks.",
        authors=[PersonFactory(name="Ana Pérez", slug="ana-perez"), PersonFactory(name="Li Wei", slug="li-wei")],
        edited_by=PersonFactory(name="Sam Okafor", slug="sam-okafor"),
        lead_photo=PhotoFactory(credit="AFP", default_caption="Delegates arrive."),
    )
    article.tags.add("Budget", "European Union")
    publish_at(article, PUBLISHED)
    return publish_at(article, UPDATED)


def structured_data(client, article) -> list[dict]:
    soup = BeautifulSoup(client.get(article.url).content, "lxml")
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]


def news_article_of(client, article) -> dict:
    # An article of the default kind, News, is reportage (issue 14: each kind has its schema.org type).
    blocks = structured_data(client, article)
    articles = [block for block in blocks if block.get("@type") == "ReportageNewsArticle"]
    assert len(articles) == 1
    return articles[0]


@pytest.fixture
def news_article(client, article):
    return news_article_of(client, article)


def test_context_is_schema_org(news_article):
    assert news_article["@context"] == "https://schema.org"


def test_headline_and_description(news_article):
    assert news_article["headline"] == "Ministers agree on a budget"
    assert news_article["description"] == "A deal after a night of talks."


def test_publication_and_modification_times_are_iso_8601(news_article):
    assert dt.datetime.fromisoformat(news_article["datePublished"]) == PUBLISHED
    assert dt.datetime.fromisoformat(news_article["dateModified"]) == UPDATED


def test_authors_are_people_with_their_pages(news_article):
    assert news_article["author"] == [
        {"@type": "Person", "name": "Ana Pérez", "url": "http://testserver/people/ana-perez/"},
        {"@type": "Person", "name": "Li Wei", "url": "http://testserver/people/li-wei/"},
    ]


def test_editor_is_a_person(news_article):
    assert news_article["editor"] == {
        "@type": "Person",
        "name": "Sam Okafor",
        "url": "http://testserver/people/sam-okafor/",
    }


def test_article_without_authors_is_credited_to_the_publisher(client, section):
    article = publish_at(ArticlePageFactory(parent=section), PUBLISHED)
    data = news_article_of(client, article)
    assert data["author"]["@type"] == "Organization"
    assert data["author"]["name"] == data["publisher"]["name"]
    assert "editor" not in data


def test_image_carries_caption_and_credit(news_article, client, article):
    image = news_article["image"]
    assert image["@type"] == "ImageObject"
    assert image["caption"] == "Delegates arrive."
    assert image["creditText"] == "AFP"
    assert (image["width"], image["height"]) == (1200, 630)
    soup = BeautifulSoup(client.get(article.url).content, "lxml")
    assert image["url"] == soup.find("meta", property="og:image")["content"]


def test_image_caption_follows_the_articles_override(client, article):
    article.lead_caption = "The Belgian delegation."
    publish_at(article, UPDATED)
    data = news_article_of(client, article)
    assert data["image"]["caption"] == "The Belgian delegation."


def test_publisher_is_the_newsroom_with_a_logo(news_article):
    publisher = news_article["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "Radio Habana Cuba"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert publisher["logo"]["url"].startswith("http://testserver/")
    assert publisher["logo"]["width"] > 0
    assert publisher["logo"]["height"] > 0


def test_publisher_logo_is_the_one_chosen_in_the_newsroom_settings(client, article):
    logo = PhotoFactory(file__width=1200, file__height=120)
    NewsroomSettings.objects.filter(site=article.get_site()).update(logo=logo)
    data = news_article_of(client, article)
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/media/")
    assert (data["publisher"]["logo"]["width"], data["publisher"]["logo"]["height"]) == (600, 60)


def test_section_keywords_language_and_main_entity(news_article):
    assert news_article["articleSection"] == "World"
    assert sorted(news_article["keywords"]) == ["Budget", "European Union"]
    assert news_article["inLanguage"] == "en"
    assert news_article["mainEntityOfPage"] == {"@type": "WebPage", "@id": "http://testserver/world/ministers-agree/"}


def test_dateline_is_given_as_written_on_the_page(news_article):
    assert news_article["dateline"] == "Brussels, February 20 (RHC)"


def test_spanish_article_declares_spanish(client, section_es):
    article = publish_at(ArticlePageFactory(parent=section_es, slug="ministros"), PUBLISHED)
    data = news_article_of(client, article)
    assert data["inLanguage"] == "es"
    assert data["mainEntityOfPage"]["@id"] == "http://testserver/es/mundo/ministros/"


def test_markup_in_a_headline_cannot_leave_the_script_element(client, section):
    headline = 'Protest </script><script>alert("x")</script> <!-- ends'
    article = publish_at(ArticlePageFactory(parent=section, title=headline), PUBLISHED)
    soup = BeautifulSoup(client.get(article.url).content, "lxml")
    scripts = soup.find_all("script")
    assert all(script.get("src") or script.get("type") == "application/ld+json" for script in scripts)
    for ld in soup.find_all("script", type="application/ld+json"):
        assert "</script" not in ld.string
    assert news_article_of(client, article)["headline"] == headline


def test_json_ld_tag_escapes_markup_and_keeps_the_value():
    html = Template("{% load core_tags %}{% json_ld data %}").render(Context({"data": {"name": "a</script>&<!--"}}))
    soup = BeautifulSoup(html, "lxml")
    assert json.loads(soup.find("script").string) == {"name": "a</script>&<!--"}
    assert "<" not in soup.find("script").string


def test_json_ld_tag_renders_nothing_without_data():
    assert Template("{% load core_tags %}{% json_ld data %}").render(Context({"data": {}})) == ""


def test_long_headline_is_cut_to_what_search_engines_read(client, section):
    article = publish_at(ArticlePageFactory(parent=section, title="Word " * 40), PUBLISHED)
    data = news_article_of(client, article)
    assert len(data["headline"]) <= 110
