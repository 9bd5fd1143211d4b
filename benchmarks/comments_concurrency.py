"""Post many comments from many concurrent readers and check every accepted one is stored once.

    .venv/bin/python benchmarks/comments_concurrency.py --comments 1000 --clients 50
    .venv/bin/python benchmarks/comments_concurrency.py --database-url postgres://postgres@127.0.0.1:5432/postgres
    .venv/bin/python benchmarks/comments_concurrency.py --url http://127.0.0.1:8102 --article-id 5

Without --url it starts its own server (granian, 2 workers) on a fresh database: a temporary SQLite
file, or a new PostgreSQL database made beside the one --database-url names (dropped afterwards),
with a low captcha difficulty, X-Forwarded-For trusted from loopback and generous rate limits so
each simulated reader (own address, own e-mail) is one person. With --url, the benchmark reads the
database the server uses through DATABASE_URL / DATELINE_DATA_DIR in its own environment.
Each body carries a unique token; afterwards the table compares accepted (303) posts with rows.
Loopback only.
"""

import argparse
import base64
import hashlib
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def solve(challenge: dict) -> str:
    salt, target = challenge["salt"], challenge["challenge"]
    for number in range(int(challenge.get("maxNumber") or challenge.get("maxnumber")) + 1):
        if hashlib.sha256(f"{salt}{number}".encode()).hexdigest() == target:
            payload = {key: challenge[key] for key in ("algorithm", "challenge", "salt", "signature")}
            return base64.b64encode(json.dumps({**payload, "number": number}).encode()).decode()
    raise ValueError("no solution")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database_url: str | None, env_extra: dict) -> tuple[str, int, subprocess.Popen, dict, callable]:
    data_dir = tempfile.mkdtemp(prefix="dateline-bench-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.dev",
        "DEBUG": "false",
        "DATELINE_DATA_DIR": data_dir,
        "DATELINE_COMMENTS_CAPTCHA_MAX_NUMBER": "1000",
        "DATELINE_TRUSTED_PROXIES": "127.0.0.1",
        "DATELINE_COMMENTS_RATE_PER_ADDRESS": "1000/60",
        "DATELINE_COMMENTS_RATE_PER_EMAIL": "1000/60",
        "LOG_LEVEL": "WARNING",
        **env_extra,
    }
    cleanup = []
    if database_url:
        import psycopg

        parts = urllib.parse.urlsplit(database_url)
        name = f"dateline_bench_{os.getpid()}"
        with psycopg.connect(database_url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))

        def drop():
            with psycopg.connect(database_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        cleanup.append(drop)
    else:
        env.pop("DATABASE_URL", None)
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    setup = (
        "from django.utils import timezone;"
        "from wagtail.models import Site;"
        "from dateline.news.models import ArticlePage, SectionPage;"
        "from dateline.comments.models import CommentSettings;"
        "site = Site.objects.get(is_default_site=True); home = site.root_page;"
        "section = home.add_child(instance=SectionPage(title='Bench', slug='bench'));"
        "article = section.add_child(instance=ArticlePage(title='Bench article', slug='bench-article', body=[]));"
        "article.save_revision().publish();"
        "rules = CommentSettings.for_site(site); rules.min_seconds_to_post = 0; rules.notify_editors = False;"
        "rules.save(); print(article.pk)"
    )
    out = subprocess.run([*manage, "shell", "-c", setup], env=env, check=True, cwd=ROOT, capture_output=True, text=True)
    article_id = int(out.stdout.strip().splitlines()[-1])
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
            "--blocking-threads",
            "8",
            "--log-level",
            "warning",
            "dateline.wsgi:application",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return f"http://127.0.0.1:{port}", article_id, server, env, lambda: [fn() for fn in cleanup]


def post_one(base: str, article_id: int, n: int, run: str) -> dict:
    host = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
    reader_ip = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
    try:
        connection.request("GET", "/comments/challenge/", headers={"X-Forwarded-For": reader_ip})
        challenge = json.loads(connection.getresponse().read())
        token = f"{run}-{n}"
        form = urllib.parse.urlencode(
            {
                "name": f"Reader {n}",
                "email": f"reader{n}.{run}@bench.example",
                "body": f"Comment {token} from a reader.",
                "altcha": solve(challenge),
                "website": "",
                "parent": "",
            }
        )
        started = time.perf_counter()
        connection.request(
            "POST",
            f"/comments/{article_id}/post/",
            body=form,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": base, "X-Forwarded-For": reader_ip},
        )
        response = connection.getresponse()
        response.read()
        return {"token": token, "status": response.status, "latency": time.perf_counter() - started}
    except (OSError, http.client.HTTPException, ValueError) as error:
        return {"token": None, "status": type(error).__name__, "latency": 0.0}
    finally:
        connection.close()


def stored_tokens(env: dict, run: str) -> list[str]:
    code = (
        "import json; from dateline.comments.models import Comment;"
        f"print(json.dumps(list(Comment.objects.filter(body__contains='{run}-').values_list('body', flat=True))))"
    )
    out = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), "shell", "-c", code],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return [body.split()[1] for body in json.loads(out.stdout.strip().splitlines()[-1])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="a running server (loopback); default: start one")
    parser.add_argument("--article-id", type=int, help="with --url: the article to comment on")
    parser.add_argument("--database-url", help="without --url: PostgreSQL to make a fresh database beside")
    parser.add_argument("--redis-url", help="without --url: Redis for the server's cache (rate limits, captcha)")
    parser.add_argument("--comments", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()

    cleanup = lambda: None  # noqa: E731
    server = None
    if args.url:
        base, article_id, env = args.url.rstrip("/"), args.article_id, dict(os.environ)
        assert urllib.parse.urlsplit(base).hostname in ("127.0.0.1", "localhost", "::1"), "loopback only"
    else:
        extra = {"REDIS_URL": args.redis_url} if args.redis_url else {}
        base, article_id, server, env, cleanup = start_server(args.database_url, extra)
    run = uuid.uuid4().hex[:10]
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            results = list(pool.map(lambda n: post_one(base, article_id, n, run), range(args.comments)))
        elapsed = time.perf_counter() - started
        accepted = [r["token"] for r in results if r["status"] == 303]
        refused = Counter(str(r["status"]) for r in results if r["status"] != 303)
        stored = stored_tokens(env, run)
        counts = Counter(stored)
        latencies = sorted(r["latency"] for r in results if r["latency"])
        engine = "PostgreSQL" if (args.database_url or "postgres" in env.get("DATABASE_URL", "")) else "SQLite"
        rows = [
            ("database", engine),
            ("cache", "Redis" if env.get("REDIS_URL") else "local memory (per process)"),
            ("clients", args.clients),
            ("posted", len(results)),
            ("accepted (303)", len(accepted)),
            ("refused", ", ".join(f"{k}: {v}" for k, v in sorted(refused.items())) or "0"),
            ("stored", len(stored)),
            ("stored twice or more", sum(1 for c in counts.values() if c > 1)),
            ("accepted but missing", len(set(accepted) - set(counts))),
            ("stored but not accepted", len(set(counts) - set(accepted))),
            ("accepted/s", f"{len(accepted) / elapsed:.1f}"),
            ("POST latency p50", f"{statistics.median(latencies) * 1000:.0f} ms" if latencies else "-"),
            ("POST latency p99", f"{latencies[int(len(latencies) * 0.99) - 1] * 1000:.0f} ms" if latencies else "-"),
        ]
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value}")
        ok = len(set(accepted) - set(counts)) == 0 and all(c == 1 for c in counts.values())
        sys.exit(0 if ok else 1)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
        cleanup()


if __name__ == "__main__":
    main()
