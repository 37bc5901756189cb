"""Maps left in ONNX Runtime's blocked layout (onnx_blocked) read back exactly as NCHW ones."""

from __future__ import annotations

import tempfile
import threading

import numpy as np
import pytest
import torch

from googlenet_gui.core.accel import onnx_blocked
from googlenet_gui.core.lazy_mapping import LazyMapping
from googlenet_gui.core.accel.onnx_backend import onnx_available

from parity_helpers import assert_close, eager_maps, randomised_model

needs_onnx = pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed (bench extra)")


def blocked_memory(array: np.ndarray, block: int) -> np.ndarray:
    """What ONNX Runtime's NCHWc tensors hold: (N, C/block, H, W, block) memory, NCHW shape."""
    n, channels, height, width = array.shape
    grouped = array.reshape(n, channels // block, block, height, width).transpose(0, 1, 3, 4, 2)
    return np.ascontiguousarray(grouped).reshape(n, channels, height, width)


@pytest.mark.parametrize("block", [4, 8, 16])
def test_unblock_undoes_the_blocked_layout(block):
    maps = np.random.default_rng(block).standard_normal((2, 32, 5, 7)).astype(np.float32)
    memory = blocked_memory(maps, block)
    assert not np.array_equal(memory, maps)
    got = onnx_blocked.unblock(memory, block)
    assert np.array_equal(got, maps) and got.flags.c_contiguous


def test_lazy_mapping_makes_each_value_once_on_first_read():
    calls: list[str] = []
    lazy = LazyMapping({"a": lambda: calls.append("a") or 1, "b": lambda: calls.append("b") or 2})
    assert list(lazy) == ["a", "b"] and len(lazy) == 2 and "a" in lazy and calls == []
    assert lazy["b"] == 2 and lazy["b"] == 2 and calls == ["b"] and lazy.made() == ["b"]
    assert dict(lazy) == {"a": 1, "b": 2} and calls == ["b", "a"]
    assert "c" not in lazy
    with pytest.raises(KeyError):
        lazy["c"]


def test_lazy_mapping_makes_a_value_once_when_threads_race_for_it():
    calls: list[int] = []
    release = threading.Event()

    def slow() -> object:
        calls.append(1)
        release.wait(2)
        return object()

    lazy = LazyMapping({"x": slow})
    seen: list[object] = []
    readers = [threading.Thread(target=lambda: seen.append(lazy["x"])) for _ in range(4)]
    for reader in readers:
        reader.start()
    release.set()
    for reader in readers:
        reader.join()
    assert len(calls) == 1 and len(seen) == 4 and all(value is seen[0] for value in seen)


def _reorder(source: str, target: str, channels: int):
    import onnx

    return onnx.helper.make_node("ReorderOutput", [source], [target], domain="com.microsoft.nchwc",
                                 channels=channels, channels_last=0)


def test_rewiring_serves_the_blocked_tensor_and_keeps_the_reorder_other_nodes_read():
    onnx = pytest.importorskip("onnx")
    helper = onnx.helper
    nodes = [helper.make_node("Conv", ["x", "w"], ["conv_out"], domain="com.microsoft.nchwc"),
             _reorder("conv_out", "maps", 16),
             helper.make_node("Relu", ["maps"], ["after"]),
             helper.make_node("Conv", ["x", "w"], ["odd_out"], domain="com.microsoft.nchwc"),
             _reorder("odd_out", "odd", 24),  # 24 is padded in 16-blocks: left to ONNX Runtime
             helper.make_node("Conv", ["x", "w"], ["solo_out"], domain="com.microsoft.nchwc"),
             _reorder("solo_out", "solo", 32)]
    outputs = [helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None)
               for name in ("maps", "after", "odd", "solo")]
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, None)], outputs)

    assert onnx_blocked.rewire_outputs(graph, {"maps", "odd", "solo"}) == ["maps", "solo"]
    made_by = {output: node for node in graph.node for output in node.output}
    assert made_by["maps"].op_type == "Conv" and made_by["solo"].op_type == "Conv"
    assert made_by["maps__nchw"].op_type == "ReorderOutput" and list(made_by["maps__nchw"].input) == ["maps"]
    assert list(made_by["after"].input) == ["maps__nchw"]  # the Relu still reads NCHW
    assert "solo__nchw" not in made_by  # nothing else read it: the reorder is gone
    assert made_by["odd"].op_type == "ReorderOutput"


@needs_onnx
def test_blocked_maps_equal_the_maps_onnx_runtime_reorders_and_the_eager_model(tmp_path, monkeypatch):
    from googlenet_gui.core.accel.onnx_backend import build_onnx_inspector

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    model = randomised_model(7)
    x = torch.randn(2, 3, 96, 96, generator=torch.Generator().manual_seed(8))
    blocked = build_onnx_inspector(model, threads=1, image_size=96, outputs="branches")
    plain = build_onnx_inspector(model, threads=1, image_size=96, outputs="branches", blocked_maps=False)
    assert list(tmp_path.iterdir()) == []  # the optimised graph's folder is gone once the session is open
    if not blocked.blocked:
        pytest.skip("ONNX Runtime blocks no channels on this CPU")
    assert blocked.block in onnx_blocked.BLOCK_SIZES and plain.blocked == frozenset()
    assert {"conv1", "inception4a.3x3", "inception5b.pool_proj"} <= blocked.blocked
    got, want = blocked.run(x), plain.run(x)
    assert got.made() == []  # nothing is reordered before it is read
    assert list(got) == list(want)
    for name in want:
        assert np.allclose(got[name], want[name], rtol=1e-6, atol=1e-6), name
    heads, maps = eager_maps(model, x)
    assert_close({k: got[k] for k in heads}, heads)
    assert_close({k: got[k] for k in maps}, maps)


@needs_onnx
def test_a_layout_the_probe_cannot_explain_leaves_the_plain_session(monkeypatch):
    from googlenet_gui.core.accel.onnx_backend import build_onnx_inspector

    monkeypatch.setattr(onnx_blocked, "BLOCK_SIZES", (5,))  # no real block size: the probe must refuse
    model = randomised_model(9)
    x = torch.randn(1, 3, 96, 96, generator=torch.Generator().manual_seed(10))
    inspector = build_onnx_inspector(model, threads=1, image_size=96)
    assert inspector.blocked == frozenset() and inspector.block == 0
    got = inspector.run(x)
    heads, _ = eager_maps(model, x)
    assert_close({k: got[k] for k in heads}, heads)
    assert got["inception4c"].shape == (1, 512, 6, 6)


@needs_onnx
def test_without_a_writable_temporary_folder_onnx_runtime_still_serves(monkeypatch):
    from googlenet_gui.core.accel.onnx_backend import build_onnx_inspector

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", "/tmp")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    model = randomised_model(11)
    x = torch.randn(1, 3, 96, 96, generator=torch.Generator().manual_seed(12))
    inspector = build_onnx_inspector(model, threads=1, image_size=96)
    assert inspector.blocked == frozenset()
    heads, _ = eager_maps(model, x)
    assert_close({k: inspector.run(x)[k] for k in heads}, heads)
