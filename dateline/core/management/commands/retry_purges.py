"""Deliver the purges Varnish or the CDN did not take when they were made."""

from django.core.management.base import BaseCommand, CommandError

from dateline.core.purge import deliver_pending


class Command(BaseCommand):
    help = (
        "Send Varnish or the CDN every purge still owed to them (one that failed, or was queued when "
        "the process stopped). Runs every minute with the schedule; exits 1 while some still fail."
    )

    def handle(self, *args, **options):
        delivered, failed = deliver_pending()
        if failed:
            raise CommandError(f"Delivered {delivered} purges; {failed} still owed (see the log for why).")
        self.stdout.write(f"Delivered {delivered} purges.")
