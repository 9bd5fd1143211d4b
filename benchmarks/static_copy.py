"""Serve one saved response, headers and body, as a plain file server would: the benchmark's ceiling.

    python benchmarks/static_copy.py PORT BODY_FILE HEADERS_JSON

A static copy of the article that a newsroom would really publish carries the same security headers
(CSP, X-Frame-Options, Referrer-Policy, ...) and validators as the page; saving them beside the body
makes the ceiling differ from the article only in how it was made, not in what is sent.
"""

from __future__ import annotations

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def main() -> None:
    port, body_file, headers_file = int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    body = body_file.read_bytes()
    headers = json.loads(headers_file.read_text())

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            self.send_response(200)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
