"""Which translations of a page exist, and which fell behind their source after it changed.

Wagtail's simple translation copies a page into another language as an ordinary draft, which then
goes through the newsroom's review like any story (docs/decisions/0005-translation.md). Wagtail
does not record which copy was the source: here it is the version in the site's default language,
or else the oldest one. A translation is out of date when the source was published after the
translation was last saved (its latest revision), so saving the updated translation clears it.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

MISSING = "missing"
SOURCE = "source"
UP_TO_DATE = "up-to-date"
OUT_OF_DATE = "out-of-date"
STATE_LABELS = {
    MISSING: _("Not translated"),
    SOURCE: _("Source"),
    UP_TO_DATE: _("Up to date"),
    OUT_OF_DATE: _("Out of date: the source changed since"),
}


@dataclass(frozen=True)
class TranslationStatus:
    """One configured language's version of a page: which page, and whether it is current."""

    language_code: str
    language_name: str
    page: Page | None
    state: str

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def is_live(self) -> bool:
        return bool(self.page and self.page.live)


def _source_of(pages: list[Page]) -> Page:
    default = [page for page in pages if page.locale.language_code == settings.LANGUAGE_CODE]
    return default[0] if default else min(pages, key=lambda page: page.pk)


def _last_saved(page: Page) -> datetime | None:
    return page.latest_revision_created_at or page.last_published_at


def translation_statuses(page: Page) -> list[TranslationStatus]:
    """Every configured language's version of the page, in the configured order (two queries)."""
    return translation_statuses_for([page]).get(page.pk, [])


def translation_statuses_for(pages) -> dict[int, list[TranslationStatus]]:
    """Each page's versions in every configured language, by page id: two queries for a whole
    listing, however many pages it shows."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    versions: dict = {}
    for item in (
        Page.objects.filter(translation_key__in=keys)
        .select_related("locale")
        .only(
            "pk",
            "title",
            "live",
            "locale",
            "translation_key",
            "latest_revision_created_at",
            "last_published_at",
            "url_path",
        )
    ):
        versions.setdefault(item.translation_key, []).append(item)
    names = dict(settings.LANGUAGES)
    known = set(Locale.objects.values_list("language_code", flat=True))
    return {
        page.pk: _statuses(versions[page.translation_key], names, known)
        for page in pages
        if page.translation_key in versions
    }


def _statuses(pages: list[Page], names: dict, known: set) -> list[TranslationStatus]:
    source = _source_of(pages)
    by_language = {item.locale.language_code: item for item in pages}
    statuses = []
    for code, name in names.items():
        if code not in known:
            continue
        item = by_language.get(code)
        if item is None:
            state = MISSING
        elif item.pk == source.pk:
            state = SOURCE
        elif source.last_published_at and (_last_saved(item) or source.last_published_at) < source.last_published_at:
            state = OUT_OF_DATE
        else:
            state = UP_TO_DATE
        statuses.append(TranslationStatus(code, str(name), item, state))
    return statuses
