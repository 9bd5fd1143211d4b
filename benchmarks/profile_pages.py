"""Where a page's render time goes: CPU per request, SQL queries, and the template parts.

    set -a; . <(deploy/local-stack env); set +a
    .venv/bin/python benchmarks/profile_pages.py [--after-edit ARTICLE_PATH | --purge all] [--requests 20] \\
        [--breakdown] [--cprofile] [PATH ...]

Renders through Django's test client in this process with the app's page cache off, against the
database in DATABASE_URL, so figures are CPU time of the render itself (time.process_time), which
other load on the machine barely changes. Without purge options the process's memo is warm (site,
settings, navigation, ...); with --after-edit each request is the first reader's after an edit of that
article (render_cpu.py); with --purge all the memo is emptied before each request. --breakdown times
each {% include %} and inclusion tag; --cprofile prints the functions with the most own time.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.production")
os.environ["DATELINE_PAGE_CACHE_SECONDS"] = "0"

import django

django.setup()

from django.db import connection  # noqa: E402
from django.template import library, loader_tags  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from dateline.core.purge import record_purge  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_cpu import add_purge_options, purged_keys  # noqa: E402

DEFAULT_PATHS = ["/world/benchmark-article/", "/", "/world/", "/search/?q=minister+budget", "/feeds/rss.xml"]


def instrument_templates(totals: dict, counts: dict) -> None:
    def wrap(cls, name_of):
        original = cls.render

        def render(self, context):
            started = time.process_time()
            try:
                return original(self, context)
            finally:
                name = name_of(self)
                totals[name] += time.process_time() - started
                counts[name] += 1

        cls.render = render

    wrap(library.InclusionNode, lambda node: f"tag   {getattr(node.filename, 'name', node.filename)}")
    wrap(loader_tags.IncludeNode, lambda node: f"incl  {getattr(node.template, 'var', node.template)}")
    wrap(library.SimpleNode, lambda node: f"tag   {node.func.__name__}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--breakdown", action="store_true")
    parser.add_argument("--cprofile", action="store_true")
    add_purge_options(parser)
    args = parser.parse_args()

    totals: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    if args.breakdown:
        instrument_templates(totals, counts)
    client = Client(HTTP_HOST="127.0.0.1")
    purged = purged_keys(client, args)
    print(f"{'page':<32} {'status':>6} {'KB':>6} {'queries':>7} {'SQL ms':>7} {'CPU ms/req':>10} {'wall ms':>8}")
    for path in args.paths:
        for _ in range(3):
            response = client.get(path)
        if purged:
            record_purge(purged)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        query_count = len(queries.captured_queries)  # now: the next request clears the log
        sql_ms = sum(float(query["time"]) for query in queries.captured_queries) * 1000
        slowest = max(queries.captured_queries, key=lambda query: float(query["time"]), default=None)
        totals.clear()
        counts.clear()
        profiler = cProfile.Profile(time.process_time) if args.cprofile else None
        if profiler:
            profiler.enable()
        cpu_spent = wall_spent = 0.0
        for _ in range(args.requests):
            if purged:
                if profiler:
                    profiler.disable()
                record_purge(purged)  # not timed: the edit's cost is the editor's, not the reader's
                if profiler:
                    profiler.enable()
            started, wall_started = time.process_time(), time.perf_counter()
            client.get(path)
            cpu_spent += time.process_time() - started
            wall_spent += time.perf_counter() - wall_started
        cpu_ms, wall_ms = cpu_spent / args.requests * 1000, wall_spent / args.requests * 1000
        if profiler:
            profiler.disable()
        print(
            f"{path:<32} {response.status_code:>6} {len(response.content) // 1024:>6} {query_count:>7} "
            f"{sql_ms:>7.1f} {cpu_ms:>10.1f} {wall_ms:>8.1f}"
        )
        if args.breakdown and slowest:
            print(f"    slowest query {float(slowest['time']) * 1000:.1f} ms: {slowest['sql'][:150]}")
        if args.breakdown:
            for name, seconds in sorted(totals.items(), key=lambda item: -item[1])[:12]:
                print(f"    {seconds / args.requests * 1000:7.2f} ms  x{counts[name] // args.requests:<4} {name}")
        if profiler:
            pstats.Stats(profiler).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()
