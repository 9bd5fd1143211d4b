"""Backups that are proven by restoring them: one archive with the database, the media and a manifest.

An archive is an uncompressed tar (photos are compressed already, PostgreSQL's dump is too):

    database.pgdump | database.sqlite3   pg_dump's custom format, or a copy made with SQLite's backup API
    media/...                            every file under MEDIA_ROOT
    manifest.json                        last: the row count of every table, the size and SHA-256 of
                                         every other member, signed with SECRET_KEY

The counts come from the same snapshot as the dump (pg_dump --snapshot; the SQLite copy itself).
Since the manifest is written last, an archive cut short anywhere has none and is refused; a member
whose bytes differ from the manifest is refused; a manifest edited to match is refused by its
signature. Everything is checked before anything is written to the target, and the target (database
and media folder) must be empty: a restore never overwrites.

A restored database may be older than what the caches saw, so a restore starts a new purge epoch
(`start_new_purge_epoch`): the purge generation jumps above any generation ever issued, then every
page is purged. Entries the caches kept from before count as changed (dateline.core.purge).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import load_backend

from .memo import memo
from .models import PurgeCounter
from .purge import purge_all_pages

FORMAT = "dateline-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
SIGNING_SALT = "dateline.core.backup"
CHUNK = 1024 * 1024
# Caches whose entries describe the database: after a restore they may describe another timeline.
CACHES_EMPTIED_ON_RESTORE = ("pages", "renditions", "default")


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why, in a sentence for the operator."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    tables: int
    rows: int
    media_files: int
    seconds: float


@dataclass(frozen=True)
class VerifyResult:
    tables: int
    rows: int
    media_files: int
    seconds: float


@dataclass(frozen=True)
class RestoreResult:
    tables: int
    rows: int
    media_files: int
    seconds: float
    notes: list[str] = field(default_factory=list)


# --- Writing ----------------------------------------------------------------------------------------


def write_backup(*, output: Path, include_media: bool = True, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write one archive of the database and the media into `output` (a folder, or a path ending in .tar).

    The archive appears under its final name only once complete, readable by its owner alone (it
    holds password hashes and commenters' e-mail addresses). Raises BackupError.
    """
    started = time.monotonic()
    engine = _engine(using)
    media_root = _media_root() if include_media else None
    path = _archive_path(Path(output))
    if media_root is not None and _is_within(path.parent, media_root):
        raise BackupError("The backup folder is inside MEDIA_ROOT; choose a folder outside it.")
    partial = path.with_name(path.name + ".partial")
    work = Path(tempfile.mkdtemp(prefix=".dateline-backup-", dir=path.parent))
    try:
        dump = work / DATABASE_MEMBERS[engine.vendor]
        tables = engine.dump(connections[using].settings_dict, dump)
        members: dict[str, dict] = {}
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
                members[dump.name] = _add_file(tar, dump.name, dump)
                dump.unlink()
                for name, file_path in _media_files(media_root):
                    members[name] = _add_file(tar, name, file_path)
                manifest = _signed_manifest(engine=engine.vendor, tables=tables, members=members, media=media_root)
                _add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True).encode())
            # On disk before it takes its name: a crash never leaves a complete-looking, partial archive.
            raw.flush()
            os.fsync(raw.fileno())
        if path.exists():
            raise BackupError(f"{path} already exists; nothing was overwritten.")
        partial.rename(path)
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    return BackupResult(
        path=path,
        size=path.stat().st_size,
        tables=len(tables),
        rows=sum(tables.values()),
        media_files=len(members) - 1,
        seconds=time.monotonic() - started,
    )


def _archive_path(output: Path) -> Path:
    if output.suffix == ".tar":
        output.parent.mkdir(parents=True, exist_ok=True)
        return output.resolve()
    output.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return (output / f"dateline-{stamp}.tar").resolve()


def _media_root() -> Path:
    if not isinstance(default_storage, FileSystemStorage):
        raise BackupError(
            "Media are kept in an object store (DATELINE_MEDIA_STORAGE), not in MEDIA_ROOT: back them up "
            "with the bucket's versioning or replication, and this command with --no-media."
        )
    return Path(settings.MEDIA_ROOT).resolve()


def _media_files(media_root: Path | None) -> Iterator[tuple[str, Path]]:
    """(member name, path) of every regular file under MEDIA_ROOT, in a stable order."""
    if media_root is None or not media_root.is_dir():
        return
    for folder, dirs, files in os.walk(media_root):
        dirs.sort()
        for name in sorted(files):
            file_path = Path(folder, name)
            if file_path.is_file() and not file_path.is_symlink():
                yield MEDIA_PREFIX + file_path.relative_to(media_root).as_posix(), file_path


class _Hashing:
    """A file object that hashes what is read through it."""

    def __init__(self, fileobj: IO[bytes]):
        self.fileobj = fileobj
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.fileobj.read(size)
        self.digest.update(data)
        return data


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> dict:
    info = tarfile.TarInfo(name)
    stat = path.stat()
    info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
    with path.open("rb") as source:
        hashing = _Hashing(source)
        tar.addfile(info, hashing)
    return {"size": info.size, "sha256": hashing.digest.hexdigest()}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
    tar.addfile(info, io.BytesIO(data))


def _signed_manifest(*, engine: str, tables: dict[str, int], members: dict, media: Path | None) -> dict:
    body = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "database": DATABASE_MEMBERS[engine],
        "media_included": media is not None,
        "tables": tables,
        "members": members,
    }
    return {**body, "signature": _signer().sign(_manifest_digest(body))}


def _manifest_digest(body: dict) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def _signer() -> signing.Signer:
    # Signer also accepts signatures made with SECRET_KEY_FALLBACKS, so a key rotation keeps old archives.
    return signing.Signer(salt=SIGNING_SALT)


# --- Reading and checking ----------------------------------------------------------------------------


@dataclass
class _Archive:
    path: Path
    manifest: dict
    tar: tarfile.TarFile
    infos: dict[str, tarfile.TarInfo]

    @property
    def database(self) -> str:
        return self.manifest["database"]

    @property
    def media_members(self) -> list[str]:
        return sorted(name for name in self.manifest["members"] if name.startswith(MEDIA_PREFIX))


@contextmanager
def _open_archive(path: Path, *, check_signature: bool = True) -> Iterator[_Archive]:
    """The archive with its manifest read and its list of members checked against it (not yet the bytes)."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no archive at {path}.")
    try:
        tar = tarfile.open(path, mode="r:*")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{path.name} is not a readable backup archive ({error}).") from error
    with tar:
        try:
            infos_list = tar.getmembers()
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupError(f"{path.name} is damaged or truncated ({error}); nothing was restored.") from error
        infos = {info.name: info for info in infos_list}
        if MANIFEST not in infos:
            raise BackupError(
                f"{path.name} has no manifest: the archive is truncated or is not a Dateline backup; "
                "nothing was restored."
            )
        manifest = _read_manifest(tar, infos[MANIFEST], path.name)
        if check_signature:
            _check_signature(manifest, path.name)
        _check_members(manifest, infos_list, path.name)
        yield _Archive(path=path, manifest=manifest, tar=tar, infos=infos)


def _read_manifest(tar: tarfile.TarFile, info: tarfile.TarInfo, label: str) -> dict:
    try:
        manifest = json.loads(tar.extractfile(info).read())
    except (tarfile.TarError, OSError, EOFError, ValueError, AttributeError) as error:
        raise BackupError(f"The manifest of {label} cannot be read ({error}); nothing was restored.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{label} is not a Dateline backup; nothing was restored.")
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(f"{label} is in backup format {manifest.get('version')}; this release reads format 1.")
    required = {"engine": str, "database": str, "tables": dict, "members": dict, "signature": str}
    for key, kind in required.items():
        if not isinstance(manifest.get(key), kind):
            raise BackupError(f"The manifest of {label} lacks '{key}'; nothing was restored.")
    well_formed = all(isinstance(count, int) for count in manifest["tables"].values()) and all(
        isinstance(entry, dict) and isinstance(entry.get("size"), int) and isinstance(entry.get("sha256"), str)
        for entry in manifest["members"].values()
    )
    if not well_formed:
        raise BackupError(f"The manifest of {label} is malformed; nothing was restored.")
    return manifest


def _check_signature(manifest: dict, label: str) -> None:
    body = {key: value for key, value in manifest.items() if key != "signature"}
    try:
        signed = _signer().unsign(manifest["signature"])
    except signing.BadSignature:
        signed = None
    if signed != _manifest_digest(body):
        raise BackupError(
            f"The manifest of {label} is not signed with this site's SECRET_KEY: the archive was altered, or "
            "made by a site with another key. Nothing was restored. If you made it and changed SECRET_KEY "
            "since, add the old key to SECRET_KEY_FALLBACKS or pass --skip-signature-check."
        )


def _check_members(manifest: dict, infos: list[tarfile.TarInfo], label: str) -> None:
    expected = manifest["members"]
    seen: set[str] = set()
    for info in infos:
        if info.name in seen or not info.isfile() or not _is_safe_member_name(info.name):
            raise BackupError(f"{label} holds an unexpected entry {info.name!r}; nothing was restored.")
        seen.add(info.name)
        if info.name != MANIFEST:
            wanted = expected.get(info.name)
            if wanted is None:
                raise BackupError(f"{label} holds {info.name}, which its manifest does not list; nothing was restored.")
            if info.size != wanted.get("size"):
                raise BackupError(
                    f"{info.name} in {label} does not have the size its manifest says; nothing was restored."
                )
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(
            f"{label} lacks {len(missing)} of the files its manifest lists (first: {missing[0]}): the archive "
            "is truncated; nothing was restored."
        )
    if manifest["database"] not in expected:
        raise BackupError(f"{label} holds no database; nothing was restored.")


def _is_safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\\" in name or "\x00" in name:
        return False
    return name in (MANIFEST, *DATABASE_MEMBERS.values()) or (name.startswith(MEDIA_PREFIX) and len(path.parts) > 1)


def _extract(archive: _Archive, name: str, target: Path) -> None:
    """Write one member to `target`, refusing it when its bytes are not the ones the manifest lists."""
    wanted = archive.manifest["members"][name]
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    try:
        source = archive.tar.extractfile(archive.infos[name])
        with source, target.open("wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(
            f"{name} in {archive.path.name} cannot be read ({error}): the archive is damaged or truncated; "
            "nothing was restored."
        ) from error
    if size != wanted["size"] or digest.hexdigest() != wanted["sha256"]:
        raise BackupError(
            f"{name} in {archive.path.name} does not match the checksum in its manifest: the archive is damaged "
            "or was altered; nothing was restored."
        )


def _extract_all(archive: _Archive, staging: Path) -> tuple[Path, Path]:
    """Every member under `staging` (database file, media/), each checked against the manifest."""
    database = staging / archive.database
    _extract(archive, archive.database, database)
    media = staging / "media"
    media.mkdir()
    for name in archive.media_members:
        _extract(archive, name, media / name.removeprefix(MEDIA_PREFIX))
    return database, media


# --- Restoring ---------------------------------------------------------------------------------------


def restore_backup(*, archive: Path, check_signature: bool = True, media: bool = True) -> RestoreResult:
    """Restore an archive into this site's (default) database and MEDIA_ROOT, both of which must be empty.

    Every byte of the archive is checked against its manifest before the database is touched. After
    the restore the row counts are compared with the manifest, a new purge epoch starts and the
    caches are emptied. Raises BackupError, leaving the target as it was unless the message says not.
    """
    started = time.monotonic()
    using = DEFAULT_DB_ALIAS  # the purge epoch and the caches belong to the default database
    engine = _engine(using)
    connection = connections[using]
    media_root = _media_root() if media else None
    with _open_archive(archive, check_signature=check_signature) as opened:
        _check_engine(opened, engine)
        _refuse_non_empty(engine, connection.settings_dict, media_root)
        staging_parent = media_root.parent if media_root is not None else Path(archive).resolve().parent
        staging_parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".dateline-restore-", dir=staging_parent))
        try:
            database, staged_media = _extract_all(opened, staging)
            _refuse_non_empty(engine, connection.settings_dict, media_root)
            connection.close()
            engine.restore(database, connection.settings_dict)
            if media_root is not None:
                _move_media(staged_media, media_root)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        counts = engine.table_counts(connection.settings_dict)
        try:
            _compare_counts(opened.manifest["tables"], counts, "The restored database")
        except BackupError as error:
            raise BackupError(f"{error} The site is restored but incomplete: empty it before trying again.") from error
        notes = _after_restore(using)
        return RestoreResult(
            tables=len(counts),
            rows=sum(counts.values()),
            media_files=len(opened.media_members) if media_root is not None else 0,
            seconds=time.monotonic() - started,
            notes=notes,
        )


def _check_engine(archive: _Archive, engine: _Engine) -> None:
    if archive.manifest["engine"] != engine.vendor:
        raise BackupError(
            f"{archive.path.name} holds a {archive.manifest['engine']} database and this site uses {engine.vendor}; "
            "nothing was restored."
        )


def _refuse_non_empty(engine: _Engine, settings_dict: dict, media_root: Path | None) -> None:
    tables = engine.object_count(settings_dict)
    if tables:
        raise BackupError(
            f"The database {engine.label(settings_dict)} is not empty ({tables} tables and other objects); a restore "
            "never overwrites. Restore into a new, empty database, or drop and recreate this one first. "
            "Nothing was restored."
        )
    if media_root is not None and media_root.exists() and any(media_root.iterdir()):
        raise BackupError(
            f"The media folder {media_root} is not empty; a restore never overwrites. Move it aside or point "
            "MEDIA_ROOT at an empty folder. Nothing was restored."
        )


def _move_media(staged: Path, media_root: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    for child in staged.iterdir():
        child.rename(media_root / child.name)


def _compare_counts(expected: dict[str, int], found: dict[str, int], what: str) -> None:
    differing = sorted(name for name in set(expected) | set(found) if expected.get(name) != found.get(name))
    if differing:
        first = differing[0]
        raise BackupError(
            f"{what} differs from the manifest in {len(differing)} tables (first: {first}, "
            f"{found.get(first, 'missing')} rows where the manifest says {expected.get(first, 'missing')})."
        )


def _after_restore(using: str) -> list[str]:
    """Make caches forget the timeline they knew; say what the operator still has to do."""
    notes = []
    connection = connections[using]
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):  # an archive from an older release
        notes.append("The archive predates this release's migrations: run `dateline migrate`.")
    try:
        start_new_purge_epoch()
    except DatabaseError:
        notes.append("The caches were not purged (the schema is older): run `dateline purge_caches` after migrating.")
    for alias in CACHES_EMPTIED_ON_RESTORE:
        if alias in settings.CACHES:
            _empty_cache(alias)
    return notes


def start_new_purge_epoch() -> int:
    """Raise the purge generation above any ever issued, then purge every page; returns the new generation.

    The restored counter is that of the backup: lower than the generations that caches (Varnish is
    purged too; the app's page cache and each process's memo check generations) stamped entries with
    since. Counting on from it would issue those generations again for other changes, so a restore
    jumps to the clock in microseconds: above every generation a site counts one purge at a time,
    and above the epoch of any earlier restore.
    """
    floor = time.time_ns() // 1000
    current = PurgeCounter.objects.filter(pk=1).values_list("generation", flat=True).first() or 0
    PurgeCounter.objects.update_or_create(pk=1, defaults={"generation": max(current, floor)})
    purge_all_pages()
    memo.clear()
    return PurgeCounter.objects.values_list("generation", flat=True).get(pk=1)


def _empty_cache(alias: str) -> None:
    cache = caches[alias]
    # django-redis: only this cache's prefix, never the whole Redis database another program may share.
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


# --- Verifying ---------------------------------------------------------------------------------------


def verify_backup(
    *, archive: Path, using: str = DEFAULT_DB_ALIAS, check_signature: bool = True, scratch_dir: Path | None = None
) -> VerifyResult:
    """Restore an archive into a scratch database and folder, compare them with its manifest, drop them.

    Touches neither the site's database nor its media. Raises BackupError saying what differs.
    """
    started = time.monotonic()
    engine = _engine(using)
    archive = Path(archive).resolve()
    with _open_archive(archive, check_signature=check_signature) as opened:
        _check_engine(opened, engine)
        scratch = Path(tempfile.mkdtemp(prefix=".dateline-verify-", dir=scratch_dir or archive.parent))
        scratch_db = None
        try:
            database, media = _extract_all(opened, scratch)
            scratch_db = engine.create_scratch(connections[using].settings_dict, scratch)
            engine.restore(database, scratch_db)
            counts = engine.table_counts(scratch_db)
            _compare_counts(opened.manifest["tables"], counts, "The database restored from the archive")
            _compare_media(opened, media)
        finally:
            if scratch_db is not None:
                engine.drop_scratch(scratch_db)
            shutil.rmtree(scratch, ignore_errors=True)
        return VerifyResult(
            tables=len(counts),
            rows=sum(counts.values()),
            media_files=len(opened.media_members),
            seconds=time.monotonic() - started,
        )


def _compare_media(archive: _Archive, media: Path) -> None:
    """Hash the restored files again, from the disk, and compare them with the manifest."""
    found = {MEDIA_PREFIX + path.relative_to(media).as_posix(): path for path in media.rglob("*") if path.is_file()}
    expected = archive.media_members
    if sorted(found) != expected:
        raise BackupError(
            f"The restored media folder holds {len(found)} files where the manifest lists {len(expected)}."
        )
    for name in expected:
        if _sha256(found[name]) != archive.manifest["members"][name]["sha256"]:
            raise BackupError(f"The restored {name} does not match the checksum in the manifest.")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _is_within(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


# --- Database engines ----------------------------------------------------------------------------------


def _engine(using: str) -> _Engine:
    vendor = connections[using].vendor
    if vendor == "sqlite":
        return SQLiteEngine()
    if vendor == "postgresql":
        return PostgreSQLEngine()
    raise BackupError(f"Backups support SQLite and PostgreSQL; this site's database is {vendor}.")


class _Engine:
    vendor: str

    def label(self, settings_dict: dict) -> str:
        return str(settings_dict["NAME"])

    def dump(self, settings_dict: dict, target: Path) -> dict[str, int]:
        """Write the database to `target`; return every table's row count, from the same snapshot."""
        raise NotImplementedError

    def restore(self, dump: Path, settings_dict: dict) -> None:
        raise NotImplementedError

    def table_counts(self, settings_dict: dict) -> dict[str, int]:
        raise NotImplementedError

    def object_count(self, settings_dict: dict) -> int:
        """Tables, views, sequences and the like in the database: 0 for an empty one."""
        raise NotImplementedError

    def create_scratch(self, settings_dict: dict, folder: Path) -> dict:
        raise NotImplementedError

    def drop_scratch(self, settings_dict: dict) -> None:
        raise NotImplementedError


class SQLiteEngine(_Engine):
    """SQLite's online backup API: a consistent copy while the site keeps writing (WAL)."""

    vendor = "sqlite"

    def dump(self, settings_dict: dict, target: Path) -> dict[str, int]:
        with _sqlite(settings_dict["NAME"]) as source, _sqlite(target) as copy:
            source.backup(copy)
            # One self-contained file in the archive, without -wal and -shm beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
        return self.table_counts({"NAME": target})

    def restore(self, dump: Path, settings_dict: dict) -> None:
        with _sqlite(dump) as source, _sqlite(settings_dict["NAME"]) as target:
            try:
                source.backup(target)
            except sqlite3.Error as error:
                raise BackupError(f"SQLite could not restore the database ({error}).") from error

    def table_counts(self, settings_dict: dict) -> dict[str, int]:
        with _sqlite(settings_dict["NAME"]) as db:
            names = [row[0] for row in db.execute(_SQLITE_TABLES)]
            return {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}  # noqa: S608

    def object_count(self, settings_dict: dict) -> int:
        name = settings_dict["NAME"]
        if not _is_memory(name) and not Path(name).exists():
            return 0
        with _sqlite(name) as db:
            return db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]

    def create_scratch(self, settings_dict: dict, folder: Path) -> dict:
        return {"NAME": str(folder / "scratch.sqlite3")}

    def drop_scratch(self, settings_dict: dict) -> None:
        Path(settings_dict["NAME"]).unlink(missing_ok=True)


_SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"


def _is_memory(name) -> bool:
    return str(name) == ":memory:" or "mode=memory" in str(name)


@contextmanager
def _sqlite(name) -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(str(name), uri=str(name).startswith("file:"), timeout=20, isolation_level=None)
    try:
        yield db
    finally:
        db.close()


class PostgreSQLEngine(_Engine):
    """pg_dump's custom format, with the counts read in the snapshot pg_dump dumps; pg_restore in one transaction."""

    vendor = "postgresql"

    def label(self, settings_dict: dict) -> str:
        return f"{settings_dict['NAME']!r}"

    def dump(self, settings_dict: dict, target: Path) -> dict[str, int]:
        wrapper = _wrapper(settings_dict)
        try:
            wrapper.set_autocommit(False)
            with wrapper.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"], settings_dict)
                counts = _pg_counts(wrapper, cursor)
            wrapper.rollback()
        finally:
            wrapper.close()
        return counts

    def restore(self, dump: Path, settings_dict: dict) -> None:
        # The restoring role owns what it creates: an archive restores on a server with other roles.
        _run(
            ["pg_restore", "--exit-on-error", "--single-transaction", "--no-owner", "--no-acl",
             f"--dbname={settings_dict['NAME']}", str(dump)],
            settings_dict,
        )  # fmt: skip
        # pg_restore leaves the planner without statistics: the first readers would get slow plans.
        wrapper = _wrapper(settings_dict)
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("ANALYZE")
        finally:
            wrapper.close()

    def table_counts(self, settings_dict: dict) -> dict[str, int]:
        wrapper = _wrapper(settings_dict)
        try:
            with wrapper.cursor() as cursor:
                return _pg_counts(wrapper, cursor)
        finally:
            wrapper.close()

    def object_count(self, settings_dict: dict) -> int:
        wrapper = _wrapper(settings_dict)
        try:
            with wrapper.cursor() as cursor:
                cursor.execute(
                    "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname <> 'information_schema' "
                    "AND n.nspname NOT LIKE 'pg\\_%'"
                )
                return cursor.fetchone()[0]
        finally:
            wrapper.close()

    def create_scratch(self, settings_dict: dict, folder: Path) -> dict:
        name = f"{str(settings_dict['NAME'])[:40]}_verify_{os.urandom(4).hex()}"
        _run(["createdb", "--template=template0", "--encoding=UTF8", name], settings_dict)
        return {**settings_dict, "NAME": name}

    def drop_scratch(self, settings_dict: dict) -> None:
        _run(["dropdb", "--if-exists", "--force", settings_dict["NAME"]], settings_dict)


def _pg_counts(wrapper, cursor) -> dict[str, int]:
    cursor.execute(
        "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%' "
        "ORDER BY 1, 2"
    )
    counts = {}
    quote = wrapper.ops.quote_name
    for schema, table in cursor.fetchall():
        cursor.execute(f"SELECT COUNT(*) FROM {quote(schema)}.{quote(table)}")  # noqa: S608 (quoted catalogue names)
        counts[table if schema == "public" else f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def _wrapper(settings_dict: dict):
    """A connection of its own to the database `settings_dict` names, apart from the site's."""
    backend = load_backend(settings_dict["ENGINE"])
    return backend.DatabaseWrapper({**settings_dict}, alias="dateline_backup")


_LIBPQ_OPTIONS = {"sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY"}


def _run(command: list[str], settings_dict: dict) -> None:
    """Run a PostgreSQL client program against the server settings_dict names (password in the environment)."""
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(
            f"{command[0]} is not installed: install the PostgreSQL client (apt-get install postgresql-client)."
        )
    env = {**os.environ, "PGAPPNAME": "dateline-backup"}
    for key, variable in {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD"}.items():
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, variable in _LIBPQ_OPTIONS.items():
        if settings_dict.get("OPTIONS", {}).get(option):
            env[variable] = str(settings_dict["OPTIONS"][option])
    env["PGDATABASE"] = str(settings_dict["NAME"])
    result = subprocess.run([program, *command[1:]], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        # Only the first error line: later ones (COPY context) can quote rows, which are personal data.
        lines = [line for line in result.stderr.splitlines() if "error" in line.lower()] or result.stderr.splitlines()
        reason = lines[0][:300] if lines else f"exit status {result.returncode}"
        raise BackupError(f"{command[0]} failed: {reason}")
