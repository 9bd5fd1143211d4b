"""Failure drills against the local stack, under load: Redis stopped, PostgreSQL restarted, an app
process killed with SIGKILL. Each prints what readers and commenters saw.

    benchmarks/failure_drills.py [redis] [postgres] [kill]      (default: all three)

Needs the stack's private Redis and PostgreSQL (the default ports 6391 and 5441): the drills stop
and restart those, never the machine's shared ones. Brings the stack up if it is not running and
stops it again afterwards (unless --keep-stack). Load goes to loopback only and each drill lasts
about half a minute.

Readers fetch pages through Varnish (and one app process directly, which without its database
answers 503 rather than a page it cannot vouch for);
commenters post through Varnish, each as a different reader. After each drill, every comment that
got its 303 must be in the database.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from commenter import Poster, stored_tokens

REPO = Path(__file__).resolve().parent.parent
STACK = REPO / "deploy" / "local-stack"
STACK_DIR = Path(os.environ.get("DATELINE_STACK_DIR", "/tmp/dateline-stack"))  # noqa: S108 - the stack's folder
VARNISH = "http://127.0.0.1:6081"
APP_PORTS = (8301, 8302)


@dataclass
class Event:
    at: float
    kind: str  # "read" or "post"
    status: int  # 0 = connection failed
    cache: str = ""
    token: str = ""
    target: str = ""
    seconds: float = 0.0


@dataclass
class Load:
    """Readers and commenters in background threads until stop(); every answer is recorded."""

    read_urls: list[str]
    poster: Poster
    readers: int = 6
    posters: int = 6
    events: list[Event] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, event: Event) -> None:
        with self._lock:
            self.events.append(event)

    def _reader(self, offset: int) -> None:
        connections: dict[str, http.client.HTTPConnection] = {}
        n = offset
        while not self._stop.is_set():
            url = urllib.parse.urlsplit(self.read_urls[n % len(self.read_urls)])
            n += 1
            assert url.hostname == "127.0.0.1"
            started = time.monotonic()
            for attempt in (1, 2):
                reused = url.netloc in connections
                connection = connections.pop(url.netloc, None) or http.client.HTTPConnection(
                    url.hostname, url.port, timeout=10
                )
                try:
                    connection.request("GET", url.path + (f"?{url.query}" if url.query else ""))
                    response = connection.getresponse()
                    response.read()
                except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as error:
                    connection.close()
                    if reused and attempt == 1:
                        continue  # the server closed an idle keep-alive connection: browsers retry too
                    self.record(Event(started, "read", 0, type(error).__name__, target=url.geturl()))
                except (OSError, http.client.HTTPException) as error:
                    connection.close()
                    self.record(Event(started, "read", 0, type(error).__name__, target=url.geturl()))
                else:
                    cache = response.getheader("X-Cache") or response.getheader("X-Dateline-Cache") or ""
                    self.record(
                        Event(
                            started,
                            "read",
                            response.status,
                            cache,
                            target=url.geturl(),
                            seconds=time.monotonic() - started,
                        )
                    )
                    if response.getheader("Connection", "").lower() != "close":
                        connections[url.netloc] = connection
                break
            time.sleep(0.01)  # bounded: at most ~100 requests a second per reader

    def _commenter(self) -> None:
        while not self._stop.is_set():
            outcome = self.poster.post_one()
            self.record(Event(time.monotonic(), "post", outcome.status, token=outcome.token))
            if outcome.status != 303:
                time.sleep(0.2)

    def start(self) -> None:
        for n in range(self.readers):
            self._threads.append(threading.Thread(target=self._reader, args=(n,), daemon=True))
        for _ in range(self.posters):
            self._threads.append(threading.Thread(target=self._commenter, daemon=True))
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


def stack(*args: str) -> None:
    subprocess.run([str(STACK), *args], check=True, stdout=subprocess.DEVNULL)


def get(url: str, timeout: float = 2.0) -> int:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException):
        return 0
    finally:
        connection.close()


def wait_until(predicate, limit: float) -> float | None:
    """Seconds until predicate() holds, polling every 50 ms; None if it never did within limit."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def soft_purge_all() -> None:
    """Expire every page in Varnish but keep it in grace, as pages whose lifetime ran out are (publishing
    purges hard)."""
    connection = http.client.HTTPConnection("127.0.0.1", 6081, timeout=5)
    connection.request("PURGE", "/", headers={"xkey-purge": "all"})
    connection.getresponse().read()
    connection.close()


def summarise(name: str, load: Load, fault_at: float, back_at: float, env: dict, extra: dict) -> dict:
    reads = [e for e in load.events if e.kind == "read"]
    posts = [e for e in load.events if e.kind == "post"]
    during = [e for e in reads if fault_at <= e.at <= back_at + 2]
    through_varnish = [e for e in during if ":6081" in e.target]
    direct: dict[str, int] = {}
    for e in during:
        if ":6081" not in e.target:
            direct[str(e.status or e.cache)] = direct.get(str(e.status or e.cache), 0) + 1
    accepted = {e.token for e in posts if e.status == 303}
    stored = stored_tokens(env["DATABASE_URL"], load.poster.run_token)
    post_statuses: dict[str, int] = {}
    for e in posts:
        post_statuses[str(e.status)] = post_statuses.get(str(e.status), 0) + 1
    failed: dict[str, int] = {}
    for e in reads:
        if not 200 <= e.status < 400:
            where = f"{e.status or e.cache} from {'Varnish' if ':6081' in e.target else 'app directly'}"
            failed[where] = failed.get(where, 0) + 1
    summary = {
        "drill": name,
        "reads": len(reads),
        "read errors (non-2xx/3xx or no answer)": sum(1 for e in reads if not 200 <= e.status < 400),
        "read failures by kind": failed,
        "reads during the fault": len(during),
        "slowest read during the fault (s)": round(max((e.seconds for e in during), default=0), 2),
        "read errors during the fault": sum(1 for e in during if not 200 <= e.status < 400),
        "read errors through Varnish during the fault": sum(1 for e in through_varnish if not 200 <= e.status < 400),
        # The app serves no stored page it cannot vouch for: without the database, a direct read is a 503.
        "direct app answers during the fault": direct,
        "stale pages served (X-Cache hit-stale)": sum(1 for e in reads if e.cache == "hit-stale"),
        "posts": len(posts),
        "post answers": post_statuses,
        "accepted (303)": len(accepted),
        "accepted and stored": len(accepted & stored),
        "accepted but lost": len(accepted - stored),
        **extra,
    }
    print(f"\n== {name}")
    for key, value in summary.items():
        if key != "drill":
            print(f"  {key}: {value}")
    return summary


def drill_redis(load_factory, env) -> dict:
    load = load_factory()
    load.start()
    time.sleep(5)
    fault_at = time.monotonic()
    stack("service", "redis", "stop")
    time.sleep(10)
    back_at = time.monotonic()
    stack("service", "redis", "start")
    port = env["REDIS_URL"].rsplit(":", 1)[1].split("/")[0]

    def redis_in_use() -> bool:
        keys = subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", port, "-n", env["REDIS_URL"].rsplit("/", 1)[1], "dbsize"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        return keys.isdigit() and int(keys) > 0

    recovered = wait_until(redis_in_use, 20)
    time.sleep(5)
    load.stop()
    extra = {
        "Redis down (s)": round(back_at - fault_at, 1),
        "seconds until the app wrote to Redis again": None if recovered is None else round(recovered, 2),
    }
    return summarise("Redis stopped for 10 s under load", load, fault_at, back_at, env, extra)


def drill_postgres(load_factory, env) -> dict:
    load = load_factory()
    load.start()
    time.sleep(5)
    soft_purge_all()  # every page is now stale-but-usable, as after a burst of publishing
    time.sleep(1)
    fault_at = time.monotonic()
    stack("service", "postgres", "stop")
    time.sleep(8)
    back_at = time.monotonic()
    stack("service", "postgres", "start")
    recovered = wait_until(lambda: all(get(f"http://127.0.0.1:{port}/healthz?db=1") == 200 for port in APP_PORTS), 30)
    time.sleep(5)
    load.stop()
    pids_after = extra_pids()
    first_post = min(
        (e.at for e in load.events if e.kind == "post" and e.status == 303 and e.at > back_at), default=None
    )
    extra = {
        "PostgreSQL down (s)": round(back_at - fault_at, 1),
        "seconds from PostgreSQL back to the next accepted comment": None
        if first_post is None
        else round(first_post - back_at, 2),
        "seconds until both app processes used the database again": None if recovered is None else round(recovered, 2),
        "app processes restarted": "no" if pids_after == app_pids_at_start else "yes",
    }
    return summarise("PostgreSQL stopped for 8 s, then started, under load", load, fault_at, back_at, env, extra)


def worker_pid(port: int) -> int | None:
    parent = (STACK_DIR / "pids" / f"app-{port}.pid").read_text().split()[0]
    children = subprocess.run(["ps", "-o", "pid=", "--ppid", parent], capture_output=True, text=True).stdout.split()
    return int(children[0]) if children else None


def extra_pids() -> dict[int, int | None]:
    return {port: worker_pid(port) for port in APP_PORTS}


def drill_kill(load_factory, env) -> dict:
    load = load_factory()
    load.start()
    time.sleep(5)
    victim = worker_pid(APP_PORTS[0])
    fault_at = time.monotonic()
    os.kill(victim, 9)
    respawned = wait_until(
        lambda: (
            worker_pid(APP_PORTS[0]) not in (None, victim) and get(f"http://127.0.0.1:{APP_PORTS[0]}/healthz") == 200
        ),
        60,
    )
    back_at = time.monotonic()
    time.sleep(5)
    load.stop()
    reads = [e for e in load.events if e.kind == "read" and e.at >= fault_at]
    failures = [e.at - fault_at for e in reads if not 200 <= e.status < 400]
    extra = {
        "killed worker pid": victim,
        "seconds until granian had a new worker answering": None if respawned is None else round(respawned, 2),
        "last reader error after the kill (s)": round(max(failures), 2) if failures else None,
    }
    return summarise(f"kill -9 of the app worker on :{APP_PORTS[0]} under load", load, fault_at, back_at, env, extra)


app_pids_at_start: dict[int, int | None] = {}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("drills", nargs="*", help="redis, postgres, kill (default: all)")
    parser.add_argument("--keep-stack", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    drills = args.drills or ["redis", "postgres", "kill"]

    started_stack = get(VARNISH + "/healthz") != 200
    if started_stack:
        print("drills: bringing the local stack up", file=sys.stderr)
        stack("up")
    env = dict(line.split("=", 1) for line in (STACK_DIR / "env").read_text().splitlines() if "=" in line)
    if env["REDIS_URL"].startswith("redis://127.0.0.1:6379") or ":5432/" in env["DATABASE_URL"]:
        sys.exit("The drills stop Redis and PostgreSQL: run the stack with its private ones (the default ports).")
    try:
        if (
            subprocess.run(
                ["psql", env["DATABASE_URL"], "-tAc", "SELECT 1 FROM wagtailcore_page WHERE slug='benchmark-article'"],
                capture_output=True,
                text=True,
            ).stdout.strip()
            != "1"
        ):
            subprocess.run(
                [sys.executable, str(REPO / "benchmarks" / "generate.py"), "--articles", "200", "--comments", "2000"],
                check=True,
                env={**os.environ, **env},
                capture_output=True,
            )
        rows = subprocess.run(
            [
                "psql",
                env["DATABASE_URL"],
                "-tAc",
                "SELECT id, url_path FROM wagtailcore_page WHERE depth >= 3 AND live ORDER BY id DESC LIMIT 40",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        home_prefix = "/" + rows[0].split("|")[1].split("/")[1]
        paths = [row.split("|")[1].removeprefix(home_prefix) for row in rows]
        article_id, article_path = next(
            (int(r.split("|")[0]), r.split("|")[1].removeprefix(home_prefix))
            for r in subprocess.run(
                [
                    "psql",
                    env["DATABASE_URL"],
                    "-tAc",
                    "SELECT id, url_path FROM wagtailcore_page WHERE slug='benchmark-article'",
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
        )
        read_urls = [VARNISH + path for path in ["/", *paths]] + [
            f"http://127.0.0.1:{APP_PORTS[1]}/",
            f"http://127.0.0.1:{APP_PORTS[1]}{article_path}",
        ]
        for url in read_urls:  # warm every cache first
            get(url, timeout=30)
        app_pids_at_start.update(extra_pids())

        def load_factory() -> Load:
            poster = Poster(VARNISH + "/", article_id, article_path, f"drill{uuid.uuid4().hex[:8]}")
            return Load(read_urls, poster)

        results = []
        for name in drills:
            results.append(
                {"redis": drill_redis, "postgres": drill_postgres, "kill": drill_kill}[name](load_factory, env)
            )
            time.sleep(3)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
        lost = sum(r["accepted but lost"] for r in results)
        print(f"\ndrills: {len(results)} run, {lost} accepted comments lost")
        return 1 if lost else 0
    finally:
        if started_stack and not args.keep_stack:
            stack("down")


if __name__ == "__main__":
    sys.exit(main())
