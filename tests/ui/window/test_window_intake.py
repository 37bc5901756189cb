"""Everything a user can drop or paste onto the window, and what the window does with it."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from googlenet_gui.core.images import fetch
from tests.local_server import png_bytes, serve_images
from tests.ui.helpers import drop, url_mime, wait_all_done


def test_dropping_several_files_queues_all_and_inspects_the_first(qtbot, window, images):
    with qtbot.waitSignal(window.views_updated, timeout=60_000) as blocker:
        drop(window, url_mime(*images))
    first = window.entries[blocker.args[0]]
    assert first.source.value == str(images[0])
    assert window.thumbnails.count() == 3
    main = window.predictions.charts["main"]
    assert main.labels[0].toPlainText().split()[0] in ("cat", "dog", "bird")
    wait_all_done(qtbot, window)
    assert all(e.heads and e.heads["main"].top[0].label in ("cat", "dog", "bird") for e in window.entries.values())
    assert "%" in window.thumbnails.item(2).text()


def test_dropping_a_folder_queues_its_images_sorted(qtbot, window, images):
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0].parent))
    assert [e.source.short_name for e in window.entries.values()] == ["img0.png", "img1.png", "img2.png"]
    wait_all_done(qtbot, window)


def test_dropping_queued_files_again_selects_their_rows_until_a_file_changes(qtbot, window, images):
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(*images[:2]))
    wait_all_done(qtbot, window)
    keys = list(window.entries)
    drop(window, url_mime(images[1], images[0].parent))  # the second file, then the folder of all three
    assert "2 already there, unchanged" in window.status_text.text()
    assert [e.source.short_name for e in window.entries.values()] == ["img0.png", "img1.png", "img2.png"]
    assert window.thumbnails.count() == 3 and window.current_key == keys[1]  # its row, selected again
    qtbot.waitUntil(lambda: window.view is not None and window.view.key == keys[1], timeout=60_000)
    wait_all_done(qtbot, window)

    images[0].write_bytes(images[2].read_bytes())  # changed on disk: a new image, a new row
    with qtbot.waitSignal(window.views_updated, timeout=60_000) as blocker:
        drop(window, url_mime(images[0]))
    assert blocker.args[0] not in keys and window.thumbnails.count() == 4
    wait_all_done(qtbot, window)


def test_image_data_in_the_drop_is_classified(qtbot, window):
    mime = QMimeData()
    mime.setData("image/png", png_bytes(70))
    with qtbot.waitSignal(window.views_updated, timeout=60_000) as blocker:
        drop(window, mime)
    assert window.entries[blocker.args[0]].source.kind == "bytes"


def test_paste_from_clipboard(qtbot, window, images):
    QGuiApplication.clipboard().setText(str(images[1]))
    with qtbot.waitSignal(window.views_updated, timeout=60_000) as blocker:
        window.actions_.paste()
    assert window.entries[blocker.args[0]].source.value == str(images[1])


def test_web_urls_are_fetched_in_the_worker_and_bad_ones_explained(qtbot, window, monkeypatch):
    monkeypatch.setattr(fetch, "MAX_DOWNLOAD_BYTES", 100_000)
    errors = []
    window.message_shown.connect(lambda kind, text: errors.append(text) if kind == "error" else None)
    with serve_images() as base:
        with qtbot.waitSignal(window.views_updated, timeout=60_000) as blocker:
            drop(window, url_mime(f"{base}/cat.png"))
        assert window.entries[blocker.args[0]].source.kind == "url"
        shown = window.view.key
        for path, expected in (("/missing.png", "404"), ("/page.html", "not an image"), ("/big.png", "too large")):
            before = len(errors)
            drop(window, url_mime(f"{base}{path}"))
            qtbot.waitUntil(lambda b=before: len(errors) > b, timeout=30_000)
            assert expected in errors[-1] and path in errors[-1]
            assert window.view.key == shown  # the last good image stays on screen
        qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=30_000)
    assert expected in window.banner.text()


def test_dropping_a_checkpoint_loads_it(qtbot, window, other_checkpoint):
    with qtbot.waitSignal(window.model_changed, timeout=60_000):
        drop(window, url_mime(other_checkpoint))
    assert window.current_model().class_names == ["hammer", "saw"]
    assert "tools.safetensors" in window.predictions.model_line.text()
    assert "hammer" in window.model_panel.details.toPlainText()


def test_bad_checkpoint_shows_message_and_keeps_model(qtbot, window, tmp_path, images):
    broken = tmp_path / "broken.pth"
    broken.write_bytes(b"definitely not a checkpoint")
    previous = window.current_model()
    with qtbot.waitSignal(window.message_shown, timeout=60_000) as blocker:
        drop(window, url_mime(broken))
    assert blocker.args[0] == "error" and "broken.pth" in blocker.args[1]
    assert "Traceback" not in blocker.args[1]
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=10_000)
    assert window.current_model() is previous
    with qtbot.waitSignal(window.views_updated, timeout=60_000):  # and it still works
        drop(window, url_mime(images[0]))


def test_bad_image_shows_message_and_keeps_the_previous_view(qtbot, window, images, tmp_path):
    with qtbot.waitSignal(window.views_updated, timeout=60_000) as blocker:
        drop(window, url_mime(images[0]))
    bad = tmp_path / "notes.jpg"
    bad.write_text("this is text, not a JPEG")
    with qtbot.waitSignal(window.message_shown, timeout=60_000) as message:
        drop(window, url_mime(bad))
    assert message.args[0] == "error" and "notes.jpg" in message.args[1]
    assert window.view.key == blocker.args[0]
    assert window.explorer.view is window.view
    item = window.thumbnails.item(1)
    assert "could not be read" in item.text()
    # the selection stays with the image on screen, and every row keeps its thumbnail's height
    assert window.current_key == window.view.key and window.thumbnails.currentRow() == 0
    first, second = (window.thumbnails.visualItemRect(window.thumbnails.item(row)) for row in (0, 1))
    assert second.height() == first.height() >= 64


def test_missing_path_and_empty_drop_are_messages(qtbot, window, tmp_path):
    drop(window, url_mime(tmp_path / "gone.png"))
    assert "does not exist" in window.banner.text()
    drop(window, QMimeData())
    assert "Nothing usable" in window.banner.text()


def test_dropping_an_empty_folder_says_so_and_queues_nothing(qtbot, window, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    drop(window, url_mime(empty))
    assert "holds no image files" in window.banner.text()
    assert window.thumbnails.count() == 0


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_export_all_predictions(qtbot, window, images, tmp_path, suffix):
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(*images))
    wait_all_done(qtbot, window)
    out = tmp_path / f"predictions{suffix}"
    window.actions_.export_to(out)
    text = out.read_text(encoding="utf-8")
    if suffix == ".json":
        rows = json.loads(text)
        assert [r["image"] for r in rows] == [str(p) for p in images]
        assert set(rows[0]["predictions"]) == {"main", "aux1", "aux2"}
    else:
        lines = text.strip().splitlines()
        assert lines[0].startswith("image,head,rank") and len(lines) == 1 + 3 * 3 * 3
