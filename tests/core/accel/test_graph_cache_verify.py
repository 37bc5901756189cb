"""A cached graph is used only if it was written for the weights it is keyed by (issue #27)."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from googlenet_gui.core.accel import graph_cache
from googlenet_gui.core.accel.graph_cache import cached_graph, graph_path, read_record, store_chunks, write_record

KEY_A, KEY_B = "a" * 40, "b" * 40


def _tiny_graph(scale: float) -> bytes:
    """An ONNX model computing ``x * scale``: two of them answer differently."""
    pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    graph = helper.make_graph(
        [helper.make_node("Mul", ["x", "s"], ["y"])], "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])],
        [helper.make_tensor("s", TensorProto.FLOAT, [1], [scale])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    return model.SerializeToString()


def _answer(path) -> float:  # noqa: ANN001
    ort = pytest.importorskip("onnxruntime")
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return float(session.run(None, {"x": np.ones(1, np.float32)})[0][0])


def test_onnx_runtime_reads_a_graph_with_its_key_trailer(onnx_on):
    graph, cached_at = cached_graph(KEY_A, lambda: _tiny_graph(2.0))
    assert cached_at is None and graph_path(KEY_A).read_bytes().endswith(graph_cache.key_trailer(KEY_A))
    assert _answer(graph_path(KEY_A)) == 2.0
    again, cached_at = cached_graph(KEY_A, lambda: pytest.fail("the verified file must be reused"))
    assert cached_at == graph_path(KEY_A) and again == graph == _tiny_graph(2.0)


def test_a_graph_swapped_for_another_models_is_rebuilt(onnx_on, caplog):
    store_chunks(graph_path(KEY_A), [_tiny_graph(2.0)])
    store_chunks(graph_path(KEY_B), [_tiny_graph(3.0)])
    shutil.copyfile(graph_path(KEY_B), graph_path(KEY_A))  # model B's graph under model A's key
    graph, cached_at = cached_graph(KEY_A, lambda: _tiny_graph(2.0))
    assert cached_at is None and _answer(graph_path(KEY_A)) == 2.0  # exported again from A's weights
    assert "was not written for these weights" in caplog.text


@pytest.mark.parametrize("damage", ["swapped", "old file without a trailer"])
def test_a_record_whose_graph_was_swapped_is_not_used(onnx_on, damage):
    store_chunks(graph_path(KEY_A), [_tiny_graph(2.0)])
    store_chunks(graph_path(KEY_B), [_tiny_graph(3.0)])
    write_record("index", "f" * 16, {"version": 1, "graph": KEY_A}, keep=4)
    assert read_record("index", "f" * 16, 1) is not None
    if damage == "swapped":
        shutil.copyfile(graph_path(KEY_B), graph_path(KEY_A))
    else:
        graph_path(KEY_A).write_bytes(_tiny_graph(2.0))
    assert read_record("index", "f" * 16, 1) is None and not graph_path(KEY_A).exists()
