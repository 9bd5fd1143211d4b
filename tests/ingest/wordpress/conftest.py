"""The real WordPress export (tests/data/wordpress) imported into the test site."""

from pathlib import Path

import pytest
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from dateline.accounts.roles import ensure_newsroom_groups
from dateline.ingest.wordpress.models import ImportedItem, ItemKind
from dateline.ingest.wordpress.services import import_wordpress
from dateline.news.models import ArticlePage

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "wordpress"
EXPORT = DATA / "export.xml"
UPLOADS = DATA / "uploads"
# The fixture's posts, by WordPress ID.
STRIKE, TERMINAL, MARKET, DRAFT, PENDING, SCHEDULED, PRIVATE, PASSWORD = 4, 6, 12, 15, 16, 17, 18, 19
VIDEOS = [
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "https://vimeo.com/76979871",
    "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
]


@pytest.fixture(autouse=True)
def _stored_embeds(db):
    """Embeds answer from the database, as Wagtail's cache of a provider's reply: no network in tests."""
    for url in VIDEOS:
        Embed.objects.get_or_create(
            hash=get_embed_hash(url),
            defaults={
                "url": url,
                "type": "video",
                "html": '<iframe src="https://player.example/video" title="Video"></iframe>',
                "provider_name": "Example",
            },
        )


@pytest.fixture
def run_import(home):
    ensure_newsroom_groups()

    def run(path=EXPORT, **options):
        options.setdefault("uploads", UPLOADS)
        options.setdefault("time_zone", "Europe/Brussels")
        return import_wordpress(path=path, **options)

    return run


@pytest.fixture
def imported(run_import):
    return run_import()


def article(wp_id: int) -> ArticlePage:
    record = ImportedItem.objects.get(kind=ItemKind.POST, wp_id=str(wp_id))
    return ArticlePage.objects.get(pk=record.object_id)
