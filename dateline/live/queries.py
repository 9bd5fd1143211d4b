"""Read paths of live coverage shared by the live page and its updates endpoint."""

from __future__ import annotations

from django.db.models import Max
from django.http import Http404

from dateline.news.queries import shown_publicly

from .models import LivePage, LiveUpdate

PINNED_LIMIT = 3
# One answer of the endpoint carries at most this many changes; past it the reader is told to reload.
SINCE_LIMIT = 50
MAX_CURSOR = 2**62


def parse_cursor(value: str | None) -> int | None:
    """A cursor from the query string (?older=, ?since=); nonsense is a 404, as a bad page number is."""
    if value in (None, ""):
        return None
    if not value.isdigit() or int(value) > MAX_CURSOR:
        raise Http404
    return int(value)


def public_live_page(page_id: int) -> LivePage | None:
    """The live page readers may see: published, without a view restriction, past any embargo."""
    if not 0 < page_id < 2**31:  # an id no page can have (and past what the database's integer holds)
        return None
    return shown_publicly(LivePage.objects).filter(pk=page_id).first()


def _updates(page: LivePage):
    return LiveUpdate.objects.shown().filter(page=page).select_related("photo")


def updates_page(page: LivePage, *, older_than: int | None, limit: int) -> tuple[list[LiveUpdate], int | None]:
    """Unpinned updates newest first, below `older_than` (an update id), and the cursor of the next
    older page or None. One query: one row past the page tells whether there is more."""
    updates = _updates(page).filter(is_pinned=False).order_by("-pk")
    if older_than is not None:
        updates = updates.filter(pk__lt=older_than)
    rows = list(updates[: limit + 1])
    older = rows[limit - 1].pk if len(rows) > limit else None
    return rows[:limit], older


def pinned_updates(page: LivePage) -> list[LiveUpdate]:
    return list(_updates(page).filter(is_pinned=True).order_by("-pk")[:PINNED_LIMIT])


def latest_sequence(page: LivePage) -> int:
    """The change number a reader's page is current to."""
    return LiveUpdate.objects.filter(page=page).aggregate(latest=Max("sequence"))["latest"] or 0


def updates_since(page: LivePage, since: int, *, limit: int = SINCE_LIMIT) -> list[LiveUpdate]:
    """Updates posted, changed or deleted after change number `since`, oldest change first."""
    changed = LiveUpdate.objects.filter(page=page, sequence__gt=since).select_related("photo")
    return list(changed.order_by("sequence")[:limit])
