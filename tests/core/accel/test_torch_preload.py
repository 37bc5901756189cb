"""torch's libraries can be loaded before ``import torch``, with the interpreter lock released."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from googlenet_gui.core.accel.torch_preload import preload_torch_libraries, torch_library_dir

ROOT = Path(__file__).resolve().parents[3]


def _fresh_python(code: str) -> str:
    """stdout of ``code`` run by a new interpreter (nothing imported yet) on this checkout."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the preload is Linux-only")
def test_preloaded_libraries_are_the_ones_torch_then_uses():
    code = ("import sys, threading, time\n"
            "from googlenet_gui.core.accel.torch_preload import preload_torch_libraries\n"
            "ticks = []\n"
            "worker = threading.Thread(target=lambda: ticks.append(preload_torch_libraries()))\n"
            "start = time.perf_counter(); worker.start(); beats = 0\n"
            "while worker.is_alive(): time.sleep(0.001); beats += 1\n"
            "maps = open('/proc/self/maps').read()\n"
            "print(ticks[0], 'torch' in sys.modules, 'libtorch_cpu.so' in maps, beats)\n"
            "import torch\n"
            "print(float(torch.ones(3).sum()), maps.count('libtorch_cpu.so') == open('/proc/self/maps').read().count('libtorch_cpu.so'))\n")
    first, second = _fresh_python(code).splitlines()
    assert first.startswith("['libtorch_cpu.so'") and " False True " in first
    assert int(first.split()[-1]) > 10  # the main thread kept running while the libraries loaded
    assert second == "3.0 True"  # torch works, and mapped no second copy


def test_it_finds_the_torch_that_is_imported_and_is_a_no_op_afterwards():
    import torch

    assert torch_library_dir() == Path(torch.__file__).parent / "lib"
    assert preload_torch_libraries() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the preload is Linux-only")
def test_triton_library_preload_is_the_copy_triton_then_uses():
    """The Fine-tune warm-up loads triton's library this way before torch._dynamo imports it."""
    import importlib.util

    if importlib.util.find_spec("triton") is None:
        pytest.skip("this torch build has no triton")
    code = ("import sys\n"
            "from googlenet_gui.core.accel.torch_preload import preload_triton_library\n"
            "names = preload_triton_library()\n"
            "maps = open('/proc/self/maps').read().count('libtriton.so')\n"
            "import triton._C.libtriton\n"
            "print(names, 'triton' in sys.modules, maps > 0, open('/proc/self/maps').read().count('libtriton.so') == maps,"
            " preload_triton_library())\n")
    assert _fresh_python(code).strip() == "['libtriton.so'] True True True []"


def test_the_switch_turns_every_preload_off(monkeypatch):
    from googlenet_gui.core.accel import torch_preload

    monkeypatch.setenv(torch_preload.PRELOAD_ENV, "off")
    monkeypatch.delitem(sys.modules, "triton", raising=False)
    assert torch_preload.preload_triton_library() == []


def test_imports_hand_the_lock_over_often_until_the_last_overlapping_use_ends(monkeypatch):
    import threading

    from googlenet_gui.core.accel import torch_preload

    monkeypatch.delenv(torch_preload.PRELOAD_ENV, raising=False)
    monkeypatch.setattr(torch_preload, "_enabled", lambda: True)  # the interval is no Linux matter
    before = sys.getswitchinterval()
    inner_entered, outer_may_leave = threading.Event(), threading.Event()
    seen: list[float] = []

    def other_worker() -> None:
        with torch_preload.responsive_python():
            inner_entered.set()
            outer_may_leave.wait(5)
        seen.append(sys.getswitchinterval())  # the first worker is still importing

    with torch_preload.responsive_python():
        assert sys.getswitchinterval() == pytest.approx(torch_preload.RESPONSIVE_SWITCH_INTERVAL_S)
        worker = threading.Thread(target=other_worker)
        worker.start()
        assert inner_entered.wait(5)
        with torch_preload.responsive_python():  # nested in one thread too
            pass
        assert sys.getswitchinterval() == pytest.approx(torch_preload.RESPONSIVE_SWITCH_INTERVAL_S)
        outer_may_leave.set()
        worker.join(5)
    assert seen == [pytest.approx(torch_preload.RESPONSIVE_SWITCH_INTERVAL_S)]
    assert sys.getswitchinterval() == before


def test_imports_keep_the_default_interval_when_switched_off(monkeypatch):
    from googlenet_gui.core.accel import torch_preload

    monkeypatch.setenv(torch_preload.PRELOAD_ENV, "off")
    before = sys.getswitchinterval()
    with torch_preload.responsive_python():
        assert sys.getswitchinterval() == before


def test_the_training_warm_up_imports_with_the_short_interval(monkeypatch):
    import torch

    from googlenet_gui.core.accel import torch_preload
    from googlenet_gui.core.training import finetune as training

    monkeypatch.setattr(torch_preload, "_enabled", lambda: True)
    monkeypatch.setattr(torch_preload, "preload_triton_library", lambda: [])
    intervals: list[float] = []
    real_sgd = torch.optim.SGD
    monkeypatch.setattr(torch.optim, "SGD", lambda *a, **k: (intervals.append(sys.getswitchinterval()),
                                                          real_sgd(*a, **k)))
    before = sys.getswitchinterval()
    training.warm_up()
    assert intervals == [pytest.approx(torch_preload.RESPONSIVE_SWITCH_INTERVAL_S)]
    assert sys.getswitchinterval() == before
