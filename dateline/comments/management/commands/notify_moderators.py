"""Tell moderators of comments that arrived while notices were held back (a minute job)."""

from django.core.management.base import BaseCommand

from ...tasks import tell_moderators_of_new_comments


class Command(BaseCommand):
    help = (
        "E-mail moderators about pending comments no notice has told them of yet, unless one was sent "
        "less than DATELINE_COMMENTS_NOTICE_SECONDS ago. run_schedule runs it every minute."
    )

    def handle(self, *args, **options):
        told = tell_moderators_of_new_comments()
        self.stdout.write(f"{told} moderators told." if told else "Nothing new to tell.")
