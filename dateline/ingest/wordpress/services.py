"""The WordPress import: a WXR export and its uploads folder become sections, people, photos, articles,
comments and redirects, keyed by WordPress IDs so a second run updates instead of duplicating.

Two passes over the file, each streaming: the first checks the whole file is readable (so a bad
file is refused before anything is written) and remembers the attachments; the second imports the
posts a hundred to a transaction, each in a savepoint, skipping and reporting an item that fails
(a batch refused at commit is retried one post per transaction).

Caches: new articles are written without Wagtail's publish signal, so no per-article purge runs;
a changed live article still purges itself as it is saved. One purge of every page follows the
import (`purge_all_pages`), in the final transaction, so caches see the archive when it is there.
"""

from __future__ import annotations

import datetime as dt
import html
import ipaddress
import logging
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import nh3
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from django_tasks import default_task_backend
from taggit.models import Tag
from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, PageViewRestriction, ReferenceIndex, Revision, Site
from wagtail.search.backends import get_search_backends

from dateline.accounts.roles import EDITORS, REPORTERS
from dateline.comments.models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment, CommentStatus
from dateline.comments.privacy import hash_address, hash_email, normalise_email
from dateline.comments.text import body_fingerprint
from dateline.core.purge import purge_all_pages
from dateline.news.models import ArticleAuthor, ArticlePage, ArticleTag, Person, SectionPage
from dateline.photos.models import Photo

from . import media
from .body import convert_body
from .models import ImportedItem, ItemKind, Pingback, PingbackKind
from .wxr import Author, Item, WXRReader

logger = logging.getLogger(__name__)

# The hook a front page registers to pin stories (home sits beside ingest, so it is not imported):
# fn(articles: list[ArticlePage]) -> None.
PIN_HOOK = "dateline_pin_articles"
STANDFIRST_MAX_LENGTH = 400
BATCH = 200
# Posts written per transaction, each in a savepoint of its own: one commit (one disk sync) per
# batch instead of one per post. A failed batch is retried one post per transaction.
POST_BATCH = 100

COMMENT_STATUS = {
    "1": CommentStatus.APPROVED,
    "approve": CommentStatus.APPROVED,
    "0": CommentStatus.PENDING,
    "hold": CommentStatus.PENDING,
    "spam": CommentStatus.SPAM,
    "trash": CommentStatus.REJECTED,
    "post-trashed": CommentStatus.REJECTED,
}
IMPORTED_STATUSES = {"publish", "private", "future", "draft", "pending"}
WITH_REDIRECTS = {"publish", "private", "future"}


class ImportRefused(Exception):
    """The import cannot start; the message says why, for the person running it."""


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    dry_run: bool = False
    counts: Counter = field(default_factory=Counter)  # (kind, outcome) -> n
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (item, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (item, what the body conversion changed)
    missing_files: list[tuple[str, str]] = field(default_factory=list)  # (item, file)
    redirects: int = 0

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts[(kind, outcome)] += n

    def skip(self, what: str, reason: str, kind: str = "post") -> None:
        self.skipped.append((what, reason))
        self.count(kind, "skipped")

    def as_json(self) -> dict:
        """The report as JSON an import run stores: counts per kind and outcome, and the lists."""
        counts: dict[str, dict[str, int]] = {}
        for (kind, outcome), n in sorted(self.counts.items()):
            counts.setdefault(kind, {})[outcome] = n
        return {
            "dry_run": self.dry_run,
            "counts": counts,
            "skipped": [list(pair) for pair in self.skipped],
            "notes": [list(pair) for pair in self.notes],
            "missing_files": [list(pair) for pair in self.missing_files],
            "redirects": self.redirects,
        }

    def lines(self) -> list[str]:
        kinds = sorted({kind for kind, _outcome in self.counts})
        outcomes = ["created", "updated", "unchanged", "skipped"]
        rows = [f"{'':<12}" + "".join(f"{o:>11}" for o in outcomes)]
        for kind in kinds:
            rows.append(f"{kind:<12}" + "".join(f"{self.counts[(kind, o)]:>11}" for o in outcomes))
        rows.append(_("Redirects from old addresses made: %(n)d") % {"n": self.redirects})
        for what, reason in self.skipped:
            rows.append(_("Skipped %(what)s: %(reason)s") % {"what": what, "reason": reason})
        for what, path in self.missing_files:
            rows.append(_("Missing file for %(what)s: %(path)s") % {"what": what, "path": path})
        for what, note in self.notes:
            rows.append(_("Note on %(what)s: %(note)s") % {"what": what, "note": note})
        if self.dry_run:
            rows.append(_("Dry run: nothing was written."))
        return rows


class _DryRunRollback(Exception):
    pass


@contextmanager
def background_work_held_back() -> Iterator[None]:
    """Hold back the background work each saved page queues (reference and search index updates,
    purge deliveries, renditions) while the archive is written; the import indexes in batches
    afterwards and purges every page once. As `dateline demo` does when building."""
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        yield
        default_task_backend.clear()


Progress = Callable[[int, int], None]  # (posts done, posts in the file)


def parse_map(entries: Iterable[str]) -> dict[str, str]:
    """'wp=dateline' pairs, given inline or as a file of such lines (or 'wp,dateline' CSV lines)."""
    result: dict[str, str] = {}
    for entry in entries:
        path = Path(entry)
        lines = path.read_text(encoding="utf-8").splitlines() if "=" not in entry and path.is_file() else [entry]
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=") if "=" in line else line.partition(",")
            if not sep or not key.strip() or not value.strip():
                raise ImportRefused(
                    _("Cannot read the mapping %(line)r: write it as wordpress=dateline.") % {"line": line}
                )
            result[key.strip()] = value.strip()
    return result


def import_wordpress(
    *,
    path: Path,
    uploads: Path | None = None,
    author_map: dict[str, str] | None = None,
    section_map: dict[str, str] | None = None,
    time_zone: str = "UTC",
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import a WordPress export into the default site; return what was done.

    Raises WXRError for a file that is not a readable, safe WordPress export (before writing
    anything) and ImportRefused when the site or a mapping is not ready for it.
    """
    importer = _Importer(
        path=Path(path),
        uploads=Path(uploads) if uploads else None,
        author_map=author_map or {},
        section_map=section_map or {},
        time_zone=time_zone,
        report=ImportReport(dry_run=dry_run),
        progress=progress,
    )
    try:
        with transaction.atomic() if dry_run else nullcontext():
            importer.run()
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        # The rows are rolled back; the photo files written meanwhile go too.
        storage = Photo._meta.get_field("file").storage
        for name in importer.written_files:
            storage.delete(name)
    return importer.report


class _Importer:
    def __init__(self, *, path, uploads, author_map, section_map, time_zone, report, progress):
        self.path, self.uploads, self.time_zone = path, uploads, time_zone
        self.author_map, self.section_map = author_map, section_map
        self.report, self.progress = report, progress
        self.site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if self.site is None:
            raise ImportRefused(_("There is no default site to import into: run `dateline migrate` first."))
        self.home = self.site.root_page
        self.attachments: dict[int, media.Attachment] = {}
        self.photo_by_wp_id: dict[int, int] = {}
        self.photo_by_path: dict[str, int] = {}
        self.people: dict[str, Person] = {}
        self.sections: dict[str, SectionPage] = {}
        self.imported_pages: list[int] = []
        self.sticky: list[int] = []
        self.written_files: list[str] = []
        self.tags: dict[str, Tag] = {}
        self.created_pages: set[int] = set()
        self.created_photos: list[int] = []
        self.updated_photos: list[int] = []
        self.slugs_in_section: dict[int, dict[str, int]] = {}  # section pk -> {slug: page pk}
        self.staged_redirects: dict[str, Page | str] = {}  # written at the end of each batch
        self.homes: dict[str, Page] = {}  # language code -> that language's front page
        self.pending_review: list[int] = []  # articles of posts pending review in WordPress
        self.post_redirects: dict[str, Page | str] = {}

    # --- the run ------------------------------------------------------------------------------

    def run(self) -> None:
        reader = WXRReader(self.path, time_zone=self.time_zone, skim=True)
        total = 0
        creators = set()
        for item in reader:  # pass 1: the whole file is read (and so checked) before anything is written
            if item.post_type == "attachment":
                self.attachments[item.id] = media.Attachment.from_item(item)
            elif item.post_type == "post":
                total += 1
                creators.add(item.creator)
        self.channel = reader.channel
        for login in creators - set(self.channel.authors) - {""}:  # WXR 1.0 lists no authors, only logins
            self.channel.authors[login] = Author(login=login, display_name=login)
        self.source = (self.channel.base_site_url or self.channel.link or "").rstrip("/")[:200]
        self.base_path = urlsplit(self.channel.base_blog_url or self.channel.link).path.rstrip("/")
        self.check_maps()
        self.load_post_records()
        self.import_people()
        done = 0
        with background_work_held_back():
            self.import_photos()
            batch: list[Item] = []
            for item in WXRReader(self.path, time_zone=self.time_zone):  # pass 2
                if item.post_type != "post":
                    if item.post_type in ("page",):
                        what = _("page “%(title)s”") % {"title": item.title}
                        self.report.skip(what, _("pages are not imported"), "page")
                    continue
                batch.append(item)
                if len(batch) == POST_BATCH:
                    done = self.import_batch(batch, done, total)
                    batch = []
            done = self.import_batch(batch, done, total)
            self.redirect_archives()
            self.pin_sticky_posts()
            self.submit_pending_posts()
        self.index_imported_pages()
        with transaction.atomic():
            purge_all_pages()  # one purge of every page for the whole archive (see module docstring)

    def check_maps(self) -> None:
        for login, slug in self.author_map.items():
            if not Person.objects.filter(slug=slug).exists():
                raise ImportRefused(
                    _("--author-map names the person “%(slug)s” for %(login)s, but nobody has that slug.")
                    % {"slug": slug, "login": login}
                )
        for category, slug in self.section_map.items():
            if not SectionPage.objects.child_of(self.home).filter(slug=slug).exists():
                raise ImportRefused(
                    _("--section-map names the section “%(slug)s” for %(category)s, but the site has no such section.")
                    % {"slug": slug, "category": category}
                )

    # --- bookkeeping ---------------------------------------------------------------------------

    def load_post_records(self) -> None:
        """What earlier runs imported, by WordPress ID and GUID: one query instead of one per post."""
        self.post_records: dict[str, ImportedItem] = {}
        self.post_records_by_guid: dict[str, ImportedItem] = {}
        for record in ImportedItem.objects.filter(kind=ItemKind.POST).only(
            "source", "wp_id", "guid", "object_id", "fingerprint"
        ):
            if record.source == self.source:
                self.post_records[record.wp_id] = record
            if record.guid:
                self.post_records_by_guid[record.guid] = record

    def post_record(self, item: Item) -> ImportedItem | None:
        return self.post_records.get(str(item.id)) or (self.post_records_by_guid.get(item.guid) if item.guid else None)

    def record(self, kind: str, wp_id, *, guid: str = "") -> ImportedItem | None:
        found = ImportedItem.objects.filter(source=self.source, kind=kind, wp_id=str(wp_id)).first()
        if found is None and guid:
            found = ImportedItem.objects.filter(kind=kind, guid=guid).first()
        return found

    def remember(self, record: ImportedItem | None, kind: str, wp_id, obj_id: int, **fields) -> ImportedItem:
        now = timezone.now()
        if record is None:
            return ImportedItem.objects.create(
                source=self.source,
                kind=kind,
                wp_id=str(wp_id),
                object_id=obj_id,
                imported_at=now,
                updated_at=now,
                **fields,
            )
        record.object_id, record.updated_at = obj_id, now
        for name, value in fields.items():
            setattr(record, name, value)
        record.save()
        return record

    # --- people --------------------------------------------------------------------------------

    def import_people(self) -> None:
        for login, author in self.channel.authors.items():
            if login in self.author_map:
                self.people[login] = Person.objects.get(slug=self.author_map[login])
                self.report.count("author", "unchanged")
                continue
            record = self.record(ItemKind.AUTHOR, login)
            person = Person.objects.filter(pk=record.object_id).first() if record else None
            private = {"email": author.email}  # kept for the newsroom, never shown
            if person is not None:
                self.people[login] = person
                if record.private_data != private:
                    self.remember(record, ItemKind.AUTHOR, login, person.pk, private_data=private)
                self.report.count("author", "unchanged")
                continue
            name = author.display_name or " ".join(filter(None, [author.first_name, author.last_name])) or login
            person = Person(name=name[:120], slug=self.free_person_slug(name), locale=self.home.locale)
            person.save()
            self.remember(record, ItemKind.AUTHOR, login, person.pk, private_data=private)
            self.people[login] = person
            self.report.count("author", "created")

    def free_person_slug(self, name: str) -> str:
        base = (slugify(name, allow_unicode=True) or "author")[:110]
        slug, n = base, 1
        while Person.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    # --- photos --------------------------------------------------------------------------------

    def import_photos(self) -> None:
        known = {
            int(r.wp_id): (r.object_id, r.fingerprint)
            for r in ImportedItem.objects.filter(source=self.source, kind=ItemKind.ATTACHMENT)
        }
        existing = set(Photo.objects.filter(pk__in=[pk for pk, _f in known.values()]).values_list("pk", flat=True))
        for attachment in self.attachments.values():
            what = _("attachment %(id)d (%(file)s)") % {"id": attachment.id, "file": attachment.relative_path}
            photo_id, fingerprint = known.get(attachment.id, (None, ""))
            if photo_id in existing and fingerprint == attachment.fingerprint:
                self.found_photo(attachment, photo_id)
                self.report.count("photo", "unchanged")
                continue
            try:
                path = media.locate(self.uploads, attachment)
            except media.MissingFile as error:
                self.report.missing_files.append((what, str(error)))
                self.report.count("photo", "skipped")
                continue
            try:
                with transaction.atomic():
                    photo = media.make_photo(
                        attachment,
                        path,
                        existing=Photo.objects.filter(pk=photo_id).first() if photo_id in existing else None,
                    )
                    record = self.record(ItemKind.ATTACHMENT, attachment.id, guid=attachment.guid)
                    self.remember(
                        record,
                        ItemKind.ATTACHMENT,
                        attachment.id,
                        photo.pk,
                        guid=attachment.guid[:500],
                        fingerprint=attachment.fingerprint,
                    )
            except Exception as error:
                logger.warning("Attachment %s skipped", attachment.id, exc_info=True)
                self.report.skip(
                    what, _("the file could not be read as a picture (%(error)s)") % {"error": error}, "photo"
                )
                continue
            self.found_photo(attachment, photo.pk)
            if photo_id not in existing:
                self.written_files.append(photo.file.name)
                self.created_photos.append(photo.pk)
            else:
                self.updated_photos.append(photo.pk)
            self.report.count("photo", "updated" if photo_id in existing else "created")

    def found_photo(self, attachment: media.Attachment, photo_id: int) -> None:
        self.photo_by_wp_id[attachment.id] = photo_id
        if attachment.relative_path:
            self.photo_by_path[attachment.relative_path] = photo_id

    def find_photo(self, wp_id: int | None, url: str) -> int | None:
        if wp_id is not None and wp_id in self.photo_by_wp_id:
            return self.photo_by_wp_id[wp_id]
        return self.photo_by_path.get(media.uploads_path(url)) if url else None

    # --- sections ------------------------------------------------------------------------------

    def section_for(self, item: Item) -> tuple[SectionPage, list[str]]:
        """The article's section (its first category, or the one --section-map names) and the
        names of its other categories, which become tags."""
        categories = [(slug, name) for taxonomy, slug, name in item.terms if taxonomy == "category"]
        if not categories:
            categories = [("uncategorized", "Uncategorized")]
        mapped = [c for c in categories if c[0] in self.section_map]
        primary = mapped[0] if mapped else categories[0]
        others = [name for slug, name in categories if (slug, name) != primary and slug != "uncategorized"]
        return self.section(*primary, home=self.home_for(item)), others

    def section(self, slug: str, name: str, *, home: Page) -> SectionPage:
        """The section of that category under the front page of the post's language, made when missing."""
        target = self.section_map.get(slug, slugify(unquote(slug), allow_unicode=True) or "section")
        if (home.pk, target) in self.sections:
            return self.sections[(home.pk, target)]
        section = SectionPage.objects.child_of(home).filter(slug=target).first()
        if section is None:
            term = next((t for t in self.channel.terms if t.taxonomy == "category" and t.slug == slug), None)
            section = SectionPage(title=html.unescape(name)[:255] or target, slug=target, locale_id=home.locale_id)
            section.intro = (term.description if term else "")[:600]
            Page.objects.get(pk=home.pk).add_child(instance=section)  # fresh tree counters
            section.save_revision().publish()
            self.report.count("section", "created")
        self.sections[(home.pk, target)] = section
        return section

    # --- languages -----------------------------------------------------------------------------

    def home_for(self, item: Item) -> Page:
        """The front page of the post's language (Polylang's or WPML's), under which its section is.

        Raises ImportRefused, naming the language, when the site does not publish in it or has no
        front page in it yet; the post is then skipped with that reason.
        """
        if not item.language:
            return self.home
        wanted = self.channel.languages.get(item.language, item.language)
        code = site_language(wanted)
        if code is None:
            raise ImportRefused(
                _(
                    "it is in “%(language)s”, which is not one of the site's languages (%(languages)s): "
                    "add its code to DATELINE_LANGUAGES, or leave these posts out of the export"
                )
                % {"language": wanted, "languages": ", ".join(code for code, _name in settings.LANGUAGES)}
            )
        if code in self.homes:
            return self.homes[code]
        locale = Locale.objects.filter(language_code=code).first()
        home = self.home if locale and locale.pk == self.home.locale_id else None
        if home is None and locale is not None:
            home = self.home.get_translation_or_none(locale)
        if home is None:
            raise ImportRefused(
                _(
                    "it is in “%(language)s”, but the site has no front page in that language yet: translate "
                    "the front page into it in the admin, then run the import again"
                )
                % {"language": code}
            )
        self.homes[code] = home
        return home

    def translation_key_for(self, item: Item, page: ArticlePage) -> uuid.UUID | None:
        """The key Wagtail links translations by, the same for every post of the plugin's set.

        Derived from the export's site and the set's name, so a second run finds the same key. None
        when the post is in no set, or when the set already has an article in this language.
        """
        # A post with a language and no set may be the original a later WPML duplicate names by ID.
        group = item.translation_group or (f"post:{item.id}" if item.language else "")
        if not group:
            return None
        key = uuid.uuid5(uuid.NAMESPACE_URL, f"{self.source}#{group}")
        original = group.removeprefix("post:")
        if original != group and original != str(item.id):
            # A WPML duplicate of a post imported before, maybe from another language's export.
            record = self.post_records.get(original) or self.record(ItemKind.POST, original)
            found = Page.objects.filter(pk=record.object_id).values_list("translation_key", flat=True) if record else []
            key = next(iter(found), key)
        taken = Page.objects.filter(translation_key=key, locale_id=page.locale_id).exclude(pk=page.pk).exists()
        return None if taken else key

    # --- posts ---------------------------------------------------------------------------------

    def import_batch(self, items: list[Item], done: int, total: int) -> int:
        """Import these posts in one transaction, each in a savepoint, so a bad post is skipped alone.

        What only the commit can refuse (SQLite and PostgreSQL check foreign keys then) would lose the
        whole batch: the batch is then rolled back and its posts retried one per transaction, so one
        bad post never takes the others with it. Returns the number of posts done so far.
        """
        if not items:
            return done
        before = self.snapshot()
        try:
            with transaction.atomic():
                for item in items:
                    self.import_post_safely(item)
                self.write_staged_redirects()
        except Exception:
            logger.warning("A batch of %d WordPress posts failed; retrying them one by one", len(items), exc_info=True)
            self.restore(before)
            for item in items:
                before_post = self.snapshot()
                try:
                    with transaction.atomic():
                        self.import_post_safely(item)
                        self.write_staged_redirects()
                except Exception as error:
                    logger.warning("WordPress post %s skipped", item.id, exc_info=True)
                    self.restore(before_post)
                    self.skip_failed(item, error)
        default_task_backend.clear()  # what was held back is not kept either
        for n in range(done + 1, done + len(items) + 1):
            if self.progress:
                self.progress(n, total)
        return done + len(items)

    def snapshot(self) -> dict:
        """The importer's memory of what is in the database, to restore when a transaction rolls back."""
        report = self.report
        return {
            "counts": report.counts.copy(),
            "lists": [len(report.skipped), len(report.notes), len(report.missing_files)],
            "redirects": report.redirects,
            "pages": len(self.imported_pages),
            "sticky": len(self.sticky),
            "pending": len(self.pending_review),
            "tags": dict(self.tags),
            "sections": dict(self.sections),
        }

    def restore(self, state: dict) -> None:
        report = self.report
        report.counts = state["counts"]
        del report.skipped[state["lists"][0] :], report.notes[state["lists"][1] :]
        del report.missing_files[state["lists"][2] :]
        report.redirects = state["redirects"]
        # A page created in a rolled-back transaction keeps no row, and its id is never handed out again.
        self.created_pages.difference_update(self.imported_pages[state["pages"] :])
        del self.imported_pages[state["pages"] :], self.sticky[state["sticky"] :]
        del self.pending_review[state["pending"] :]
        self.tags, self.sections = state["tags"], state["sections"]
        self.slugs_in_section.clear()  # read again from the database
        self.staged_redirects.clear()

    def skip_failed(self, item: Item, error: Exception) -> None:
        what = _("post %(id)d “%(title)s”") % {"id": item.id, "title": Truncator(item.title).chars(60)}
        message = getattr(error, "message_dict", None) or str(error) or type(error).__name__
        self.report.skip(what, str(message))

    def write_staged_redirects(self) -> None:
        if self.staged_redirects:
            self.report.redirects += self.save_redirects(self.staged_redirects)
            self.staged_redirects = {}

    def import_post_safely(self, item: Item) -> None:
        what = _("post %(id)d “%(title)s”") % {"id": item.id, "title": Truncator(item.title).chars(60)}
        if item.status not in IMPORTED_STATUSES:
            reason = (
                _("it is in WordPress's trash")
                if item.status == "trash"
                else _("its status “%(status)s” is not a post's") % {"status": item.status}
            )
            self.report.skip(what, reason)
            return
        if not item.title.strip():
            self.report.skip(what, _("it has no title"))
            return
        before = self.snapshot()
        self.post_redirects: dict[str, Page | str] = {}
        try:
            with transaction.atomic():
                self.import_post(item, what)
        except Exception as error:
            logger.warning("WordPress post %s skipped", item.id, exc_info=True)
            self.restore_after_post(before)
            self.skip_failed(item, error)
            return
        self.staged_redirects |= self.post_redirects

    def restore_after_post(self, state: dict) -> None:
        """As restore(), for one post rolled back to its savepoint: the batch's other posts stand."""
        staged = self.staged_redirects
        self.restore(state)
        self.staged_redirects = staged

    def import_post(self, item: Item, what: str) -> None:
        record = self.post_record(item)
        page = ArticlePage.objects.filter(pk=record.object_id).first() if record else None
        if page is not None and record.fingerprint == item.fingerprint:
            self.report.count("post", "unchanged")
            if item.is_sticky and page.live:
                self.sticky.append(page.pk)
            return
        section, other_categories = self.section_for(item)
        body = convert_body(item.content, find_photo=self.find_photo)
        for note in body.notes:
            self.report.notes.append((what, note))
        for missing in body.missing_photos:
            self.report.missing_files.append((what, missing))
        blocks = self.credit_captions(body.blocks)
        if not blocks:
            raise ValueError(_("its text is empty"))
        created = page is None
        live = item.status in ("publish", "private")
        published = item.published or timezone.now()
        modified = max(item.modified or published, published)
        page = page or ArticlePage(locale_id=section.locale_id)
        key = self.translation_key_for(item, page)
        if key is not None:
            page.translation_key = key
        elif item.translation_group:
            self.report.notes.append((what, _("another post of its set of translations is in the same language")))
        page.title = html.unescape(item.title)[:255]
        page.draft_title = page.title
        page.slug = self.free_slug(section, item, page)
        page.standfirst = plain_text(item.excerpt, STANDFIRST_MAX_LENGTH)
        page.body = blocks
        page.lead_photo_id = self.find_photo(int(item.meta.get("_thumbnail_id") or 0) or None, "")
        page.comments_open = item.comment_status == "open"
        page.live = live
        page.has_unpublished_changes = not live
        page.first_published_at = published if live else None
        page.last_published_at = modified if live else None
        page.go_live_at = published if item.status == "future" else None
        page.latest_revision_created_at = modified
        tags = [name for taxonomy, _slug, name in item.terms if taxonomy == "post_tag"] + other_categories
        tags = self.tags_named([html.unescape(t)[:100] for t in dict.fromkeys(tags)])
        page.tags.set(tags)
        person = self.people.get(item.creator)
        page.article_authors = [ArticleAuthor(person=person, sort_order=0)] if person else []
        if created:
            self.insert_article(section, page, tags)
            self.created_pages.add(page.pk)
            self.slugs_in_section[section.pk][page.slug] = page.pk  # read by free_slug above
        else:
            if page.get_parent().pk != section.pk:
                page.move(section, pos="last-child")
                page = ArticlePage.objects.get(pk=page.pk)
                return self.import_post(item, what)  # the moved page, saved afresh
            page.save()
            self.slugs_in_section[section.pk][page.slug] = page.pk
        self.save_revision(page, item, modified)
        self.restrict(page, item, created=created)
        comment_count = self.import_comments(page, item, created=created)
        if item.status in WITH_REDIRECTS:
            self.stage_redirects(page, item, section)
        self.remember(
            record, ItemKind.POST, item.id, page.pk, guid=item.guid[:500], fingerprint=item.fingerprint,
            private_data={"status": item.status, "sticky": item.is_sticky},
        )  # fmt: skip
        self.imported_pages.append(page.pk)
        if item.is_sticky and live:
            self.sticky.append(page.pk)
        if item.status == "pending":
            self.pending_review.append(page.pk)
        self.report.count("post", "created" if created else "updated")
        logger.debug("Imported %s with %d comments", what, comment_count)

    def insert_article(self, section: SectionPage, page: ArticlePage, tags: list[Tag]) -> None:
        """Write a new article as Wagtail's add_child would, in a few queries instead of dozens.

        The fields add_child and Page.save derive (tree path, depth, URL path) are set here; what
        they check is checked before (a free slug in the section, lengths, a non-empty body). Its
        tags and byline are written in bulk. An archive of thousands of posts is the reason.
        """
        depth = section.depth + 1
        last = (
            Page.objects.filter(path__startswith=section.path, depth=depth)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        page.path = ArticlePage(path=last)._inc_path() if last else ArticlePage._get_path(section.path, depth, 1)
        page.depth, page.numchild = depth, 0
        page.url_path = f"{section.url_path}{page.slug}/"
        page.draft_title = page.title
        models.Model.save(page)  # the page and article rows only: no Page.save, no cluster commit
        Page.objects.filter(pk=section.pk).update(numchild=F("numchild") + 1)
        for author in page.article_authors.all():
            author.article_id = page.pk
        ArticleAuthor.objects.bulk_create(page.article_authors.all())
        ArticleTag.objects.bulk_create([ArticleTag(content_object_id=page.pk, tag=tag) for tag in tags])

    def tags_named(self, names: list[str]) -> list[Tag]:
        """Tag rows for these names (as taggit matches them, case-insensitively), made when missing and
        remembered: a tag is looked up once per import, not once per article."""
        wanted = [name for name in names if name.strip()]
        missing = [name for name in wanted if name.casefold() not in self.tags]
        if missing:
            for tag in Tag.objects.filter(name__in=missing):
                self.tags[tag.name.casefold()] = tag
            for name in missing:
                if name.casefold() not in self.tags:
                    tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.create(name=name)
                    self.tags[name.casefold()] = tag
        return list({self.tags[name.casefold()].pk: self.tags[name.casefold()] for name in wanted}.values())

    def credit_captions(self, blocks: list[dict]) -> list[dict]:
        """A body photo's caption ending "(Photo: X)" loses the credit, which the photo carries instead."""
        for block in blocks:
            if block["type"] == "photo" and block["value"]["caption"]:
                caption, credit = media.split_credit(block["value"]["caption"])
                block["value"]["caption"] = caption
                if credit:
                    Photo.objects.filter(pk=block["value"]["photo"], credit="").update(credit=credit[:120])
        return blocks

    def free_slug(self, section: SectionPage, item: Item, page: ArticlePage) -> str:
        base = slugify(unquote(item.slug), allow_unicode=True) or slugify(item.title, allow_unicode=True) or "article"
        base = base[:240]
        taken = self.slugs_in_section.get(section.pk)
        if taken is None:  # read once per section, then kept as posts are written
            taken = dict(Page.objects.child_of(section).values_list("slug", "pk"))
            self.slugs_in_section[section.pk] = taken
        slug, n = base, 1
        while taken.get(slug, page.pk) != page.pk:
            n += 1
            slug = f"{base}-{n}"
        return slug

    def save_revision(self, page: ArticlePage, item: Item, modified: dt.datetime) -> None:
        """One revision holding the imported text, dated as WordPress dated it; live if published.

        Written without Wagtail's publish(): its signal would purge caches per article (see module
        docstring).
        """
        scheduled = item.status == "future" and page.go_live_at is not None
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            content=page.serializable_data(),
            object_str=str(page),
            created_at=modified,
            # What Wagtail's "publish" of a future page records: publish_scheduled makes it live then.
            approved_go_live_at=page.go_live_at if scheduled else None,
        )
        live = item.status in ("publish", "private")
        page.latest_revision = revision
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision,
            live_revision=revision if live else None,
            latest_revision_created_at=modified,
            has_unpublished_changes=not live,
        )

    def restrict(self, page: ArticlePage, item: Item, *, created: bool) -> None:
        """Private posts: the newsroom only. Password-protected posts: Wagtail's password restriction."""
        wanted = None
        if item.status == "private":
            wanted = (PageViewRestriction.GROUPS, "")
        elif item.password:
            wanted = (PageViewRestriction.PASSWORD, item.password[:255])
        existing = None if created else PageViewRestriction.objects.filter(page=page).first()
        if existing and (wanted is None or (existing.restriction_type, existing.password) != wanted):
            existing.delete()
            existing = None
        if wanted is None or existing is not None:
            return
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=wanted[0], password=wanted[1])
        if wanted[0] == PageViewRestriction.GROUPS:
            groups = list(Group.objects.filter(name__in=[EDITORS, REPORTERS]))
            if groups:
                restriction.groups.set(groups)
            else:  # no newsroom groups yet: anyone signed in to the admin, never the public
                restriction.restriction_type = PageViewRestriction.LOGIN
                restriction.save(update_fields=["restriction_type"])

    # --- comments ------------------------------------------------------------------------------

    def import_comments(self, page: ArticlePage, item: Item, *, created: bool) -> int:
        """Readers' comments with status and threading; pingbacks and trackbacks kept apart.

        Comments imported before are left as they are: moderation here may have changed them since.
        """
        if not item.comments:
            return 0
        ids = [str(c.id) for c in item.comments]
        known, known_pings, seen = set(), set(), set()
        if not created:  # a new article has none of them yet
            imported = ImportedItem.objects.filter(source=self.source, kind=ItemKind.COMMENT, wp_id__in=ids)
            known = set(imported.values_list("wp_id", flat=True))
            known_pings = set(
                Pingback.objects.filter(source=self.source, wp_id__in=ids).values_list("wp_id", flat=True)
            )
            with_email = Comment.objects.filter(article=page).exclude(email_hash="")
            seen = set(with_email.values_list("email_hash", "body_hash"))
        parent_of = {c.id: c.parent_id for c in item.comments}
        new: list[tuple[int, Comment]] = []
        pings = []
        for wp in sorted(item.comments, key=lambda c: c.id):
            key = str(wp.id)
            if wp.type in ("pingback", "trackback"):
                if key not in known_pings:
                    pings.append(
                        Pingback(
                            source=self.source, wp_id=key, article=page, kind=PingbackKind(wp.type),
                            site_name=plain_text(wp.author, 200), url=wp.url[:500] if wp.url.startswith("http") else "",
                            excerpt=plain_text(wp.content, 2000), received_at=wp.date, approved=wp.approved == "1",
                        )
                    )  # fmt: skip
                continue
            if key in known:
                continue
            text = comment_text(wp.content)
            if not text:
                self.report.skip(_("comment %(id)d") % {"id": wp.id}, _("it has no text"), "comment")
                continue
            email = normalise_email(wp.email)[:254]
            email_hash = hash_email(email)
            body_hash = body_fingerprint(text)
            if email_hash and (email_hash, body_hash) in seen:
                self.report.skip(
                    _("comment %(id)d") % {"id": wp.id}, _("the same reader posted the same text"), "comment"
                )
                continue
            seen.add((email_hash, body_hash))
            status = COMMENT_STATUS.get(wp.approved, CommentStatus.PENDING)
            created = wp.date or page.first_published_at or timezone.now()
            new.append(
                (
                    wp.id,
                    Comment(
                        article=page, name=plain_text(wp.author, NAME_MAX_LENGTH) or _("Anonymous"), email=email,
                        email_hash=email_hash, address_hash=hash_address(wp.ip) if valid_ip(wp.ip) else "",
                        body=text, body_hash=body_hash, status=status, created_at=created,
                        moderated_at=created if status != CommentStatus.PENDING else None,
                    ),
                )
            )  # fmt: skip
        if pings:
            Pingback.objects.bulk_create(pings)
            self.report.count("pingback", "created", len(pings))
        if not new:
            return 0
        earlier = {}
        if known:
            imported = ImportedItem.objects.filter(source=self.source, kind=ItemKind.COMMENT, wp_id__in=known)
            earlier = {int(k): v for k, v in imported.values_list("wp_id", "object_id")}

        def thread_of(wp_id: int) -> int | None:
            """The top-level comment a reply belongs to: Dateline threads one level deep."""
            parent, hops = parent_of.get(wp_id, 0), 0
            top = None
            while parent and hops < 100:
                top, parent, hops = parent, parent_of.get(parent, 0), hops + 1
            return top

        # Threads first, then their replies with their parent set: two inserts, no update.
        top_of = {wp_id: thread_of(wp_id) for wp_id, _comment in new}
        new_ids = {wp_id for wp_id, _comment in new}
        threads = [(wp_id, c) for wp_id, c in new if not top_of[wp_id] or top_of[wp_id] not in new_ids]
        replies = [(wp_id, c) for wp_id, c in new if top_of[wp_id] and top_of[wp_id] in new_ids]
        for wp_id, comment in threads:  # a reply to a comment an earlier run imported, or a thread
            comment.parent_id = earlier.get(top_of[wp_id]) if top_of[wp_id] else None
        Comment.objects.bulk_create([comment for _id, comment in threads])
        pk_of = earlier | {wp_id: c.pk for wp_id, c in threads}
        for wp_id, comment in replies:
            comment.parent_id = pk_of.get(top_of[wp_id])
        Comment.objects.bulk_create([comment for _id, comment in replies])
        now = timezone.now()
        ImportedItem.objects.bulk_create(
            [
                ImportedItem(
                    source=self.source,
                    kind=ItemKind.COMMENT,
                    wp_id=str(wp_id),
                    object_id=c.pk,
                    imported_at=now,
                    updated_at=now,
                )
                for wp_id, c in new
            ]
        )
        self.report.count("comment", "created", len(new))
        return len(new)

    # --- redirects -----------------------------------------------------------------------------

    def old_paths(self, item: Item, section_slug: str) -> set[str]:
        """Where WordPress may have served the post: its permalink, ?p=ID, and the usual patterns."""
        base = self.base_path
        slug = unquote(item.slug)
        paths = {f"{base}/?p={item.id}", f"{base}/archives/{item.id}", f"{base}/index.php?p={item.id}"}
        for url in (item.link, item.guid):
            parts = urlsplit(url)
            if parts.path or parts.query:
                paths.add(parts.path + (f"?{parts.query}" if parts.query else ""))
        if slug:
            local = timezone.localtime(item.published, timezone=self.reader_zone()) if item.published else None
            if local:
                y, m, d = f"{local:%Y}", f"{local:%m}", f"{local:%d}"
                paths |= {f"{base}/{y}/{m}/{d}/{slug}/", f"{base}/{y}/{m}/{slug}/", f"{base}/{y}/{slug}/"}
            for _taxonomy, category, _name in (t for t in item.terms if t[0] == "category"):
                paths.add(f"{base}/{unquote(category)}/{slug}/")
            paths.add(f"{base}/{slug}/")
        return paths

    def reader_zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def stage_redirects(self, page: ArticlePage, item: Item, section: SectionPage) -> None:
        """The post's old addresses, written with the batch's (one query for them all, not one per post)."""
        if section.locale_id == self.home.locale_id:  # the site's own language: no prefix, no query
            own = f"{section.url_path}{page.slug}/".removeprefix(self.home.url_path.rstrip("/"))
        else:
            own = urlsplit(page.get_url(None) or "").path
        own = Redirect.normalise_path(own)
        for path in self.old_paths(item, section.slug):
            normal = Redirect.normalise_path(path)
            if normal and normal != own and len(normal) <= 255:
                self.post_redirects[normal] = page

    def save_redirects(self, wanted: dict[str, Page | str]) -> int:
        existing = {
            r.old_path: r for r in Redirect.objects.filter(site=self.site, old_path__in=list(wanted)).select_related()
        }
        new, changed = [], []
        for old_path, target in wanted.items():
            page_id, link = (target.pk, "") if isinstance(target, Page) else (None, target)
            redirect = existing.get(old_path)
            if redirect is None:
                new.append(
                    Redirect(
                        old_path=old_path,
                        site=self.site,
                        redirect_page_id=page_id,
                        redirect_link=link,
                        is_permanent=True,
                    )
                )
            elif (redirect.redirect_page_id, redirect.redirect_link or "") != (page_id, link):
                redirect.redirect_page_id, redirect.redirect_link, redirect.is_permanent = page_id, link, True
                changed.append(redirect)
        Redirect.objects.bulk_create(new)
        Redirect.objects.bulk_update(changed, ["redirect_page", "redirect_link", "is_permanent"])
        return len(new) + len(changed)

    def redirect_archives(self) -> None:
        """Category, tag and author archives to their section, tag and person pages."""
        base, wanted = self.base_path, {}
        for term in self.channel.terms:
            slug = unquote(term.slug)
            if term.taxonomy == "category":
                target = self.section_map.get(term.slug, slugify(slug, allow_unicode=True))
                section = (
                    self.sections.get((self.home.pk, target))
                    or SectionPage.objects.child_of(self.home).filter(slug=target).first()
                )
                if section is not None:
                    wanted[Redirect.normalise_path(f"{base}/category/{slug}/")] = section
                    if term.parent:
                        wanted[Redirect.normalise_path(f"{base}/category/{unquote(term.parent)}/{slug}/")] = section
            elif term.taxonomy == "post_tag":
                tag_slug = slugify(html.unescape(term.name), allow_unicode=True)
                if tag_slug:
                    wanted[Redirect.normalise_path(f"{base}/tag/{slug}/")] = reverse(
                        "news:tag", kwargs={"slug": tag_slug}
                    )
        for login, person in self.people.items():
            wanted[Redirect.normalise_path(f"{base}/author/{login}/")] = person.get_absolute_url()
        with transaction.atomic():
            self.report.redirects += self.save_redirects(wanted)

    # --- after the posts -----------------------------------------------------------------------

    def index_references(self, objects: list) -> None:
        """What ReferenceIndex.create_or_update_for_object records for new pages or photos (they have
        no rows yet to compare with), for a batch of them in one insert."""
        if not objects or not ReferenceIndex.model_is_indexable(type(objects[0])):
            return
        model = type(objects[0])
        content_type = ContentType.objects.get_for_model(model)
        base_content_type = ContentType.objects.get_for_model(([model, *model._meta.get_parent_list()])[-1])
        rows = [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=page.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for page in objects
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            )
        ]
        ReferenceIndex.objects.bulk_create(rows, ignore_conflicts=True)

    def index_imported_pages(self) -> None:
        """Wagtail's reference index ("where is this photo used?") and the search index, in batches,
        for the photos and articles written while per-save indexing was held back."""
        backends = get_search_backends(with_auto_update=True)
        saved_photos, created = self.created_photos + self.updated_photos, set(self.created_photos)
        for start in range(0, len(saved_photos), BATCH):
            photos = list(Photo.objects.filter(pk__in=saved_photos[start : start + BATCH]))
            with transaction.atomic():
                self.index_references([photo for photo in photos if photo.pk in created])
            for backend in backends:
                backend.get_index_for_model(Photo).add_items(Photo, photos)
        for start in range(0, len(self.imported_pages), BATCH):
            batch = list(
                ArticlePage.objects.filter(pk__in=self.imported_pages[start : start + BATCH]).prefetch_related(
                    "tagged_items__tag", "article_authors"
                )
            )
            with transaction.atomic():
                self.index_references([page for page in batch if page.pk in self.created_pages])
                for page in batch:
                    if page.pk not in self.created_pages:
                        ReferenceIndex.create_or_update_for_object(page)
            for backend in backends:
                backend.get_index_for_model(ArticlePage).add_items(ArticlePage, batch)

    def submit_pending_posts(self) -> None:
        """Posts pending review in WordPress start the review workflow of their section here, as
        "Submit for moderation" would, once the archive is written (its notifications go to reviewers
        then, never for a rolled-back post). A dry run counts them only."""
        for page in ArticlePage.objects.filter(pk__in=self.pending_review).select_related("latest_revision"):
            workflow = page.get_workflow()
            if workflow is None:
                self.report.notes.append((page.title, _("pending review in WordPress, but no workflow covers it here")))
                continue
            if page.workflow_in_progress:
                continue
            if not self.report.dry_run:
                with transaction.atomic():
                    workflow.start(page, None)
            self.report.count("review", "created")

    def pin_sticky_posts(self) -> None:
        """Sticky posts become the front page's pinned stories, through the front page's hook."""
        if not self.sticky:
            return
        articles = list(ArticlePage.objects.filter(pk__in=self.sticky).order_by("-first_published_at"))
        pinners = hooks.get_hooks(PIN_HOOK)
        if not pinners:
            for article in articles:
                self.report.notes.append((article.title, _("sticky in WordPress: pin it on the front page")))
            return
        with transaction.atomic():
            for pin in pinners:
                pin(articles)
        self.report.count("pinned", "created", len(articles))


def site_language(code: str) -> str | None:
    """The site's language (settings.LANGUAGES) for a plugin's code: es, es_ES, es-es and ES all give es."""
    configured = {code.lower(): code for code, _name in settings.LANGUAGES}
    normal = code.strip().lower().replace("_", "-")
    return configured.get(normal) or configured.get(normal.split("-")[0])


def plain_text(markup: str, limit: int) -> str:
    """Markup as one line of text, no tags, entities read, cut at a word."""
    text = html.unescape(nh3.clean(markup or "", tags=set()))
    text = " ".join(text.split())
    return Truncator(text).chars(limit) if len(text) > limit else text


def comment_text(markup: str) -> str:
    """A comment's HTML as the plain text Dateline stores (it renders comments itself, escaped)."""
    cleaned = nh3.clean(markup or "", tags={"p", "br"}, attributes={})
    cleaned = re.sub(r"<br\s*/?>", "\n", cleaned)
    cleaned = re.sub(r"</p>\s*", "\n\n", cleaned)
    text = html.unescape(re.sub(r"<[^>]+>", "", cleaned))
    text = "\n".join(line.strip() for line in text.strip().splitlines())
    text = re.sub(r"\n{3,}", "\n\n", text)
    return Truncator(text).chars(BODY_MAX_LENGTH) if len(text) > BODY_MAX_LENGTH else text


def valid_ip(address: str) -> bool:
    try:
        ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return True
