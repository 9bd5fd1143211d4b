"""Getting agency bytes in: one HTTP(S) GET with a timeout for the whole answer and a size cap, or the
files of a drop folder.

Nothing else is fetched: a photo is taken only from the source's own host (same scheme, host and port)
or, for a drop folder, from a file inside that folder; a redirect is followed only on the same host
(http to https included), never silently to another.
"""

import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings

FETCH_TIMEOUT_SECONDS = 20  # for the whole answer, not each read: a server dripping bytes is cut off
READ_CHUNK_BYTES = 64 * 1024
MAX_FEED_BYTES = 10 * 1024 * 1024
MAX_PHOTO_BYTES = 25 * 1024 * 1024
FOLDER_SUFFIXES = {"ninjs": (".json",), "newsml": (".xml",)}


class FetchFailed(Exception):
    """The feed could not be fetched; `status` is the SourceStatus value to show."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class DroppedFile:
    path: Path
    data: bytes


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect on the same host (and from http to https there); refuses one elsewhere, which
    would fetch from a server nobody configured (a moved feed is configured again, knowingly)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urlsplit(req.full_url), urlsplit(urljoin(req.full_url, newurl))
        same_host = (old.hostname, old.port) == (new.hostname, new.port) or (
            old.hostname == new.hostname and old.scheme == "http" and new.scheme == "https" and not new.port
        )
        if new.scheme not in ("http", "https") or not same_host:
            raise FetchFailed(
                "unreachable",
                f"the server redirected to another address ({new.scheme}://{new.hostname}{new.path}); "
                "if the feed has moved there, change the source's address",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, limit: int | None = None, timeout: float | None = None) -> bytes:
    """The body of a GET to an http(s) URL, refused past `limit` bytes or `timeout` seconds for the
    whole answer (connecting, headers and every read); raises FetchFailed saying why."""
    limit = limit or MAX_FEED_BYTES
    timeout = timeout or FETCH_TIMEOUT_SECONDS
    deadline = time.monotonic() + timeout
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchFailed("unreachable", "only http and https addresses are fetched")
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked just above
        url, headers={"User-Agent": f"{settings.DATELINE_SITE_NAME} wire ingest", "Accept-Encoding": "identity"}
    )
    opener = urllib.request.build_opener(_SameHostRedirects)
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise FetchFailed("too_large", f"the feed is {int(length)} bytes, more than the {limit} allowed")
            data = _read_until(response, limit + 1, deadline, timeout)
    except FetchFailed:
        raise
    except TimeoutError as error:
        raise FetchFailed("timed_out", f"no answer within {timeout:g} seconds") from error
    except urllib.error.HTTPError as error:
        raise FetchFailed("unreachable", f"the server answered {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise FetchFailed("timed_out", f"no answer within {timeout:g} seconds") from error
        raise FetchFailed("unreachable", f"could not connect ({error.reason})") from error
    except (OSError, ValueError) as error:
        raise FetchFailed("unreachable", f"could not fetch ({error})") from error
    if len(data) > limit:
        raise FetchFailed("too_large", f"the feed is more than the {limit} bytes allowed")
    return data


def _read_until(response, limit: int, deadline: float, timeout: float) -> bytes:
    """Up to `limit` bytes, in chunks, stopping at the deadline: each read waits at most what is left."""
    chunks, size = [], 0
    while size < limit:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        sock = getattr(getattr(response.fp, "raw", None), "_sock", None)  # http.client keeps it there
        if sock is not None:
            sock.settimeout(left)
        chunk = response.read1(min(READ_CHUNK_BYTES, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def same_origin(base: str, href: str) -> str | None:
    """`href` made absolute against `base`, or None when it points anywhere but the base's own host."""
    absolute = urljoin(base, href)
    a, b = urlsplit(base), urlsplit(absolute)
    if b.scheme in ("http", "https") and (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port):
        return absolute
    return None


def dropped_files(folder: Path, fmt: str) -> Iterator[DroppedFile]:
    """Files waiting in the drop folder, oldest first, read one at a time (a backlog of a thousand
    deliveries is never all in memory); a file past the size cap is read as empty."""
    folder.mkdir(parents=True, exist_ok=True)
    files = sorted(
        (p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES[fmt]),
        key=lambda p: (p.stat().st_mtime, p.name),
    )
    for path in files:
        if path.stat().st_size > MAX_FEED_BYTES:
            yield DroppedFile(path=path, data=b"")
            continue
        yield DroppedFile(path=path, data=path.read_bytes())


def set_aside(dropped: DroppedFile, *, failed: bool = False) -> Path:
    """Move a read file into `processed/` (or `failed/`), so it is read once and kept for the record."""
    target_dir = dropped.path.parent / ("failed" if failed else "processed")
    target_dir.mkdir(exist_ok=True)
    target = target_dir / dropped.path.name
    n = 1
    while target.exists():
        n += 1
        target = target_dir / f"{dropped.path.stem}-{n}{dropped.path.suffix}"
    return dropped.path.rename(target)


def folder_file(folder: Path, name: str) -> bytes | None:
    """A photo delivered beside the story in the drop folder (or its processed/ folder), never outside it."""
    for base in (folder, folder / "processed"):
        path = (base / name).resolve()
        if path.is_relative_to(folder.resolve()) and path.is_file() and path.stat().st_size <= MAX_PHOTO_BYTES:
            return path.read_bytes()
    return None
