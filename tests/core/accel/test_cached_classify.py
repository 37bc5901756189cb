"""A second ``classify`` run of the same checkpoint skips torch and answers the same."""

from __future__ import annotations

import json
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from googlenet_gui.core.accel import cached_classify
from googlenet_gui.cli.main import main
from googlenet_gui.core.inference.batching import ONNX_MIN_IMAGES
from googlenet_gui.core.accel.cached_classify import file_fingerprint, lookup
from googlenet_gui.core.accel.onnx_backend import onnx_available
from googlenet_gui.core.accel.graph_cache import BACKEND_ENV, CACHE_ENV
from googlenet_gui.core.images.preprocessing import Preprocessing
from tests.factories import save_app_checkpoint

pytestmark = pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed")
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def setup(tmp_path, monkeypatch):
    monkeypatch.delenv(BACKEND_ENV, raising=False)  # ONNX Runtime allowed, as for users
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    checkpoint = save_app_checkpoint(tmp_path / "model.pth", class_names=[f"c{i}" for i in range(5)],
                                     preprocessing=Preprocessing(resize=80, crop=64))
    folder = tmp_path / "images"
    folder.mkdir()
    rng = np.random.default_rng(0)
    for index in range(ONNX_MIN_IMAGES):
        Image.fromarray(rng.integers(0, 255, (50 + index, 70, 3), dtype=np.uint8)).save(folder / f"{index:02d}.png")
    (folder / "zz_broken.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    return checkpoint, folder


def _argv(checkpoint: Path, folder: Path) -> list[str]:
    return ["classify", "--weights", str(checkpoint), "--device", "cpu", "--json", str(folder)]


def _run_in_subprocess(argv: list[str], env_extra: dict[str, str]) -> tuple[int, list[dict], bool]:
    """Exit code, JSON output, and whether torch was imported."""
    import os

    code = ("import sys; from googlenet_gui.cli.main import main; code = main(sys.argv[1:]); "
            "print('TORCH_IMPORTED', 'torch' in sys.modules, file=sys.stderr); sys.exit(code)")
    env = {k: v for k, v in os.environ.items() if k != BACKEND_ENV} | env_extra | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, check=False)
    return done.returncode, json.loads(done.stdout), "TORCH_IMPORTED True" in done.stderr


def test_second_run_skips_torch_and_gives_the_same_answers(setup, capsys, monkeypatch, tmp_path):
    checkpoint, folder = setup
    assert main(_argv(checkpoint, folder)) == 1  # one broken file among 33
    first = json.loads(capsys.readouterr().out)
    assert lookup(file_fingerprint(checkpoint)) is not None  # recorded for next time
    code, second, torch_imported = _run_in_subprocess(_argv(checkpoint, folder), {CACHE_ENV: str(tmp_path / "cache")})
    assert code == 1 and not torch_imported
    assert [r["image"] for r in second] == [r["image"] for r in first]
    assert second[-1] == first[-1] and "error" in first[-1]  # the same sentence for the broken file
    for ours, theirs in zip(second[:-1], first[:-1]):
        assert set(ours) == set(theirs) and ours["aux_trained"] == theirs["aux_trained"]
        for head, predictions in theirs["predictions"].items():
            assert [p["label"] for p in ours["predictions"][head]] == [p["label"] for p in predictions]
            np.testing.assert_allclose([p["probability"] for p in ours["predictions"][head]],
                                       [p["probability"] for p in predictions], atol=1e-5)


def test_batches_side_by_side_on_one_thread_each_answer_as_one_batch_at_a_time(setup, capsys, monkeypatch):
    """On 2 cores the CLI's session has one thread and two batches overlap; answers and order stay."""
    from googlenet_gui.core.accel.cached_classify import classify_cached, open_session

    checkpoint, folder = setup
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    main(_argv(checkpoint, folder))
    capsys.readouterr()
    args = Namespace(weights=str(checkpoint), device="cpu", labels=None, inputs=[str(folder)])
    cached, session = cached_classify.prepared_run(cached_classify.plan_run(args))
    assert session.get_session_options().intra_op_num_threads == 1
    side_by_side = list(classify_cached(cached, session, folder, batch_size=4, runs=3))
    one_at_a_time = list(classify_cached(cached, open_session(cached, threads=2), folder, batch_size=4, runs=1))
    assert [r.image for r in side_by_side] == [r.image for r in one_at_a_time]
    assert [r.error for r in side_by_side] == [r.error for r in one_at_a_time]
    for ours, theirs in zip(side_by_side[:-1], one_at_a_time[:-1]):
        for head, result in theirs.heads.items():
            np.testing.assert_allclose(ours.heads[head].probabilities, result.probabilities, atol=1e-6)


def test_a_changed_checkpoint_or_a_damaged_graph_takes_the_normal_path(setup, capsys, tmp_path):
    checkpoint, folder = setup
    main(_argv(checkpoint, folder))
    capsys.readouterr()
    cached = lookup(file_fingerprint(checkpoint))
    cached.graph.write_bytes(b"\x08\x01damaged")
    args = Namespace(weights=str(checkpoint), device="cpu", labels=None, inputs=[str(folder)])
    assert cached_classify.prepared_run(cached_classify.plan_run(args)) is None and not cached.graph.exists()  # deleted, not trusted
    save_app_checkpoint(checkpoint, class_names=[f"c{i}" for i in range(5)], seed=1,
                        preprocessing=Preprocessing(resize=80, crop=64))
    assert lookup(file_fingerprint(checkpoint)) is None  # other bytes: no record


def test_only_runs_the_normal_path_would_put_on_onnx_runtime_are_eligible(setup, monkeypatch):
    checkpoint, folder = setup
    base = dict(weights=str(checkpoint), device="cpu", labels=None, transform_input=None)
    assert cached_classify.eligible(Namespace(**base)) == checkpoint
    for change in ({"device": "cuda"}, {"labels": "names.txt"}, {"weights": "untrained"},
                   {"weights": str(folder / "missing.pth")}, {"transform_input": True}):
        assert cached_classify.eligible(Namespace(**(base | change))) is None, change
    assert not cached_classify.enough_images([str(folder / "00.png")])
    monkeypatch.setenv(BACKEND_ENV, "torch")
    assert cached_classify.eligible(Namespace(**base)) is None


@pytest.mark.parametrize("variables", [{"TORCH_HOME": "th"}, {"XDG_CACHE_HOME": "xdg"}, {}])
def test_official_file_is_found_where_torch_caches_it(tmp_path, monkeypatch, variables):
    import torch

    from googlenet_gui.core.checkpoints.official import official_cache_path

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("TORCH_HOME", "XDG_CACHE_HOME", "TORCH_HUB"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, str(tmp_path / value))
    monkeypatch.setattr(torch.hub, "_hub_dir", None)
    expected = official_cache_path()
    assert cached_classify.checkpoint_file("official") is None  # not downloaded yet
    expected.parent.mkdir(parents=True)
    expected.write_bytes(b"weights")
    assert cached_classify.checkpoint_file("official") == expected
    assert cached_classify.checkpoint_file(None) == expected
