"""The newsletters' minute job."""

from django.core.management.base import BaseCommand

from ...digests import build_due_digests
from ...sending import resume_stalled_issues
from ...services import delete_expired_sign_ups


class Command(BaseCommand):
    help = (
        "Build and send the digests whose time has come, resume issues whose worker stopped, and delete "
        "sign-ups never confirmed before their link expired. One of run_schedule's minute jobs."
    )

    def handle(self, **options):
        digests = build_due_digests()
        resumed = resume_stalled_issues()
        expired = delete_expired_sign_ups()
        self.stdout.write(
            f"{len(digests)} digests queued, {resumed} issues resumed, {expired} expired sign-ups deleted."
        )
