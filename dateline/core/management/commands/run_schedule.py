"""The minute jobs (scheduled publishing, owed purges): a loop beside `make run`, one pass per timer tick."""

import io
import logging
import signal
import threading
import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

logger = logging.getLogger(__name__)

# In order: Wagtail's go-live and expiry times first, so the purges they queue can be retried at once;
# then the moderators' notice of comments that arrived while notices were held back, and bans whose
# time is up lifted (what they hid put back); agency copy polled from the wire sources that are due;
# newsletter digests whose time has come (after publishing, so they carry the stories just out).
# Then the page views counted in the last minute are added to the readership figures.
MINUTE_JOBS = (
    "publish_scheduled",
    "retry_purges",
    "notify_moderators",
    "lift_expired_bans",
    "ingest",
    "send_newsletters",
    "flush_readership",
)


def seconds_until_next_minute() -> float:
    return 60 - time.time() % 60


class Command(BaseCommand):
    help = (
        "At the start of every minute, run Wagtail's publish_scheduled, then retry_purges, "
        "notify_moderators, lift_expired_bans, ingest, send_newsletters and flush_readership where they are "
        "installed; a job that fails is logged and the others still run. Stops on SIGTERM or Ctrl-C. "
        "`make run` starts it beside the development server; in production the dateline-scheduled timer runs "
        "it with --once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run the jobs once, now, and exit (status 1 when one failed), as a timer or cron job would.",
        )

    def handle(self, *args, once=False, **options):
        if once:
            if not self.run_jobs():
                raise CommandError("A minute job failed (see the log).")
            return
        stop = threading.Event()
        previous = {signum: signal.signal(signum, lambda *_: stop.set()) for signum in (signal.SIGTERM, signal.SIGINT)}
        try:
            while not stop.wait(seconds_until_next_minute()):
                close_old_connections()  # one the database dropped in the minute it sat idle
                self.run_jobs()
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def run_jobs(self) -> bool:
        """Run every installed minute job, each even when one before it failed; return whether all succeeded."""
        installed = get_commands()
        succeeded = True
        for name in MINUTE_JOBS:
            if name not in installed:
                continue
            output = io.StringIO()
            try:
                call_command(name, stdout=output, stderr=output)
            except Exception:
                succeeded = False
                logger.exception("The minute job %s failed.", name)
            if text := output.getvalue().strip():
                logger.debug("%s: %s", name, text)
        return succeeded
