"""Qt test settings: settings in a temp folder, one torch thread, no threads left behind."""

from __future__ import annotations

import threading

import pytest
import torch

torch.set_num_threads(1)


@pytest.fixture(autouse=True)
def _settings_in_tmp(tmp_path, monkeypatch):
    """QSettings of the app go to a per-test temp folder, never the user's real config."""
    from PySide6.QtCore import QCoreApplication, QSettings

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QCoreApplication.setOrganizationName("googlenet-gui-tests")
    QCoreApplication.setApplicationName("googlenet-gui-tests")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(tmp_path / "settings"))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(tmp_path / "settings"))
    yield


def _python_threads() -> set[threading.Thread]:
    # Dummy threads are Qt threads Python code ran on; Qt's own registry covers them.
    return {t for t in threading.enumerate() if not isinstance(t, threading._DummyThread)}


@pytest.fixture(autouse=True)
def _no_threads_left_running(request):
    """Fail a test that leaves a worker QThread or a Python thread running."""
    from googlenet_gui.ui.jobs import running_job_threads

    before = _python_threads()
    yield
    qthreads = running_job_threads()
    python_threads = [t for t in _python_threads() - before if t.is_alive()]
    if qthreads or python_threads:
        names = [t.objectName() for t in qthreads] + [t.name for t in python_threads]
        pytest.fail(f"test left threads running: {', '.join(names)}")
