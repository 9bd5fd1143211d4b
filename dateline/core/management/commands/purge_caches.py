"""Drop every page and fragment from the app cache and the frontend caches (Varnish, CDN)."""

from django.core.management.base import BaseCommand

from dateline.core.cache import purge_all_pages


class Command(BaseCommand):
    help = (
        "Purge every page from the app cache and Varnish or the CDN, with the kept fragments and each "
        "process's memo: for changes made behind Dateline's back (SQL, a shell's queryset.update())."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hard",
            action="store_true",
            help="Let no cache serve an old copy even while it fetches the new one (Varnish grace).",
        )

    def handle(self, *args, hard=False, **options):
        purge_all_pages(hard=hard)  # outside a transaction: the purge task is queued at once
        self.stdout.write("Purged every page" + (" (hard)." if hard else "."))
