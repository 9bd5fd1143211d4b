"""`dateline backup`: one archive of the database and the media, optionally proven by restoring it."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dateline.core.backup import BackupError, verify_backup, write_backup


class Command(BaseCommand):
    help = (
        "Write one archive (a tar) of the database (pg_dump or SQLite's backup API), the uploaded media and a "
        "manifest with every table's row count and every file's SHA-256. With --verify, restore it into a "
        "scratch database and folder and compare them with the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="A folder (the archive is named dateline-<UTC time>.tar) or a path ending in .tar "
            "(default: DATELINE_DATA_DIR/backups).",
        )
        parser.add_argument(
            "--verify",
            action="store_true",
            help="Then restore the archive into a scratch database and folder, compare, and drop them.",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Leave the media out (when they are in an object store with its own backups).",
        )

    def handle(self, *args, output=None, verify=False, no_media=False, **options):
        output = output or Path(settings.DATA_DIR) / "backups"
        try:
            result = write_backup(output=output, include_media=not no_media)
            self.stdout.write(
                f"Wrote {result.path} ({_size(result.size)}): {result.rows} rows in {result.tables} tables, "
                f"{result.media_files} media files, in {result.seconds:.1f} s."
            )
            if verify:
                try:
                    checked = verify_backup(archive=result.path)
                except BackupError as error:
                    raise BackupError(f"{result.path} was written but does not restore: {error}") from error
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Verified by restoring it into a scratch database and folder: {checked.rows} rows in "
                        f"{checked.tables} tables and {checked.media_files} media files match the manifest "
                        f"({checked.seconds:.1f} s)."
                    )
                )
        except BackupError as error:
            raise CommandError(str(error)) from error


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"
