"""The page is one self-contained file: embedded pictures, no network, Table 1, a print stylesheet."""

from __future__ import annotations

import errno
import re
from html.parser import HTMLParser

import pytest

from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.opcount.display import human
from googlenet_gui.core.opcount.paper import paper_macs, paper_params
from googlenet_gui.core.report.build import report, write_report
from tests.core.report.report_data import IMAGES


class _Links(HTMLParser):
    """Every src/href and every <img>, <link> and external <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        self.urls += [v or "" for k, v in attrs if k in ("src", "href", "srcset", "action")]
        if tag == "img":
            self.images.append(values)


@pytest.fixture(scope="module")
def links(page):
    parser = _Links()
    parser.feed(page)
    return parser


def test_every_picture_is_an_embedded_png(links):
    assert len(links.images) == IMAGES
    assert all(str(im["src"]).startswith("data:image/png;base64,") for im in links.images)
    assert all(im.get("alt") for im in links.images)


def test_nothing_points_outside_the_file(page, links):
    assert all(url.startswith("data:") for url in links.urls)
    assert "link" not in links.tags
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", page.split("<body")[1].replace("data:", "")), \
        "a network address in the page"
    assert "@import" not in page and "url(" not in page


def test_table1_sits_beside_the_papers_values(page):
    assert 'id="table1"' in page
    row = re.search(r"<tr>(?:(?!</tr>).)*?<td[^>]*>inception4c</td>.*?</tr>", page, re.S).group(0)
    assert f">{human(paper_params('inception4c'))}<" in row and f">{human(paper_macs('inception4c'))}<" in row
    assert "paper params" in page and "paper ops" in page


def test_the_sections_are_there(page):
    for title in ("three heads", "Branch maps of inception4c", "Where the main head looks", "Branch importance",
                  "Table 1"):
        assert title in page
    for head in ("main", "aux1", "aux2"):
        assert f'data-head="{head}"' in page


def test_print_stylesheet(page):
    assert "@media print" in page and "@page" in page


def test_labels_are_text_not_markup(page):
    assert "<b>bird</b>" not in page
    assert "&lt;b&gt;bird&lt;/b&gt; &amp; co" in page


def test_report_saves_and_returns_the_page(loaded, image, tmp_path):
    out = tmp_path / "r.html"
    html = report(loaded, image, layer="inception3b", out=out)
    assert out.read_text(encoding="utf-8") == html and "Branch maps of inception3b" in html


def test_a_failed_save_keeps_the_previous_file(tmp_path, monkeypatch):
    from googlenet_gui.core import atomic_files

    out = tmp_path / "report.html"
    out.write_text("the old report", encoding="utf-8")

    def full_disk(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "fsync", full_disk)
    with pytest.raises(GoogLeNetGuiError, match="report.html.*No space left"):
        write_report(out, "<!DOCTYPE html><html></html>")
    assert out.read_text(encoding="utf-8") == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
