"""`dateline restore ARCHIVE`: a backup into an empty database and media folder, or a scratch one."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dateline.core.backup import BackupError, restore_backup, verify_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `dateline backup` into this site's database and MEDIA_ROOT, which must "
        "both be empty: every file is checked against the manifest first, and nothing is ever overwritten. "
        "Then the caches are purged. With --verify, restore into a scratch database and folder instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="The .tar written by `dateline backup`.")
        parser.add_argument(
            "--verify",
            action="store_true",
            help="Restore into a scratch database and folder, compare with the manifest, drop them; "
            "the site is not touched.",
        )
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Restore the database only (media kept in an object store).",
        )
        parser.add_argument(
            "--skip-signature-check",
            action="store_true",
            help="Accept a manifest not signed with this site's SECRET_KEY (only when the key was lost or "
            "changed since the backup). The checksums are still checked.",
        )

    def handle(self, *args, archive, verify=False, no_media=False, skip_signature_check=False, **options):
        check_signature = not skip_signature_check
        try:
            if verify:
                result = verify_backup(archive=archive, check_signature=check_signature)
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{archive.name} restores: {result.rows} rows in {result.tables} tables and "
                        f"{result.media_files} media files match its manifest ({result.seconds:.1f} s)."
                    )
                )
                return
            result = restore_backup(archive=archive, check_signature=check_signature, media=not no_media)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {archive.name}: {result.rows} rows in {result.tables} tables and {result.media_files} "
                f"media files, checked against its manifest; caches purged ({result.seconds:.1f} s)."
            )
        )
        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))
