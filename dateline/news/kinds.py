"""The list of kinds of work, read once per process until an administrator changes it.

Every teaser and every article shows its kind; reading the short list from the memo (core.memo)
costs no query per page. Saving or deleting a kind purges every page ("all"), which empties the memo.
"""

from __future__ import annotations

from dateline.core.memo import memo
from dateline.core.purge import current_request

from .models.kinds import ArticleKind


def all_kinds() -> dict[int, ArticleKind]:
    """Every kind of work by id."""
    return memo.get(
        current_request.get(),
        ("article-kinds",),
        lambda: {kind.pk: kind for kind in ArticleKind.objects.all()},
        keys=(),  # only a purge of every page ("all") drops it
    )


def kind_by_id(kind_id: int | None) -> ArticleKind | None:
    if kind_id is None:
        return None
    return all_kinds().get(kind_id)
