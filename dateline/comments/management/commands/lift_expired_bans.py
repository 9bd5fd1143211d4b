"""Lift bans whose time is up, putting back what they hid (a minute job)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from ...models import Ban
from ...services import lift_bans


class Command(BaseCommand):
    help = (
        "Delete the bans whose expiry has passed and put back the comments they hid, as lifting a ban "
        "by hand does. run_schedule runs it every minute."
    )

    def handle(self, *args, **options):
        expired = Ban.objects.filter(expires_at__lte=timezone.now())
        count = expired.count()
        restored = lift_bans(expired) if count else 0
        self.stdout.write(f"Lifted {count} expired bans; {restored} comments put back.")
