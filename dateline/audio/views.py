"""Serving uploaded audio and captions with byte ranges, so players can seek and resume.

Django's static `serve` always answers 200 with the whole file, which browsers cannot seek in:
this answers `Range: bytes=…` with 206 and Content-Range, an unsatisfiable range with 416, and
anything else (no range, several ranges, a stale If-Range) with the whole file. Upload names never
change (a replaced file gets a new folder, models.audio_upload_path), so caches keep them a year.
Varnish caches the whole file and cuts ranges from it itself (deploy/varnish/dateline.vcl).
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from .models import UPLOAD_FOLDER

CACHE_CONTROL = "public, max-age=31536000, immutable"
CHUNK_SIZE = 64 * 1024
# One range; several ranges (multipart/byteranges) are answered with the whole file, as RFC 9110 allows.
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".mp4": "audio/mp4",
    ".aac": "audio/aac",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".vtt": "text/vtt; charset=utf-8",
}


def content_type_of(path: Path) -> str:
    return TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def requested_range(header: str, size: int) -> tuple[int, int] | bool | None:
    """(first, last) byte of a satisfiable single range; None to send the whole file; False when unsatisfiable."""
    match = RANGE.match(header.replace(" ", ""))
    if not match or not any(match.groups()):
        return None  # absent, malformed or several ranges: ignored (RFC 9110, 14.2)
    first, last = match.groups()
    if not first:  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None  # invalid: ignored
    if start >= size:
        return False
    return start, end


def _read(path: Path, start: int, length: int):
    with path.open("rb") as handle:
        handle.seek(start)
        while length > 0:
            chunk = handle.read(min(CHUNK_SIZE, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk


@require_safe
def serve_audio(request, path: str):
    """An audio upload or its captions, from MEDIA_ROOT/audio/, whole or by range."""
    try:
        full_path = Path(safe_join(Path(settings.MEDIA_ROOT) / UPLOAD_FOLDER, path))
    except (SuspiciousFileOperation, ValueError):
        raise Http404 from None  # ../ out of the folder
    if not full_path.is_file():
        raise Http404
    stat = full_path.stat()
    size = stat.st_size
    etag = f'"{stat.st_mtime_ns:x}-{size:x}"'
    last_modified = http_date(stat.st_mtime)
    wanted = None
    if "Range" in request.headers:
        if_range = request.headers.get("If-Range")
        if if_range is None or if_range in (etag, last_modified):
            wanted = requested_range(request.headers["Range"], size)

    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif wanted is None:
        response = FileResponse(full_path.open("rb"), content_type=content_type_of(full_path))
        response["Content-Length"] = str(size)
    else:
        first, last = wanted
        response = StreamingHttpResponse(
            _read(full_path, first, last - first + 1), status=206, content_type=content_type_of(full_path)
        )
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(last - first + 1)
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = CACHE_CONTROL
    response["ETag"] = etag
    response["Last-Modified"] = last_modified
    return response
