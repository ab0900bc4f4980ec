"""A small HTTP server that answers like retsinformation.dk from recorded fixture files.

Used by ``manage.py serve_eli_fixtures`` for the demo and by the tests. A folder holds one file
per answer: ``feed.atom`` for the feed path and ``lta-<year>-<number>.json`` for
``/eli/lta/<year>/<number>.json``. Answers carry an ETag (a hash of the file) and honour
If-None-Match with 304, like the real site's conditional requests.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "eli"


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    delay: float = 0.0  # seconds before answering (a timeout when above the client's)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


def answers_from_folder(folder: Path, *, feed_path: str) -> dict[str, Answer]:
    """Path → answer for every fixture file in ``folder``."""
    routes = {}
    for file in sorted(folder.iterdir()):
        if file.name == "feed.atom":
            routes[feed_path] = Answer(body=file.read_bytes(), content_type="application/atom+xml")
        elif file.suffix == ".json" and file.stem.startswith("lta-"):
            _lta, year, number = file.stem.split("-")
            routes[f"/eli/lta/{year}/{number}.json"] = Answer(body=file.read_bytes())
    return routes


class FixtureServer:
    """``ThreadingHTTPServer`` on 127.0.0.1 in a daemon thread; ``routes`` may be changed
    while it runs. ``requests`` records (path, headers) of every request."""

    def __init__(self, routes: dict[str, Answer | Callable[[], Answer]], port: int = 0):
        self.routes = routes
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802  (http.server's name)
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path.split("?")[0])
                answer = route() if callable(route) else route
                if answer is None:
                    answer = Answer(status=404, body=b"not found", content_type="text/plain")
                if answer.delay:
                    time.sleep(answer.delay)
                if answer.status == 200 and self.headers.get("If-None-Match") == answer.etag:
                    self.send_response(304)
                    self.send_header("ETag", answer.etag)
                    self.end_headers()
                    return
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(answer.body)))
                if answer.status == 200:
                    self.send_header("ETag", answer.etag)
                self.end_headers()
                try:
                    self.wfile.write(answer.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def log_message(self, format, *args):  # noqa: A002  (http.server's name)
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}"

    def __enter__(self) -> FixtureServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
