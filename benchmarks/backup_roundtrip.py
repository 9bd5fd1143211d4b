"""The backup, wipe and restore round trip of the data in DATABASE_URL, timed: one table.

    DATABASE_URL=postgres://... DATELINE_DATA_DIR=... .venv/bin/python benchmarks/backup_roundtrip.py

Runs the real commands, each in its own process, and reports the seconds each says its work took
(without starting Python and Django): `backup` of the site's database and media, `restore --verify` (into a scratch
database and folder, compared with the manifest, dropped), then `restore` into a new, empty database
and media folder, which is what a wiped server is (PostgreSQL: a database this script creates and
drops; SQLite: a new file). The site's own database and media are only read. The restore runs without
REDIS_URL and DATELINE_VARNISH_URL, so it cannot purge a running stack's caches.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def run(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    """(wall-clock seconds, the output's lines)."""
    started = time.monotonic()
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(command[1:])} failed:\n{result.stderr.strip()[-2000:]}")
    return seconds, result.stdout.strip().splitlines()


def own_seconds(lines: list[str]) -> float:
    """The seconds a command reports for its own work (its first line), without starting Python and Django."""
    return float(re.findall(r"(\d+\.\d) s", lines[0])[-1])


def scratch_database(url: str, folder: Path) -> tuple[str, str | None]:
    """A new, empty database beside the site's: (its DATABASE_URL, its PostgreSQL name or None)."""
    parts = urlsplit(url)
    if parts.scheme.startswith("postgres"):
        name = f"dl_roundtrip_{os.getpid()}"
        pg_env = {**os.environ, **_pg_env(parts)}
        subprocess.run(["createdb", "--template=template0", "--encoding=UTF8", name], env=pg_env, check=True)
        return urlunsplit(parts._replace(path=f"/{name}")), name
    return f"sqlite:///{folder / 'restored.sqlite3'}", None


def drop_database(url: str, name: str | None) -> None:
    if name is not None:
        env = {**os.environ, **_pg_env(urlsplit(url))}
        subprocess.run(["dropdb", "--if-exists", "--force", name], env=env, check=True)


def _pg_env(parts) -> dict[str, str]:
    env = {"PGHOST": parts.hostname or "127.0.0.1", "PGPORT": str(parts.port or 5432)}
    if parts.username:
        env["PGUSER"] = parts.username
    if parts.password:
        env["PGPASSWORD"] = parts.password
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keep", action="store_true", help="Keep the archive (its path is printed).")
    args = parser.parse_args()

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "dateline.settings.dev")}
    url = env.get("DATABASE_URL", "sqlite (DATELINE_DATA_DIR)")
    work = Path(tempfile.mkdtemp(prefix="dateline-roundtrip-"))
    scratch_url, scratch_name = None, None
    try:
        count_seconds, counted = run([*MANAGE, "shell", "-c", COUNT], env)
        _wall, written = run([*MANAGE, "backup", "--output", str(work / "backups")], env)
        archive = Path(re.search(r"Wrote (\S+\.tar)", written[0])[1])
        _wall, verified = run([*MANAGE, "restore", "--verify", str(archive)], env)

        scratch_url, scratch_name = scratch_database(env.get("DATABASE_URL", ""), work)
        wiped = {
            **{key: value for key, value in env.items() if key not in ("REDIS_URL", "DATELINE_VARNISH_URL")},
            "DATABASE_URL": scratch_url,
            "DATELINE_DATA_DIR": str(work / "restored-data"),
            "MEDIA_ROOT": str(work / "restored-media"),
        }
        _wall, restored = run([*MANAGE, "restore", str(archive)], wiped)
        _seconds, recounted = run([*MANAGE, "shell", "-c", COUNT], wiped)
        counted, recounted = counted[-1], recounted[-1]
        if recounted != counted:
            sys.exit(f"The restored site differs: {counted.strip()} before, {recounted.strip()} after.")

        size = archive.stat().st_size
        backup_seconds, verify_seconds, restore_seconds = map(own_seconds, (written, verified, restored))
        summary = re.search(r"\): (.*), in [\d.]+ s", written[0])[1]
        print(f"Backup round trip of {_safe(url)}: {counted.strip()}; {summary}")
        print()
        print("| step | seconds | note |")
        print("| --- | ---: | --- |")
        print(f"| backup (database + media → one archive) | {backup_seconds:.1f} | archive {size / 1e6:.1f} MB |")
        print(
            f"| backup --verify part (restore into scratch, compare, drop) | {verify_seconds:.1f} | {_tail(verified)} |"
        )
        print(f"| restore into an empty database and media folder | {restore_seconds:.1f} | {_tail(restored)} |")
        print(f"| round trip (backup + verify + restore) | {backup_seconds + verify_seconds + restore_seconds:.1f} | |")
        print()
        print(f"Seconds as each command reports them, without starting Python and Django ({count_seconds:.1f} s here).")
        if args.keep:
            kept = ROOT / "data" / "backups" / archive.name
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(archive, kept)
            print(f"Archive kept: {kept}")
    finally:
        if scratch_url is not None:
            drop_database(scratch_url, scratch_name)
        shutil.rmtree(work, ignore_errors=True)


COUNT = (
    "from dateline.news.models import ArticlePage; from wagtail.models import Page; "
    "from dateline.photos.models import Photo; "
    "print(f'{ArticlePage.objects.count()} articles, {Page.objects.count()} pages, {Photo.objects.count()} photos')"
)


def _tail(lines: list[str]) -> str:
    return re.sub(r"\s*\(\d+\.\d s\)\.?$", "", lines[0]).split(": ", 1)[-1] + "".join(f"; {line}" for line in lines[1:])


def _safe(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
    return urlunsplit(parts)


if __name__ == "__main__":
    main()
