from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ...models import Comment, ConfirmedEmail


class Command(BaseCommand):
    help = (
        "Remove e-mail addresses and network address hashes from comments older than the retention "
        "period (DATELINE_COMMENTS_RETENTION_DAYS), and e-mail confirmations no comment needs any "
        "more; names and text stay. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Override the retention period, in days.")

    def handle(self, days=None, **options):
        days = settings.DATELINE_COMMENTS_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timezone.timedelta(days=days)
        old = Comment.objects.filter(created_at__lt=cutoff).exclude(email="", email_hash="", address_hash="")
        count = old.update(email="", email_hash="", address_hash="")
        # A confirmation outlives nothing it vouched for: gone with the last comment under its e-mail.
        ConfirmedEmail.objects.exclude(
            email_hash__in=Comment.objects.exclude(email_hash="").values("email_hash")
        ).delete()
        self.stdout.write(f"Removed personal data from {count} comments older than {days} days.")
