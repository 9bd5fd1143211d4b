"""`dateline backup` and `dateline restore`: an archive proven by restoring it, and bad input refused.

The tests that restore into the site's own database wipe it first (SQLite: the file is deleted;
PostgreSQL: the schema dropped), so they run as transactional tests and put the migrated database
back afterwards from an archive of it.
"""

import hashlib
import io
import json
import shutil
import tarfile
import zlib
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from PIL import Image
from wagtail.models import Collection

from dateline.core import backup
from dateline.core.backup import BackupError, restore_backup, verify_backup, write_backup
from dateline.core.memo import memo
from dateline.core.models import PurgeCounter
from dateline.news.models import ArticlePage
from tests.core.page_cache import page_cache  # noqa: F401
from tests.news.factories import ArticlePageFactory

# Never crawled: the admin, POST-only and private endpoints, files (media are compared as files).
NOT_PAGES = ("/admin/", "/django-admin/", "/comments/", "/static/", "/media/", "/documents/", "/healthz")
MAX_PAGES = 600


def wipe_site(media_root: Path | None) -> None:
    """What a lost server leaves: no tables, no media, empty caches (only the tables without media_root)."""
    connection.close()
    if connection.vendor == "sqlite":
        name = connection.settings_dict["NAME"]
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        connection.close()
    if media_root is None:
        return
    shutil.rmtree(media_root, ignore_errors=True)
    for cache in caches.all(initialized_only=True):
        cache.clear()
    memo.clear()


def table_count() -> int:
    return len(connection.introspection.table_names())


@pytest.fixture
def empty_site(transactional_db, settings, tmp_path):
    """An empty database and media folder; the migrated database comes back afterwards."""
    migrated = write_backup(output=tmp_path / "migrated.tar", include_media=False)
    wipe_site(Path(settings.MEDIA_ROOT))
    yield Path(settings.MEDIA_ROOT)
    wipe_site(Path(settings.MEDIA_ROOT))
    restore_backup(archive=migrated.path, media=False)


@pytest.fixture
def archive(db, settings, tmp_path) -> Path:
    """An archive of the test database (as committed: the migrations' rows) and two media files."""
    media = Path(settings.MEDIA_ROOT)
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "harbour.jpg").write_bytes(b"\xff\xd8 not really a photo")
    (media / "documents").mkdir()
    (media / "documents" / "budget.pdf").write_bytes(b"%PDF-1.4 the budget")
    return write_backup(output=tmp_path / "backups").path


def members_of(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {info.name: tar.extractfile(info).read() for info in tar.getmembers()}


def write_archive(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def resigned(manifest: dict) -> bytes:
    """The manifest re-signed with this site's key, as only someone holding SECRET_KEY can."""
    body = {key: value for key, value in manifest.items() if key != "signature"}
    body["signature"] = backup._signer().sign(backup._manifest_digest(body))
    return json.dumps(body).encode()


def folder_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# --- The round trip ----------------------------------------------------------------------------------


def _flat_jpeg(key: str) -> bytes:
    # A flat colour per key: real, distinct JPEGs without the cost of drawing the demo's scenes.
    seed = zlib.crc32(key.encode())
    out = io.BytesIO()
    Image.new("RGB", (160, 90), (seed % 256, seed // 256 % 256, seed // 65536 % 256)).save(out, "JPEG")
    return out.getvalue()


def crawl(client) -> dict[str, tuple[int, str, bytes]]:
    """Every public page reachable from the front pages, the sitemap and robots.txt: status, type, body."""
    seen: dict[str, tuple[int, str, bytes]] = {}
    queue = ["/", "/es/", "/sitemap.xml", "/robots.txt"]
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        kind = response.get("Content-Type", "")
        # A page made for each request (a form with its CSRF token, e.g. the newsletter sign-up) is
        # compared by status and type: its bytes differ between any two requests, restore or not.
        per_request = "no-store" in response.get("Cache-Control", "")
        seen[path] = (response.status_code, kind, b"" if per_request else response.content)
        if response.status_code != 200:
            continue
        if "html" in kind:
            soup = BeautifulSoup(response.content, "lxml")
            found = [tag.get("href") for tag in soup.select("a[href], link[href]")]
        elif "xml" in kind:
            found = [tag.get_text() for tag in BeautifulSoup(response.content, "xml").find_all("loc")]
        else:
            continue
        for url in found:
            parts = urlsplit(url or "")
            if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if not target.startswith(NOT_PAGES) and target not in seen:
                queue.append(target)
    return seen


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_serves_every_public_page_byte_for_byte(home, settings, tmp_path, monkeypatch, client):
    from dateline.demo import pictures

    monkeypatch.setattr(pictures, "draw_scene", _flat_jpeg)
    monkeypatch.setattr(pictures, "draw_portrait", _flat_jpeg)
    if Collection.get_first_root_node() is None:  # an earlier transactional test flushed the migrations' rows
        Collection.add_root(name="Root")
    call_command("demo", "--articles", "4", stdout=StringIO())
    # Empty feeds say when they were built: both crawls read the same clock.
    instant = timezone.now()
    with time_machine.travel(instant, tick=False):
        before = crawl(client)
        assert crawl(client) == before  # the pages do not change by themselves: a difference below is the restore's
    media_before = folder_digest(Path(settings.MEDIA_ROOT))
    archive = write_backup(output=tmp_path / "backups").path

    wipe_site(Path(settings.MEDIA_ROOT))
    assert table_count() == 0
    restore_backup(archive=archive)

    with time_machine.travel(instant, tick=False):
        after = crawl(client)
    assert sorted(after) == sorted(before)
    assert [path for path in before if after[path] != before[path]] == []
    assert sum(1 for status, kind, _body in before.values() if status == 200 and "html" in kind) > 30
    assert folder_digest(Path(settings.MEDIA_ROOT)) == media_before
    assert any(name.startswith("original_images/") for name in media_before)


def test_restore_starts_a_purge_epoch_above_every_generation_a_cache_may_hold(
    transactional_db,
    home,
    section,
    client,
    tmp_path,
    monkeypatch,
    page_cache,  # noqa: F811
):
    story = ArticlePageFactory(parent=section, title="Before the backup")
    story.save_revision().publish()
    old = write_backup(output=tmp_path / "old.tar").path
    story.title = "After the backup"
    story.save_revision().publish()
    client.get(story.url)
    assert "After the backup" in client.get(story.url).content.decode()  # cached, at today's generation
    cached_at = PurgeCounter.objects.get(pk=1).generation

    # The database is lost and restored from the older archive; the page cache is one this process
    # cannot reach (another host's Redis), so it still holds today's page.
    monkeypatch.setattr(backup, "CACHES_EMPTIED_ON_RESTORE", ())
    wipe_site(None)
    restore_backup(archive=old, media=False)
    # Other edits follow, as many as would bring a counted-on generation back to the cached one.
    assert PurgeCounter.objects.get(pk=1).generation > cached_at
    from dateline.core.purge import purge

    for n in range(cached_at + 1):
        purge(keys=[f"unrelated-{n}"])
    assert "Before the backup" in client.get(story.url).content.decode()


# --- What the archive holds ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_manifest_counts_every_table_and_checksums_every_other_member(archive):
    members = members_of(archive)
    manifest = json.loads(members.pop("manifest.json"))
    assert set(members) == {manifest["database"], "media/original_images/harbour.jpg", "media/documents/budget.pdf"}
    for name, data in members.items():
        assert manifest["members"][name] == {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


@pytest.mark.django_db
def test_manifest_counts_every_django_table(archive):
    manifest = json.loads(members_of(archive)["manifest.json"])
    django_tables = set(connection.introspection.django_table_names(only_existing=True))
    assert django_tables <= set(manifest["tables"])


@pytest.mark.django_db
def test_archive_is_readable_by_its_owner_only(archive):
    assert archive.stat().st_mode & 0o077 == 0
    assert not list(archive.parent.glob("*.partial"))


@pytest.mark.django_db
def test_verify_restores_into_scratch_and_leaves_the_site_alone(archive, settings):
    tables = table_count()
    media = folder_digest(Path(settings.MEDIA_ROOT))
    result = verify_backup(archive=archive)
    assert result.media_files == 2
    assert result.tables >= tables
    assert table_count() == tables
    assert folder_digest(Path(settings.MEDIA_ROOT)) == media
    assert not list(archive.parent.glob(".dateline-*"))  # the scratch folder is gone


@pytest.mark.django_db
def test_verify_finds_a_database_that_differs_from_the_manifest(archive):
    members = members_of(archive)
    manifest = json.loads(members["manifest.json"])
    manifest["tables"]["wagtailcore_page"] += 1
    members["manifest.json"] = resigned(manifest)
    altered = write_archive(archive.with_name("altered.tar"), members)
    with pytest.raises(BackupError, match=r"differs from the manifest in 1 tables.*wagtailcore_page"):
        verify_backup(archive=altered)


@pytest.mark.django_db
def test_backup_verify_command_says_it_was_verified(settings, tmp_path):
    out = StringIO()
    call_command("backup", "--verify", "--output", str(tmp_path / "backups"), stdout=out)
    written = out.getvalue()
    assert "Wrote " in written
    assert "match the manifest" in written
    assert len(list((tmp_path / "backups").glob("dateline-*.tar"))) == 1


@pytest.mark.django_db
def test_restore_verify_command_checks_an_archive_without_touching_the_site(archive, settings):
    tables = table_count()
    out = StringIO()
    call_command("restore", "--verify", str(archive), stdout=out)
    assert "match its manifest" in out.getvalue()
    assert table_count() == tables


# --- Bad input is refused, and nothing is written ----------------------------------------------------------


@pytest.mark.django_db
def test_restore_into_a_database_with_tables_is_refused_and_leaves_it_alone(archive, settings):
    shutil.rmtree(settings.MEDIA_ROOT)
    tables = table_count()
    with pytest.raises(CommandError, match=r"is not empty .*never overwrites"):
        call_command("restore", str(archive), stdout=StringIO())
    assert table_count() == tables
    assert not Path(settings.MEDIA_ROOT).exists()


def test_restore_into_a_media_folder_with_files_is_refused_and_leaves_it_alone(empty_site_with_archive):
    archive_of_empty, empty_site = empty_site_with_archive
    (empty_site / "original_images").mkdir(parents=True)
    (empty_site / "original_images" / "keep.jpg").write_bytes(b"mine")
    with pytest.raises(BackupError, match=r"media folder .* is not empty"):
        restore_backup(archive=archive_of_empty)
    assert table_count() == 0
    assert folder_digest(empty_site) == {"original_images/keep.jpg": hashlib.sha256(b"mine").hexdigest()}


@pytest.fixture
def archive_of_empty(transactional_db, settings, tmp_path) -> Path:
    """An archive with the migrated database and one media file, made before `empty_site` wipes."""
    media = Path(settings.MEDIA_ROOT)
    (media / "original_images").mkdir(parents=True)
    (media / "original_images" / "harbour.jpg").write_bytes(b"\xff\xd8 a harbour")
    made = write_backup(output=tmp_path / "site.tar").path
    shutil.rmtree(media)
    return made


@pytest.fixture
def empty_site_with_archive(archive_of_empty, empty_site):
    return archive_of_empty, empty_site


def assert_nothing_restored(media_root: Path) -> None:
    assert table_count() == 0
    assert not media_root.exists() or not any(media_root.iterdir())
    assert not list(media_root.parent.glob(".dateline-restore-*"))


def test_a_restore_into_an_empty_site_works(empty_site_with_archive):
    archive, media_root = empty_site_with_archive
    result = restore_backup(archive=archive)
    assert result.media_files == 1
    assert (media_root / "original_images" / "harbour.jpg").read_bytes() == b"\xff\xd8 a harbour"
    assert ArticlePage.objects.count() == 0
    assert table_count() > 50


@pytest.mark.parametrize("cut_in", ["database.sqlite3", "manifest.json"])
def test_truncated_archive_is_refused_and_nothing_restored(empty_site_with_archive, cut_in):
    archive, media_root = empty_site_with_archive
    with tarfile.open(archive) as tar:
        names = {info.name.replace("pgdump", "sqlite3"): info for info in tar.getmembers()}
    member = names[cut_in]
    data = archive.read_bytes()
    archive.write_bytes(data[: member.offset_data + member.size // 2])
    with pytest.raises(CommandError, match="truncated"):
        call_command("restore", str(archive), stdout=StringIO())
    assert_nothing_restored(media_root)


@pytest.mark.parametrize("member", ["database", "media/original_images/harbour.jpg"])
def test_tampered_member_is_refused_and_nothing_restored(empty_site_with_archive, member):
    archive, media_root = empty_site_with_archive
    members = members_of(archive)
    name = member if member.startswith("media/") else json.loads(members["manifest.json"])["database"]
    data = bytearray(members[name])
    data[len(data) // 2] ^= 0xFF
    members[name] = bytes(data)
    write_archive(archive, members)
    with pytest.raises(CommandError, match="does not match the checksum"):
        call_command("restore", str(archive), stdout=StringIO())
    assert_nothing_restored(media_root)


def test_manifest_altered_to_match_a_tampered_member_is_refused(empty_site_with_archive):
    archive, media_root = empty_site_with_archive
    members = members_of(archive)
    manifest = json.loads(members["manifest.json"])
    members["media/original_images/harbour.jpg"] = b"something else"
    manifest["members"]["media/original_images/harbour.jpg"] = {
        "size": 14,
        "sha256": hashlib.sha256(b"something else").hexdigest(),
    }
    members["manifest.json"] = json.dumps(manifest).encode()
    write_archive(archive, members)
    with pytest.raises(CommandError, match="not signed with this site's SECRET_KEY"):
        call_command("restore", str(archive), stdout=StringIO())
    assert_nothing_restored(media_root)


def test_member_outside_the_media_folder_is_refused(empty_site_with_archive, tmp_path):
    archive, media_root = empty_site_with_archive
    members = members_of(archive)
    manifest = json.loads(members["manifest.json"])
    members["media/../../escaped.txt"] = b"out"
    manifest["members"]["media/../../escaped.txt"] = {"size": 3, "sha256": hashlib.sha256(b"out").hexdigest()}
    members["manifest.json"] = resigned(manifest)
    write_archive(archive, members)
    with pytest.raises(BackupError, match="unexpected entry"):
        restore_backup(archive=archive)
    assert_nothing_restored(media_root)
    assert not (media_root.parent.parent / "escaped.txt").exists()


def test_archive_that_is_not_a_backup_is_refused(empty_site, tmp_path):
    not_a_tar = tmp_path / "notes.tar"
    not_a_tar.write_bytes(b"just some text, not a tar")
    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(not_a_tar), stdout=StringIO())
    with pytest.raises(CommandError, match="There is no archive"):
        call_command("restore", str(tmp_path / "missing.tar"), stdout=StringIO())
    assert_nothing_restored(empty_site)


@pytest.mark.django_db(transaction=True)
def test_backup_and_verify_output_names_nothing_personal(tmp_path, capsys):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(username="jsmith", email="jane.smith@reader.test", password="x" * 12)
    out, err = StringIO(), StringIO()
    call_command("backup", "--verify", "--output", str(tmp_path), stdout=out, stderr=err)
    logged = out.getvalue() + err.getvalue() + "".join(capsys.readouterr())
    assert "match the manifest" in logged
    assert "jane.smith" not in logged
    assert "jsmith" not in logged
