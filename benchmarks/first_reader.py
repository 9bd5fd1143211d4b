"""How long one reader waits for a page right after an edit, one request at a time (no load).

    set -a; . <(deploy/local-stack env); set +a
    .venv/bin/python benchmarks/first_reader.py [--base http://127.0.0.1:8301] [--requests 15] [PATH ...]

Against one app process of the local stack (no Varnish in between): before each timed request it
records what publishing an edit of the benchmark article purges (the keys its page carries and the
listings key), as `record_purge` does, so every cache and memo entry that such an edit invalidates
is cold (one untimed request first gives the process its compiled templates, as one that has run a
while has them). Then it asks ten times with nothing purged (memo warm). Prints the median and the slowest
wait of each page, in milliseconds, as the reader's browser would see them on loopback. Where
benchmarks/run measures CPU under load, this measures the wait of the one reader the edit affects.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.production")

import django

django.setup()

from dateline.core.purge import record_purge  # noqa: E402

ARTICLE = "/world/benchmark-article/"
DEFAULT_PATHS = [ARTICLE, "/", "/world/", "/search/?q=minister+budget", "/feeds/rss.xml"]


def get(base: str, path: str) -> tuple[float, str, bytes]:
    """Milliseconds until the whole response was read, its surrogate keys, its body."""
    started = time.perf_counter()
    with urllib.request.urlopen(base + path) as response:  # noqa: S310 - the stack's own loopback address
        body = response.read()
        return (time.perf_counter() - started) * 1000, response.headers.get("xkey", ""), body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8301", help="one app process, not Varnish")
    parser.add_argument("--requests", type=int, default=15)
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    if not args.base.startswith(("http://127.0.0.1", "http://localhost")):
        sys.exit("Point --base at the local stack's app process (loopback only).")
    _, xkey, article = get(args.base, ARTICLE)
    keys = sorted({*xkey.split(), "listings"} - {"all"})
    paths = list(args.paths or DEFAULT_PATHS)
    if not args.paths:  # the benchmark article's first tag, as benchmarks/run picks it
        paths[3:3] = re.findall(r'href="(/tags/[^"/]+/)"', article.decode())[:1]
    print("| page | first reader after an edit: median ms | slowest ms | memo warm: median ms |")
    print("|---|---:|---:|---:|")
    for path in paths:
        get(args.base, path)  # compiled templates and renditions, as a process that has run a while has them
        cold = []
        for _ in range(args.requests):
            record_purge(keys)  # not timed: the edit's cost is the editor's
            time.sleep(0.05)
            cold.append(get(args.base, path)[0])
        warm = [get(args.base, path)[0] for _ in range(10)]
        print(f"| {path} | {statistics.median(cold):.1f} | {max(cold):.1f} | {statistics.median(warm):.1f} |")


if __name__ == "__main__":
    main()
