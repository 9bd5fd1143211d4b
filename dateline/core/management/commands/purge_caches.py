"""Drop every page from the app cache and the frontend caches (Varnish, CDN), and each process's memo."""

from django.core.management.base import BaseCommand

from dateline.core.purge import purge_all_pages


class Command(BaseCommand):
    help = (
        "Purge every page from the app cache and Varnish or the CDN, with each process's memo: "
        "for changes made behind Dateline's back (SQL, a shell's queryset.update())."
    )

    def handle(self, *args, **options):
        purge_all_pages()
        self.stdout.write("Purged every page.")
