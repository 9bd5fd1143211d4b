"""What counting readers costs: the readership beacon against the cached article, on one app server.

    .venv/bin/python benchmarks/readership.py [--seconds 10] [--connections 16] [--workers 1] [--redis URL]

Builds a throwaway SQLite site (one section, one article) in a temporary folder, serves it with
granian (dateline.settings.dev with DEBUG off, the app's page cache on: the article is a page-cache
hit, the closest this gets to Varnish without starting the stack) and runs wrk against loopback:

1. the cached article alone;
2. the beacon alone (POST /_views, as beacon.js sends it, with a browser's User-Agent);
3. both at once, each with the same number of connections: the article's rate while beacons hit;
4. the in-process cost of counting one view (count_view: the process's own counter, or Redis with
   --redis) and of one flush of what the run counted.

Behind Varnish in production every article view is answered by Varnish and only the beacon reaches
the app, so row 2 is the rate of views the app can count and row 3 what counting takes from pages
the app itself serves. Warm in every row: compiled templates, the memo, the page cache (filled by an
untimed warm-up), the cache entry saying the article may be counted. Prints one table and the load
average (the machine may be shared: the server CPU per request is the steadier figure).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8391
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
SETUP = textwrap.dedent(
    """
    from dateline.home.models import HomePage
    from dateline.news.models import ArticlePage, SectionPage
    home = HomePage.objects.first()
    section = home.add_child(instance=SectionPage(title="World", slug="world"))
    section.save_revision().publish()
    body = [("paragraph", "<p>" + "Ministers met through the night to agree the plan. " * 12 + "</p>")] * 10
    article = section.add_child(instance=ArticlePage(title="Ministers agree plan", slug="plan", body=body,
                                                     standfirst="A deal after talks ran through the night."))
    article.save_revision().publish()
    print(article.pk, "/" + article.url_path.removeprefix(home.url_path))
    """
)
FLUSH = textwrap.dedent(
    """
    import time
    from dateline.readership.counting import flush_counts
    from dateline.readership.models import PageViews
    started = time.perf_counter()
    result = flush_counts()
    elapsed = round((time.perf_counter() - started) * 1000, 2)
    print(result.views, elapsed, sum(PageViews.objects.values_list("views", flat=True)))
    """
)
MICRO = textwrap.dedent(
    """
    import time
    from dateline.readership.counting import count_view, pending_counts
    n = 20000
    started = time.perf_counter()
    for i in range(n):
        count_view(page_id=PAGE_ID, referrer="news.example.org")
    print(round((time.perf_counter() - started) / n * 1e6, 2))
    pending_counts().take()
    """
)


def run(env: dict, *args: str, code: str | None = None) -> str:
    command = [PYTHON, "manage.py", *args] if code is None else [PYTHON, "manage.py", "shell", "-c", code]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout.strip()


def cpu_seconds(pid: int) -> float:
    """User and system CPU of a process and its children (granian's workers)."""
    total = 0.0
    pids = [pid, *map(int, subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split())]
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def to_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip()).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, *, seconds: int, connections: int, script: Path | None = None) -> subprocess.Popen:
    assert url.startswith("http://127.0.0.1:"), "load only ever goes to loopback"
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", f"User-Agent: {BROWSER}"]
    if script:
        command += ["-s", str(script)]
    return subprocess.Popen([*command, url], stdout=subprocess.PIPE, text=True)


def parse(output: str) -> dict:
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "errors": int(non2xx.group(1)) if non2xx else 0,
    }


def measure(server: subprocess.Popen, runs: list[tuple[str, str, Path | None]], *, seconds: int, connections: int):
    """Start every run at once; return each one's figures and the server CPU per request of them all."""
    before = cpu_seconds(server.pid)
    started = [(name, wrk(url, seconds=seconds, connections=connections, script=script)) for name, url, script in runs]
    results = {name: parse(process.communicate()[0]) for name, process in started}
    used = cpu_seconds(server.pid) - before
    total = sum(result["requests"] for result in results.values())
    return results, 1000 * used / total if total else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--redis", default="", help="count in Redis (REDIS_URL), as production does")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="dateline-readership-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.dev",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATELINE_DATA_DIR": str(folder),
        "DATELINE_PAGE_CACHE_SECONDS": "600",
        "REDIS_URL": options.redis,
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    server = None
    try:
        run(env, "migrate", "--verbosity", "0")
        page_id, path = run(env, code=SETUP).split()[-2:]
        lua = folder / "beacon.lua"
        lua.write_text(
            'wrk.method = "POST"\n'
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
            f'wrk.body = "page={page_id}&ref=news.example.org"\n'
        )
        server = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "granian"),
                *("--interface", "wsgi", "--working-dir", str(REPO), "dateline.wsgi:application"),
                *("--host", "127.0.0.1", "--port", str(PORT), "--workers", str(options.workers)),
                *("--blocking-threads", str(options.threads), "--http", "1", "--no-ws", "--log-level", "warning"),
            ],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{PORT}"
        article, beacon = base + path, base + "/_views"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310 -- loopback only
                break
            except OSError:
                time.sleep(0.2)
        warm = urllib.request.Request(article, headers={"User-Agent": BROWSER})  # noqa: S310
        for _ in range(20):
            urllib.request.urlopen(warm, timeout=5).read()  # noqa: S310
        data = f"page={page_id}&ref=news.example.org".encode()
        for _ in range(5):
            urllib.request.urlopen(urllib.request.Request(beacon, data=data, headers={"User-Agent": BROWSER}))  # noqa: S310
        run(env, code=FLUSH)

        size = {"seconds": options.seconds, "connections": options.connections}
        rows = []
        alone, cpu = measure(server, [("article", article, None)], **size)
        rows.append(("cached article alone (app page-cache hit)", alone["article"], cpu))
        alone, cpu = measure(server, [("beacon", beacon, lua)], **size)
        rows.append(("beacon alone (POST /_views, 204)", alone["beacon"], cpu))
        both, cpu = measure(server, [("article", article, None), ("beacon", beacon, lua)], **size)
        rows.append(("cached article, beacons at the same time", both["article"], cpu))
        rows.append(("beacon, articles at the same time", both["beacon"], cpu))
        sent = sum(row[1]["requests"] for row in rows if "beacon" in row[0].split(",")[0])
        flushed, flush_ms, stored = run(env, code=FLUSH).splitlines()[-1].split()
        micro = run(env, code=MICRO.replace("PAGE_ID", page_id)).splitlines()[-1]
    finally:
        if server is not None:
            os.killpg(server.pid, 15)
            server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)

    store = "Redis hash (HINCRBY)" if options.redis else "each process's own counter"
    print(
        f"\ngranian {options.workers} worker(s) x {options.threads} threads, wrk -t1 -c{options.connections} "
        f"-d{options.seconds}s per run, counts kept in {store}; load average {os.getloadavg()[0]:.2f} at the end\n"
    )
    print(f"| {'run':<44} | {'req/s':>8} | {'p50 ms':>7} | {'p99 ms':>7} | {'server CPU ms/req':>17} | errors |")
    print(f"|{'-' * 46}|{'-' * 10}|{'-' * 9}|{'-' * 9}|{'-' * 19}|--------|")
    for name, figures, cpu in rows:
        print(
            f"| {name:<44} | {figures['rps']:>8,.0f} | {figures['p50']:>7.2f} | {figures['p99']:>7.2f} "
            f"| {cpu:>17.3f} | {figures['errors']:>6} |"
        )
    print(f"\ncount_view in process: {micro} µs per view")
    print(
        f"beacons answered: {sent:,}; views the last flush added: {int(flushed):,} in {flush_ms} ms; "
        f"views stored in all: {int(stored):,} (without Redis each server process flushes its own counts at most "
        "once a minute and what it holds when stopped is lost)"
    )


if __name__ == "__main__":
    main()
