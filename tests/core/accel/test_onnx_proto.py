"""The graph writer's own ONNX messages: the same bytes as ``onnx.helper``, without importing onnx.

WHY: ``import onnx`` holds the interpreter lock ~0.7 s (ml_dtypes); on the window's worker
that froze the window.  These tests hold the writer to onnx's own serialisation and prove
that writing and rewiring a graph leaves ``onnx`` unimported, and that a later
``import onnx`` still works beside the classes loaded here.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest

from googlenet_gui.core.accel.onnx_backend import onnx_available
from googlenet_gui.core.accel.onnx_proto import data_type, make_node, tensor_value_info

pytestmark = pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed (bench extra)")


def test_nodes_and_value_infos_serialise_as_onnx_helper_does() -> None:
    from onnx import TensorProto, helper

    ours = make_node("Conv", ["x", "w"], ["y"], "conv", strides=[2, 2], group=1, kernel_shape=(7, 7), pads=[3] * 4)
    theirs = helper.make_node("Conv", ["x", "w"], ["y"], name="conv", strides=[2, 2], group=1,
                              kernel_shape=(7, 7), pads=[3] * 4)
    assert ours.SerializeToString() == theirs.SerializeToString()
    for shape in (["batch", 3, 224, 224], None, [1]):
        assert (tensor_value_info("input", shape).SerializeToString()
                == helper.make_tensor_value_info("input", TensorProto.FLOAT, shape).SerializeToString())
    for dtype in (np.float32, np.int64, np.int32, np.float16):
        assert data_type(np.dtype(dtype)) == helper.np_dtype_to_tensor_dtype(np.dtype(dtype))


def test_unsupported_attributes_and_dtypes_are_refused() -> None:
    with pytest.raises(TypeError, match="epsilon"):
        make_node("BatchNormalization", ["x"], ["y"], "bn", epsilon=1e-5)
    with pytest.raises(TypeError, match="complex"):
        data_type(np.dtype(np.complex64))


_CHILD = textwrap.dedent("""
    import os, sys
    os.environ["GOOGLENET_GUI_CACHE"] = "off"
    import torch
    from googlenet_gui.core.network.model import GoogLeNet
    from googlenet_gui.core.accel.folded import prepare_for_inference
    from googlenet_gui.core.accel.onnx_backend import build_onnx_inspector, export_inspect_graph

    model = prepare_for_inference(GoogLeNet().eval(), channels_last=False)
    inspector = build_onnx_inspector(model, image_size=64)  # writes, rewires (blocked maps) and opens
    inspector.inspect_tensor(torch.zeros(1, 3, 64, 64))
    graph = export_inspect_graph(model, 64)
    assert "onnx" not in sys.modules and "ml_dtypes" not in sys.modules, sorted(m for m in sys.modules if "onnx" in m)
    import onnx
    from onnx import helper
    loaded = onnx.load_from_string(graph)  # onnx's own reader, beside the classes loaded first
    assert loaded.graph.name == "googlenet_inspect" and len(loaded.graph.node) > 100
    helper.make_node("Relu", ["a"], ["b"])
    print("ok")
""")


def test_writing_and_opening_a_graph_leaves_onnx_unimported_and_importable() -> None:
    done = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")
