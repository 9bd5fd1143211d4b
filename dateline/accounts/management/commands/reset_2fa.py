from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dateline.accounts.audit import record_sign_in_event
from dateline.accounts.models import SignInEvent
from dateline.accounts.two_factor import reset_second_factor


class Command(BaseCommand):
    help = (
        "Remove a staff member's authenticator app and recovery codes (lost phone, no codes left) and sign "
        "them out everywhere. At their next sign-in they set up a new app. To lift a sign-in lock-out on a "
        "username, run `dateline axes_reset_username USERNAME` instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account has the username {username!r}.")
        removed = reset_second_factor(user)
        record_sign_in_event(kind=SignInEvent.Kind.SECOND_FACTOR_RESET, user=user)
        self.stdout.write(
            self.style.SUCCESS(
                f"Second factor of {username} reset ({removed} device(s) removed); every session of theirs has "
                "ended. They set up a new authenticator app at their next sign-in."
            )
        )
