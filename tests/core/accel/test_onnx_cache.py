"""Exported ONNX graphs are reused from disk, keyed by the weights, and never trusted blindly."""

from __future__ import annotations

import pytest
import torch

from googlenet_gui.core.accel import onnx_backend
from googlenet_gui.core.accel import graph_cache as onnx_cache
from googlenet_gui.core.accel.folded import prepare_for_inference
from googlenet_gui.core.accel.onnx_backend import build_onnx_inspector, onnx_available
from googlenet_gui.core.accel.graph_cache import CACHE_ENV, MAX_FILES, cached_graph, graph_key
from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.network.spec import torchvision_spec
from tests.factories import randomize_bn_stats

pytestmark = pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed")
SIZE = 96


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "onnx"


@pytest.fixture
def exports(monkeypatch):
    """Counts real exports (the expensive step the cache saves)."""
    calls: list[str] = []
    real = onnx_backend.export_inspect_graph

    def counting(model, image_size=224, outputs="modules"):  # noqa: ANN001, ANN202
        calls.append(outputs)
        return real(model, image_size, outputs)
    monkeypatch.setattr(onnx_backend, "export_inspect_graph", counting)
    return calls


def _model(seed: int):
    torch.manual_seed(seed)
    model = randomize_bn_stats(GoogLeNet(torchvision_spec().with_classes(5)), seed=seed)
    return prepare_for_inference(model.eval())


def _heads(inspector, batch):
    return inspector.heads(batch)["main"]


def test_second_session_comes_from_disk_and_gives_the_same_answers(cache, exports):
    model = _model(0)
    batch = torch.randn(2, 3, SIZE, SIZE)
    first = build_onnx_inspector(model, image_size=SIZE, outputs="heads")
    assert exports == ["heads"] and len(list(cache.glob("*.onnx"))) == 1
    second = build_onnx_inspector(model, image_size=SIZE, outputs="heads")
    assert exports == ["heads"]  # no second export
    torch.testing.assert_close(_heads(second, batch), _heads(first, batch))
    with torch.no_grad():
        torch.testing.assert_close(_heads(second, batch), model.forward_heads(batch)["main"], atol=1e-4, rtol=1e-4)


def test_other_weights_size_or_outputs_get_their_own_graph():
    one, other = _model(0), _model(1)
    keys = {graph_key(one, SIZE, "heads"), graph_key(other, SIZE, "heads"),
            graph_key(one, 128, "heads"), graph_key(one, SIZE, "modules")}
    assert len(keys) == 4
    assert graph_key(one, SIZE, "heads") == graph_key(_model(0), SIZE, "heads")  # content, not identity
    with torch.no_grad():
        one.fc.weight[0, 0] += 1e-3  # fine-tuned in memory: a new key
    assert graph_key(one, SIZE, "heads") not in keys


def test_a_damaged_cache_file_is_replaced_by_a_fresh_export(cache, exports):
    model = _model(0)
    build_onnx_inspector(model, image_size=SIZE, outputs="heads")
    (path,) = cache.glob("*.onnx")
    path.write_bytes(b"\x08\x07not a model")
    inspector = build_onnx_inspector(model, image_size=SIZE, outputs="heads")
    assert exports == ["heads", "heads"]
    batch = torch.randn(1, 3, SIZE, SIZE)
    with torch.no_grad():
        torch.testing.assert_close(_heads(inspector, batch), model.forward_heads(batch)["main"], atol=1e-4, rtol=1e-4)


def test_off_and_unwritable_folders_only_cost_the_export(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, "off")
    assert onnx_cache.cache_dir() is None
    assert cached_graph("k", lambda: b"graph") == (b"graph", None)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker))  # the cache folder cannot be created
    assert cached_graph("k", lambda: b"graph") == (b"graph", None)


def test_only_the_most_recently_used_graphs_are_kept(cache):
    import os
    import time

    for index in range(MAX_FILES + 3):
        cached_graph(f"key{index}", lambda: b"graph")
        os.utime(cache / f"key{index}.onnx", (time.time() - 1000 + index, time.time() - 1000 + index))
    assert {p.stem for p in cache.glob("*.onnx")} == {f"key{i}" for i in range(3, MAX_FILES + 3)}
    graph, path = cached_graph("key3", lambda: b"exported")  # the oldest kept one: a hit
    assert graph == b"graph" and path == cache / "key3.onnx"  # ... and now the newest
    assert cached_graph("key0", lambda: b"new") == (b"new", None)  # pruned long ago: exported again
    kept = {p.stem for p in cache.glob("*.onnx")}
    assert len(kept) == MAX_FILES and {"key0", "key3"} <= kept and "key4" not in kept
    assert not list(cache.glob(".part-*"))  # no half-written files left behind
    assert all(p.read_bytes() for p in cache.glob("*.onnx"))


def test_temp_files_a_killed_writer_left_are_removed_once_stale(cache):
    import os
    import time

    cache.mkdir(parents=True, exist_ok=True)
    stale, fresh = cache / ".part-stale.onnx", cache / ".part-fresh.onnx"
    for part in (stale, fresh):
        part.write_bytes(b"half a graph")
    old = time.time() - onnx_cache.STALE_PART_S - 60
    os.utime(stale, (old, old))
    cached_graph("key", lambda: b"graph")
    assert not stale.exists() and fresh.exists()  # fresh: perhaps another process is writing it
