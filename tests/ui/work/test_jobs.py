"""JobRunner: every outcome of a job crosses to the GUI thread as a signal."""

from __future__ import annotations

import threading
import time
import warnings

import pytest
from PySide6.QtCore import QObject

from googlenet_gui.core.errors import ImageError
from googlenet_gui.ui.work.runner import JobRunner, running_job_threads


@pytest.fixture
def runner(qtbot):
    owner = QObject()
    job_runner = JobRunner(owner)
    yield job_runner
    job_runner.shutdown()


def test_plain_job_result_arrives_as_finished_on_gui_thread(qtbot, runner):
    seen_threads = []

    def job(token):
        seen_threads.append(threading.get_ident())
        return 41 + 1

    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.start(job, "answer")
    assert blocker.args == [42]
    assert seen_threads and seen_threads[0] != threading.get_ident()
    assert not runner.is_busy()


def test_generator_events_are_progress_and_return_value_is_finished(qtbot, runner):
    def job(token):
        for step in range(3):
            yield {"step": step}
        return "done"

    events = []
    runner.progress.connect(events.append)
    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.start(job, "steps")
    assert blocker.args == ["done"]
    assert events == [{"step": 0}, {"step": 1}, {"step": 2}]


def test_user_error_is_its_sentence_and_bug_is_one_line(qtbot, runner):
    def bad_image(token):
        raise ImageError("cat.jpg is not an image file.")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.start(bad_image, "bad")
    assert blocker.args == ["cat.jpg is not an image file."]

    def bug(token):
        raise KeyError("missing\nsecond line")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.start(bug, "bug")
    message = blocker.args[0]
    assert "KeyError" in message and "\n" not in message and "Traceback" not in message


def test_warning_inside_job_is_forwarded_not_raised(qtbot, runner):
    def job(token):
        warnings.warn("aux heads look untrained", UserWarning)
        return "ok"

    warned = []
    runner.warned.connect(warned.append)
    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.start(job, "warn")
    assert blocker.args == ["ok"]
    qtbot.waitUntil(lambda: bool(warned), timeout=2000)
    assert warned == ["UserWarning: aux heads look untrained"]


def test_cancel_stops_generator_between_steps(qtbot, runner):
    release = threading.Event()
    steps = []

    def job(token):
        for step in range(1000):
            steps.append(step)
            if step == 1:
                release.wait(5)
            yield step
        return "not reached"

    with qtbot.waitSignal(runner.cancelled, timeout=5000):
        runner.start(job, "long")
        qtbot.waitUntil(lambda: len(steps) >= 2, timeout=2000)
        runner.cancel()
        release.set()
    assert len(steps) < 10
    assert not runner.is_busy()


def test_busy_runner_refuses_second_job(qtbot, runner):
    release = threading.Event()
    with qtbot.waitSignal(runner.finished, timeout=5000):
        runner.start(lambda token: release.wait(5), "first")
        assert runner.is_busy()
        with pytest.raises(RuntimeError):
            runner.start(lambda token: None, "second")
        release.set()


def test_shutdown_during_job_waits_and_leaves_no_thread(qtbot):
    owner = QObject()
    job_runner = JobRunner(owner)
    started = threading.Event()

    def job(token):
        started.set()
        while not token.cancelled:
            time.sleep(0.005)
        token.raise_if_cancelled()

    job_runner.start(job, "spin")
    assert started.wait(5)
    job_runner.shutdown()
    assert running_job_threads() == []
    with pytest.raises(RuntimeError):
        job_runner.start(job, "after shutdown")


def test_the_model_load_imports_torch_with_the_short_switch_interval(monkeypatch, small_checkpoint):
    """``load_model_job`` wraps the preload and torch's import in ``responsive_python``."""
    import sys

    from googlenet_gui.core.accel import torch_preload
    from googlenet_gui.core.jobs import CancelToken
    from googlenet_gui.ui.work.jobs import load_model_job

    monkeypatch.setattr(torch_preload, "_enabled", lambda: True)
    intervals: list[float] = []
    monkeypatch.setattr(torch_preload, "preload_torch_libraries", lambda: intervals.append(sys.getswitchinterval()))
    before = sys.getswitchinterval()
    steps = load_model_job(str(small_checkpoint), "cpu")(CancelToken())
    with pytest.raises(StopIteration) as done:
        while True:
            next(steps)
    assert len(done.value.value.loaded.class_names) > 0  # and the model loaded
    assert intervals == [pytest.approx(torch_preload.RESPONSIVE_SWITCH_INTERVAL_S)]
    assert sys.getswitchinterval() == before


def test_model_walking_jobs_run_with_the_short_switch_interval(monkeypatch, small_checkpoint):
    """Table 1's count, the BN-folded copy and the ONNX graph walk the model in Python: the
    GUI thread must keep its turns at the lock meanwhile (``tasks.python_heavy``)."""
    import sys
    from types import SimpleNamespace

    from googlenet_gui.core.opcount import table as ops
    from googlenet_gui.core.accel import torch_preload
    from googlenet_gui.core.jobs import CancelToken
    from googlenet_gui.core.checkpoints.loading import load_model
    from googlenet_gui.ui.accel import graph_prep
    from googlenet_gui.core.inference import engine
    from googlenet_gui.ui.work.jobs import count_ops_job, prepare_job

    monkeypatch.setattr(torch_preload, "_enabled", lambda: True)
    loaded = load_model(str(small_checkpoint), device="cpu")
    intervals: list[float] = []
    real_count = ops.count_ops
    monkeypatch.setattr(ops, "count_ops", lambda model, **kw: intervals.append(sys.getswitchinterval()) or real_count(model, **kw))
    monkeypatch.setattr(engine, "write_graph", lambda *_: intervals.append(sys.getswitchinterval()))
    monkeypatch.setattr(engine, "folded_model", lambda _: intervals.append(sys.getswitchinterval()))
    before = sys.getswitchinterval()
    table, error = count_ops_job(loaded)(CancelToken())
    prepare_job(loaded)(CancelToken())
    preparer, bundle = graph_prep.GraphPreparer(), SimpleNamespace(loaded=loaded)
    preparer._bundle, preparer._stage, preparer._request = bundle, "planned", object()  # as after planning
    export = preparer.next_job(bundle).job
    export(CancelToken())
    assert error is None and table.total_params > 0
    assert intervals == [pytest.approx(torch_preload.RESPONSIVE_SWITCH_INTERVAL_S)] * 3
    assert sys.getswitchinterval() == before


def test_python_heavy_refuses_a_generator_job():
    """A generator's body would run after the short interval is restored: refused up front."""
    from googlenet_gui.ui.work.jobs import python_heavy

    def steps(_token):
        yield "work"

    with pytest.raises(TypeError, match="plain function"):
        python_heavy(steps)


def test_table1_is_counted_at_the_models_own_crop(tmp_path):
    """A model trained at 64 px is counted at 64 px in the Ops tab, as `ops --weights` does."""
    from googlenet_gui.core.checkpoints.loading import load_model
    from googlenet_gui.core.images.preprocessing import Preprocessing
    from googlenet_gui.core.jobs import CancelToken
    from googlenet_gui.ui.work.jobs import count_ops_job
    from tests.factories import save_app_checkpoint

    path = save_app_checkpoint(tmp_path / "small.pth", preprocessing=Preprocessing(resize=73, crop=64))
    table, error = count_ops_job(load_model(str(path), device="cpu"))(CancelToken())
    assert error is None and table.image_size == 64
    assert table.row("inception4c").output[:2] == (4, 4)
