"""French and Arabic in the demo: front pages, sections, people's profiles and stories (data/languages.json).

Translations go through Wagtail's translation API as an editor's "Translate" does, then are filled in
and published; each language also gets a story of its own. Safe to run twice: everything is looked
up by translation key or slug first. A language missing from DATELINE_LANGUAGES is skipped.
"""

import json
from collections import Counter
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale

from dateline.home.models import HomePage
from dateline.news.models import ArticleAuthor, ArticlePage, Person, SectionPage

DATA = Path(__file__).parent / "data" / "languages.json"


def ensure_more_languages(builder, home: HomePage, sections: dict, articles: dict) -> Counter:
    """Build every language of data/languages.json that the site is configured for."""
    configured = {code for code, _name in settings.LANGUAGES}
    created = Counter()
    for code, language in json.loads(DATA.read_text(encoding="utf-8")).items():
        if code in configured:
            created += LanguageBuilder(builder, code, language).build(home, sections, articles)
    return created


class LanguageBuilder:
    def __init__(self, builder, code: str, data: dict):
        self.builder, self.code, self.data = builder, code, data
        self.created = Counter()

    def build(self, home: HomePage, sections: dict, articles: dict) -> Counter:
        self.locale = self.builder.ensure_locale(self.code)
        self.people = self.ensure_people()
        front = self.builder.ensure_translated_page(home, self.locale, title=self.data["front_page"])
        self.sections = {
            slug: self.builder.ensure_translated_page(sections[slug], self.locale, **fields)
            for slug, fields in self.data["sections"].items()
            if slug in sections
        }
        stories = []
        for story in self.data["stories"]:
            if story["source"] in articles:
                stories.append(self.ensure_translation(articles[story["source"]], story))
        for position, story in enumerate(self.data["originals"]):
            stories.append(self.ensure_original(story, position))
        lead = next((page for page in stories if page is not None), None)
        self.builder.arrange_front_page(front, [lead, *stories[1:2]] if lead else [])
        return self.created

    def ensure_people(self) -> dict[str, Person]:
        """Each person's profile in this language: the role and bio given, else copied to be translated."""
        people = {}
        for person in Person.objects.filter(locale__language_code=settings.LANGUAGE_CODE):
            existing = person.get_translation_or_none(self.locale)
            if existing is None:
                existing = person.copy_for_translation(self.locale)
                given = self.data["people"].get(person.slug, {})
                existing.role, existing.bio = given.get("role", person.role), given.get("bio", person.bio)
                existing.save()
                self.created[f"people ({self.code} profiles)"] += 1
            people[person.slug] = existing
        return people

    def _person(self, person: Person | None) -> Person | None:
        if person is None:
            return None
        source = person.get_translation_or_none(Locale.objects.get(language_code=settings.LANGUAGE_CODE)) or person
        return self.people.get(source.slug, person)

    def ensure_translation(self, article: ArticlePage, story: dict) -> ArticlePage:
        existing = article.get_translation_or_none(self.locale)
        if existing is not None:
            return existing
        copy = article.copy_for_translation(self.locale)
        self.builder.rename_draft(copy, story["slug"])
        copy.title, copy.standfirst = story["headline"], story["standfirst"]
        copy.dateline_place = story["place"]
        copy.lead_caption = story.get("lead_caption", "")
        copy.body = self.builder.stream(("p", paragraph) for paragraph in story["body"])
        copy.tags.set(story["tags"])
        copy.article_authors = [
            ArticleAuthor(person=self._person(item.person)) for item in article.article_authors.select_related("person")
        ]
        copy.edited_by = self._person(article.edited_by)
        revision = copy.save_revision()
        revision.publish()
        self.builder.backdate(copy, [revision], article.first_published_at, None)
        self.created["articles"] += 1
        return copy

    def ensure_original(self, story: dict, position: int) -> ArticlePage:
        section = SectionPage.objects.get(pk=self.sections[story["section"]].pk)
        existing = ArticlePage.objects.child_of(section).filter(slug=story["slug"]).first()
        if existing is not None:
            return existing
        article = ArticlePage(
            title=story["headline"],
            slug=story["slug"],
            standfirst=story["standfirst"],
            dateline_place=story["place"],
            edited_by=self.people.get(story.get("editor", "")),
            lead_photo=self.builder.photo(story["photo"]) if story.get("photo") else None,
            lead_caption=story.get("lead_caption", ""),
            body=self.builder.stream(("p", paragraph) for paragraph in story["body"]),
            comments_open=True,
            live=False,
        )
        article.article_authors = [ArticleAuthor(person=self.people[slug]) for slug in story.get("authors", [])]
        article.tags.add(*story["tags"])
        section.add_child(instance=article)
        revision = article.save_revision()
        revision.publish()
        when = self.builder.publication_time(position * 5 + 1, key=f"{self.code}:{story['slug']}")
        self.builder.backdate(article, [revision], when, None)
        self.created["articles"] += 1
        return article
