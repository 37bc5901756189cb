"""Qt test settings: settings in a temp folder, one torch thread, no threads left behind."""

from __future__ import annotations

import gc
import threading

import pytest
import torch

torch.set_num_threads(1)


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path, monkeypatch):
    """QSettings of the app go to a per-test temp folder, never the user's real config."""
    from PySide6.QtCore import QCoreApplication, QSettings

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("GOOGLENET_GUI_LANGUAGE", "en")  # a Korean desktop must not change the texts tests read
    QCoreApplication.setOrganizationName("googlenet-gui-tests")
    QCoreApplication.setApplicationName("googlenet-gui-tests")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "settings"))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(tmp_path / "settings"))
    yield
    from googlenet_gui.ui.i18n.language import SOURCE_LANGUAGE, switcher

    if switcher.current != SOURCE_LANGUAGE:  # a test that switched language leaves English behind
        switcher.apply(SOURCE_LANGUAGE)


def _python_threads() -> set[threading.Thread]:
    # Dummy threads are Qt threads Python code ran on; Qt's own registry covers them.
    return {t for t in threading.enumerate() if not isinstance(t, threading._DummyThread)}


@pytest.fixture(autouse=True)
def _no_threads_left_running(request):
    """Fail a test that leaves a worker QThread or a Python thread running."""
    from googlenet_gui.ui.work.runner import running_job_threads

    before = _python_threads()
    yield
    # Garbage from this test (closed windows) is collected here, on the GUI thread, not
    # later inside some worker (googlenet_gui/ui/work/gc_guard.py explains the deadlock).
    gc.collect()
    qthreads = running_job_threads()
    python_threads = [t for t in _python_threads() - before if t.is_alive()]
    if qthreads or python_threads:
        names = [t.objectName() for t in qthreads] + [t.name for t in python_threads]
        pytest.fail(f"test left threads running: {', '.join(names)}")


# ----------------------------------------------------------------- app fixtures
SMALL_CROP = 64


@pytest.fixture(scope="session")
def small_checkpoint(tmp_path_factory):
    """An app-format checkpoint of a torchvision-variant model that sees 64x64 crops (fast)."""
    from googlenet_gui.core.images.preprocessing import Preprocessing
    from tests.factories import save_app_checkpoint

    path = tmp_path_factory.mktemp("ckpt") / "pets.pth"
    return save_app_checkpoint(path, class_names=("cat", "dog", "bird"),
                               preprocessing=Preprocessing(resize=72, crop=SMALL_CROP))


@pytest.fixture(scope="session")
def other_checkpoint(tmp_path_factory):
    """A second small model with different classes (a "fine-tuned" successor)."""
    from googlenet_gui.core.images.preprocessing import Preprocessing
    from tests.factories import save_app_checkpoint

    path = tmp_path_factory.mktemp("ckpt2") / "tools.safetensors"
    return save_app_checkpoint(path, class_names=("hammer", "saw"), seed=3,
                               preprocessing=Preprocessing(resize=72, crop=SMALL_CROP))


def write_png(path, size=80, color=(30, 120, 200)):
    """A small real PNG with some structure (a bright square) so activations vary."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (size, size), color)
    ImageDraw.Draw(image).rectangle((size // 4, size // 4, size // 2, size // 2), fill=(250, 250, 40))
    image.save(path)
    return path


@pytest.fixture
def images(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    return [write_png(folder / f"img{i}.png", color=(40 * i, 100, 200 - 30 * i)) for i in range(3)]


@pytest.fixture
def window(qtbot, small_checkpoint):
    """The main window with the small model loaded (CPU)."""
    from googlenet_gui.ui.window.main_window import MainWindow

    win = MainWindow(device="cpu")
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    with qtbot.waitSignal(win.model_changed, timeout=60_000):
        win.load_model(str(small_checkpoint))
    yield win
    win.close()
