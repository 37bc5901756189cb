"""Weights framed by hand (``core.onnx_frames``) parse into exactly the conventionally serialised model.

WHY this matters: the window writes the graph on its worker, and only hand framing keeps
protobuf from copying 50 MB with the interpreter lock held.  A framing slip would give a
file that ONNX Runtime refuses or, worse, reads differently.
"""

from __future__ import annotations

import io

import numpy as np
import pytest

from googlenet_gui.core.accel.onnx_backend import inspect_graph_chunks, onnx_available
from googlenet_gui.core.accel.onnx_frames import initializer_frames, joined, little_endian, write_chunks

from parity_helpers import randomised_model

pytestmark = pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed (bench extra)")


def _arrays() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    return {
        "big": rng.standard_normal((1024, 2100), dtype=np.float32),  # 8.6 MB: a 4-byte length varint
        "strided": rng.standard_normal((8, 6, 3, 3), dtype=np.float32).transpose(0, 2, 3, 1),
        "scalar": np.asarray(3.5, dtype=np.float32),
        "empty": np.zeros((0, 4), dtype=np.float32),
        "shape": np.asarray([-1, 64, 196], dtype=np.int64),
        "tiny": np.asarray([1.0], dtype=np.float32),
    }


def _skeleton():
    from onnx import TensorProto, helper

    node = helper.make_node("Add", ["tiny", "scalar"], ["sum"], name="add")
    graph = helper.make_graph([node], "framed", [], [helper.make_tensor_value_info("sum", TensorProto.FLOAT, [1])])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def test_framed_weights_parse_into_the_conventional_model():
    import onnx
    from onnx import numpy_helper

    arrays = _arrays()
    reference = _skeleton()
    for name, array in arrays.items():
        reference.graph.initializer.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
    framed = [_skeleton().SerializeToString(),
              *initializer_frames((name, little_endian(array, array.dtype)) for name, array in arrays.items())]
    parsed = onnx.ModelProto.FromString(joined(framed))
    assert parsed == reference
    for tensor in parsed.graph.initializer:
        np.testing.assert_array_equal(numpy_helper.to_array(tensor), arrays[tensor.name])


def test_onnx_runtime_reads_the_framed_file(tmp_path):
    import onnxruntime as ort

    arrays = _arrays()
    chunks = [_skeleton().SerializeToString(), *initializer_frames(
        (name, little_endian(array, array.dtype)) for name, array in arrays.items())]
    path = tmp_path / "framed.onnx"
    with path.open("wb") as stream:
        write_chunks(stream, chunks)
    (total,) = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, {})
    assert total.tolist() == [4.5]


def test_weights_are_referenced_not_copied_through_protobuf():
    """Only the skeleton goes through protobuf; the weights' chunks are the model's own memory."""
    from googlenet_gui.core.accel.folded import fold_batchnorm

    folded = fold_batchnorm(randomised_model(1).eval())
    chunks = inspect_graph_chunks(folded, 96, "modules")
    stream = io.BytesIO()
    write_chunks(stream, chunks)
    assert stream.getvalue() == joined(chunks)
    assert len(chunks[0]) < 200_000  # nodes and shapes only; the weights are ~26 MB
    payloads = [np.frombuffer(chunk, np.uint8) for chunk in chunks[2::2]]
    assert sum(payload.nbytes for payload in payloads) > 0.99 * len(stream.getvalue())
    for weight in (folded.fc.weight, folded.aux1.fc1.weight, folded.inception4a.branch1.conv.weight):
        mine = weight.detach().numpy().view(np.uint8)
        assert any(np.shares_memory(payload, mine) for payload in payloads)
