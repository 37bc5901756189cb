"""File > Export report: offered once a model and an image are there, runs on the worker, writes the page."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from tests.ui.helpers import drop, url_mime, wait_all_done


def _show_image(qtbot, window, images) -> None:
    with qtbot.waitSignal(window.views_updated, timeout=60_000):
        drop(window, url_mime(images[0]))
    wait_all_done(qtbot, window)


def _answer_save_dialog(monkeypatch, path) -> list[str]:
    asked: list[str] = []

    def dialog(_parent, _title, name, _filter):
        asked.append(name)
        return str(path), "HTML (*.html *.htm)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return asked


def test_the_action_waits_for_a_model_and_an_image(qtbot, window, images):
    action = window.actions_.report_action
    assert action.shortcut().toString() == "Ctrl+Shift+E"
    assert not action.isEnabled()
    _show_image(qtbot, window, images)
    assert action.isEnabled()


def test_export_report_writes_the_page_on_the_worker(qtbot, window, images, tmp_path, monkeypatch):
    _show_image(qtbot, window, images)
    window.explorer.picker.select("inception3b")
    out = tmp_path / "img0-report"
    asked = _answer_save_dialog(monkeypatch, out)
    with qtbot.waitSignal(window.report_saved, timeout=120_000) as saved:
        window.actions_.report_action.trigger()
    assert asked == ["img0-report.html"]
    written = tmp_path / "img0-report.html"  # the suffix is added when the dialog's answer has none
    assert saved.args == [str(written)]
    html = written.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Branch maps of inception3b" in html and 'id="table1"' in html
    assert window.banner.text() == f"Report saved: {written}"
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=10_000)


def test_a_failed_save_is_shown_and_keeps_the_window_working(qtbot, window, images, tmp_path, monkeypatch):
    _show_image(qtbot, window, images)
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("a file where a folder should be")
    _answer_save_dialog(monkeypatch, blocker_file / "report.html")
    with qtbot.waitSignal(window.message_shown, timeout=120_000,
                          check_params_cb=lambda kind, _text: kind == "error") as shown:
        window.actions_.export_report()
    assert "report.html" in shown.args[1]
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=10_000)
    assert not (tmp_path / "report.html").exists()
