"""Freshness through the production topology: a change made by another process (a `dateline shell`,
as an editor's publish would be) shows through Varnish and through each app process directly within
2 seconds, on every representation of the story. Only with `pytest -m stack`:

    .venv/bin/python -m pytest tests/production/test_freshness_stack.py -m stack -q -s
"""

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import HTTPRedirectHandler, Request, build_opener

import pytest

pytestmark = pytest.mark.stack

REPO = Path(__file__).resolve().parents[2]
STACK = REPO / "deploy" / "local-stack"
APPS = tuple(f"http://127.0.0.1:{port}" for port in os.environ.get("DATELINE_STACK_APP_PORTS", "8301 8302").split())
DEADLINE_SECONDS = 2.0
UNPUBLISH = "from wagtail.models import Page; Page.objects.get(pk={id}).specific.unpublish()"
REPUBLISH = "from wagtail.models import Page; Page.objects.get(pk={id}).specific.save_revision().publish()"

DESCRIBE_NEWEST_STORY = """
import json
from dateline.news.models import ArticlePage
from django.conf import settings
story = (
    ArticlePage.objects.live().public().filter(locale__language_code=settings.LANGUAGE_CODE)
    .order_by("-first_published_at").first()
)
tag = story.tags.first()
print(json.dumps({
    "id": story.pk,
    "path": story.url,
    "section": story.get_parent().url,
    "tag": f"/tags/{tag.slug}/" if tag else None,
    "month": f"{story.first_published_at:%Y-%m}",
    # The headline's longest word: a short first word ("How") may be a stop word search ignores.
    "word": max(story.title.split(), key=len).strip(".,:;!?"),
}))
"""


class NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str) -> tuple[int, str]:
    try:
        with build_opener(NoRedirects).open(Request(url), timeout=20) as response:  # noqa: S310 - loopback stack
            return response.status, response.read().decode()
    except HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def stack():
    up = subprocess.run([str(STACK), "up"], capture_output=True, text=True, timeout=900, check=False)  # noqa: S603
    if up.returncode != 0:
        pytest.fail(f"deploy/local-stack up failed:\n{up.stderr[-3000:]}")
    varnish = up.stdout.strip().splitlines()[-1].rstrip("/")
    printed = subprocess.run([str(STACK), "env"], capture_output=True, text=True, check=True)  # noqa: S603
    env = dict(line.split("=", 1) for line in printed.stdout.splitlines() if "=" in line)
    yield varnish, env
    subprocess.run([str(STACK), "down"], check=False, capture_output=True)  # noqa: S603


def shell(env: dict, code: str) -> str:
    """Run Python in a separate Dateline process, as another host's editor would change content."""
    finished = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return finished.stdout


def representations(story: dict) -> list[str]:
    paths = ["/", story["section"], "/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json"]
    paths += [f"/sitemap-{story['month']}.xml", "/news-sitemap.xml", f"/search/?q={story['word']}"]
    return paths + ([story["tag"]] if story["tag"] else [])


def seconds_until(urls: list[str], holds) -> dict[str, tuple[float, int] | None]:
    """Poll every URL at once until `holds(status, body)`: for each, when the request that first saw
    it began (seconds after the change committed) and how many requests that took, or None."""
    started = time.monotonic()
    took: dict[str, tuple[float, int] | None] = dict.fromkeys(urls)

    def poll(url: str) -> None:
        attempts = 0
        while time.monotonic() - started < DEADLINE_SECONDS * 2:
            asked_at = time.monotonic() - started
            attempts += 1
            if holds(*fetch(url)):
                took[url] = (round(asked_at, 2), attempts)
                return
            time.sleep(0.05)

    with ThreadPoolExecutor(max_workers=len(urls)) as pool:
        list(pool.map(poll, urls))
    return took


def fresh_at_once(took: dict) -> bool:
    """Every URL showed the change within the deadline, or on the very first request made after it
    (on a busy machine that request may itself wait its turn: it still began after the change)."""
    return all(found is not None and (found[0] <= DEADLINE_SECONDS or found[1] == 1) for found in took.values())


def everywhere(varnish: str, paths: list[str]) -> list[str]:
    return [base + path for base in (varnish, *APPS) for path in paths]


def report(what: str, took: dict) -> None:
    print(f"\n{what} (seconds after the change when the request that first saw it began; requests):")  # noqa: T201
    for url, found in took.items():
        print(f"  {found if found is not None else 'NOT WITHIN 4 s'!s:>12}  {url}")  # noqa: T201


def test_a_story_taken_down_vanishes_everywhere_within_two_seconds(stack):
    varnish, env = stack
    story = json.loads(shell(env, DESCRIBE_NEWEST_STORY).strip().splitlines()[-1])
    urls = everywhere(varnish, [story["path"], *representations(story)])
    for url in urls:  # cached in Varnish, memo warm in both app processes
        fetch(url)
        fetch(url)

    shell(env, UNPUBLISH.format(id=story["id"]))
    try:
        took = seconds_until(urls, lambda status, body: status == 404 or story["path"] not in body)
        report("unpublished: seconds until gone", took)
        assert fresh_at_once(took), took
    finally:
        shell(env, REPUBLISH.format(id=story["id"]))

    took = seconds_until(urls, lambda status, body: status == 200 and story["path"] in body)
    report("published again: seconds until back", took)
    assert fresh_at_once(took), took


def test_a_section_made_login_only_closes_everywhere_within_two_seconds(stack):
    varnish, env = stack
    story = json.loads(shell(env, DESCRIBE_NEWEST_STORY).strip().splitlines()[-1])
    urls = everywhere(varnish, [story["path"]])
    for url in urls:
        fetch(url)
        fetch(url)
    restrict = (
        "from wagtail.models import Page, PageViewRestriction; "
        f"section = Page.objects.get(pk={story['id']}).get_parent(); "
        "PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)"
    )
    shell(env, restrict)
    try:
        took = seconds_until(urls, lambda status, body: status == 302)
        report("section restricted: seconds until the story asks for a login", took)
        assert fresh_at_once(took), took
    finally:
        shell(
            env,
            "from wagtail.models import Page, PageViewRestriction; "
            f"PageViewRestriction.objects.filter(page=Page.objects.get(pk={story['id']}).get_parent()).delete()",
        )
