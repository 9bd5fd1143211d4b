"""The demo's wire desk: two agencies' drop folders, each with a story, taken into the Wire queue.

The copy is written for the demo after the IPTC's NINJS 2.1 and NewsML-G2 formats; the photo the
NINJS story carries is drawn like the demo's other pictures. A second run finds the same versions
and changes nothing.
"""

import shutil
from pathlib import Path

from dateline.ingest.models import Source, SourceKind
from dateline.ingest.services import ingest_source
from dateline.news.models import SectionPage

from . import pictures

SAMPLES = Path(__file__).parent / "wires"

DESKS = [
    {
        "name": "Example Wire Agency (NewsML-G2 folder)",
        "kind": SourceKind.NEWSML_FOLDER,
        "folder": "demo-newsml",
        "files": ["newsml-g2-brussels.xml"],
    },
    {
        "name": "Example Wire Agency (NINJS folder)",
        "kind": SourceKind.NINJS_FOLDER,
        "folder": "demo-ninjs",
        "files": ["ninjs-2-havana.json"],
    },
]


def ensure_wire_desk(section: SectionPage) -> int:
    """Deliver the sample copy into each demo source's drop folder and take it in; the stories made."""
    made = 0
    for desk in DESKS:
        source, _created = Source.objects.update_or_create(
            name=desk["name"],
            defaults={
                "kind": desk["kind"],
                "folder": desk["folder"],
                "agency": "Example Wire Agency",
                "outlet_code": "EXW",
                "section": section,
                "language": "en",
                "poll_minutes": 5,
            },
        )
        folder = source.folder_path()
        folder.mkdir(parents=True, exist_ok=True)
        for name in desk["files"]:
            shutil.copyfile(SAMPLES / name, folder / name)
        if desk["kind"] == SourceKind.NINJS_FOLDER:
            (folder / "havana-port.jpg").write_bytes(pictures.draw_scene("harbour-at-dusk", variant="wire"))
        made += ingest_source(source).new
    return made
