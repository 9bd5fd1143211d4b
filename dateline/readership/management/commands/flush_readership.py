from django.core.management.base import BaseCommand

from dateline.readership.counting import flush_counts


class Command(BaseCommand):
    help = (
        "Add the page views counted since the last run (in Redis, or in this process) to the daily "
        "readership figures, and refresh the front pages' most read. run_schedule runs it every minute."
    )

    def handle(self, *args, **options):
        result = flush_counts()
        self.stdout.write(
            f"{result.views} views and {result.referrers} referrer counts added; {result.dropped} views of "
            "pages no longer public dropped."
        )
