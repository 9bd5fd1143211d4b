"""Poll the wire sources (a minute job, and a command for a person)."""

from django.core.management.base import BaseCommand, CommandError

from ...models import Source, SourceStatus
from ...services import ingest_all_due, ingest_source


class Command(BaseCommand):
    help = (
        "Take agency copy in: poll every enabled wire source whose interval has passed (run_schedule runs "
        "this every minute), or with --source NAME that one source now, or with --all every enabled source now. "
        "New stories become drafts in the Wire queue. A source that fails is shown with its status in the admin; "
        "with --source or --all the command then also exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", metavar="NAME", help="Poll this source now, even if disabled or not due.")
        parser.add_argument("--all", action="store_true", help="Poll every enabled source now.")

    def handle(self, *args, source=None, all=False, **options):
        if source:
            found = Source.objects.filter(name=source).first()
            if found is None:
                names = ", ".join(Source.objects.values_list("name", flat=True)) or "none configured"
                raise CommandError(f"No wire source is named {source!r} (sources: {names}).")
            reports = [ingest_source(found)]
        elif all:
            reports = [ingest_source(s) for s in Source.objects.filter(enabled=True)]
        else:
            reports = ingest_all_due()
        for report in reports:
            self.stdout.write(str(report))
        if not reports:
            self.stdout.write("No source is due.")
        failed = [r.source.name for r in reports if r.status not in (SourceStatus.OK, SourceStatus.SKIPPED_ITEMS)]
        if failed and (source or all):
            raise CommandError(f"Could not read: {', '.join(failed)}.")
