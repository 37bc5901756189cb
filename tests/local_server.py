"""A tiny HTTP server on 127.0.0.1 for tests that fetch URLs (shared with tests/ui).

Routes: ``/cat.png`` a real PNG, ``/big.png`` an image larger than the test cap,
``/page.html`` HTML, ``/missing.png`` a 404, ``/slow.png`` never answers in time.
"""

from __future__ import annotations

import contextlib
import io
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image


def png_bytes(size: int = 48, color: tuple[int, int, int] = (200, 40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), color).save(buffer, format="PNG")
    return buffer.getvalue()


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == "/slow.png":
            time.sleep(1.5)
        status, content_type, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args) -> None:  # keep test output clean
        pass


@contextlib.contextmanager
def serve_images(big_size: int = 300_000) -> Iterator[str]:
    """Serve the routes above; yields the base URL and shuts the server thread down after."""
    _Handler.routes = {
        "/cat.png": (200, "image/png", png_bytes()),
        "/big.png": (200, "image/png", b"\x89PNG" + b"0" * big_size),
        "/page.html": (200, "text/html; charset=utf-8", b"<html>hello</html>"),
        "/slow.png": (200, "image/png", png_bytes()),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="test-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
