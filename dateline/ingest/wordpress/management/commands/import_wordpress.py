import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dateline.ingest.wordpress.services import ImportRefused, import_wordpress, parse_map
from dateline.ingest.wordpress.wxr import WXRError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export → All content) into the site: posts become articles, "
        "categories sections, authors people, attachments photos, comments comments, and old addresses "
        "redirect to the new ones. Safe to run again: what was imported is updated, not duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The WXR file WordPress wrote (.xml).")
        parser.add_argument(
            "--uploads", type=Path, help="A local copy of the site's wp-content/uploads folder, for the photos."
        )
        parser.add_argument(
            "--author-map",
            action="append",
            default=[],
            metavar="LOGIN=SLUG",
            help="Credit a WordPress login to an existing person (by slug). Repeat it, or name a file of such lines.",
        )
        parser.add_argument(
            "--section-map",
            action="append",
            default=[],
            metavar="CATEGORY=SLUG",
            help="Put posts of a WordPress category (by slug) into an existing section. Repeat it, or name a file.",
        )
        parser.add_argument(
            "--time-zone",
            default=settings.TIME_ZONE,
            help="The WordPress site's time zone (Settings → General), for dates it exports without one.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report what would happen; write nothing.")

    def handle(self, *args, export: Path, uploads, author_map, section_map, time_zone, dry_run, verbosity, **options):
        if not export.is_file():
            raise CommandError(f"There is no file at {export}.")
        if uploads is not None and not uploads.is_dir():
            raise CommandError(f"--uploads names {uploads}, which is not a folder.")
        progress = self.progress_bar() if verbosity > 0 else None
        try:
            report = import_wordpress(
                path=export,
                uploads=uploads,
                author_map=parse_map(author_map),
                section_map=parse_map(section_map),
                time_zone=time_zone,
                dry_run=dry_run,
                progress=progress,
            )
        except (WXRError, ImportRefused) as error:
            raise CommandError(str(error)) from error
        if progress:
            self.stderr.write("")
        for line in report.lines():
            self.stdout.write(line)

    def progress_bar(self):
        interactive = sys.stderr.isatty()
        state = {"shown": -1}

        def show(done: int, total: int) -> None:
            percent = done * 100 // total if total else 100
            if interactive:
                bar = "#" * (percent // 4)
                self.stderr.write(f"\r[{bar:<25}] {done}/{total} posts", ending="")
                self.stderr.flush()
            elif percent // 10 != state["shown"]:  # a log, not a terminal: a line per tenth
                state["shown"] = percent // 10
                self.stderr.write(f"{done}/{total} posts ({percent}%)")

        return show
