"""Two app processes (granian) serve readers while a third process changes the content: each change
shows in both at once, with their page caches warm, with Redis evicting everything, and with Redis
stopped. The database the suite runs on (SQLite, or PostgreSQL when DATABASE_URL is set) is theirs.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from email.message import Message
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import HTTPRedirectHandler, Request, build_opener

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from wagtail.models import PageViewRestriction

from dateline.core.models import NewsroomSettings
from tests.news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
GRANIAN = Path(sys.executable).with_name("granian")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{settings['USER']}@{host}:{port}/{settings['NAME']}"


class NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(base: str, path: str) -> tuple[int, Message, str]:
    """GET as an anonymous reader: status, headers and body, redirects not followed."""
    opener = build_opener(NoRedirects)
    try:
        with opener.open(Request(base + path), timeout=20) as response:  # noqa: S310 - our own loopback server
            return response.status, response.headers, response.read().decode()
    except HTTPError as error:
        return error.code, error.headers, error.read().decode()


class AppProcesses:
    """Granian app processes sharing one database and one page store (files, or Redis)."""

    def __init__(self, tmp: Path, extra_env: dict[str, str]):
        self.env = {
            key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG", "TMPDIR", "PYTHONPATH"}
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="dateline.settings.dev",
            DEBUG="false",
            DATABASE_URL=database_url(),
            DATELINE_DATA_DIR=str(tmp),
            DATELINE_PAGE_CACHE_SECONDS="600",
            ALLOWED_HOSTS="127.0.0.1",
            **extra_env,
        )
        self.processes: list[subprocess.Popen] = []
        self.bases: list[str] = []
        self.logs = tmp / "logs"
        self.logs.mkdir(exist_ok=True)

    def start(self, count: int = 2) -> list[str]:
        for _ in range(count):
            port = free_port()
            log = (self.logs / f"app-{port}.log").open("w")
            command = [str(GRANIAN), "--interface", "wsgi", "dateline.wsgi:application", "--host", "127.0.0.1"]
            command += ["--port", str(port), "--workers", "1", "--no-ws", "--log-level", "warning"]
            self.processes.append(
                subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
            )
            self.bases.append(f"http://127.0.0.1:{port}")
        for base in self.bases:
            self._wait_for(base)
        return self.bases

    def _wait_for(self, base: str) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if fetch(base, "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        logs = "\n".join(path.read_text()[-2000:] for path in self.logs.iterdir())
        pytest.fail(f"app process at {base} did not start:\n{logs}")

    def stop(self) -> None:
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def story(section):
    story = ArticlePageFactory(parent=section, title="Ministers agree", slug="ministers-agree", live=False)
    story.save_revision().publish()
    story.refresh_from_db()
    return story


def start_apps(tmp_path, **extra_env):
    if not GRANIAN.exists():
        pytest.skip("granian is not installed in this environment")
    apps = AppProcesses(tmp_path, extra_env)
    return apps, apps.start()


@pytest.fixture
def apps(story, tmp_path):
    apps, bases = start_apps(tmp_path)
    yield bases
    apps.stop()


def warm(bases, paths):
    """Read each page through each process until it comes from the page cache."""
    for base in bases:
        for path in paths:
            # The first views create the site settings, which purges: the page is stored again after.
            statuses = [fetch(base, path)[1].get("X-Dateline-Cache") for _ in range(3)]
            assert statuses[-1] == "hit", (base, path, statuses)


def links_to(body: str, path: str) -> bool:
    return any(a.get("href", "").endswith(path) for a in BeautifulSoup(body, "lxml").find_all("a"))


def test_unpublishing_in_one_process_hides_the_story_in_the_others(apps, story):
    warm(apps, [story.url, "/", "/world/", "/feeds/rss.xml"])
    story.unpublish()
    for base in apps:
        assert fetch(base, story.url)[0] == 404
        assert not links_to(fetch(base, "/")[2], story.url)
        assert not links_to(fetch(base, "/world/")[2], story.url)
        assert story.url not in fetch(base, "/feeds/rss.xml")[2]


def test_publishing_in_one_process_shows_the_story_in_the_others(apps, story, section):
    warm(apps, ["/", "/world/", "/feeds/rss.xml"])
    newer = ArticlePageFactory(parent=section, title="Storm closes the port", slug="storm", live=False)
    newer.save_revision().publish()
    for base in apps:
        assert links_to(fetch(base, "/")[2], newer.url)
        assert links_to(fetch(base, "/world/")[2], newer.url)
        assert "/world/storm/" in fetch(base, "/feeds/rss.xml")[2]


def test_restricting_a_section_in_one_process_closes_it_in_the_others(apps, story, section):
    warm(apps, [story.url, "/world/", "/"])
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    for base in apps:
        status, headers, _body = fetch(base, story.url)
        assert status == 302
        assert "/login/" in headers["Location"]
        assert not links_to(fetch(base, "/")[2], story.url)


def test_a_setting_changed_in_one_process_shows_in_the_others(apps, story):
    warm(apps, [story.url])
    settings_row = NewsroomSettings.for_site(story.get_site())
    settings_row.outlet_code = "RHC"
    settings_row.save()
    for base in apps:
        dateline = BeautifulSoup(fetch(base, story.url)[2], "lxml").select_one(".dateline").get_text()
        assert "(RHC)" in dateline


@pytest.fixture
def private_redis(tmp_path):
    """A Redis of the test's own, so it can be flushed and stopped."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    command = [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    yield port, process
    process.kill()
    process.wait()


def redis_command(port: int, *words: str) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        payload = f"*{len(words)}\r\n" + "".join(f"${len(word)}\r\n{word}\r\n" for word in words)
        sock.sendall(payload.encode())
        assert sock.recv(64).startswith(b"+OK")


def test_with_redis_evicting_everything_and_then_stopped_readers_see_each_change(
    story, section, tmp_path, private_redis
):
    port, redis = private_redis
    apps, bases = start_apps(tmp_path, REDIS_URL=f"redis://127.0.0.1:{port}/0")
    try:
        warm(bases, [story.url, "/"])
        redis_command(port, "FLUSHALL")  # every key evicted at once, as allkeys-lru may do
        story.unpublish()
        for base in bases:
            assert fetch(base, story.url)[0] == 404
            assert not links_to(fetch(base, "/")[2], story.url)

        redis.kill()
        redis.wait()
        newer = ArticlePageFactory(parent=section, title="Storm closes the port", slug="storm", live=False)
        newer.save_revision().publish()
        for base in bases:
            assert fetch(base, newer.url)[0] == 200
            assert links_to(fetch(base, "/")[2], newer.url)
    finally:
        apps.stop()
