"""benchmarks/run: fill the stack's database, load each kind of page with wrk, print one table.

Every row says what was warm. The cold rows are the first reader after an edit: while they run, a
thread purges in the stack's database every few milliseconds what an edit of the benchmark article
purges (its surrogate keys and the listings key, as dateline.core.purge records them), as a stream
of edits would, so every request finds what the edit invalidates gone from its process's memo and
renders from the database with the page cache off. Two more rows purge "all" instead, as a settings,
section or navigation change does: the memo starts empty. Their CPU per request is divided by the
floor's, a plain Django template of the same number of bytes with no database (floor_app.py), served
the same way in the same run: the target is at most 2x. The table opens with a CPU reference figure,
so runs on different machines compare, and every throughput is also a share of a saved static copy
of the benchmark article served by the same Varnish (a cache hit). Load goes to loopback only, for a
bounded time per scenario."""

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
import threading
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
RENDER_PORT = 8303  # two workers, page cache off: cold rows (generation raised throughout) and memo-warm rows
APP_PORTS = (8301, 8302)  # deploy/local-stack's two app processes behind Varnish
APP_CACHED_PORT = 8304  # two workers, page cache on
FLOOR_PORT = 8305  # floor_app.py, two workers: a plain Django template, no database
WORKERS = 2
THREADS = 2  # as deploy/local-stack's default --blocking-threads
COLD = "cold: first reader after an edit of the story, no page cache"
COLD_ALL = "cold: memo empty (after a site-wide change), no page cache"
MEMO_WARM = "memo warm, no page cache"
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
    cpu_ms: float | None = None  # server CPU per request (app workers, floor workers or Varnish)
    db_cpu_ms: float | None = None  # the stack's PostgreSQL per request (all its processes but the bumper's)
    floor_ratio: float | None = None  # (cpu_ms + db_cpu_ms) / the floor's cpu_ms, for cold rows
    warm: str = ""  # what was warm: "cold: memo empty, no page cache", "Varnish hit", ...

    @property
    def total_cpu_ms(self) -> float | None:
        if self.cpu_ms is None:
            return None
        return self.cpu_ms + (self.db_cpu_ms or 0.0)


def mean_of(runs: list[Result], *, note: str = "") -> Result:
    """One row for repeated runs of a scenario: mean throughput and p50, worst p99."""
    cpu = [run.cpu_ms for run in runs if run.cpu_ms is not None]
    db_cpu = [run.db_cpu_ms for run in runs if run.db_cpu_ms is not None]
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
        sum(db_cpu) / len(db_cpu) if db_cpu else None,
        warm=runs[0].warm,
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


def wrk(
    name: str,
    url: str,
    *,
    seconds: int,
    connections: int,
    headers: dict | None = None,
    note="",
    warm="",
    bumper: EditPurger | None = None,
    purged: list[str] | None = None,
) -> Result:
    """One scenario under wrk; with a bumper, these keys are purged throughout (a cold row)."""
    assert url.startswith(("http://127.0.0.1:", "http://localhost:")), "load only ever goes to loopback"
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for key, value in (headers or {}).items():
        command += ["-H", f"{key}: {value}"]
    # PostgreSQL's share counts for the app's rows; Varnish and the floor never reach it.
    reaches_database = not url.startswith((VARNISH, FLOOR_URL))

    def db_pids() -> list[int]:
        return database_pids(exclude=bumper.backend_pid if bumper else None) if reaches_database else []

    cpu_before, db_before = cpu_times(server_pids(url)), cpu_times(db_pids())
    if bumper:
        bumper.start(seconds + 5, purged or [])
    try:
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    finally:
        bumps = bumper.stop() if bumper else 0
    app_used = cpu_used(cpu_before, cpu_times(server_pids(url)))
    db_used = cpu_used(db_before, cpu_times(db_pids()))
    completed = int(re.search(r"(\d+) requests in", output).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non2xx.group(1)) if non2xx else 0
    cpu_ms = 1000 * app_used / completed if completed else None
    db_cpu_ms = 1000 * db_used / completed if completed and reaches_database and database_pids() else None
    if bumper:
        shown = " ".join(sorted(purged or []))
        shown = shown if len(shown) < 60 else f"{len(purged)} keys"
        note = (note + "; " if note else "") + f"purged ({shown}) {bumps:,} times for {completed:,} requests"
    result = Result(name, url, rps, p50, p99, errors, note, cpu_ms, db_cpu_ms, warm=warm)
    log(
        f"{name} ({warm}): {rps:,.0f} req/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms, errors {errors}, "
        f"server CPU {cpu_ms or 0:.2f} ms/req (+ PostgreSQL {db_cpu_ms or 0:.2f})"
        + (f", {bumps} purges" if bumper else "")
    )
    return result


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
FLOOR_PID_FILE = STACK_DIR / "pids" / f"floor-{FLOOR_PORT}.pid"


def children(parent: str | int) -> list[int]:
    pids = subprocess.run(["pgrep", "-P", str(parent)], capture_output=True, text=True, check=False).stdout
    return [int(pid) for pid in pids.split()]


def server_pids(url: str) -> list[int]:
    """The processes that answer a URL: Varnish's worker child, or a granian listener's workers."""
    port = int(url.split(":")[2].split("/")[0])
    if port == 6081:
        return children((STACK_DIR / "pids" / "varnish.pid").read_text().split()[0])
    if port == FLOOR_PORT:
        return children(FLOOR_PID_FILE.read_text().split()[0])
    return children((STACK_DIR / "pids" / f"app-{port}.pid").read_text().split()[0])


def database_pids(*, exclude: int | None = None) -> list[int]:
    """The stack's private PostgreSQL (its postmaster's children), or nothing for the machine's shared one."""
    pid_file = STACK_DIR / "pids" / "postgres.pid"
    if not pid_file.exists():
        return []
    return [pid for pid in children(pid_file.read_text().split()[0]) if pid != exclude]


class EditPurger:
    """Purges some keys every few milliseconds while a cold row runs, as a stream of edits would: in
    one transaction it raises core_purgecounter.generation and stamps the keys with it, as
    dateline.core.purge.record_purge does. Each app request then reads a newer generation, asks which
    keys were purged, and recomputes every memo entry made of them. Bounded in count and time; its own
    PostgreSQL backend is left out of the row's database CPU. It sends no purge to Varnish (the cold
    rows do not go through it)."""

    def __init__(self, database_url: str, *, interval: float = 0.003):
        import psycopg

        self.interval = interval
        self.connection = psycopg.connect(database_url, autocommit=True)
        # The bumps are the benchmark's, not the newsroom's: no need to wait for the disk on each.
        self.connection.execute("SET synchronous_commit = off")
        self.connection.execute(
            "INSERT INTO core_purgecounter (id, generation) VALUES (1, 0) ON CONFLICT (id) DO NOTHING"
        )
        self.backend_pid = self.connection.execute("SELECT pg_backend_pid()").fetchone()[0]
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.bumps = 0
        self.keys: list[str] = []

    def start(self, limit_seconds: float, keys: list[str]) -> None:
        self._stop.clear()
        self.bumps = 0
        self.keys = sorted(set(keys))
        self._thread = threading.Thread(target=self._run, args=(limit_seconds,), daemon=True)
        self._thread.start()

    def _run(self, limit_seconds: float) -> None:
        deadline = time.monotonic() + limit_seconds
        most = int(limit_seconds / self.interval) + 1
        while not self._stop.is_set() and time.monotonic() < deadline and self.bumps < most:
            with self.connection.transaction():
                generation = self.connection.execute(
                    "UPDATE core_purgecounter SET generation = generation + 1 WHERE id = 1 RETURNING generation"
                ).fetchone()[0]
                if self.keys:
                    rows = ", ".join(["(%s, %s)"] * len(self.keys))
                    self.connection.execute(
                        f"INSERT INTO core_purgedkey (key, generation) VALUES {rows} "  # noqa: S608 - placeholders only
                        "ON CONFLICT (key) DO UPDATE SET generation = EXCLUDED.generation",
                        [value for key in self.keys for value in (key, generation)],
                    )
            self.bumps += 1
            self._stop.wait(self.interval)

    def stop(self) -> int:
        self._stop.set()
        if self._thread:
            self._thread.join()
        return self.bumps

    def close(self) -> None:
        self.stop()
        self.connection.close()


def cpu_reference() -> str:
    """This machine's speed in one figure: ms for sum(i*i for i in range(10**7)), best of 3, and its load."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        sum(i * i for i in range(10**7))
        best = min(best, time.process_time() - started)
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"CPU reference: sum(i*i for i in range(10**7)) {best * 1000:.0f} ms (best of 3, "
        f"Python {sys.version.split()[0]}); nproc {os.cpu_count()}; load average {load}"
    )


def cpu_times(pids: list[int]) -> dict[int, float]:
    """CPU seconds (user + system, all threads) of each process still running."""
    times = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        times[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return times


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU spent between two readings: a process that ended in between counts for nothing (never below
    zero), one that started counts whole (a database backend opened for the row)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


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
    # The posts' own CPU: the app processes behind Varnish (tasks such as the moderators' notice run
    # inline in the stack) and PostgreSQL; the challenges were fetched before.
    app_pids = [pid for port in APP_PORTS for pid in server_pids(f"http://127.0.0.1:{port}/")]
    cpu_before, db_before = cpu_times(app_pids), cpu_times(database_pids())
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=connections) as pool:
        outcomes = list(pool.map(lambda item: poster.post(*item), solved))
    elapsed = time.monotonic() - started
    app_used = cpu_used(cpu_before, cpu_times(app_pids))
    db_used = cpu_used(db_before, cpu_times(database_pids()))
    accepted = [o for o in outcomes if o.status == 303]
    latencies = sorted(o.seconds * 1000 for o in outcomes)
    stored = stored_comments(env["DATABASE_URL"], token)
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    note = f"{len(accepted)} accepted (303) of {posts}, {stored} stored"
    result = Result(
        "comment POST",
        VARNISH,
        len(outcomes) / elapsed,
        statistics.median(latencies),
        p99,
        posts - len(accepted),
        note,
        1000 * app_used / len(outcomes),
        1000 * db_used / len(outcomes) if database_pids() else None,
        warm="Varnish passes to the app",
    )
    log(f"comment POST: {result.requests_per_second:.0f}/s, {note}")
    return result


def print_table(results: list[Result], ceiling: float, title: str, reference: str = "") -> None:
    print(f"\n{title}")
    if reference:
        print(reference)
    print(
        f"| {'page':<24} | {'what was warm':<38} | {'req/s':>8} | {'p50 ms':>7} | {'p99 ms':>7} | {'of static':>9} "
        f"| {'errors':>6} | {'app CPU ms/req':>14} | {'DB CPU ms/req':>13} | {'÷ floor':>7} | note"
    )
    print(
        f"|{'-' * 26}|{'-' * 40}|{'-' * 9}:|{'-' * 8}:|{'-' * 8}:|{'-' * 10}:|{'-' * 7}:|{'-' * 15}:|{'-' * 14}:"
        f"|{'-' * 8}:|------"
    )
    for r in results:
        share = f"{100 * r.requests_per_second / ceiling:.1f}%" if ceiling else "-"
        cpu = f"{r.cpu_ms:.2f}" if r.cpu_ms is not None else "-"
        db_cpu = f"{r.db_cpu_ms:.2f}" if r.db_cpu_ms is not None else "-"
        ratio = f"{r.floor_ratio:.2f}" if r.floor_ratio is not None else ""
        print(
            f"| {r.name:<24} | {r.warm:<38} | {r.requests_per_second:>8,.0f} | {r.p50_ms:>7.2f} | {r.p99_ms:>7.2f} "
            f"| {share:>9} | {r.errors:>6} | {cpu:>14} | {db_cpu:>13} | {ratio:>7} | {r.note}"
        )


def start_floor(article_bytes: int) -> subprocess.Popen:
    """floor_app.py under granian, with the app's worker and thread counts, sized to the article's response."""
    granian = Path(PYTHON).parent / "granian"
    env = {
        **os.environ,
        "DATELINE_FLOOR_BYTES": str(article_bytes),
        "MALLOC_ARENA_MAX": "2",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log_file = (STACK_DIR / "logs" / f"floor-{FLOOR_PORT}.log").open("w")
    server = subprocess.Popen(
        [
            str(granian),
            "--interface",
            "wsgi",
            "--working-dir",
            str(REPO / "benchmarks"),
            "floor_app:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(FLOOR_PORT),
            "--workers",
            str(WORKERS),
            "--blocking-threads",
            str(THREADS),
            "--http",
            "1",
            "--no-ws",
            "--log-level",
            "warning",
        ],
        stdin=subprocess.DEVNULL,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    FLOOR_PID_FILE.write_text(f"{server.pid}\n")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch(f"http://127.0.0.1:{FLOOR_PORT}/healthz")[0] == 200 and len(server_pids(FLOOR_URL)) == WORKERS:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            sys.exit(f"the floor app exited: {STACK_DIR / 'logs' / f'floor-{FLOOR_PORT}.log'}")
        time.sleep(0.3)
    sys.exit("the floor app did not come up in 60 s")


FLOOR_URL = f"http://127.0.0.1:{FLOOR_PORT}/article/"


def query_counts(env: dict, paths: list[str], purges: dict[str, list[str] | None]) -> dict[tuple[str, str], int]:
    """SQL queries of one render of each path for each label's purge (None: memo warm), in a separate
    process (render_cpu.py)."""
    counts = {}
    for label, purged in purges.items():
        command = [PYTHON, str(REPO / "benchmarks" / "render_cpu.py"), "--requests", "1", "--batches", "1", *paths]
        if purged:
            command[2:2] = ["--purge", ",".join(purged)]
        output = subprocess.run(
            command,
            env={**env, "ALLOWED_HOSTS": env.get("ALLOWED_HOSTS", "") + ",testserver"},
            capture_output=True,
            text=True,
            check=False,
        )
        if output.returncode:
            log(f"render_cpu.py failed, no query counts: {output.stderr.strip().splitlines()[-1:]}")
            return {}
        for line in output.stdout.splitlines()[2:]:
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            counts[(cells[0], label)] = int(cells[2])
    return counts


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
    static_server = floor_server = bumper = None

    def cleanup(*_):
        if bumper:
            bumper.close()
        for server in (static_server, floor_server):
            if server and server.poll() is None:
                server.terminate()
                try:
                    server.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    server.kill()
        FLOOR_PID_FILE.unlink(missing_ok=True)
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

        if not args.skip_generate:
            generate(args.articles, args.comments)
        query = "SELECT id, url_path FROM wagtailcore_page WHERE slug='benchmark-article'"
        found = subprocess.run(
            ["psql", env["DATABASE_URL"], "-tAc", query],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.split("|")
        if len(found) != 2:
            sys.exit("no benchmark article in the database: run without --skip-generate")
        article_id = int(found[0])
        article_path = "/" + found[1].strip().strip("/").split("/", 1)[1] + "/"  # without the site root's step
        # What the database holds (with --skip-generate it may be a 100,000-article archive), not the options.
        counted = subprocess.run(
            [
                "psql",
                env["DATABASE_URL"],
                "-tAc",
                "SELECT (SELECT count(*) FROM news_articlepage) || '|' || (SELECT count(*) FROM comments_comment)",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        held_articles, held_comments = (int(number) for number in counted.split("|"))

        for port, cache_seconds in ((RENDER_PORT, "0"), (APP_CACHED_PORT, "600")):
            extra_ports.append(port)
            subprocess.run(
                [str(STACK), "app", str(port), f"DATELINE_PAGE_CACHE_SECONDS={cache_seconds}"],
                check=True,
                stdout=subprocess.DEVNULL,
                env={**os.environ, "DATELINE_STACK_WORKERS": str(WORKERS), "DATELINE_STACK_THREADS": str(THREADS)},
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

        # The floor renders as many bytes as the app sends for the article (the app does not compress;
        # Varnish does, for what it stores).
        render = f"http://127.0.0.1:{RENDER_PORT}"
        status, article_html, _ = fetch(render + article_path)
        floor_server = start_floor(len(article_html))
        floor_bytes = len(fetch(FLOOR_URL)[1])

        status, front, _ = fetch(render + "/")
        feed, search = discover(front.decode())
        feed = feed or "/feeds/rss/"
        search_path = (search or "/search/") + "?q=minister+budget"
        tag_path = next(iter(re.findall(r'href="(/tags/[^"/]+/)"', article_html.decode())), "/tags/")
        section_path = article_path.rsplit("/", 2)[0] + "/"
        gzip = {"Accept-Encoding": "gzip"}
        pages = [
            ("article + 50 comments", article_path),
            ("front page", "/"),
            ("section page", section_path),
            ("tag page", tag_path),
            ("search", search_path),
            (f"feed {feed}", feed),
        ]
        bumper = EditPurger(env["DATABASE_URL"])
        # What publishing an edit of the benchmark article purges: the keys its page carries (its
        # section, tags, people and URL path) and the listings key; "all" only site-wide changes purge.
        _, _, article_headers = fetch(render + article_path)
        xkey = next((value for name, value in article_headers.items() if name.lower() == "xkey"), "")
        edit_keys = sorted({*xkey.split(), "listings"} - {"all"})
        seconds, connections = args.seconds, args.connections

        def run(name, url, warm_label, *, note="", purged=None, headers=gzip):
            drain(url)
            warm(url, headers=headers)
            return wrk(
                name,
                url,
                seconds=seconds,
                connections=connections,
                headers=headers,
                note=note,
                warm=warm_label,
                bumper=bumper if purged else None,
                purged=purged,
            )

        reference = cpu_reference()
        log(reference)
        # The two Varnish rows are client-bound and swing with whatever else the machine does:
        # each is measured three times, alternating, and reported as the mean.
        ceiling_url, varnish_url = VARNISH + STATIC_COPY_PATH, VARNISH + article_path
        rounds = [
            (
                run("static copy = ceiling", ceiling_url, "Varnish hit (static_copy.py behind)"),
                run("article + 50 comments", varnish_url, "Varnish hit"),
            )
            for _ in range(3)
        ]
        results = [
            mean_of([ceiling for ceiling, _ in rounds]),
            mean_of([article for _, article in rounds]),
            run(
                "article + 50 comments",
                f"http://127.0.0.1:{APP_CACHED_PORT}{article_path}",
                "app page cache hit (Redis), no Varnish",
                note=f"granian {WORKERS} workers",
            ),
        ]
        floor_note = (
            f"floor_app.py, {floor_bytes:,} bytes as the article's {len(article_html):,}, granian {WORKERS} workers"
        )
        floors = [run("floor: plain template", FLOOR_URL, "no database; template compiled", note=floor_note)]
        cold_rows = [run(name, render + path, COLD, purged=edit_keys) for name, path in pages]
        cold_rows += [run(name, render + path, COLD_ALL, purged=["all"]) for name, path in pages[:2]]
        floors.append(run("floor: plain template", FLOOR_URL, "no database; template compiled", note=floor_note))
        floor = mean_of(floors, note=floor_note + "; measured before and after the cold rows")
        for row in cold_rows:
            row.floor_ratio = row.total_cpu_ms / floor.cpu_ms if row.cpu_ms and floor.cpu_ms else None
        warm_rows = [run(name, render + path, MEMO_WARM) for name, path in pages]
        counts = query_counts(env, [path for _, path in pages], {COLD: edit_keys, COLD_ALL: ["all"], MEMO_WARM: None})
        for row in [*cold_rows, *warm_rows]:
            path = row.url.removeprefix(render)
            if (path, row.warm) in counts:
                row.note = (f"{counts[(path, row.warm)]} SQL queries; " + row.note).rstrip("; ")
        results += [floor, *cold_rows, *warm_rows]
        results.append(comment_posts(article_id, article_path, posts=args.posts, connections=args.connections, env=env))
        ceiling = results[0].requests_per_second
        title = (
            f"Dateline on this machine: {held_articles:,} articles, {held_comments:,} comments, "
            f"wrk -t1 -c{args.connections} -d{args.seconds}s --latency, loopback; "
            f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores. "
            f"CPU ms/req: the answering processes' CPU over the row's requests; DB: the stack's PostgreSQL; "
            f"÷ floor: (app + DB) ÷ the floor's, target ≤ 2"
        )
        print_table(results, ceiling, title, reference)
        rss = app_rss()
        print("\nresident memory after the run: " + ", ".join(f"{name} {mb} MB" for name, mb in rss))

        if args.scale_articles:
            generate(args.scale_articles, args.scale_comments)
            scaled = [run(name, render + path, COLD, purged=edit_keys) for name, path in pages[:3]]
            scaled_floor = run("floor: plain template", FLOOR_URL, "no database; template compiled", note=floor_note)
            for row in scaled:
                row.floor_ratio = row.total_cpu_ms / scaled_floor.cpu_ms if row.cpu_ms and scaled_floor.cpu_ms else None
            title = f"Same pages at {args.scale_articles:,} articles, {args.scale_comments:,} comments"
            print_table([*scaled, scaled_floor], ceiling, title, cpu_reference())
            print("\np99 at scale / p99 at the small size (target ≤ 1.5):")
            for small, big in zip(cold_rows[:3], scaled, strict=True):
                print(f"  {small.name:<40} {big.p99_ms / small.p99_ms:.2f}")
            results += [*scaled, scaled_floor]
        if args.json:
            rows = [{**r.__dict__, "total_cpu_ms": r.total_cpu_ms} for r in results]
            args.json.write_text(json.dumps([*rows, {"rss": rss, "cpu_reference": reference}], indent=2))
    finally:
        cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
