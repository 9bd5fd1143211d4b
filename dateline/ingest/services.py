"""Taking agency copy in: each source polled on its own, each story in its own transaction.

A new story becomes a draft article under the source's section; a newer version of it saves a new
revision on the same draft; a kill takes the story down (through Wagtail's unpublish, so the usual
cache purge runs) and locks it; the same story from another feed is recorded as a duplicate of the
first. Nothing here publishes: editors do, through the normal review workflow.
"""

import datetime as dt
import logging
import re
import time
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.actions.move_page import MovePageAction
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Site

from dateline.accounts.roles import EDITORS
from dateline.news.models import ArticleAuthor, ArticlePage, Person, SectionPage

from . import fetching
from .body import convert_html
from .models import Source, SourceStatus, WireItem, WireItemStatus
from .parsing import UnreadableFeed, WireStory, parse_document
from .photos import save_photo

# How long one minute job may go on starting polls: with a fetch's 20 s timeout, the minute job ends
# within the minute, and the next one's scheduled publishing starts on time.
POLL_BUDGET_SECONDS = 30

logger = logging.getLogger(__name__)

UPDATE_ACTION = "ingest.update"
KILL_ACTION = "ingest.kill"
USE_ACTION = "ingest.use"
HOLDING_SLUG = "wire-desk"


def _severity(status: str) -> int:
    """The worse status wins when a poll meets several problems: any failure outranks skipped items."""
    return {SourceStatus.OK: 0, SourceStatus.SKIPPED_ITEMS: 1}.get(status, 2)


class WireItemUnusable(Exception):
    """The story cannot be used: killed, a duplicate, or its draft is gone. The message says which."""


@dataclass
class SourceReport:
    """What one poll of one source did, for the command's output and the source's status."""

    source: Source
    status: str = SourceStatus.OK
    new: int = 0
    updated: int = 0
    killed: int = 0
    duplicates: int = 0
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)

    def worsen(self, status: str, problem: str) -> None:
        if _severity(status) > _severity(self.status):
            self.status = status
        self.problems.append(problem)

    def __str__(self):
        counts = (
            f"{self.new} new, {self.updated} updated, {self.killed} killed, "
            f"{self.duplicates} duplicates, {self.unchanged} unchanged"
        )
        text = f"{self.source.name}: {SourceStatus(self.status).label} ({counts})"
        return "\n  ".join([text, *self.problems])


# Polling -----------------------------------------------------------------------------------


def ingest_all_due(
    *, now: dt.datetime | None = None, budget_seconds: float = POLL_BUDGET_SECONDS
) -> list[SourceReport]:
    """Poll every enabled source whose interval has passed, longest waiting first. A source claimed
    by another process (a minute job still running) is left to it; one source's failure never stops
    the others. No source is started after ``budget_seconds``: those left stay due for the next
    minute, so slow agencies never delay the next minute's scheduled publishing."""
    now = now or timezone.now()
    started = time.monotonic()
    reports = []
    due = Source.objects.filter(enabled=True).filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
    for source in due.order_by(F("next_poll_at").asc(nulls_first=True), "pk"):
        if time.monotonic() - started > budget_seconds:
            logger.warning("Wire polling stopped for this minute after %.0f s; the rest stay due.", budget_seconds)
            break
        if _claim(source, now):
            reports.append(ingest_source(source, now=now))
    return reports


def _claim(source: Source, now: dt.datetime) -> bool:
    """One conditional UPDATE, so two processes never poll the same source at once."""
    due = Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now)
    next_poll = now + dt.timedelta(minutes=max(source.poll_minutes, 1))
    return bool(Source.objects.filter(due, pk=source.pk).update(next_poll_at=next_poll))


def ingest_source(source: Source, *, now: dt.datetime | None = None) -> SourceReport:
    """Poll one source now and record the outcome on it; never raises for bad input."""
    now = now or timezone.now()
    report = SourceReport(source=source)
    try:
        if source.is_folder:
            _ingest_folder(source, report)
        else:
            try:
                data = fetching.fetch(source.url)
            except fetching.FetchFailed as error:
                report.worsen(error.status, str(error))
            else:
                _ingest_document(source, data, report)
    except Exception as error:  # one source's surprise must not stop the others
        logger.exception("Wire source %s failed.", source.name)
        report.worsen(SourceStatus.UNREADABLE, f"unexpected error: {error.__class__.__name__}: {error}")
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=now,
        next_poll_at=now + dt.timedelta(minutes=max(source.poll_minutes, 1)),
        last_status=report.status,
        last_error="\n".join(report.problems[:20])[:4000],
    )
    source.refresh_from_db()
    return report


def _ingest_folder(source: Source, report: SourceReport) -> None:
    folder = source.folder_path()
    for dropped in fetching.dropped_files(folder, source.format):
        if not dropped.data:
            report.worsen(
                SourceStatus.TOO_LARGE, f"{dropped.path.name}: larger than the {fetching.MAX_FEED_BYTES} bytes allowed"
            )
            fetching.set_aside(dropped, failed=True)
            continue
        readable = _ingest_document(source, dropped.data, report, label=dropped.path.name)
        fetching.set_aside(dropped, failed=not readable)


def _ingest_document(source: Source, data: bytes, report: SourceReport, label: str = "") -> bool:
    prefix = f"{label}: " if label else ""
    try:
        stories = parse_document(source.format, data)
    except UnreadableFeed as error:
        report.worsen(SourceStatus.UNREADABLE, f"{prefix}{error}")
        return False
    for story in stories:
        if story.problem:
            report.worsen(SourceStatus.SKIPPED_ITEMS, f"{prefix}item {story.guid or '?'} skipped: {story.problem}")
            continue
        try:
            with transaction.atomic():
                outcome = take_in(source=source, story=story)
        except Exception as error:  # one bad story must not stop the rest of the feed
            logger.exception("Wire item %s of %s failed.", story.guid, source.name)
            report.worsen(SourceStatus.SKIPPED_ITEMS, f"{prefix}item {story.guid} skipped: {error}")
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return True


# One story ---------------------------------------------------------------------------------


def take_in(*, source: Source, story: WireStory) -> str:
    """Record one story and make or update its draft; returns what happened: "new", "updated",
    "killed", "duplicates" or "unchanged"."""
    item = WireItem.objects.select_for_update().filter(source=source, guid=story.guid).first()
    if item is not None:
        if story.version <= item.version and not (story.killed and item.status != WireItemStatus.KILLED):
            return "unchanged"
        if story.killed:
            kill_item(item.duplicate_of or item, version=story.version)
            _record_version(item, story)
            return "killed"
        _record_version(item, story)
        if item.status == WireItemStatus.DUPLICATE or item.status == WireItemStatus.KILLED:
            return "unchanged"
        update_draft(item, story)
        return "updated"

    original = _original_of(source, story)
    if story.killed:
        if original is not None:
            kill_item(original, version=story.version)
        _new_item(source, story, status=WireItemStatus.KILLED, duplicate_of=original)
        return "killed"
    if original is not None:
        item = _new_item(source, story, status=WireItemStatus.DUPLICATE, duplicate_of=original)
        return "duplicates"
    item = _new_item(source, story, status=WireItemStatus.NEW)
    item.article = create_draft(source=source, story=story)
    item.save(update_fields=["article"])
    return "new"


def _original_of(source: Source, story: WireStory) -> WireItem | None:
    """The item this story repeats: the same agency ID from another feed, or the same text."""
    others = WireItem.objects.exclude(status=WireItemStatus.DUPLICATE).order_by("pk")
    same_guid = others.filter(guid=story.guid).exclude(source=source).first()
    if same_guid is not None or story.killed:
        return same_guid
    return others.filter(fingerprint=story.fingerprint).first()


def _new_item(source: Source, story: WireStory, *, status: str, duplicate_of: WireItem | None = None) -> WireItem:
    return WireItem.objects.create(
        source=source,
        guid=story.guid,
        version=story.version,
        headline=(story.headline or _("Kill notice"))[:255],
        byline=story.byline,
        credit=story.credit,
        dateline_place=story.dateline_place,
        language=story.language or source.language,
        urgency=story.urgency,
        embargoed_until=story.embargoed_until,
        version_created_at=story.version_created_at,
        status=status,
        fingerprint=story.fingerprint,
        duplicate_of=duplicate_of,
        article=duplicate_of.article if duplicate_of else None,
    )


def _record_version(item: WireItem, story: WireStory) -> None:
    item.version = story.version
    item.updated_at = timezone.now()
    item.version_created_at = story.version_created_at or item.version_created_at
    if not story.killed:
        item.headline = story.headline[:255]
        item.byline, item.dateline_place = story.byline, story.dateline_place
        item.credit, item.urgency = story.credit, story.urgency
        item.embargoed_until = story.embargoed_until
        item.fingerprint = story.fingerprint
    item.save()


# Drafts ------------------------------------------------------------------------------------


def create_draft(*, source: Source, story: WireStory) -> ArticlePage:
    """A new, unpublished article under the source's section (or the hidden holding section)."""
    section = source.section or holding_section(source.language)
    page = ArticlePage(locale_id=section.locale_id, live=False, has_unpublished_changes=True, comments_open=True)
    _fill(page, story, source)
    page.slug = find_available_slug(section, slugify(story.headline)[:80] or "wire-story")
    section.add_child(instance=page)
    page.save_revision(log_action=True)
    return page


def update_draft(item: WireItem, story: WireStory) -> ArticlePage | None:
    """A new revision of the item's draft with the agency's new version; the editor who used it is told."""
    if item.article_id is None:
        return None
    page = item.article.specific.get_latest_revision_as_object()
    _fill(page, story, item.source)
    page.save_revision(log_action=True)
    log(instance=page, action=UPDATE_ACTION, data={"version": story.version})
    if item.status in (WireItemStatus.USED, WireItemStatus.UPDATED_AFTER_USE):
        item.status = WireItemStatus.UPDATED_AFTER_USE
        item.save(update_fields=["status"])
        if item.used_by is not None:
            _tell(
                [item.used_by],
                _("Wire update: %(headline)s") % {"headline": story.headline},
                _(
                    "%(agency)s sent version %(version)s of a story you took from the wire. Your draft has a "
                    "new revision with the agency's text; compare it with yours in the page history:\n\n%(url)s"
                )
                % {
                    "agency": item.agency,
                    "version": story.version,
                    "url": _admin_url("wagtailadmin_pages:history", page.pk),
                },
            )
    return page


def _fill(page: ArticlePage, story: WireStory, source: Source) -> None:
    page.title = story.headline
    page.draft_title = story.headline
    page.standfirst = story.standfirst
    page.dateline_place = story.dateline_place
    page.outlet_code = source.outlet_code
    blocks = body_blocks(story.body_html)
    photos = _photos(story, source)
    if photos:
        page.lead_photo, caption = photos[0]
        page.lead_caption = caption[:500]
        blocks += [("photo", {"photo": photo, "caption": caption[:500]}) for photo, caption in photos[1:]]
    page.body = blocks
    page.tags.set(sorted({subject.strip()[:100] for subject in story.subjects if subject.strip()}))
    if not page.live:
        if page.go_live_at and page.go_live_at == page.embargoed_until:
            page.go_live_at = None  # the schedule was the old embargo's; the new version says again
        page.embargoed_until = story.embargoed_until
        if story.embargoed_until and story.embargoed_until > timezone.now():
            # Publishing before the embargo schedules the story for the embargo time instead.
            page.go_live_at = story.embargoed_until


def _photos(story: WireStory, source: Source) -> list[tuple]:
    found = []
    for wire_photo in story.photos[:10]:
        data = None
        if source.is_folder:
            # Only the file name counts: a photo is read from the drop folder, never from a path it names.
            name = PurePosixPath(urlsplit(wire_photo.href).path).name
            data = fetching.folder_file(source.folder_path(), name) if name else None
        elif url := fetching.same_origin(source.url, wire_photo.href):
            try:
                data = fetching.fetch(url, limit=fetching.MAX_PHOTO_BYTES)
            except fetching.FetchFailed as error:
                logger.warning("Wire photo %s of %s not fetched: %s", url, source.name, error)
        if data:
            photo = save_photo(photo=wire_photo, data=data, agency=source.agency, title=story.headline)
            if photo is not None:
                found.append((photo, wire_photo.caption or photo.default_caption))
    return found


def body_blocks(html: str) -> list[tuple]:
    """Agency HTML as article body blocks, through the ingest room's one converter (`body.convert_html`)."""
    blocks = []
    for block in convert_html(html).blocks:
        value = block["value"]
        blocks.append((block["type"], _tidy(value) if block["type"] == "paragraph" else value))
    return blocks


def _tidy(html: str) -> str:
    """Agency XML is indented: runs of white space become one space, as a browser shows them."""
    return re.sub(r"\s+", " ", html).replace("<p> ", "<p>").replace(" </p>", "</p>")


def holding_section(language: str) -> SectionPage:
    """The unpublished 'Wire' section of the language's front page: drafts wait there, unseen by readers."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise WireItemUnusable(_("No site is set up to hold wire drafts: set a default section on the source."))
    home = site.root_page
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None and home.locale_id != locale.pk:
        home = home.get_translation_or_none(locale) or home
    existing = SectionPage.objects.child_of(home).filter(slug__startswith=HOLDING_SLUG, live=False).first()
    if existing is not None:
        return existing
    section = SectionPage(
        title=_("Wire"),
        slug=find_available_slug(home, HOLDING_SLUG),
        live=False,
        locale_id=home.locale_id,
        intro=_("Agency copy waiting for an editor. Never published."),
    )
    home.add_child(instance=section)
    return section


# Kills -------------------------------------------------------------------------------------


def kill_item(item: WireItem, *, version: int | None = None) -> None:
    """The agency withdrew the story: take it down if it is live, lock the draft, tell the editors."""
    if version is not None and version > item.version:
        item.version = version
    was_status = item.status
    item.status = WireItemStatus.KILLED
    item.updated_at = timezone.now()
    item.save(update_fields=["status", "version", "updated_at"])
    WireItem.objects.filter(duplicate_of=item).update(status=WireItemStatus.KILLED)
    if item.article_id is None or was_status == WireItemStatus.KILLED:
        return
    page = item.article.specific
    was_live = page.live
    if was_live:
        page.unpublish(log_action=True)  # Wagtail's unpublish: its signal purges the caches
    # Nothing may bring it back on its own: no scheduled publication, no review that would publish it.
    page.revisions.update(approved_go_live_at=None)
    if (workflow_state := page.current_workflow_state) is not None:
        workflow_state.cancel(user=None)
    # Locked with nobody holding the lock: no one edits or publishes it until an editor unlocks it.
    Page.objects.filter(pk=page.pk).update(locked=True, locked_at=timezone.now(), locked_by=None)
    log(instance=page, action=KILL_ACTION, data={"was_live": was_live})
    subject = _("Wire kill: %(headline)s") % {"headline": item.headline}
    taken_down = _("It was live and has been unpublished.") if was_live else _("It was not published.")
    body = _("%(agency)s withdrew this story: do not use it. %(taken_down)s The draft is locked.\n\n%(url)s") % {
        "agency": item.agency,
        "taken_down": taken_down,
        "url": _admin_url("wagtailadmin_pages:edit", page.pk),
    }
    editors = get_user_model().objects.filter(groups__name=EDITORS, is_active=True)
    _tell([*editors, *([item.used_by] if item.used_by else [])], subject, body)


# The desk ----------------------------------------------------------------------------------


def use_wire_item(*, item: WireItem, section: SectionPage, user) -> ArticlePage:
    """Move the item's draft under `section` for the newsroom's review workflow, owned by `user`.

    Raises WireItemUnusable for a killed or duplicate item, PermissionDenied when the user may
    not edit the draft or add articles to the section."""
    if item.status == WireItemStatus.KILLED:
        raise WireItemUnusable(_("The agency withdrew this story; it cannot be used."))
    if item.status == WireItemStatus.DUPLICATE and item.duplicate_of_id:
        raise WireItemUnusable(_("This story repeats another in the queue; use that one."))
    if item.article_id is None:
        raise WireItemUnusable(_("This story's draft was deleted."))
    page = item.article.specific
    if not (page.permissions_for_user(user).can_edit() and section.permissions_for_user(user).can_add_subpage()):
        raise PermissionDenied
    with transaction.atomic():
        if page.get_parent().pk != section.pk:
            slug = find_available_slug(section, page.slug, ignore_page_id=page.pk)
            if slug != page.slug:
                page.slug = slug
                page.save(update_fields=["slug"], clean=False)
            MovePageAction(page, section, pos="last-child", user=user).execute(skip_permission_checks=True)
            page.refresh_from_db()
        page.owner = user
        page.save(update_fields=["owner"], clean=False)
        # The editor opens the latest revision: it carries the new slug and the agency's byline.
        latest = page.get_latest_revision_as_object()
        latest.slug, latest.owner = page.slug, user
        if item.byline and not latest.article_authors.exists():
            latest.article_authors = [
                ArticleAuthor(person=_person_for(item.byline, page.locale_id, item.source.agency))
            ]
        latest.save_revision(user=user, log_action=False)
        item.status = WireItemStatus.USED
        item.used_by, item.used_at = user, timezone.now()
        item.save(update_fields=["status", "used_by", "used_at"])
        log(instance=page, action=USE_ACTION, user=user, data={"section": section.title})
    return page


def _person_for(byline: str, locale_id: int, agency: str) -> Person:
    """The agency's reporter as a person for the byline: found by name, or added with the agency as role."""
    name = byline.strip()[:120]
    person = Person.objects.filter(name__iexact=name, locale_id=locale_id).first()
    if person is not None:
        return person
    base = slugify(name)[:100] or "agency-reporter"
    slug, n = base, 1
    while Person.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return Person.objects.create(name=name, slug=slug, locale_id=locale_id, role=agency[:120])


# Telling people ----------------------------------------------------------------------------


def _admin_url(name: str, pk: int) -> str:
    from django.conf import settings

    return settings.WAGTAILADMIN_BASE_URL + reverse(name, args=[pk])


def _tell(users, subject: str, body: str) -> None:
    """E-mail each user once, after the change is committed."""
    emails = sorted({user.email for user in users if user is not None and user.email})
    if emails:
        transaction.on_commit(lambda: send_mail(subject, body, None, emails))
