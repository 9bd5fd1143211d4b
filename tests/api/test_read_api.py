"""The read API: what it shows, what it never shows, how it filters, caches and limits."""

import datetime as dt

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dateline.news.models import ArticleAuthor
from tests.news.factories import PersonFactory, SectionPageFactory

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get(f"/api/v1{path}", params)
    return response, response.json()


def titles(data) -> list[str]:
    return [item["title"] for item in data["results"]]


def test_articles_are_listed_newest_first_with_their_public_fields(client, story):
    older = story(hours_ago=5, title="Older story")
    newer = story(hours_ago=1, title="Newer story")
    author = PersonFactory(name="Ana Ruiz", slug="ana-ruiz")
    ArticleAuthor.objects.create(article=newer, person=author)
    newer.tags.add("Energy")
    newer.save()
    response, data = get(client, "/articles")
    assert response.status_code == 200
    assert titles(data) == ["Newer story", "Older story"]
    first = data["results"][0]
    assert first["url"] == newer.full_url
    assert first["section"]["title"] == "World"
    assert first["authors"] == [{"slug": "ana-ruiz", "name": "Ana Ruiz", "url": "http://testserver/people/ana-ruiz/"}]
    assert [tag["slug"] for tag in first["tags"]] == ["energy"]
    assert data["count"] == 2
    assert older.pk == data["results"][1]["id"]


def test_drafts_embargoed_scheduled_and_restricted_articles_never_show(client, story):
    story(title="Public story")
    draft = story(title="Draft story")
    draft.unpublish()
    embargoed = story(title="Embargoed story")
    # Publishing cannot beat an embargo (ArticlePage.clean); a change behind the admin's back could.
    type(embargoed).objects.filter(pk=embargoed.pk).update(embargoed_until=timezone.now() + dt.timedelta(hours=3))
    restricted = story(title="Members story")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    _, data = get(client, "/articles")
    assert titles(data) == ["Public story"]
    for page in (draft, embargoed, restricted):
        assert client.get(f"/api/v1/articles/{page.pk}").status_code == 404


def test_an_article_answer_has_its_body_as_html(client, story):
    article = story()
    response, data = get(client, f"/articles/{article.pk}")
    assert response.status_code == 200
    assert data["body_html"].startswith("<")
    assert data["title"] == article.title


def test_articles_filter_by_section_tag_person_language_and_date(client, home, story, section_es):
    politics = SectionPageFactory(parent=home, title="Politics", slug="politics")
    in_politics = story(title="In politics", parent=politics, hours_ago=50)
    tagged = story(title="Tagged")
    tagged.tags.add("Energy")
    tagged.save()
    by_ana = story(title="By Ana")
    ArticleAuthor.objects.create(article=by_ana, person=PersonFactory(slug="ana"))
    story(title="En español", parent=section_es, locale=section_es.locale)
    assert titles(get(client, "/articles", section=politics.pk)[1]) == ["In politics"]
    assert titles(get(client, "/articles", tag="energy")[1]) == ["Tagged"]
    assert titles(get(client, "/articles", person="ana")[1]) == ["By Ana"]
    assert titles(get(client, "/articles", language="es")[1]) == ["En español"]
    before = (timezone.now() - dt.timedelta(hours=24)).isoformat()
    assert titles(get(client, "/articles", published_before=before)[1]) == [in_politics.title]
    assert "In politics" not in titles(get(client, "/articles", published_after=before)[1])


def test_pages_are_capped_and_offset(client, story):
    for n in range(5):
        story(hours_ago=n + 1, title=f"Story {n}")
    _, data = get(client, "/articles", limit=2, offset=1)
    assert titles(data) == ["Story 1", "Story 2"]
    assert data["count"] == 5
    assert client.get("/api/v1/articles", {"limit": 101}).status_code == 422


@pytest.mark.parametrize("params", [{"tag": "a b"}, {"published_after": "yesterday"}, {"section": "x"}])
def test_bad_filters_get_a_clear_422(client, params):
    response = client.get("/api/v1/articles", params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_sections_tags_and_people_list_only_what_readers_can_see(client, home, story):
    SectionPageFactory(parent=home, title="Hidden", slug="hidden", live=False)
    article = story()
    article.tags.add("Energy")
    article.save()
    ArticleAuthor.objects.create(article=article, person=PersonFactory(name="Ana Ruiz", slug="ana"))
    PersonFactory(name="Staff only", slug="staff-only")
    assert [s["title"] for s in get(client, "/sections")[1]["results"]] == ["World"]
    assert [t["slug"] for t in get(client, "/tags")[1]["results"]] == ["energy"]
    people = get(client, "/people")[1]["results"]
    assert [p["slug"] for p in people] == ["ana"]
    assert set(people[0]) == {"slug", "name", "url", "role", "bio", "language"}
    assert client.get("/api/v1/people/staff-only").status_code == 404


def test_no_answer_carries_an_email_address(client, story, editor):
    article = story(edited_by=PersonFactory(slug="ed"))
    for path in ("/articles", f"/articles/{article.pk}", "/people", "/people/ed"):
        assert "@" not in client.get(f"/api/v1{path}").text


def test_answers_are_public_for_caches_with_the_pages_surrogate_keys(client, story):
    article = story()
    article.tags.add("Energy")
    article.save()
    listing = client.get("/api/v1/articles")
    assert "s-maxage" in listing["Cache-Control"]
    assert "listings" in listing["xkey"].split()
    detail = client.get(f"/api/v1/articles/{article.pk}")
    assert {f"article-{article.pk}", "tag-energy", f"section-{article.get_parent().pk}"} <= set(detail["xkey"].split())


def test_publishing_purges_the_listing_answer(client, settings, story):
    settings.DATELINE_PAGE_CACHE_SECONDS = 600
    story(title="First")
    assert titles(client.get("/api/v1/articles").json()) == ["First"]
    second = story(title="Second", live=False)
    second.save_revision().publish()  # purges listings, as an editor's publishing does
    assert titles(client.get("/api/v1/articles").json()) == ["Second", "First"]


def test_any_site_may_read_but_only_with_get(client):
    response = client.get("/api/v1/sections")
    assert response["Access-Control-Allow-Origin"] == "*"
    post = client.post("/api/v1/sections")
    assert post.status_code == 405
    assert "Access-Control-Allow-Origin" not in post


def test_too_many_requests_from_one_address_are_refused_without_storing_it(client, settings):
    from django.core.cache import caches

    settings.DATELINE_API_RATE = "2/m"
    codes = [client.get("/api/v1/sections", REMOTE_ADDR="203.0.113.7").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/api/v1/sections", REMOTE_ADDR="203.0.113.8").status_code == 200
    cache = caches["logins"]
    # django-redis lists its keys; local memory keeps them in a dict.
    keys = [str(key) for key in (cache.keys("*") if hasattr(cache, "keys") else cache._cache)]
    assert keys
    assert not any("203.0.113" in key for key in keys)


def test_the_openapi_description_and_docs_page_are_served_without_a_cdn(client):
    from bs4 import BeautifulSoup

    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/people"} <= set(schema["paths"])
    docs = BeautifulSoup(client.get("/api/v1/docs").content, "lxml")
    sources = [tag.get("src") or tag.get("href") for tag in docs.find_all(["script", "link"])]
    assert all(src is None or src.startswith("/") for src in sources)
    assert not docs.find_all("script", src=None, type=lambda t: t != "application/json")
