"""Ctrl+C at any moment is "interrupted" and exit 130; a full or closed stdout is one sentence."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from googlenet_gui.cli import interrupts
from googlenet_gui.cli.main import main

REPO = Path(__file__).resolve().parents[3]


def test_an_interrupt_during_a_native_import_is_held_back_until_the_import_ends(tmp_path, monkeypatch):
    (tmp_path / "slow_native.py").write_text(
        "import os, signal, time\nos.kill(os.getpid(), signal.SIGINT)\ntime.sleep(0.3)\nFINISHED = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(interrupts, "NATIVE_PACKAGES", frozenset({"slow_native"}))
    with pytest.raises(KeyboardInterrupt):
        with interrupts.interrupts_between_imports():
            import slow_native  # noqa: F401 - sends the SIGINT half-way through its own import

            time.sleep(5)  # the held-back interrupt arrives well before this ends
    module = sys.modules.pop("slow_native", None)  # an interrupted import would have removed it
    assert module is not None and module.FINISHED
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT")
def test_ctrl_c_while_torch_starts_is_interrupted_and_exit_130(photo):
    env = {**os.environ, "GOOGLENET_GUI_OFFLINE": "1", "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1"}
    run = subprocess.Popen([sys.executable, "-m", "googlenet_gui", "classify", "--weights", "untrained", str(photo)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                           preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(1.5)  # the moment: torch is being imported
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=120)
    assert run.returncode in (130, 0), err  # 0 only if the whole run finished within 1.5 s
    if run.returncode == 130:
        assert err.strip().splitlines()[-1] == "googlenet-gui classify: interrupted"
    assert "terminate called" not in err and "Traceback" not in err


class _FullDisk:
    """A stdout behind which the disk is full (``> /dev/full``)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def write(self, _text: str) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return self.fd


def test_a_full_stdout_is_one_sentence_and_exit_2(tmp_path, monkeypatch, capsys):
    with open(tmp_path / "sink", "wb") as sink:
        monkeypatch.setattr(sys, "stdout", _FullDisk(sink.fileno()))
        code = main(["ops", "--arch", "paper"])
    err = capsys.readouterr().err
    assert code == 2
    assert err == "googlenet-gui ops: error: the output could not be written (No space left on device); is the disk full?\n"


def test_a_closed_stdout_is_one_sentence_and_exit_2(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["info", "untrained"]) == 2
    assert "standard output is closed" in capsys.readouterr().err
