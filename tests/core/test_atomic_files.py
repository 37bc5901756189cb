"""Temp files of killed saves are removed by the next save into their folder, live ones never."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from googlenet_gui.core.atomic_files import atomic_write

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process ids are probed with kill(pid, 0)")
REPO = Path(__file__).resolve().parents[2]
SLOW_SAVE = """
import sys, time
from pathlib import Path
from googlenet_gui.core.atomic_files import atomic_write
atomic_write(Path(sys.argv[1]), lambda handle: (handle.write(b"half"), handle.flush(), time.sleep(60)))
"""


def _temps(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_kill_9_during_a_save_leaves_a_temp_file_that_the_next_save_removes(tmp_path):
    target = tmp_path / "model.pth"
    target.write_bytes(b"old")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    saver = subprocess.Popen([sys.executable, "-c", SLOW_SAVE, str(target)], env=env)
    deadline = time.monotonic() + 30
    while not _temps(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.02)
    saver.send_signal(signal.SIGKILL)
    saver.wait()
    assert len(_temps(tmp_path)) == 1 and target.read_bytes() == b"old"  # the killed save's leftover
    atomic_write(tmp_path / "other.pth", lambda handle: handle.write(b"new"))
    assert _temps(tmp_path) == [] and target.read_bytes() == b"old"


def test_a_save_in_progress_in_another_process_keeps_its_temp_file(tmp_path):
    live = tmp_path / f".model.pth.{os.getppid()}.abcd_123.tmp"  # our parent runs: a concurrent save
    live.write_bytes(b"in progress")
    unrelated = tmp_path / ".notes.txt.tmp"
    unrelated.write_bytes(b"not ours")
    atomic_write(tmp_path / "model.pth", lambda handle: handle.write(b"new"))
    assert live.exists() and unrelated.exists()
