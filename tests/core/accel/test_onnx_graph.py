"""The ONNX graph written node by node (``core.onnx_graph``) equals the eager model within 1e-4.

Every variant, every output kind, sizes where ceil-mode pooling and the aux heads'
adaptive pools have uneven windows, ``transform_input`` and models without aux heads.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from googlenet_gui.core.accel.onnx_backend import export_inspect_graph, inspect_output_names, onnx_available
from googlenet_gui.core.network.spec import paper_spec, torchvision_spec, tutorial_spec

from parity_helpers import assert_close, eager_maps, randomised_model

pytestmark = pytest.mark.skipif(not onnx_available(), reason="onnx/onnxruntime not installed (bench extra)")


def run_graph(graph: bytes, x: torch.Tensor) -> dict[str, np.ndarray]:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
    names = [output.name for output in session.get_outputs()]
    return dict(zip(names, session.run(None, {"input": x.numpy()})))


def modules_of(maps: dict[str, torch.Tensor], model) -> dict[str, torch.Tensor]:
    """Eager per-branch maps -> what the ``modules`` graph returns (Inception outputs concatenated)."""
    names = inspect_output_names(model, "modules")
    return {n: maps[n] if n in maps else torch.cat([maps[k] for k in maps if k.startswith(n + ".")], 1)
            for n in names if n not in ("main", "aux1", "aux2")}


@pytest.mark.parametrize(("spec", "size"), [
    (torchvision_spec().with_classes(10), 96),   # aux pools 6x6 -> 4x4: uneven windows
    (torchvision_spec().with_classes(10), 131),  # odd sizes through four ceil-mode pools
    (paper_spec().with_classes(7), 224),         # true 5x5, biased convs, no BN, avg pools
    (tutorial_spec(), 224),                      # the seed's network: padded floor-mode pools
])
def test_every_output_kind_equals_the_eager_model(spec, size):
    model = randomised_model(3, spec)
    x = torch.randn(2, 3, size, size, generator=torch.Generator().manual_seed(size))
    heads, maps = eager_maps(model, x)
    for kind, want in (("branches", maps), ("modules", modules_of(maps, model)), ("heads", {})):
        got = run_graph(export_inspect_graph(model, size, kind), x)
        assert list(got) == inspect_output_names(model, kind)
        assert_close({k: got[k] for k in heads}, heads)
        assert_close({k: got[k] for k in want}, want)


def test_transform_input_and_no_aux_heads():
    model = randomised_model(4, torchvision_spec(num_classes=5, aux_logits=False))
    model.transform_input = True
    x = torch.randn(1, 3, 64, 64, generator=torch.Generator().manual_seed(9))
    heads, maps = eager_maps(model, x)
    got = run_graph(export_inspect_graph(model, 64, "branches"), x)
    assert list(got)[:2] == ["main", "conv1"]
    assert_close({k: got[k] for k in heads}, heads)
    assert_close({k: got[k] for k in maps}, maps)


def test_the_graph_is_written_without_torch_onnx(monkeypatch):
    """No tracing: the deprecated exporter is never called, and the model is left as it was."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("torch.onnx.export called")

    monkeypatch.setattr(torch.onnx, "export", refuse)
    model = randomised_model(5)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    graph = export_inspect_graph(model, 96, "heads")
    assert graph and all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    assert any(isinstance(m, nn.BatchNorm2d) for m in model.modules())  # folding worked on a copy


def test_an_unsupported_layer_is_refused_by_name():
    from googlenet_gui.core.accel.onnx_graph import GraphWriter

    model = randomised_model(6)
    model.maxpool1 = nn.MaxPool2d(3, 2, dilation=2)
    with pytest.raises(ValueError, match="maxpool1"):
        export_inspect_graph(model, 96, "heads")
    with pytest.raises(ValueError, match="must be folded"):
        GraphWriter().conv(model.conv1, "input", (3, 96, 96), "conv1")


@pytest.mark.parametrize(("size_in", "size_out"), [(14, 4), (6, 4), (7, 3), (4, 4), (5, 1), (2, 4)])
def test_pool_matrix_equals_adaptive_avg_pool(size_in, size_out):
    from googlenet_gui.core.accel.onnx_graph import adaptive_pool_matrix

    x = torch.randn(2, 3, size_in, size_in + 1)
    want = nn.AdaptiveAvgPool2d((size_out, size_out))(x)
    matrix = np.kron(adaptive_pool_matrix(size_in, size_out), adaptive_pool_matrix(size_in + 1, size_out))
    got = x.reshape(2, 3, -1) @ torch.from_numpy(matrix).T
    assert torch.allclose(got.reshape(want.shape), want, atol=1e-6)
    assert np.allclose(adaptive_pool_matrix(size_in, size_out).sum(1), 1.0)
