"""A newsletter issue to many subscribers through a real SMTP server, with the sender killed mid-send.

    nice .venv/bin/python benchmarks/newsletter_send.py [--subscribers 100000] [--kill-at 0.4] [--no-kill]

Starts an SMTP sink (aiosmtpd, in its own process, on 127.0.0.1) that appends each accepted
message's recipient to a file before answering 250; migrates a throwaway SQLite database in a
temporary DATELINE_DATA_DIR (or uses DATABASE_URL when set), with production settings; adds one
list of N confirmed subscribers (example.org addresses) and one issue of five stories, and queues
it (the delivery rows: timed). Then runs `manage.py send_newsletter` as its own process with
EMAIL_URL pointing at the sink, SIGKILLs it once the sink has taken `--kill-at` of the messages,
and starts it again; the second run takes the issue over at once (the holder's process is gone).

Prints: throughput (messages per second of sending, both runs, not the gap between them), the peak
resident memory of each sender run (from wait4), the load average before and after (the machine
may be shared: say so beside the figures), and the check: every address received exactly one
e-mail, except the one whose message was in flight at the kill, recorded `unknown`, which received
at most one. Exits 1 if any address received two, or any address without an `unknown` row none.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's dateline, as manage.py imports it
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def run_sink(port: int, log: str) -> None:
    """The SMTP sink (runs in a child process): accepts everything, records one line per recipient."""
    from aiosmtpd.controller import Controller

    out = open(log, "a", buffering=1)  # open for the process's life

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            now = time.time()
            out.write("".join(f"{now:.4f} {rcpt}\n" for rcpt in envelope.rcpt_tos))
            out.flush()
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        asyncio.run(asyncio.Event().wait())
    finally:
        controller.stop()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lines(path: Path) -> int:
    try:
        with path.open("rb") as f:
            return sum(1 for _ in f)
    except FileNotFoundError:
        return 0


def seed(subscribers: int) -> tuple[int, float]:
    """One list, N confirmed subscribers, an issue of five live stories; queue it. Returns (issue id, queue seconds)."""
    from django.test.utils import override_settings
    from django.utils import timezone

    from dateline.home.models import HomePage
    from dateline.news.models import ArticlePage, SectionPage
    from dateline.newsletters.models import Issue, IssueStory, Newsletter, Subscription
    from dateline.newsletters.sending import start_sending
    from dateline.newsletters.tokens import hash_email

    home = HomePage.objects.first()
    section = home.add_child(instance=SectionPage(title="World", slug=f"world-{secrets.token_hex(3)}"))
    now = timezone.now()
    stories = []
    for n in range(5):
        article = ArticlePage(
            title=f"Ministers agree on plan {n}",
            slug=f"plan-{n}",
            standfirst="Ministers from twelve countries reached a deal after talks ran through the night.",
            dateline_place="Brussels",
            first_published_at=now,
            last_published_at=now,
        )
        stories.append(section.add_child(instance=article))
    newsletter = Newsletter.objects.create(name="Benchmark daily", slug=f"bench-{secrets.token_hex(3)}")
    for start in range(0, subscribers, 10_000):
        Subscription.objects.bulk_create(
            [
                Subscription(
                    newsletter=newsletter,
                    email=f"reader{n}@example.org",
                    email_hash=hash_email(f"reader{n}@example.org"),
                    confirmed_at=now,
                )
                for n in range(start, min(start + 10_000, subscribers))
            ]
        )
    issue = Issue.objects.create(newsletter=newsletter, subject="Benchmark issue", intro="Good morning.")
    IssueStory.objects.bulk_create([IssueStory(issue=issue, article=a, sort_order=i) for i, a in enumerate(stories)])
    started = time.perf_counter()
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        start_sending(issue)  # the delivery rows; the background send is this script's own process
    return issue.pk, time.perf_counter() - started


def runs_spans(stamps: list[float], runs: list) -> list[tuple[float, float]]:
    """(first, last) message time of each run, from the sink's clock and the runs' wall-clock windows."""
    spans = []
    for _seconds, _rss, _killed, began, ended in runs:
        inside = [t for t in stamps if began <= t <= ended + 1]
        if inside:
            spans.append((inside[0], inside[-1]))
    return spans


def run_sender(issue_id: int, env: dict, *, kill_when=None) -> tuple[float, int, bool, float, float]:
    """Run send_newsletter; SIGKILL it when kill_when() says so.
    Returns (seconds, peak RSS KiB, killed, wall-clock start, wall-clock end)."""
    began = time.time()
    started = time.perf_counter()
    process = subprocess.Popen([*MANAGE, "send_newsletter", str(issue_id)], env=env, stdout=subprocess.DEVNULL)
    killed = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if kill_when is not None and not killed and kill_when():
            os.kill(process.pid, signal.SIGKILL)
            killed = True
        time.sleep(0.05)
    process.returncode = os.waitstatus_to_exitcode(status)
    if not killed and process.returncode != 0:
        raise SystemExit(f"send_newsletter failed with status {process.returncode}")
    return time.perf_counter() - started, usage.ru_maxrss, killed, began, time.time()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--kill-at", type=float, default=0.4, help="Kill the sender once this share was delivered.")
    parser.add_argument("--no-kill", action="store_true")
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder.")
    parser.add_argument("--sink", nargs=2, metavar=("PORT", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sink:
        run_sink(int(args.sink[0]), args.sink[1])
        return 0

    folder = Path(tempfile.mkdtemp(prefix="dateline-newsletter-bench-"))
    received = folder / "received.txt"
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATELINE_DATA_DIR": str(folder / "data"),
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "DATELINE_BASE_URL": "https://news.example",
        "DATELINE_TASKS_BACKEND": "immediate",
    }
    if args.batch_size:
        env["DATELINE_NEWSLETTER_BATCH_SIZE"] = str(args.batch_size)
    os.environ.update(env)
    load_before = os.getloadavg()
    sink = subprocess.Popen([sys.executable, __file__, "--sink", str(port), str(received)])
    try:
        print(f"Migrating a throwaway database in {folder} …", flush=True)
        subprocess.run([*MANAGE, "migrate", "--verbosity", "0"], env=env, check=True)
        import django

        django.setup()
        from django.db import connection

        issue_id, queue_seconds = seed(args.subscribers)
        connection.close()
        total = args.subscribers
        # Mid-batch (batches are 100 by default), so the kill lands inside an SMTP conversation.
        threshold = int(total * args.kill_at) + 57
        kill_when = None if args.no_kill else (lambda: lines(received) >= threshold)
        runs = [run_sender(issue_id, env, kill_when=kill_when)]
        from dateline.newsletters.models import Delivery, Subscription

        at_kill = Counter(Delivery.objects.filter(issue_id=issue_id).values_list("status", flat=True))
        if runs[0][2]:
            runs.append(run_sender(issue_id, env))
        load_after = os.getloadavg()

        statuses = Counter(Delivery.objects.filter(issue_id=issue_id).values_list("status", flat=True))
        unknown = set(
            Subscription.objects.filter(deliveries__issue_id=issue_id, deliveries__status="unknown").values_list(
                "email", flat=True
            )
        )
        records = [line.split() for line in received.read_text().splitlines() if line.strip()]
        got = Counter(rcpt for _at, rcpt in records)
        stamps = sorted(float(at) for at, _rcpt in records)
        twice = [a for a, n in got.items() if n > 1]
        expected = {f"reader{n}@example.org" for n in range(total)}
        missing = expected - set(got) - unknown
        delivered = sum(got.values())
        # Sending time: from each run's first message to its last (not Django's start-up, nor the gap).
        sending_seconds = sum(last - first for first, last in runs_spans(stamps, runs))
        print()
        print("| measure | value |")
        print("| --- | --- |")
        print(f"| subscribers | {total:,} |")
        print(f"| queueing the issue (delivery rows) | {queue_seconds:.1f} s |")
        for n, (seconds, rss_kib, killed, _began, _ended) in enumerate(runs, 1):
            what = "killed (SIGKILL)" if killed else "ran to the end"
            print(f"| sender run {n} | {seconds:.1f} s, {what}, peak RSS {rss_kib / 1024:.0f} MiB |")
        print(f"| messages accepted by the sink | {delivered:,} |")
        print(f"| throughput (first to last message of each run) | {delivered / sending_seconds:.0f} messages/s |")
        print(f"| delivery rows after the kill | {dict(at_kill)} |")
        print(f"| delivery rows at the end | {dict(statuses)} |")
        print(f"| addresses that received two or more | {len(twice)} |")
        print(f"| addresses that received none (without an unknown row) | {len(missing)} |")
        print(
            f"| in flight at the kill (unknown) | {len(unknown)}, of which received: {sum(got[a] for a in unknown)} |"
        )
        loads = f"{load_before[0]:.2f} / {load_after[0]:.2f}"
        print(f"| load average before / after (1 min) | {loads} on {os.cpu_count()} CPUs |")
        ok = not twice and not missing
        print("\nEach address received exactly one e-mail (the in-flight one at most one)." if ok else "\nFAILED")
        return 0 if ok else 1
    finally:
        sink.terminate()
        sink.wait()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
