"""Download an image a user dragged from a web browser, safely.

Browsers hand the window a URL rather than the pixels.  Fetching runs in the worker
thread, so it must end on its own: a size cap (a page or a video is refused, not
buffered) and a timeout (a dead server costs seconds, not a frozen queue).  Only
http(s) is accepted, so a dragged ``file:`` or ``javascript:`` link cannot reach here.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from urllib.parse import urlparse

from googlenet_gui.core.errors import ImageError, JobCancelled

#: Larger downloads are refused: far above any photo a browser shows, far below a video.
MAX_DOWNLOAD_BYTES = 25 * 1024 * 1024
#: Seconds to wait for the server to connect or send the next chunk.
DEFAULT_TIMEOUT_S = 10.0
_CHUNK = 64 * 1024


def is_web_url(text: str) -> bool:
    """True for an absolute http(s) URL with a host (what a browser drag carries)."""
    parsed = urlparse(text.strip())
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def url_name(url: str) -> str:
    """A short display name for a URL: its last path segment, else its host."""
    parsed = urlparse(url)
    tail = parsed.path.rstrip("/").rsplit("/", 1)[-1]
    return tail or parsed.netloc


def fetch_url(
    url: str,
    max_bytes: int | None = None,
    timeout: float | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> bytes:
    """The body of ``url`` as bytes; raises ImageError with one sentence naming the URL.

    The cap is enforced while reading, so a server that lies about (or omits)
    Content-Length still cannot make us buffer more than ``max_bytes``.
    """
    if not is_web_url(url):
        raise ImageError(f"{url} is not an http(s) address.")
    max_bytes = MAX_DOWNLOAD_BYTES if max_bytes is None else max_bytes  # read now: settable at run time
    timeout = DEFAULT_TIMEOUT_S if timeout is None else timeout
    request = urllib.request.Request(url, headers={"User-Agent": "googlenet-gui"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - scheme checked
            _check_headers(url, response.headers, max_bytes)
            return _read_capped(url, response, max_bytes, should_stop)
    except urllib.error.HTTPError as error:
        error.close()  # it holds the open response; leaving it to the GC leaks the socket
        raise ImageError(f"{url} could not be downloaded: the server answered {error.code} {error.reason}.") from None
    except urllib.error.URLError as error:
        raise ImageError(f"{url} could not be downloaded: {_reason(error.reason)}.") from None
    except TimeoutError:
        raise ImageError(f"{url} could not be downloaded: no answer within {timeout:g} s.") from None
    except OSError as error:
        raise ImageError(f"{url} could not be downloaded: {_reason(error)}.") from None


def _check_headers(url: str, headers, max_bytes: int) -> None:  # noqa: ANN001 - http.client.HTTPMessage
    content_type = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type and not (content_type.startswith("image/") or content_type == "application/octet-stream"):
        raise ImageError(f"{url} is not an image (the server sent {content_type}).")
    length = headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise ImageError(f"{url} is too large ({_mb(int(length))}; the limit is {_mb(max_bytes)}).")


def _read_capped(url: str, response, max_bytes: int, should_stop: Callable[[], bool] | None) -> bytes:  # noqa: ANN001
    chunks: list[bytes] = []
    total = 0
    while True:
        if should_stop is not None and should_stop():
            raise JobCancelled()
        chunk = response.read(_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise ImageError(f"{url} is too large (over {_mb(max_bytes)}).")
        chunks.append(chunk)
    if total == 0:
        raise ImageError(f"{url} sent an empty response.")
    return b"".join(chunks)


def _reason(reason: object) -> str:
    text = str(reason).strip()
    return text[:1].lower() + text[1:] if text else "network error"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
