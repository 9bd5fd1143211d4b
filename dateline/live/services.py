"""Posting, correcting and deleting live updates: each purges the page and its updates endpoint at once.

An update is not a page revision: the page is not republished, only the responses that show the
page's updates (they carry the live-<id> key) are purged, inside the update's own transaction.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dateline.core.purge import purge

from .models import LivePage, LiveUpdate, live_key

CONTENT_FIELDS = ("headline", "text", "photo", "embed_url", "quote", "quote_attribution")


def endpoint_path(page_id: int) -> str:
    return reverse("live:updates", kwargs={"page_id": page_id})


def _purge_and_number(page: LivePage) -> int:
    """Purge what shows the page's updates and give the change its number.

    purge() locks the purge counter row until commit, so numbers taken after it follow commit order:
    a reader who has seen change N never misses a change committed later with a smaller number.
    """
    urls = []
    page_url = page.get_full_url()
    if page_url:
        scheme, host = urlsplit(page_url)[:2]
        urls = [page_url, urlunsplit((scheme, host, endpoint_path(page.pk), "", ""))]
    purge(urls=urls, keys=[live_key(page.pk)])
    latest = LiveUpdate.objects.filter(page=page).aggregate(latest=Max("sequence"))["latest"] or 0
    return latest + 1


def post_update(
    *,
    page: LivePage,
    posted_by=None,
    headline: str = "",
    text: str = "",
    photo=None,
    embed_url: str = "",
    quote: str = "",
    quote_attribution: str = "",
    is_pinned: bool = False,
) -> LiveUpdate:
    """Post an update on a live page, readers see it at their next poll; raises ValidationError when empty."""
    update = LiveUpdate(
        page=page,
        posted_by=posted_by,
        headline=headline,
        text=text,
        photo=photo,
        embed_url=embed_url,
        quote=quote,
        quote_attribution=quote_attribution,
        is_pinned=is_pinned,
    )
    update.full_clean(exclude=["page", "posted_by"])
    with transaction.atomic():
        update.sequence = _purge_and_number(page)
        update.posted_at = timezone.now()
        update.save()
    return update


def change_update(*, update: LiveUpdate, correction_note: str = "", **changes) -> LiveUpdate:
    """Change a posted update. A change of its words is a correction: stamped, with the words first
    posted kept and the note shown to readers; pinning or unpinning alone is not."""
    unknown = set(changes) - {*CONTENT_FIELDS, "is_pinned"}
    if unknown:
        raise TypeError(f"not fields of an update: {sorted(unknown)}")
    before_text = update.text
    is_correction = any(getattr(update, field) != value for field, value in changes.items() if field != "is_pinned")
    for field, value in changes.items():
        setattr(update, field, value)
    if is_correction:
        if not correction_note.strip():
            raise ValidationError({"correction_note": _("Say what was corrected: readers see it with the update.")})
        if not update.is_corrected:
            update.original_text = before_text
        update.corrected_at = timezone.now()
        update.correction_note = correction_note
    update.full_clean(exclude=["page", "posted_by"])
    with transaction.atomic():
        update.sequence = _purge_and_number(update.page)
        update.save()
    return update


def delete_update(*, update: LiveUpdate) -> None:
    """Take an update down: it leaves the page at once, and readers' open pages drop it at their next poll.

    The row stays, emptied of everything it said, as the marker the updates endpoint sends.
    """
    with transaction.atomic():
        update.sequence = _purge_and_number(update.page)
        for field in (*CONTENT_FIELDS, "correction_note", "original_text"):
            setattr(update, field, None if field == "photo" else "")
        update.is_pinned = False
        update.withdrawn_at = timezone.now()
        update.save()
