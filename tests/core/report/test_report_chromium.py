"""A real browser renders the report: headless Chromium (skipped where it is not installed; CI installs it)."""

from __future__ import annotations

import re
import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image

from tests.core.report.report_data import IMAGES

BROWSER = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
                if shutil.which(name)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="headless Chromium is not installed")


def _chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """Run the browser headless with its own profile; no network is needed by the page."""
    command = [str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               f"--user-data-dir={tmp_path / 'profile'}", "--no-first-run", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def saved(page, tmp_path_factory):
    path = tmp_path_factory.mktemp("chromium") / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


def test_every_picture_decodes_and_the_table_is_in_the_dom(saved, tmp_path):
    done = _chromium(tmp_path, "--dump-dom", saved.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    body = re.search(r"<body[^>]*>", done.stdout).group(0)
    assert f'data-images-total="{IMAGES}"' in body and f'data-images-loaded="{IMAGES}"' in body
    assert 'id="table1"' in done.stdout and "inception5b" in done.stdout


def test_the_screenshot_shows_a_page(saved, tmp_path):
    shot = tmp_path / "report.png"
    done = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1024,1400", saved.as_uri())
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    pixels = np.asarray(Image.open(shot).convert("RGB"))
    assert pixels.shape[:2] == (1400, 1024)
    colours = len(np.unique(pixels.reshape(-1, 3), axis=0))
    assert colours > 500, f"only {colours} colours: a blank or broken page"
    assert (pixels < 100).all(axis=2).mean() > 0.01  # text and pictures, not a white page


def test_the_print_layout_makes_a_pdf(saved, tmp_path):
    pdf = tmp_path / "report.pdf"
    done = _chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", saved.as_uri())
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") - data.count(b"/Type /Pages") >= 2


def test_the_korean_page_renders_hangul(loaded, image, tmp_path):
    """The page in Korean lays out and shows its glyphs (a CJK font is installed with the browser in CI)."""
    from googlenet_gui.core.report.build import build_report

    saved = tmp_path / "report_ko.html"
    saved.write_text(build_report(loaded, image, lang="ko"), encoding="utf-8")
    done = _chromium(tmp_path, "--dump-dom", saved.as_uri())
    assert done.returncode == 0 and "브랜치 중요도" in done.stdout, done.stderr[-2000:]
    shot = tmp_path / "report_ko.png"
    done = _chromium(tmp_path, f"--screenshot={shot}", "--window-size=1024,1400", saved.as_uri())
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    pixels = np.asarray(Image.open(shot).convert("RGB"))
    assert (pixels < 100).all(axis=2).mean() > 0.01
