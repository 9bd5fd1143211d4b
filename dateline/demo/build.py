"""Builds the demo newsroom through the product's own models, Wagtail's revisions and its translation API.

Everything is looked up before it is made (people and pages by slug, photos by title, translations by
translation key), so building twice changes nothing the first build made.
"""

import html
import io
import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site

from dateline.accounts.roles import ensure_newsroom_groups
from dateline.core.models import NewsroomSettings
from dateline.core.purge import purge_all_pages
from dateline.home.models import HomePage, PinnedStory
from dateline.news.models import ArticleAuthor, ArticleKind, ArticlePage, Person, SectionPage
from dateline.photos.models import Photo

from . import content, pictures
from .audio import ensure_podcast
from .languages import ensure_more_languages
from .live import ensure_live_coverage
from .newsletters import ensure_newsletters
from .readership import ensure_readership_figures
from .trust import ensure_trust_demo
from .wires import ensure_wire_desk

DEMO_PASSWORD = "dateline-demo"  # noqa: S105 - printed on the console for people trying the demo
ADMIN_USERNAME = "admin"
DEMO_USERS = [("reporter", "Reporters", "Rosa", "Reporter"), ("editor", "Editors", "Emil", "Editor")]
SPREAD = timedelta(days=30)  # stories are spread over the last month


def build_demo(*, article_limit: int | None = None, now: datetime | None = None) -> Counter:
    """Build (or complete) the demo and return how many objects of each kind it created.

    `article_limit` keeps only the newest English stories (and the Spanish versions of those), for a
    quicker build.
    """
    builder = DemoBuilder(now=now or timezone.now(), article_limit=article_limit)
    with background_work_held_back():
        created = builder.build()
    if created:
        purge_all_pages()
    return created


def point_default_site_at(*, hostname: str, port: int) -> bool:
    """Give the default site the address the local server answers on; return whether it changed.

    Wagtail builds canonical links, Open Graph, JSON-LD, hreflang, share links, feeds and sitemaps
    from the site's hostname and port. Saving a site purges every cached page (core.purge).
    """
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])
    return True


@contextmanager
def background_work_held_back() -> Iterator[None]:
    """Skip the work each publication queues (cache purges, rendition pre-generation) while building.

    In development tasks run inline, and pre-generating every rendition of every demo photo would
    triple the build time; readers' first visits make the renditions instead, as Wagtail does by
    default. One purge of every cached page follows the build.
    """
    if settings.TASKS["default"]["BACKEND"] != "django_tasks.backends.immediate.ImmediateBackend":
        yield  # a real queue: let the worker do it, as after any publication
        return
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        yield


class DemoBuilder:
    def __init__(self, *, now: datetime, article_limit: int | None):
        self.now = now
        self.stories = content.STORIES[:article_limit] if article_limit is not None else content.STORIES
        self.full = article_limit is None
        self.created = Counter()
        self.photos: dict[str, Photo] = {}
        self.people: dict[str, Person] = {}
        self.people_es: dict[str, Person] = {}

    @transaction.atomic
    def build(self) -> Counter:
        self.ensure_users()
        self.ensure_newsroom_settings()
        spanish = self.ensure_locale("es")
        self.ensure_people(spanish)

        home = HomePage.objects.get(locale__language_code=settings.LANGUAGE_CODE)
        sections = {entry.slug: self.ensure_section(home, entry) for entry in content.SECTIONS}
        articles = {}
        for position, story in enumerate(content.STORIES):
            if story in self.stories:
                when = self.publication_time(position)
                articles[story.slug] = self.ensure_article(sections[story.section], story, when, self.people)
        self.arrange_front_page(home, [articles.get(slug) for slug in (content.LEAD_STORY, *content.PINNED_STORIES)])
        self.created["podcast pages"] += ensure_podcast(home, now=self.now)
        if self.full:  # the full demo: agency copy waiting in the Wire queue
            self.created["live pages"] += ensure_live_coverage(
                sections["world"], self.photo("harbour-at-dusk"), self.people, self.now
            )
            self.created["wire stories"] += ensure_wire_desk(sections[content.SECTIONS[0].slug])

        self.created["newsletters"] += ensure_newsletters(sections[content.SECTIONS[0].slug])

        home_es = self.ensure_translated_page(home, spanish, title="Portada")
        sections_es = {
            entry.slug: self.ensure_translated_page(
                sections[entry.slug], spanish, title=entry.title_es, slug=entry.slug_es, intro=entry.intro_es
            )
            for entry in content.SECTIONS
        }
        for translation in content.TRANSLATIONS:
            if translation.source in articles:
                self.ensure_article_translation(articles[translation.source], spanish, translation)
        for position, original in enumerate(content.SPANISH_ORIGINALS):
            when = self.publication_time(position * 7 + 2, key=original.story.slug)
            section = sections_es[original.story.section]
            self.ensure_article(section, original.story, when, self.people_es, original.lead_caption)
        lead = articles.get(content.LEAD_STORY)
        self.arrange_front_page(home_es, [lead.get_translation_or_none(spanish) if lead else None])
        self.created += ensure_trust_demo(home, with_pieces=self.full)
        self.created += ensure_more_languages(self, home, sections, articles)
        # Last: the figures cover every story the demo made, in every language.
        self.created["readership figures"] += ensure_readership_figures(self.now)
        return +self.created  # only the kinds it made

    # Accounts and settings

    def ensure_users(self) -> None:
        User = get_user_model()
        admin, made = User.objects.get_or_create(username=ADMIN_USERNAME)
        admin.is_staff = admin.is_superuser = admin.is_active = True
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        self.created["users"] += made
        groups = dict(zip(("Reporters", "Editors"), ensure_newsroom_groups(), strict=True))
        for username, group, first_name, last_name in DEMO_USERS:
            user, made = User.objects.get_or_create(
                username=username, defaults={"first_name": first_name, "last_name": last_name}
            )
            user.is_active = True
            user.set_password(DEMO_PASSWORD)
            user.save()
            user.groups.add(groups[group])
            self.created["users"] += made

    def ensure_newsroom_settings(self) -> None:
        site = Site.objects.get(is_default_site=True)
        newsroom = NewsroomSettings.for_site(site)
        if newsroom.outlet_code != settings.DATELINE_OUTLET_CODE:
            newsroom.outlet_code = settings.DATELINE_OUTLET_CODE
            newsroom.save()

    # Photos and people

    def photo(self, key: str) -> Photo:
        """The demo photo drawn from scene `key`, made on first use."""
        if key not in self.photos:
            entry = next(picture for picture in content.PICTURES if picture.key == key)
            self.photos[key] = self.ensure_photo(
                entry.title,
                entry.description,
                entry.credit,
                entry.caption,
                f"{key}.jpg",
                lambda: pictures.draw_scene(key),
            )
        return self.photos[key]

    def ensure_photo(
        self, title: str, description: str, credit: str, caption: str, filename: str, draw: Callable[[], bytes]
    ) -> Photo:
        existing = Photo.objects.filter(title=title).order_by("pk").first()
        if existing is not None:
            return existing
        photo = Photo(title=title, description=description, credit=credit, default_caption=caption)
        photo.file = ImageFile(io.BytesIO(draw()), name=filename)
        photo._set_image_file_metadata()
        photo.save()
        self.created["photos"] += 1
        return photo

    def ensure_people(self, spanish: Locale) -> None:
        """The newsroom's people, each with a drawn portrait and a Spanish version of their profile."""
        for entry in content.PEOPLE:
            person = Person.objects.filter(slug=entry.slug).first()
            if person is None:
                portrait = self.ensure_photo(
                    f"{entry.name}, portrait",
                    f"Head-and-shoulders portrait of {entry.name}.",
                    "Dateline",
                    f"{entry.name}, {entry.role.lower()}.",
                    f"portrait-{entry.slug}.jpg",
                    lambda slug=entry.slug: pictures.draw_portrait(slug),
                )
                person = Person.objects.create(
                    slug=entry.slug, name=entry.name, role=entry.role, bio=entry.bio, photo=portrait
                )
                self.created["people"] += 1
            self.people[entry.slug] = person
            translation = person.get_translation_or_none(spanish)
            if translation is None:
                translation = person.copy_for_translation(spanish)
                translation.role, translation.bio = entry.role_es or entry.role, entry.bio_es or entry.bio
                translation.save()
                self.created["people (Spanish profiles)"] += 1
            self.people_es[entry.slug] = translation

    # Pages

    def ensure_section(self, home: HomePage, entry: content.Section) -> SectionPage:
        section = SectionPage.objects.child_of(home).filter(slug=entry.slug).first()
        if section is None:
            section = home.add_child(
                instance=SectionPage(title=entry.title, slug=entry.slug, intro=entry.intro, live=False)
            )
            section.save_revision().publish()
            self.created["sections"] += 1
        return section

    def ensure_locale(self, language_code: str) -> Locale:
        locale, made = Locale.objects.get_or_create(language_code=language_code)
        self.created["locales"] += made
        return locale

    def ensure_translated_page(self, page: Page, locale: Locale, **fields) -> Page:
        """The page's translation into `locale`, copied with Wagtail's translation API and published."""
        translation = page.get_translation_or_none(locale)
        if translation is not None:
            return translation.specific
        translation = page.copy_for_translation(locale)
        if "slug" in fields:
            self.rename_draft(translation, fields.pop("slug"))
        for name, value in fields.items():
            setattr(translation, name, value)
        if isinstance(translation, HomePage):
            # The copied arrangement names English stories; the Spanish front page gets its own.
            translation.lead_story = None
            translation.pinned_stories = []
        translation.save_revision().publish()
        self.created["translated pages"] += 1
        return translation

    def ensure_article(
        self,
        section: SectionPage,
        story: content.Story,
        published_at: datetime,
        people: dict[str, Person],
        lead_caption: str = "",
    ) -> ArticlePage:
        article = ArticlePage.objects.child_of(section).filter(slug=story.slug).first()
        if article is not None:
            return article
        article = ArticlePage(
            title=story.headline,
            slug=story.slug,
            standfirst=story.standfirst,
            dateline_place=story.place,
            outlet_code=story.outlet,
            kind=ArticleKind.objects.get(slug=story.kind),
            edited_by=people.get(story.editor),
            lead_photo=self.photo(story.photo) if story.photo else None,
            lead_caption=lead_caption,
            body=self.stream(story.body),
            comments_open=story.comments_open,
            live=False,
        )
        article.article_authors = [ArticleAuthor(person=people[slug]) for slug in story.authors]
        article.tags.add(*story.tags)
        SectionPage.objects.get(pk=section.pk).add_child(instance=article)  # fresh tree counters
        revisions = [article.save_revision()]
        revisions[0].publish()
        updated_at = None
        if story.update:
            article.body = self.stream((*story.body, ("update", story.update)))
            revisions.append(article.save_revision())
            revisions[1].publish()
            later = timedelta(hours=self.rng(story.slug).uniform(2, 9))
            updated_at = min(published_at + later, self.now - timedelta(minutes=10))
        self.backdate(article, revisions, published_at, updated_at)
        self.created["articles"] += 1
        return article

    def ensure_article_translation(
        self, article: ArticlePage, locale: Locale, translation: content.Translation
    ) -> ArticlePage:
        existing = article.get_translation_or_none(locale)
        if existing is not None:
            return existing
        copy = article.copy_for_translation(locale)
        self.rename_draft(copy, translation.slug)
        copy.title = translation.headline
        copy.standfirst = translation.standfirst
        copy.dateline_place = content.PLACE_NAMES_ES.get(article.dateline_place, article.dateline_place)
        copy.lead_caption = translation.lead_caption
        copy.body = self.stream(translation.body)
        copy.tags.set(translation.tags)
        # The copy still names the English profiles; bylines in Spanish link to the Spanish ones.
        spanish = {person.translation_key: person for person in self.people_es.values()}
        copy.article_authors = [
            ArticleAuthor(person=spanish.get(item.person.translation_key, item.person))
            for item in article.article_authors.select_related("person")
        ]
        if article.edited_by is not None:
            copy.edited_by = spanish.get(article.edited_by.translation_key, article.edited_by)
        revision = copy.save_revision()
        revision.publish()
        later = timedelta(minutes=self.rng(translation.slug).uniform(20, 240))
        self.backdate(copy, [revision], min(article.first_published_at + later, self.now - timedelta(minutes=5)), None)
        self.created["articles"] += 1
        return copy

    def arrange_front_page(self, home: HomePage, stories: list[ArticlePage | None]) -> None:
        """Lead with the first story and pin the others, unless editors have arranged the front page."""
        stories = [story for story in stories if story is not None]
        # Fresh from the database: publishing writes the tree counters too, and ours may be stale.
        home = HomePage.objects.get(pk=home.pk)
        if not stories or home.lead_story_id is not None or home.pinned_stories.exists():
            return
        home.lead_story = stories[0]
        home.pinned_stories = [PinnedStory(article=story) for story in stories[1:]]
        home.save_revision().publish()

    # Helpers

    def rename_draft(self, page: Page, slug: str) -> None:
        """Give a fresh, never-published copy its own slug without the redirect a renamed live page gets."""
        page.slug = slug
        page.set_url_path(page.get_parent())
        Page.objects.filter(pk=page.pk).update(slug=page.slug, url_path=page.url_path)

    def stream(self, blocks: Iterable[tuple]) -> list[dict]:
        """Body blocks from content.py as StreamField data."""
        data = []
        for kind, *args in blocks:
            if kind == "p":
                data.append({"type": "paragraph", "value": f"<p>{html.escape(args[0], quote=False)}</p>"})
            elif kind == "qa":
                question, answer = (html.escape(text, quote=False) for text in args)
                data.append({"type": "paragraph", "value": f"<p><b>{question}</b></p><p>{answer}</p>"})
            elif kind == "update":
                data.append(
                    {"type": "paragraph", "value": f"<p><b>Update:</b> {html.escape(args[0], quote=False)}</p>"}
                )
            elif kind == "h":
                data.append({"type": "subheading", "value": args[0]})
            elif kind == "q":
                quote, attribution, source, language = args
                data.append(
                    {
                        "type": "quote",
                        "value": {
                            "quote": quote,
                            "attribution": attribution,
                            "source": source,
                            "source_url": "",
                            "language": language,
                        },
                    }
                )
            elif kind == "photo":
                key, caption = args
                data.append({"type": "photo", "value": {"photo": self.photo(key).pk, "caption": caption}})
            else:
                raise ValueError(f"Unknown demo block {kind!r}.")
        return data

    def rng(self, key: str) -> random.Random:
        return random.Random(f"dateline-demo:{key}")

    def publication_time(self, position: int, *, key: str = "") -> datetime:
        """Newest stories first: position 0 a few hours ago, the last about a month ago."""
        step = (SPREAD - timedelta(hours=6)) / len(content.STORIES)
        jitter = timedelta(minutes=self.rng(key or str(position)).uniform(-90, 90))
        return self.now - timedelta(hours=3) - step * position + jitter

    def backdate(self, page: Page, revisions: list[Revision], published_at: datetime, updated_at) -> None:
        """Move a fresh page's publication history to when the story notionally ran."""
        last = updated_at or published_at
        Page.objects.filter(pk=page.pk).update(
            first_published_at=published_at, last_published_at=last, latest_revision_created_at=last
        )
        Revision.objects.filter(pk=revisions[0].pk).update(created_at=published_at)
        if updated_at:
            Revision.objects.filter(pk__in=[revision.pk for revision in revisions[1:]]).update(created_at=updated_at)
        entries = PageLogEntry.objects.filter(page=page)
        entries.filter(revision__in=revisions[1:]).update(timestamp=last)
        entries.exclude(revision__in=revisions[1:]).update(timestamp=published_at)
        page.first_published_at, page.last_published_at = published_at, last
