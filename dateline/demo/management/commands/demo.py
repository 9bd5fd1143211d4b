import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dateline.demo.build import ADMIN_USERNAME, DEMO_PASSWORD, DEMO_USERS, build_demo, point_default_site_at
from dateline.demo.comments import add_demo_comments
from dateline.news.models import ArticlePage

LOCAL_HOSTNAME = "127.0.0.1"  # where `make run` serves


class Command(BaseCommand):
    help = (
        "Load the demo newsroom: sections, people, photos drawn on the spot and about forty stories in "
        "English and Spanish, plus the demo accounts (admin, reporter, editor; password dateline-demo). "
        "Safe to run again: it only adds what is missing and resets the demo passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the site already has articles (used by `make run` on every start).",
        )
        parser.add_argument(
            "--articles",
            type=int,
            default=None,
            metavar="N",
            help="Build only the N newest English stories (and their Spanish versions), for a quicker demo.",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=None,
            help="Port of the local server (`make run` passes its PORT): the default site's address becomes "
            "127.0.0.1:PORT, also with --if-empty, so its links point at that server; the addresses printed "
            "at the end use it too (default: leave the site alone and print DATELINE_BASE_URL).",
        )

    def handle(self, *args, if_empty=False, articles=None, port=None, **options):
        if articles is not None and articles < 0:
            raise CommandError("--articles must be zero or more.")
        if port is not None and point_default_site_at(hostname=LOCAL_HOSTNAME, port=port):
            self.stdout.write(f"The default site's address is now {LOCAL_HOSTNAME}:{port}.")
        if if_empty and ArticlePage.objects.exists():
            self.stdout.write("The site already has articles; the demo was not loaded (run `make demo` to add it).")
            return
        started = time.monotonic()
        # Wagtail and our cache purges log a line per page created, edited and published: hundreds here.
        loggers = [logging.getLogger(name) for name in ("wagtail", "dateline")]
        levels = [logger.level for logger in loggers]
        if options["verbosity"] < 2:
            for logger in loggers:
                logger.setLevel(logging.WARNING)
        try:
            created = build_demo(article_limit=articles)
            # Readers' voices under the stories they were written for (demo/comments.json).
            add_demo_comments()
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)
        elapsed = time.monotonic() - started
        if created:
            summary = ", ".join(f"{count} {kind}" for kind, count in created.items() if count)
            self.stdout.write(self.style.SUCCESS(f"Demo loaded in {elapsed:.1f} s: created {summary}."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Demo already complete; nothing new to create ({elapsed:.1f} s)."))
        base_url = f"http://{LOCAL_HOSTNAME}:{port}" if port else settings.DATELINE_BASE_URL
        others = " and ".join(username for username, *_rest in DEMO_USERS)
        self.stdout.write(f"Site:  {base_url}/")
        self.stdout.write(f"Admin: {base_url}/admin/")
        self.stdout.write(f"Login: {ADMIN_USERNAME} / {DEMO_PASSWORD}  (also {others}, same password)")
        if settings.DATELINE_STAFF_2FA:
            self.stdout.write(
                "Two-factor: admin and editor set up an authenticator app (any TOTP app) at their first "
                "sign-in and then type its code each time; reporter needs only the password. "
                "DATELINE_STAFF_2FA=false make run skips it; `manage.py reset_2fa USERNAME` starts over."
            )
