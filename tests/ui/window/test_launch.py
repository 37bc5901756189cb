"""``googlenet-gui --screenshot``: a real process, the offscreen platform, a PNG or a one-line error."""

from __future__ import annotations

import os
import subprocess
import sys

from PIL import Image

from tests.ui.conftest import write_png


def run_app(*args: str, timeout: int = 240) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "GOOGLENET_GUI_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "googlenet_gui", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=os.getcwd())


def test_screenshot_option_writes_the_window_png(tmp_path, small_checkpoint):
    image = write_png(tmp_path / "photo.png", size=96)
    out = tmp_path / "shot.png"
    result = run_app("--weights", str(small_checkpoint), "--module", "inception3b", "--size", "900x640",
                     "--screenshot", str(out), str(image))
    assert result.returncode == 0, result.stderr
    with Image.open(out) as shot:
        assert shot.size[0] >= 900 and shot.size[1] >= 600
        colours = shot.convert("RGB").resize((64, 64)).getcolors(64 * 64)
    assert colours is not None and len(colours) > 20  # mosaics and charts, not a blank window


def test_screenshot_of_a_bad_image_fails_with_one_line(qapp, tmp_path, small_checkpoint, capsys):
    """In-process (same code path as the command, without paying another interpreter start-up)."""
    from googlenet_gui.ui.work.runner import running_job_threads
    from googlenet_gui.ui.window.launch import launch

    bad = tmp_path / "fake.jpg"
    bad.write_text("not an image")
    out = tmp_path / "shot.png"
    code = launch(["--weights", str(small_checkpoint), "--screenshot", str(out), str(bad)])
    error = capsys.readouterr().err
    assert code == 1
    assert "fake.jpg" in error and "Traceback" not in error and error.count("\n") == 1
    assert not out.exists()
    assert running_job_threads() == []


def test_a_checkpoint_argument_is_the_only_model_loaded(qtbot, monkeypatch, small_checkpoint):
    """Double-clicking a .pth runs ``googlenet-gui model.pth``: no default model load first."""
    from googlenet_gui.ui.window.launch import open_window, parse_app_args
    from googlenet_gui.ui.window.main_window import MainWindow

    requested: list[str | None] = []
    monkeypatch.setattr(MainWindow, "load_model", lambda self, weights: requested.append(weights))
    window = open_window(parse_app_args([str(small_checkpoint)]))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: requested == [str(small_checkpoint)])
    window.close()

    requested.clear()
    window = open_window(parse_app_args([]))  # nothing given: the default weights are loaded
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: requested == [None])
    window.close()


def test_the_model_load_starts_after_the_window_has_painted(qtbot, monkeypatch):
    """The load imports torch on the worker; started before the first paint it delayed the window."""
    from PySide6.QtCore import QEvent, QObject

    from googlenet_gui.ui.window.launch import open_window, parse_app_args
    from googlenet_gui.ui.window.main_window import MainWindow

    events: list[str] = []
    monkeypatch.setattr(MainWindow, "load_model", lambda self, weights: events.append("load"))

    class PaintSpy(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and watched.isWindow():
                events.append("paint")
            return False

    spy = PaintSpy()
    original_show = MainWindow.show

    def show_with_spy(self) -> None:  # noqa: ANN001
        self.installEventFilter(spy)
        original_show(self)
    monkeypatch.setattr(MainWindow, "show", show_with_spy)
    window = open_window(parse_app_args([]))
    qtbot.addWidget(window)
    assert events == []  # nothing queued while the window was being built and shown
    qtbot.waitUntil(lambda: "load" in events)
    assert events.index("paint") < events.index("load")
    window.removeEventFilter(spy)
    window.close()


def test_a_window_closed_before_it_painted_loads_nothing(qtbot, monkeypatch):
    from googlenet_gui.ui.window.launch import open_window, parse_app_args
    from googlenet_gui.ui.window.main_window import MainWindow

    requested: list[str | None] = []
    monkeypatch.setattr(MainWindow, "load_model", lambda self, weights: requested.append(weights))
    window = open_window(parse_app_args([]))
    qtbot.addWidget(window)
    window.close()
    qtbot.wait(700)  # past the fallback timer
    assert requested == []


def test_an_unknown_module_is_refused_with_the_choices_and_short_names_work(capsys):
    """``--module aux1`` once opened the window on 4c and exited 0 as if it had been honoured."""
    from googlenet_gui.ui.window.launch import launch
    from googlenet_gui.ui.views.module_picker import resolve_layer

    assert launch(["--module", "aux1", "--screenshot", "out.png", "photo.jpg"]) == 2
    error = capsys.readouterr().err
    assert "'aux1' is not a layer" in error and "inception5b" in error and error.count("\n") == 1
    assert [resolve_layer(name) for name in ("4C", "inception3a", "c1", "pool2", "maxpool1", "5x")] == [
        "inception4c", "inception3a", "conv1", "maxpool2", "maxpool1", None]


def test_tab_option_opens_each_named_tab(qtbot, monkeypatch):
    """``--tab ops`` is Table 1 even with the Features tab before it (the names, not positions)."""
    from googlenet_gui.ui.window.launch import TABS, open_window, parse_app_args
    from googlenet_gui.ui.window.main_window import MainWindow

    monkeypatch.setattr(MainWindow, "load_model", lambda self, weights: None)
    for name in TABS:
        window = open_window(parse_app_args(["--tab", name]))
        qtbot.addWidget(window)
        expected = {"explorer": window.explorer, "explain": window.explain_tab, "features": window.features_tab,
                    "ops": window.ops_view, "model": window.model_panel, "compare": window.compare_view,
                    "finetune": window.training_panel}[name]
        assert window.tabs.currentWidget() is expected
        window.close()
