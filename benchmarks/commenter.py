"""Post reader comments the way a browser does: fetch a challenge, solve it, wait, post the form.

Used by benchmarks/run (the comment POST row) and benchmarks/failure_drills.py. Each simulated
reader has its own address (sent as X-Forwarded-For, which the stack's app trusts from Varnish and
loopback) and e-mail, so the per-reader rate limits measure what many readers posting at once cost.
Only ever talks to a loopback URL.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field


def solve(challenge: dict) -> str:
    """ALTCHA's proof of work: the number whose SHA-256 with the salt is the challenge."""
    salt, target = challenge["salt"], challenge["challenge"]
    for number in range(int(challenge.get("maxnumber", challenge.get("maxNumber", 1_000_000))) + 1):
        if hashlib.sha256(f"{salt}{number}".encode()).hexdigest() == target:
            payload = {key: challenge[key] for key in ("algorithm", "challenge", "salt", "signature")}
            payload["number"] = number
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise ValueError("challenge has no solution")


@dataclass
class Outcome:
    status: int  # HTTP status, or 0 when the connection failed
    seconds: float
    token: str


@dataclass
class Poster:
    """Posts comments to one article through one base URL (Varnish or an app process)."""

    base_url: str
    article_id: int
    article_path: str
    run_token: str
    min_seconds: float = 3.0
    timeout: float = 10.0
    _counter: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _connection(self) -> http.client.HTTPConnection:
        parts = urllib.parse.urlsplit(self.base_url)
        assert parts.hostname in ("127.0.0.1", "localhost", "::1"), "load only ever goes to loopback"
        return http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=self.timeout)

    def next_reader(self) -> int:
        with self._lock:
            self._counter += 1
            return self._counter

    def challenge(self) -> tuple[str, float]:
        """A solved challenge and when it was issued (posting sooner than min_seconds is refused)."""
        connection = self._connection()
        try:
            connection.request("GET", "/comments/challenge/", headers={"Accept": "application/json"})
            response = connection.getresponse()
            body = response.read()
            if response.status != 200:
                raise ConnectionError(f"challenge answered {response.status}")
            issued = time.monotonic()
            return solve(json.loads(body)), issued
        finally:
            connection.close()

    def post(self, solution: str, issued: float) -> Outcome:
        reader = self.next_reader()
        wait = self.min_seconds + 0.05 - (time.monotonic() - issued)
        if wait > 0:
            time.sleep(wait)
        token = f"{self.run_token}-{reader}"
        form = {
            "name": f"Reader {reader}",
            "email": f"reader-{token}@example.org",
            "body": f"Benchmark comment {token}: the council should publish the full budget.",
            "altcha": solution,
            "website": "",
        }
        # A distinct documentation-range address per reader, so per-address limits apply per reader.
        address = f"198.18.{(reader >> 8) & 255}.{reader & 255}"
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.base_url.rstrip("/"),
            "Referer": self.base_url.rstrip("/") + self.article_path,
            "X-Forwarded-For": address,
        }
        started = time.monotonic()
        connection = self._connection()
        try:
            connection.request(
                "POST", f"/comments/{self.article_id}/post/", body=urllib.parse.urlencode(form), headers=headers
            )
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
        finally:
            connection.close()
        return Outcome(status=status, seconds=time.monotonic() - started, token=token)

    def post_one(self) -> Outcome:
        try:
            solution, issued = self.challenge()
        except (OSError, http.client.HTTPException, ValueError):
            return Outcome(status=0, seconds=0.0, token="")
        return self.post(solution, issued)


def stored_comments(database_url: str, run_token: str) -> int:
    """How many comments of this run the database holds (accepted posts must all be there)."""
    import psycopg

    with psycopg.connect(database_url, connect_timeout=5) as connection:
        row = connection.execute(
            "SELECT count(*) FROM comments_comment WHERE body LIKE %s", (f"Benchmark comment {run_token}-%",)
        ).fetchone()
    return int(row[0])


def stored_tokens(database_url: str, run_token: str) -> set[str]:
    import psycopg

    with psycopg.connect(database_url, connect_timeout=5) as connection:
        rows = connection.execute(
            "SELECT body FROM comments_comment WHERE body LIKE %s", (f"Benchmark comment {run_token}-%",)
        ).fetchall()
    return {body.split(" ", 2)[2].split(":", 1)[0] for (body,) in rows}
