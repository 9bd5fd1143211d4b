"""Every message a reader can see (public pages, feeds, comments) is translated in every catalogue we ship."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from dateline.core.models import POLICY_PAGES
from dateline.news.models.corrections import CorrectionKind
from dateline.news.models.kinds import BUILT_IN_NAMES

from .po_files import Entry, read_po

LOCALE = Path(__file__).resolve().parents[2] / "dateline" / "locale"
# Where the messages readers see come from (paths as makemessages writes them, from inside dateline/).
PUBLIC_SOURCES = re.compile(
    r"^(templates/"
    r"|news/templates/news/(?!panels/)|home/templates/|search/templates/|feeds/templates/"
    r"|comments/templates/comments/(?!admin/|email/)|comments/templates/comments/email/confirm_|comments/templatetags/"
    r"|comments/(forms|services|views|captcha|spam|text|pending)\.py"
    r"|news/(templatetags/|sharing\.py|pagination\.py|views\.py|models/articles\.py)"
    r"|search/(forms|views|queries)\.py|feeds/(jsonfeed|syndication|discovery|views|items)\.py|home/templatetags/"
    r"|newsletters/templates/newsletters/(?!admin/)|newsletters/(forms|services|views)\.py"
    r"|live/templates/live/(?!admin/)|podcasts/templates/|audio/templates/"
    r"|readership/templates/readership/includes/most_read\.html)"
)
# Names kept in the database or in a list and translated where readers see them: the built-in kinds of
# work (the kicker, teasers), the kinds of correction (notices, the corrections page), the footer's policy links.
with translation.override(None):
    PUBLIC_MESSAGES = {
        *BUILT_IN_NAMES,
        *(str(label) for label in CorrectionKind.labels),
        *(str(label) for _field, _property, label in POLICY_PAGES),
    }
SHIPPED = ["es", "fr", "pt", "ar"]


def is_public(entry: Entry) -> bool:
    return entry.msgid in PUBLIC_MESSAGES or any(PUBLIC_SOURCES.match(reference) for reference in entry.references)


@pytest.mark.parametrize("language", SHIPPED)
def test_every_public_message_is_translated(language):
    entries = [entry for entry in read_po(LOCALE / language / "LC_MESSAGES" / "django.po") if is_public(entry)]
    missing = [entry.msgid for entry in entries if not entry.is_translated]
    assert entries, "no public messages found: has makemessages been run?"
    assert not missing, f"{len(missing)} of {len(entries)} untranslated in {language}: {missing[:10]}"


@pytest.mark.parametrize("language", SHIPPED)
def test_placeholders_survive_translation(language):
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    for entry in read_po(LOCALE / language / "LC_MESSAGES" / "django.po"):
        if entry.is_translated and is_public(entry):
            allowed = set(placeholder.findall(entry.msgid + (entry.msgid_plural or "")))
            for text in entry.msgstr:
                assert set(placeholder.findall(text)) <= allowed, entry.msgid


@pytest.mark.parametrize("language", SHIPPED)
def test_no_message_is_left_as_gettexts_fuzzy_guess(language):
    # makemessages fills a new message with the translation of a similar old one and marks it fuzzy;
    # Django shows English for it, and the guess ("Preview" as "Entrevista") misleads the next translator.
    fuzzy = [
        entry.msgid
        for entry in read_po(LOCALE / language / "LC_MESSAGES" / "django.po")
        if entry.msgid and "fuzzy" in entry.flags
    ]
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:10]}"
