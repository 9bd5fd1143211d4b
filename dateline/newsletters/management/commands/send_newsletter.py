from django.core.management.base import BaseCommand, CommandError

from ...models import Issue
from ...sending import send_issue


class Command(BaseCommand):
    help = (
        "Send what is left of one newsletter issue in the foreground (as the background task does): "
        "safe to run again after a crash; a message that was in flight when a worker died is recorded "
        "as unknown and never sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("issue", type=int, help="The issue's id (in its admin URL).")
        parser.add_argument("--batch-size", type=int, default=None, help="Messages per SMTP connection.")

    def handle(self, issue, batch_size=None, **options):
        if not Issue.objects.filter(pk=issue).exists():
            raise CommandError(f"No newsletter issue {issue}.")
        result = send_issue(issue, batch_size=batch_size)
        if result is None:
            raise CommandError("Another worker is sending this issue.")
        self.stdout.write(", ".join(f"{status} {n}" for status, n in result.counts.items() if n) or "nothing to send")
