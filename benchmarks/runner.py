"""benchmarks/run: fill the stack's database, load each kind of page with wrk, print one table.

Every figure is measured in the same run as a saved static copy of the benchmark article served
by the same Varnish (a cache hit), so the table reads as a share of what this machine can serve
at all. Load goes to loopback only, for a bounded time per scenario.
"""

from __future__ import annotations

import argparse
import html.parser
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STACK = REPO / "deploy" / "local-stack"
STACK_DIR = Path(os.environ.get("DATELINE_STACK_DIR", "/tmp/dateline-stack"))  # noqa: S108 - the stack's own folder
PYTHON = os.environ.get("DATELINE_PYTHON", str(REPO / ".venv" / "bin" / "python"))
VARNISH = "http://127.0.0.1:6081"
UNCACHED_PORT = 8303  # two workers, page cache off
APP_CACHED_PORT = 8304  # two workers, page cache on
NO_FRAGMENTS_PORT = 8305  # two workers, page cache and fragment cache off
BENCH_STATIC_PORT = 8309
STATIC_COPY_PATH = "/__bench/article.html"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from commenter import Poster, stored_comments  # noqa: E402


@dataclass
class Result:
    name: str
    url: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    note: str = ""
    cpu_ms: float | None = None  # server CPU per request (app workers or Varnish), whatever else runs


def mean_of(runs: list[Result], *, note: str = "") -> Result:
    """One row for repeated runs of a scenario: mean throughput and p50, worst p99."""
    cpu = [run.cpu_ms for run in runs if run.cpu_ms is not None]
    rates = ", ".join(f"{run.requests_per_second:,.0f}" for run in runs)
    return Result(
        runs[0].name,
        runs[0].url,
        sum(run.requests_per_second for run in runs) / len(runs),
        sum(run.p50_ms for run in runs) / len(runs),
        max(run.p99_ms for run in runs),
        sum(run.errors for run in runs),
        (note + "; " if note else "") + f"mean of {len(runs)} alternating runs ({rates}/s)",
        sum(cpu) / len(cpu) if cpu else None,
    )


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def stack_env() -> dict[str, str]:
    env = dict(os.environ)
    for line in (STACK_DIR / "env").read_text().splitlines():
        key, _, value = line.partition("=")
        if key:
            env[key] = value
    return env


def fetch(url: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    assert url.startswith(("http://127.0.0.1:", "http://localhost:")), "loopback only"
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - checked just above
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def to_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip()).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(name: str, url: str, *, seconds: int, connections: int, headers: dict | None = None, note="") -> Result:
    assert url.startswith(("http://127.0.0.1:", "http://localhost:")), "load only ever goes to loopback"
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for key, value in (headers or {}).items():
        command += ["-H", f"{key}: {value}"]
    pids = server_pids(url)
    cpu_before = cpu_seconds(pids)
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    cpu_used = cpu_seconds(pids) - cpu_before
    completed = int(re.search(r"(\d+) requests in", output).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non2xx.group(1)) if non2xx else 0
    cpu_ms = 1000 * cpu_used / completed if completed else None
    result = Result(name, url, rps, p50, p99, errors, note, cpu_ms)
    log(
        f"{name}: {rps:,.0f} req/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms, errors {errors}, server CPU {cpu_ms:.2f} ms/req"
    )
    return result


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def server_pids(url: str) -> list[int]:
    """The processes that answer a URL: Varnish's worker child, or a granian listener's workers."""
    port = int(url.split(":")[2].split("/")[0])
    if port == 6081:
        manager = (STACK_DIR / "pids" / "varnish.pid").read_text().split()[0]
        pids = subprocess.run(["pgrep", "-P", manager], capture_output=True, text=True, check=False).stdout
        return [int(pid) for pid in pids.split()]
    parent = (STACK_DIR / "pids" / f"app-{port}.pid").read_text().split()[0]
    pids = subprocess.run(["pgrep", "-P", parent], capture_output=True, text=True, check=False).stdout
    return [int(pid) for pid in pids.split()]


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime, all threads
    return total / CLOCK_TICKS


def drain(url: str, limit: float = 120) -> None:
    """Wait until the server behind url answers its health probe: wrk leaves queued requests behind."""
    base = url.split("/", 3)
    probe = f"{base[0]}//{base[2]}/healthz"
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            if fetch(probe)[0] == 200:
                return
        except OSError:
            time.sleep(0.5)


def settle(load: float = 1.0, limit: float = 180) -> None:
    """Wait until the one-minute load average falls below `load` (at most `limit` seconds)."""
    deadline = time.monotonic() + limit
    while os.getloadavg()[0] >= load and time.monotonic() < deadline:
        time.sleep(5)


def warm(url: str, times: int = 20, headers: dict | None = None) -> None:
    for _ in range(times):
        try:
            fetch(url, headers)
        except OSError:
            drain(url)


class LinkFinder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.feeds: list[str] = []
        self.search: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "alternate" and "xml" in (attrs.get("type") or ""):
            self.feeds.append(attrs.get("href", ""))
        if tag == "form" and (attrs.get("role") == "search" or "search" in (attrs.get("action") or "")):
            self.search = self.search or attrs.get("action")


def discover(front_html: str) -> tuple[str | None, str | None]:
    finder = LinkFinder()
    finder.feed(front_html)
    feed = next((href for href in finder.feeds if href), None)
    if feed and feed.startswith("http"):
        feed = "/" + feed.split("/", 3)[3]
    return feed, finder.search


def app_rss() -> list[tuple[str, int]]:
    """Resident memory of every granian process the stack started (workers are children)."""
    rows = []
    for pid_file in sorted((STACK_DIR / "pids").glob("app-*.pid")):
        pid = pid_file.read_text().split()[0]
        output = subprocess.run(
            ["ps", "-o", "pid=,rss=", "--ppid", pid], capture_output=True, text=True, check=False
        ).stdout
        for line in output.splitlines():
            child, rss = line.split()
            rows.append((f"{pid_file.stem} worker {child}", int(rss) // 1024))
    return rows


def comment_posts(article_id: int, article_path: str, *, posts: int, connections: int, env) -> Result:
    """Many readers posting at once through Varnish: challenges solved first, then the posts timed."""
    token = uuid.uuid4().hex[:10]
    poster = Poster(VARNISH + "/", article_id, article_path, token)
    log(f"comment POST: solving {posts} challenges")
    solved = [poster.challenge() for _ in range(posts)]
    time.sleep(max(0.0, poster.min_seconds + 0.1 - (time.monotonic() - solved[-1][1])))
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=connections) as pool:
        outcomes = list(pool.map(lambda item: poster.post(*item), solved))
    elapsed = time.monotonic() - started
    accepted = [o for o in outcomes if o.status == 303]
    latencies = sorted(o.seconds * 1000 for o in outcomes)
    stored = stored_comments(env["DATABASE_URL"], token)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    note = f"{len(accepted)} accepted (303) of {posts}, {stored} stored"
    result = Result(
        "comment POST (Varnish → app)",
        VARNISH,
        len(outcomes) / elapsed,
        statistics.median(latencies),
        p99,
        posts - len(accepted),
        note,
    )
    log(f"comment POST: {result.requests_per_second:.0f}/s, {note}")
    return result


def print_table(results: list[Result], ceiling: float, title: str) -> None:
    print(f"\n{title}")
    header = (
        f"| {'scenario':<44} | {'req/s':>9} | {'p50 ms':>8} | {'p99 ms':>8} | {'of static':>9} | {'errors':>6} "
        f"| {'CPU ms/req':>10}"
    )
    print(header + " | note")
    print(f"|{'-' * 46}|{'-' * 11}|{'-' * 10}|{'-' * 10}|{'-' * 11}|{'-' * 8}|{'-' * 12}|------")
    for r in results:
        share = f"{100 * r.requests_per_second / ceiling:.1f}%" if ceiling else "-"
        cpu = f"{r.cpu_ms:.2f}" if r.cpu_ms is not None else "-"
        print(
            f"| {r.name:<44} | {r.requests_per_second:>9,.0f} | {r.p50_ms:>8.2f} | {r.p99_ms:>8.2f} | {share:>9} "
            f"| {r.errors:>6} | {cpu:>10} | {r.note}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--comments", type=int, default=10000)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--tags", type=int, default=500)
    parser.add_argument("--images", type=int, default=40)
    parser.add_argument(
        "--scale-articles", type=int, default=0, help="then top up to this many articles and compare p99 (e.g. 100000)"
    )
    parser.add_argument("--scale-comments", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=15, help="wrk duration per scenario (default 15)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--posts", type=int, default=600, help="comments posted in the POST scenario")
    parser.add_argument("--skip-generate", action="store_true")
    parser.add_argument("--keep-stack", action="store_true", help="leave the stack running afterwards")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    for tool in ("wrk", "varnishd"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found: apt-get install wrk varnish varnish-modules")

    started_stack = False
    extra_ports: list[int] = []
    static_server = None

    def cleanup(*_):
        if static_server and static_server.poll() is None:
            static_server.terminate()
        for port in extra_ports:
            subprocess.run([str(STACK), "stop-app", str(port)], check=False, capture_output=True)
        if started_stack and not args.keep_stack:
            subprocess.run([str(STACK), "down"], check=False, capture_output=True)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        status, _, _ = fetch(VARNISH + "/healthz")
    except OSError:
        status = 0
    try:
        if status != 200:
            log("bringing the local stack up")
            started_stack = True
            subprocess.run([str(STACK), "up"], check=True, stdout=subprocess.DEVNULL)
        env = stack_env()

        def generate(articles: int, comments: int) -> str:
            command = [
                PYTHON,
                str(REPO / "benchmarks" / "generate.py"),
                "--articles",
                str(articles),
                "--comments",
                str(comments),
                "--people",
                str(args.people),
                "--tags",
                str(args.tags),
                "--images",
                str(args.images),
            ]
            log("generating: " + " ".join(command[2:]))
            output = subprocess.run(command, check=True, env=env, capture_output=True, text=True).stdout.strip()
            # A bulk insert leaves PostgreSQL's autovacuum to run later, in the middle of a measurement:
            # run it now, as a database that grew over years has long had it, and let the machine settle.
            log("vacuum analyze, then waiting for the machine to settle")
            subprocess.run(["psql", env["DATABASE_URL"], "-qc", "VACUUM ANALYZE"], check=True, capture_output=True)
            settle()
            return output

        article_path = generate(args.articles, args.comments).splitlines()[-1]
        article_id = int(
            subprocess.run(
                ["psql", env["DATABASE_URL"], "-tAc", "SELECT id FROM wagtailcore_page WHERE slug='benchmark-article'"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()[0]
        )

        for port, cache_seconds, fragment_seconds in (
            (UNCACHED_PORT, "0", "3600"),
            (APP_CACHED_PORT, "600", "3600"),
            (NO_FRAGMENTS_PORT, "0", "0"),
        ):
            extra_ports.append(port)
            subprocess.run(
                [
                    str(STACK),
                    "app",
                    str(port),
                    f"DATELINE_PAGE_CACHE_SECONDS={cache_seconds}",
                    f"DATELINE_FRAGMENT_CACHE_SECONDS={fragment_seconds}",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
                env={**os.environ, "DATELINE_STACK_WORKERS": "2"},
            )

        # The ceiling: the article's own response, saved once (body and the headers a static copy would
        # also carry: content type, security headers, validators, cache lifetime), served by the same
        # Varnish from cache. Hop-by-hop and per-delivery headers are Varnish's own.
        status, page, page_headers = fetch(VARNISH + article_path)
        if status != 200:
            sys.exit(f"the benchmark article answered {status}")
        copy_dir = STACK_DIR / "bench-static"
        copy_dir.mkdir(parents=True, exist_ok=True)
        (copy_dir / "article.html").write_bytes(page)
        per_delivery = {"date", "age", "x-cache", "connection", "content-length", "transfer-encoding", "accept-ranges"}
        kept = [(name, value) for name, value in page_headers.items() if name.lower() not in per_delivery]
        # Cache-Control as the app sends it, with an s-maxage for Varnish (which strips it on delivery).
        delivered = next((v for n, v in kept if n.lower() == "cache-control"), "public")
        cache_control = delivered.replace("public", "public, s-maxage=3600", 1)
        kept = [(n, v) for n, v in kept if n.lower() != "cache-control"] + [("Cache-Control", cache_control)]
        (copy_dir / "headers.json").write_text(json.dumps(kept))
        static_server = subprocess.Popen(
            [
                PYTHON,
                str(REPO / "benchmarks" / "static_copy.py"),
                str(BENCH_STATIC_PORT),
                str(copy_dir / "article.html"),
                str(copy_dir / "headers.json"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(1)

        status, front, _ = fetch(f"http://127.0.0.1:{UNCACHED_PORT}/")
        feed, search = discover(front.decode())
        feed = feed or "/feeds/rss/"
        search_url = (search or "/search/") + "?q=minister+budget"
        gzip = {"Accept-Encoding": "gzip"}
        uncached = f"http://127.0.0.1:{UNCACHED_PORT}"
        scenarios = [
            ("static copy (Varnish hit) = ceiling", VARNISH + STATIC_COPY_PATH, gzip, ""),
            ("article, cached, through Varnish", VARNISH + article_path, gzip, ""),
            (
                "article, cached by the app alone",
                f"http://127.0.0.1:{APP_CACHED_PORT}{article_path}",
                gzip,
                "granian 2 workers, Redis page cache",
            ),
            ("article + 50 comments, uncached", uncached + article_path, gzip, "granian 2 workers, PostgreSQL"),
            ("front page, uncached", uncached + "/", gzip, ""),
            ("section page, uncached", uncached + article_path.rsplit("/", 2)[0] + "/", gzip, ""),
            ("search, uncached", uncached + search_url, gzip, ""),
            (f"feed {feed}, uncached", uncached + feed, gzip, ""),
            (
                "article + 50 comments, uncached, no fragments",
                f"http://127.0.0.1:{NO_FRAGMENTS_PORT}{article_path}",
                gzip,
                "as above with DATELINE_FRAGMENT_CACHE_SECONDS=0",
            ),
        ]
        results = []
        for name, url, headers, note in scenarios:
            drain(url)
            warm(url, headers=headers)
            results.append(
                wrk(name, url, seconds=args.seconds, connections=args.connections, headers=headers, note=note)
            )
            if len(results) == 2:
                # The two Varnish rows are client-bound and swing with whatever else the machine does:
                # measure them twice more, alternating, and report the mean of each.
                for index in (0, 1, 0, 1):
                    name_i, url_i, headers_i, _ = scenarios[index]
                    results.append(
                        wrk(name_i, url_i, seconds=args.seconds, connections=args.connections, headers=headers_i)
                    )
                repeats = results[2:]
                del results[2:]
                for index in (0, 1):
                    results[index] = mean_of([results[index], *repeats[index::2]], note=scenarios[index][3])
        results.append(comment_posts(article_id, article_path, posts=args.posts, connections=args.connections, env=env))
        ceiling = results[0].requests_per_second
        title = (
            f"Dateline on this machine: {args.articles:,} articles, {args.comments:,} comments, "
            f"wrk -t1 -c{args.connections} -d{args.seconds}s --latency, loopback; "
            f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        print_table(results, ceiling, title)
        rss = app_rss()
        print("\nresident memory after the run: " + ", ".join(f"{name} {mb} MB" for name, mb in rss))

        if args.scale_articles:
            generate(args.scale_articles, args.scale_comments)
            scaled = []
            for name, url, headers, _note in scenarios[3:6]:
                drain(url)
                warm(url, headers=headers)
                scaled.append(wrk(name, url, seconds=args.seconds, connections=args.connections, headers=headers))
            title = f"Same pages at {args.scale_articles:,} articles, {args.scale_comments:,} comments"
            print_table(scaled, ceiling, title)
            print("\np99 at scale / p99 at the small size (target ≤ 1.5):")
            for small, big in zip(results[3:6], scaled, strict=True):
                print(f"  {small.name:<40} {big.p99_ms / small.p99_ms:.2f}")
            results += scaled
        if args.json:
            args.json.write_text(json.dumps([r.__dict__ for r in results] + [{"rss": rss}], indent=2))
    finally:
        cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
