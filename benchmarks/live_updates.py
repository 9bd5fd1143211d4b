"""How soon readers of a live page see each update, at 10 updates a minute with the page under load.

    export DATELINE_STACK_DIR=$(mktemp -d)      # or leave the default /tmp/dateline-stack
    deploy/local-stack up
    set -a; . <(deploy/local-stack env); set +a
    .venv/bin/python benchmarks/live_updates.py [--updates 20] [--per-minute 10] [--readers 6]
    deploy/local-stack down                     # or destroy

Through Varnish (--base, the stack's public address): wrk loads the live page (and, with
--endpoint-load, the updates endpoint) the whole time, while this script posts updates through
dateline.live.services.post_update, the call the admin's "Post update" makes, in this process with
the stack's settings: the purge reaches Varnish after the commit as it does from an app process.
Readers are threads doing what live.js does: ask `/live/<id>/updates/?since=<cursor>` every
POLL_SECONDS (3 s), their phases spread over the interval. For each update and reader it records the
seconds from the start of the post until that reader's answer held it; one more reader asks every
100 ms, which shows the system's own part (purge delivery and the first render after it). Prints a
table of the median, 95th percentile and slowest; the target is every update within 5 s.

What is warm: Varnish holds the page and the endpoint's current answer (every reader asks the same
URL) before each post; the post purges both, so the first ask after it is a miss the app renders,
and asks after that are hits again. The app processes have run a while (templates compiled).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.production")

import django

django.setup()

from django.utils import timezone  # noqa: E402

from dateline.live import queries, services  # noqa: E402
from dateline.live.models import POLL_SECONDS, LivePage  # noqa: E402
from dateline.news.models import SectionPage  # noqa: E402

SLUG = "benchmark-live"
TARGET_SECONDS = 5.0


def get_json(url: str) -> dict | None:
    assert url.startswith(("http://127.0.0.1:", "http://localhost:")), "loopback only"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - checked just above
            return json.loads(response.read())
    except (urllib.error.URLError, OSError, ValueError):
        return None


def ensure_page() -> LivePage:
    """The benchmark's live page, published under the first section, coverage open."""
    page = LivePage.objects.filter(slug=SLUG).first()
    if page is None:
        section = SectionPage.objects.live().order_by("path").first()
        if section is None:
            sys.exit("No section to put the live page in: load the demo first (deploy/local-stack up does).")
        page = LivePage(
            title="Benchmark: storm live",
            slug=SLUG,
            standfirst="A live page the benchmark posts updates to.",
            body=[("paragraph", "<p>Background of the benchmark story.</p>")],
            coverage_start=timezone.now(),
        )
        section.add_child(instance=page)
    page.coverage_end = None
    page.save_revision().publish()
    return LivePage.objects.get(pk=page.pk)


class Reader(threading.Thread):
    """Polls like live.js: the endpoint with the cursor of its last answer, every `interval` seconds."""

    def __init__(self, url: str, cursor: int, *, interval: float, offset: float):
        super().__init__(daemon=True)
        self.url, self.cursor, self.interval, self.offset = url, cursor, interval, offset
        self.seen: dict[int, float] = {}
        self.failures = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        self.stopping.wait(self.offset)
        while not self.stopping.is_set():
            asked = time.monotonic()
            data = get_json(f"{self.url}?since={self.cursor}")
            answered = time.monotonic()
            if data is None:
                self.failures += 1
            else:
                for update in data["updates"]:
                    self.seen.setdefault(update["id"], answered)
                self.cursor = data["cursor"]
            self.stopping.wait(max(0.0, self.interval - (answered - asked)))


def start_wrk(url: str, *, seconds: int, connections: int) -> subprocess.Popen:
    assert url.startswith(("http://127.0.0.1:", "http://localhost:")), "load only ever goes to loopback"
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", url]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wrk_summary(process: subprocess.Popen) -> str:
    output = process.communicate()[0]
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"50%\s+(\S+)", output)
    p99 = re.search(r"99%\s+(\S+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if not rate:
        return "wrk printed no figures: " + output.strip()[-200:]
    return (
        f"{float(rate.group(1)):.0f} req/s, latency p50 {p50.group(1) if p50 else '?'}, "
        f"p99 {p99.group(1) if p99 else '?'}, non-2xx {errors.group(1) if errors else 0}"
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def row(label: str, latencies: list[float], missed: int) -> str:
    if not latencies:
        return f"| {label} | - | - | - | {missed} never seen |"
    within = sum(1 for value in latencies if value <= TARGET_SECONDS)
    return (
        f"| {label} | {statistics.median(latencies):.2f} | {percentile(latencies, 0.95):.2f} | "
        f"{max(latencies):.2f} | {within}/{len(latencies) + missed} within {TARGET_SECONDS:.0f} s, "
        f"{missed} never seen |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:6081", help="the stack's Varnish")
    parser.add_argument("--updates", type=int, default=20)
    parser.add_argument("--per-minute", type=float, default=10)
    parser.add_argument("--readers", type=int, default=6, help="polling readers, phases spread over the interval")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections loading the page")
    parser.add_argument("--endpoint-load", action="store_true", help="a second wrk on the endpoint (?since=0)")
    parser.add_argument("--no-load", action="store_true", help="no wrk: the pollers alone")
    args = parser.parse_args()
    if not args.base.startswith(("http://127.0.0.1", "http://localhost")):
        sys.exit("Point --base at the local stack (loopback only).")

    page = ensure_page()
    page_url = args.base + page.url
    endpoint = args.base + services.endpoint_path(page.pk)
    cursor = queries.latest_sequence(page)
    for _ in range(3):  # Varnish and the app processes warm: the page and the endpoint's current answer
        urllib.request.urlopen(page_url, timeout=30).read()  # noqa: S310 - loopback, checked above
        get_json(f"{endpoint}?since={cursor}")

    gap = 60.0 / args.per_minute
    duration = int(args.updates * gap + 20)
    load = []
    if not args.no_load:
        load.append(("page", start_wrk(page_url, seconds=duration, connections=args.connections)))
        if args.endpoint_load:
            load.append(("endpoint", start_wrk(f"{endpoint}?since=0", seconds=duration, connections=4)))
    interval = float(POLL_SECONDS)
    readers = [
        Reader(endpoint, cursor, interval=interval, offset=interval * n / args.readers) for n in range(args.readers)
    ]
    eager = Reader(endpoint, cursor, interval=0.1, offset=0)
    for reader in [*readers, eager]:
        reader.start()
    load_before = os.getloadavg()[0]
    time.sleep(5)  # the load reaches its pace

    posted: dict[int, float] = {}
    post_seconds = []
    next_post = time.monotonic()
    for n in range(args.updates):
        time.sleep(max(0.0, next_post - time.monotonic()))
        started = time.monotonic()
        update = services.post_update(page=page, text=f"Benchmark update {n + 1}: the river is {n + 2} cm higher.")
        post_seconds.append(time.monotonic() - started)
        posted[update.pk] = started
        next_post = started + gap
    time.sleep(interval + TARGET_SECONDS)  # the last update's readers
    for reader in [*readers, eager]:
        reader.stopping.set()
    load_after = os.getloadavg()[0]
    summaries = [(name, wrk_summary(process)) for name, process in load]

    def latencies(reader_list):
        found, missed = [], 0
        for reader in reader_list:
            for update_id, started in posted.items():
                if update_id in reader.seen:
                    found.append(reader.seen[update_id] - started)
                else:
                    missed += 1
        return found, missed

    under = "no other load" if args.no_load else f"the page under wrk -c{args.connections} through Varnish"
    print(
        f"\nLive updates: {args.updates} updates at {args.per_minute:g} a minute, {under}; "
        f"load average {load_before:.1f} → {load_after:.1f} ({os.cpu_count()} cores)\n"
    )
    print("| reader (what was warm) | median s | p95 s | max s | target |")
    print("|---|---:|---:|---:|---|")
    print(
        row(
            f"{args.readers} readers polling every {interval:g} s as live.js does (Varnish warm before each post; "
            "the first ask after it renders)",
            *latencies(readers),
        )
    )
    print(row("1 reader asking every 0.1 s: the purge and first render alone", *latencies([eager])))
    print(
        f"| posting (the editor's wait: save, purge, delivery to Varnish) | {statistics.median(post_seconds):.2f} | "
        f"{percentile(post_seconds, 0.95):.2f} | {max(post_seconds):.2f} | |"
    )
    for name, summary in summaries:
        print(f"\nwrk on the {name}: {summary}")
    failures = sum(reader.failures for reader in [*readers, eager])
    if failures:
        print(f"\nreaders' failed asks: {failures}")


if __name__ == "__main__":
    main()
