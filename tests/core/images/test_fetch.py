"""Fetching a dragged URL: real bytes back, or one sentence naming the URL and the problem."""

from __future__ import annotations

import pytest

from googlenet_gui.core.errors import ImageError, JobCancelled
from googlenet_gui.core.images.fetch import fetch_url, is_web_url, url_name
from tests.local_server import png_bytes, serve_images


@pytest.fixture(scope="module")
def base_url():
    with serve_images() as url:
        yield url


def test_fetches_image_bytes(base_url):
    assert fetch_url(f"{base_url}/cat.png") == png_bytes()


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/missing.png", "404"), ("/page.html", "not an image"), ("/big.png", "too large")],
)
def test_refusals_name_the_url_and_reason(base_url, path, expected):
    with pytest.raises(ImageError) as info:
        fetch_url(f"{base_url}{path}", max_bytes=100_000)
    assert expected in str(info.value) and path in str(info.value)


def test_size_cap_holds_without_content_length_trust(base_url):
    with pytest.raises(ImageError, match="too large"):
        fetch_url(f"{base_url}/cat.png", max_bytes=10)


def test_timeout_gives_a_message(base_url):
    with pytest.raises(ImageError, match="could not be downloaded"):
        fetch_url(f"{base_url}/slow.png", timeout=0.2)


def test_cancel_stops_reading(base_url):
    with pytest.raises(JobCancelled):
        fetch_url(f"{base_url}/cat.png", should_stop=lambda: True)


def test_only_web_urls_are_fetched():
    assert is_web_url("https://example.org/a.jpg") and not is_web_url("file:///etc/passwd")
    with pytest.raises(ImageError, match="not an http"):
        fetch_url("file:///etc/passwd")
    assert url_name("https://example.org/photos/cat.jpg?x=1") == "cat.jpg"
    assert url_name("https://example.org/") == "example.org"
