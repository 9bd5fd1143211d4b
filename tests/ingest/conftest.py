"""Wire fixtures: a loopback HTTP server serving agency feeds, sources pointing at it, photos with IPTC."""

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

from dateline.ingest import fetching
from dateline.ingest.models import Source, SourceKind

WIRES = Path(__file__).resolve().parent.parent / "data" / "wires"


def wire_file(name: str) -> bytes:
    return (WIRES / name).read_bytes()


class WireServer:
    """Serves `routes` ({path: (body, content_type)} or {path: (body, content_type, delay_seconds)})."""

    def __init__(self):
        self.routes: dict[str, tuple] = {}
        self.redirects: dict[str, str] = {}  # path -> Location
        self.drips: dict[str, tuple[list[bytes], float]] = {}  # path -> (pieces, pause before each)
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                if self.path in server.redirects:
                    self.send_response(302)
                    self.send_header("Location", server.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if self.path in server.drips:
                    pieces, pause = server.drips[self.path]
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml")
                    self.send_header("Content-Length", str(sum(map(len, pieces))))
                    self.end_headers()
                    try:
                        for piece in pieces:
                            time.sleep(pause)
                            self.wfile.write(piece)
                            self.wfile.flush()
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                body, content_type, *delay = route
                if delay:
                    time.sleep(delay[0])
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting, as it should

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def wire_server():
    server = WireServer()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _quick_timeouts(monkeypatch):
    monkeypatch.setattr(fetching, "FETCH_TIMEOUT_SECONDS", 0.5)


@pytest.fixture(autouse=True)
def _wires_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"


@pytest.fixture
def make_source(section):
    def make(name="Example Wire", kind=SourceKind.RSS, **fields):
        fields.setdefault("agency", "Example Wire")
        fields.setdefault("outlet_code", "EXW")
        fields.setdefault("section", section)
        fields.setdefault("language", "en")
        return Source.objects.create(name=name, kind=kind, **fields)

    return make


def jpeg_with_iptc(*, credit: str = "", caption: str = "", size=(64, 48)) -> bytes:
    """A small JPEG carrying IPTC IIM credit (2:110) and caption (2:120) in a Photoshop APP13 block."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
    base = buffer.getvalue()
    if not (credit or caption):
        return base

    def dataset(number: int, value: str) -> bytes:
        data = value.encode()
        return bytes([0x1C, 2, number]) + len(data).to_bytes(2, "big") + data

    iim = (dataset(110, credit) if credit else b"") + (dataset(120, caption) if caption else b"")
    block = b"8BIM" + (0x0404).to_bytes(2, "big") + b"\x00\x00" + len(iim).to_bytes(4, "big") + iim
    block += b"\x00" * (len(iim) % 2)
    app13 = b"Photoshop 3.0\x00" + block
    return base[:2] + b"\xff\xed" + (len(app13) + 2).to_bytes(2, "big") + app13 + base[2:]
