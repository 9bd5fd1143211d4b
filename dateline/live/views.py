"""The updates endpoint readers' pages poll: what changed on a live page since the change they have."""

from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from dateline.core.headers import tag_response

from . import queries
from .models import live_key

# Shared caches keep an answer until a change purges it (live-<id>); browsers always ask again.
SHARED_CACHE_SECONDS = 600


def _cached(response, page_id: int):
    patch_cache_control(response, public=True, max_age=0, s_maxage=SHARED_CACHE_SECONDS)
    # article-<id>: publishing or taking the page down purges it too.
    return tag_response(response, [live_key(page_id), f"article-{page_id}"])


@require_safe
def updates(request, page_id: int):
    """JSON: {"cursor": N, "updates": [{"id", "sequence", "pinned", "html"} or {"id", "sequence", "withdrawn"}],
    "more", "ongoing"}.

    ?since=N gives the updates posted or changed after change N, oldest change first; readers
    poll with the cursor of their last answer, so they all ask for the same few URLs.
    Only a public, live, non-embargoed page answers; anything else is a 404 (cached, and purged with it).
    """
    since = queries.parse_cursor(request.GET.get("since")) or 0
    page = queries.public_live_page(page_id)
    if page is None:
        response = JsonResponse({"error": "There is no live page here."}, status=404)
        return _cached(response, page_id)
    changed = queries.updates_since(page, since)
    with translation.override(page.locale.language_code):
        items = [
            {"id": update.pk, "sequence": update.sequence, "withdrawn": True}
            if update.withdrawn_at
            else {
                "id": update.pk,
                "sequence": update.sequence,
                "pinned": update.is_pinned,
                "html": render_to_string("live/includes/update.html", {"update": update, "page": page}, request),
            }
            for update in changed
        ]
    cursor = changed[-1].sequence if changed else since
    data = {
        "cursor": cursor,
        "updates": items,
        "more": len(changed) >= queries.SINCE_LIMIT,
        "ongoing": page.is_ongoing,
    }
    return _cached(JsonResponse(data), page_id)
