"""CPU milliseconds and SQL queries per uncached render: article, front page, section page.

    DATELINE_DATA_DIR=/tmp/prof DJANGO_SETTINGS_MODULE=dateline.settings.dev DEBUG=false \\
        ALLOWED_HOSTS=testserver,localhost .venv/bin/python benchmarks/render_cpu.py [--requests 20] \\
        [--after-edit ARTICLE_PATH | --purge all] [PATH ...]

Renders through Django's test client in this process with the app's page cache off, so the figure is
the CPU time of one render (time.process_time). With --after-edit, each render is the first reader's
after an edit of that article: what publishing it purges (its keys and the listings key) is recorded
before each request (untimed), so every memo entry made of them is recomputed. With --purge all, the
memo starts empty each time, as after a settings, section or navigation change.
Each page is rendered in --batches batches and the
fastest batch is reported: other processes on a shared machine only ever make a batch slower.
Without paths it renders the demo's article with 55 comments, the front page and the Sport section.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.dev")
os.environ["DATELINE_PAGE_CACHE_SECONDS"] = "0"

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

DEFAULT_PATHS = ["/sport/nairobi-marathon-course-record/", "/", "/sport/"]


def edit_keys(client: Client, article_path: str) -> list[str]:
    """What publishing an edit of this article purges: the keys its page carries and the listings key."""
    response = client.get(article_path)
    return sorted({*response.headers.get("xkey", "").split(), "listings"} - {"all"})


def measure(
    client: Client, path: str, requests: int, batches: int, *, purged: list[str] | None
) -> tuple[float, int, int]:
    from dateline.core.purge import record_purge

    for _ in range(3):  # warm the template and rendition caches, as a running process has them
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}")
    best = float("inf")
    for _ in range(batches):
        spent = 0.0
        for _ in range(requests):
            if purged:
                record_purge(purged)  # not timed: the edit's cost is the editor's, not the reader's
            start = time.process_time()
            client.get(path)
            spent += time.process_time() - start
        best = min(best, spent / requests * 1000)
    if purged:
        record_purge(purged)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return best, len(captured.captured_queries), len(response.content)


def add_purge_options(parser: argparse.ArgumentParser) -> None:
    """--after-edit ARTICLE_PATH and --purge KEYS: what to purge before each request (a cold render)."""
    cold = parser.add_mutually_exclusive_group()
    cold.add_argument(
        "--after-edit",
        metavar="ARTICLE_PATH",
        help="before each render, purge what publishing an edit of this article purges (the first reader after it)",
    )
    cold.add_argument("--purge", help="before each render, purge these comma-separated keys ('all': the memo empties)")


def purged_keys(client: Client, args: argparse.Namespace) -> list[str] | None:
    """The keys the purge options name, or None (memo warm)."""
    if args.after_edit:
        return edit_keys(client, args.after_edit)
    if args.purge:
        return [key for key in args.purge.split(",") if key]
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--batches", type=int, default=4)
    add_purge_options(parser)
    args = parser.parse_args()
    client = Client()
    purged = purged_keys(client, args)
    print(f"| {'page':<45} | {'CPU ms/render':>13} | {'SQL queries':>11} | {'bytes':>7} |")
    print(f"|{'-' * 47}|{'-' * 14}:|{'-' * 12}:|{'-' * 8}:|")
    for path in args.paths:
        ms, queries, size = measure(client, path, args.requests, args.batches, purged=purged)
        print(f"| {path:<45} | {ms:>13.1f} | {queries:>11} | {size:>7} |")


if __name__ == "__main__":
    main()
