"""The `dateline` command: Django's management commands with production settings by default."""

import os
import sys

# Commands that only describe the tool; they work before the site is configured.
_SELF_DESCRIBING = {"help", "--help", "-h", "version", "--version"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.production")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    if len(argv) > 1 and argv[1] not in _SELF_DESCRIBING:
        try:
            settings.INSTALLED_APPS  # noqa: B018 (loading the settings is the point)
        except ImproperlyConfigured as error:
            # A missing environment variable is the operator's to set: one line, no traceback.
            sys.exit(f"dateline: {error}")
    execute_from_command_line(argv)
