"""The `dateline` command: Django's management commands with production settings by default."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.production")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
