"""The demo's live page: a storm covered as it happens, with a summary, a dozen updates and a correction.

The story is data (live.json), posted through the live room's own services as an editor would. A
second run finds the page by its slug and changes nothing.
"""

import json
from datetime import datetime, timedelta
from pathlib import Path

from wagtail.models import Page, Revision

from dateline.live import services
from dateline.live.models import LivePage, LiveUpdate
from dateline.news.models import ArticleAuthor, Person, SectionPage
from dateline.photos.models import Photo

STORY = Path(__file__).with_name("live.json")


def ensure_live_coverage(section: SectionPage, photo: Photo, people: dict[str, Person], now: datetime) -> int:
    """Publish the demo's live page under `section` with its updates; 1 when it was made, else 0.

    `people` are the demo's people by slug, for the byline."""
    story = json.loads(STORY.read_text(encoding="utf-8"))
    if LivePage.objects.child_of(section).filter(slug=story["slug"]).exists():
        return 0
    started = now - timedelta(hours=story["hours_ago"])
    page = LivePage(
        title=story["headline"],
        slug=story["slug"],
        standfirst=story["standfirst"],
        dateline_place=story["place"],
        lead_photo=photo,
        body=[("paragraph", f"<p>{paragraph}</p>") for paragraph in story["background"]],
        coverage_start=started,
        edited_by=people.get(story["editor"]),
        live=False,
    )
    page.article_authors = [ArticleAuthor(person=people[slug]) for slug in story["authors"] if slug in people]
    page.tags.add(*story["tags"])
    SectionPage.objects.get(pk=section.pk).add_child(instance=page)
    revision = page.save_revision()
    revision.publish()
    Page.objects.filter(pk=page.pk).update(first_published_at=started, last_published_at=started)
    Revision.objects.filter(pk=revision.pk).update(created_at=started)

    for entry in story["updates"]:
        update = services.post_update(
            page=page,
            headline=entry.get("headline", ""),
            text=entry.get("text", ""),
            photo=photo if entry.get("photo") else None,
            quote=entry.get("quote", ""),
            quote_attribution=entry.get("quote_attribution", ""),
        )
        posted_at = now - timedelta(minutes=entry["minutes_ago"])
        LiveUpdate.objects.filter(pk=update.pk).update(posted_at=posted_at)
        if "correction" in entry:
            update.refresh_from_db()
            services.change_update(
                update=update, text=entry["correction"]["text"], correction_note=entry["correction"]["note"]
            )
            LiveUpdate.objects.filter(pk=update.pk).update(corrected_at=posted_at + timedelta(minutes=20))
    services.post_update(page=page, headline="Summary", text=story["summary"], is_pinned=True)
    return 1
