"""CPU milliseconds and SQL queries per uncached render: article, front page, section page.

    DATELINE_DATA_DIR=/tmp/prof DJANGO_SETTINGS_MODULE=dateline.settings.dev DEBUG=false \\
        ALLOWED_HOSTS=testserver,localhost .venv/bin/python benchmarks/render_cpu.py [--requests 20] [PATH ...]

Renders through Django's test client in this process with the app's page cache off, so the figure is
the CPU time of one render (time.process_time). With --cold, each render is the first reader's after
an edit: the process's memo is emptied before each request, as a purge anywhere empties it.
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


def measure(client: Client, path: str, requests: int, batches: int, *, cold: bool) -> tuple[float, int, int]:
    from dateline.core.memo import memo

    for _ in range(3):  # warm the template and rendition caches, as a running process has them
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}")
    best = float("inf")
    for _ in range(batches):
        start = time.process_time()
        for _ in range(requests):
            if cold:
                memo.clear()
            client.get(path)
        best = min(best, (time.process_time() - start) / requests * 1000)
    if cold:
        memo.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return best, len(captured.captured_queries), len(response.content)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--batches", type=int, default=4)
    parser.add_argument("--cold", action="store_true", help="empty the memo before each render (a purge's effect)")
    args = parser.parse_args()
    client = Client()
    print(f"| {'page':<45} | {'CPU ms/render':>13} | {'SQL queries':>11} | {'bytes':>7} |")
    print(f"|{'-' * 47}|{'-' * 14}:|{'-' * 12}:|{'-' * 8}:|")
    for path in args.paths:
        ms, queries, size = measure(client, path, args.requests, args.batches, cold=args.cold)
        print(f"| {path:<45} | {ms:>13.1f} | {queries:>11} | {size:>7} |")


if __name__ == "__main__":
    main()
