"""The inspection graph written directly as ONNX nodes from a (BatchNorm-folded) GoogLeNet.

WHY: ``torch.onnx.export``'s TorchScript exporter took ~1 s on 2 cores for this network
(tracing is Python, holding the interpreter lock), a third of a first ``classify`` run
after torch's import, and it is deprecated.  GoogLeNet is a fixed pattern of a dozen
layer kinds, all described by :class:`~.spec.VariantSpec` and the modules' own
attributes, so the graph is written node by node here in ~0.02 s; the weights are
referenced, not copied (:mod:`.onnx_frames`).
The result is checked against the eager model within 1e-4 for every variant and output
kind (tests), like every other fast path.

Nodes are named after the modules they come from (``inception4c.branch2.1``), so ONNX
Runtime's profiles read like the model; graph outputs are named as
:func:`.onnx_backend.inspect_output_names` lists them.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from torch import nn

from googlenet_gui.core.network.model import BRANCH_ATTRS, TRANSFORM_SCALE, TRANSFORM_SHIFT, BasicConv2d, GoogLeNet, Inception, InceptionAux
from googlenet_gui.core.accel.graph_cache import GRAPH_FORMAT
from googlenet_gui.core.accel.onnx_frames import Buffer, initializer_frames, little_endian
from googlenet_gui.core.network.spec import AUX_ATTACH, BRANCH_NAMES

OPSET = 17

Shape = tuple[int, int, int]  # (channels, height, width) of one image's activation


def adaptive_pool_matrix(in_size: int, out_size: int) -> np.ndarray:
    """(out, in) averaging matrix with exactly AdaptiveAvgPool's bins (floor/ceil edges)."""
    matrix = np.zeros((out_size, in_size), dtype=np.float32)
    for i in range(out_size):
        start, stop = (i * in_size) // out_size, -((-(i + 1) * in_size) // out_size)
        matrix[i, start:stop] = 1.0 / (stop - start)
    return matrix


def _pair(value: int | tuple[int, ...]) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else (int(value[0]), int(value[1]))


def _out_size(size: int, kernel: int, stride: int, pad: int, ceil_mode: bool = False) -> int:
    """PyTorch's output length, including its rule that a ceil-mode window starts inside the input."""
    steps = (size + 2 * pad - kernel) / stride
    out = (math.ceil(steps) if ceil_mode else math.floor(steps)) + 1
    if ceil_mode and (out - 1) * stride >= size + pad:
        out -= 1
    return out


class GraphWriter:
    """Accumulates nodes and weights while walking the model, tracking each value's shape."""

    def __init__(self) -> None:
        from googlenet_gui.core.accel.onnx_proto import messages  # onnx is the optional ``fast`` extra

        self.model = messages().ModelProto()
        self.graph = self.model.graph  # the skeleton: weights are framed apart (onnx_frames)
        self.nodes: list[Any] = []  # onnx.NodeProto
        self.weights: list[tuple[str, np.ndarray]] = []  # initializers, referenced until written

    def rename(self, names: dict[str, str]) -> None:
        """Give values their output names (an Identity node instead would cost ONNX Runtime a copy)."""
        for node in self.nodes:
            for values in (node.input, node.output):
                for index, value in enumerate(values):
                    values[index] = names.get(value, value)

    def constant(self, name: str, array: np.ndarray, dtype: type = np.float32) -> str:
        self.weights.append((name, little_endian(array, dtype)))
        return name

    def node(self, op: str, inputs: list[str], name: str, **attributes) -> str:
        from googlenet_gui.core.accel.onnx_proto import make_node

        self.nodes.append(make_node(op, inputs, [name], name, **attributes))
        return name

    def conv(self, block: BasicConv2d, x: str, shape: Shape, name: str) -> tuple[str, Shape]:
        """Conv (+ bias) + ReLU of a folded BasicConv2d."""
        conv = block.conv
        if not isinstance(block.bn, nn.Identity):
            raise ValueError(f"{name}: BatchNorm must be folded before writing the graph")
        if conv.padding_mode != "zeros" or isinstance(conv.padding, str) or _pair(conv.dilation) != (1, 1):
            raise ValueError(f"{name}: only zero padding without dilation is written")
        inputs = [x, self.constant(f"{name}.weight", conv.weight.detach().cpu().numpy())]
        if conv.bias is not None:
            inputs.append(self.constant(f"{name}.bias", conv.bias.detach().cpu().numpy()))
        (kh, kw), (sh, sw), (ph, pw) = _pair(conv.kernel_size), _pair(conv.stride), _pair(conv.padding)
        out = self.node("Conv", inputs, f"{name}.conv", kernel_shape=[kh, kw], strides=[sh, sw],
                        pads=[ph, pw, ph, pw], group=conv.groups)
        size = (conv.out_channels, _out_size(shape[1], kh, sh, ph), _out_size(shape[2], kw, sw, pw))
        return self.node("Relu", [out], f"{name}.relu"), size

    def pool(self, pool: nn.Module, x: str, shape: Shape, name: str) -> tuple[str, Shape]:
        """MaxPool2d, AvgPool2d or AdaptiveAvgPool2d with PyTorch's exact window rules."""
        if isinstance(pool, nn.AdaptiveAvgPool2d):
            return self._adaptive_pool(pool, x, shape, name)
        if isinstance(pool, nn.MaxPool2d) and _pair(pool.dilation) == (1, 1):
            op, extra = "MaxPool", {}
        elif isinstance(pool, nn.AvgPool2d) and pool.divisor_override is None:
            op, extra = "AveragePool", {"count_include_pad": int(pool.count_include_pad)}
        else:
            raise ValueError(f"{name}: {type(pool).__name__} is not written"
                             + (" (dilated)" if isinstance(pool, nn.MaxPool2d) else ""))
        (kh, kw), (ph, pw) = _pair(pool.kernel_size), _pair(pool.padding)
        sh, sw = _pair(pool.stride if pool.stride else pool.kernel_size)
        out = self.node(op, [x], name, kernel_shape=[kh, kw], strides=[sh, sw], pads=[ph, pw, ph, pw],
                        ceil_mode=int(pool.ceil_mode), **extra)
        ceil = bool(pool.ceil_mode)
        return out, (shape[0], _out_size(shape[1], kh, sh, ph, ceil), _out_size(shape[2], kw, sw, pw, ceil))

    def _adaptive_pool(self, pool: nn.AdaptiveAvgPool2d, x: str, shape: Shape, name: str) -> tuple[str, Shape]:
        """Global pooling, or one matmul with an averaging matrix for fixed shapes.

        WHY the matmul: ONNX has no adaptive pooling where the output size does not divide
        the input (the aux heads pool 14x14 to 4x4); constant reshapes around it leave ONNX
        Runtime no shape arithmetic to run (which had cost more than the pooling itself).
        """
        out_h, out_w = (pool.output_size, pool.output_size) if isinstance(pool.output_size, int) else pool.output_size
        out_h, out_w = out_h or shape[1], out_w or shape[2]
        if (out_h, out_w) == (1, 1):
            return self.node("GlobalAveragePool", [x], name), (shape[0], 1, 1)
        channels, height, width = shape
        matrix = np.kron(adaptive_pool_matrix(height, out_h), adaptive_pool_matrix(width, out_w)).T
        flat = self.node("Reshape", [x, self._shape(f"{name}.flat_shape", [-1, channels, height * width])],
                         f"{name}.flat")
        pooled = self.node("MatMul", [flat, self.constant(f"{name}.matrix", matrix)], f"{name}.matmul")
        out = self.node("Reshape", [pooled, self._shape(f"{name}.out_shape", [-1, channels, out_h, out_w])], name)
        return out, (channels, out_h, out_w)

    def _shape(self, name: str, dims: list[int]) -> str:
        return self.constant(name, np.asarray(dims), np.int64)

    def linear(self, layer: nn.Linear, x: str, name: str) -> str:
        inputs = [x, self.constant(f"{name}.weight", layer.weight.detach().cpu().numpy())]
        if layer.bias is not None:
            inputs.append(self.constant(f"{name}.bias", layer.bias.detach().cpu().numpy()))
        return self.node("Gemm", inputs, name, transB=1)

    def aux_head(self, head: InceptionAux, x: str, shape: Shape, name: str) -> str:
        """pool -> 1x1 conv -> flatten -> fc1 -> ReLU -> (dropout: none at inference) -> fc2."""
        pooled, shape = self.pool(head.pool, x, shape, f"{name}.pool")
        conv, _ = self.conv(head.conv, pooled, shape, f"{name}.conv")
        flat = self.node("Flatten", [conv], f"{name}.flatten", axis=1)
        hidden = self.node("Relu", [self.linear(head.fc1, flat, f"{name}.fc1")], f"{name}.relu")
        return self.linear(head.fc2, hidden, f"{name}.fc2")

    def inception(self, module: Inception, x: str, shape: Shape, name: str) -> tuple[list[str], Shape]:
        """The four branches' outputs (concatenated by the caller) and the module's output shape."""
        outputs: list[str] = []
        channels = 0
        for attr in BRANCH_ATTRS:
            value, size = x, shape
            layers = getattr(module, attr)
            for index, layer in enumerate(layers if isinstance(layers, nn.Sequential) else [layers]):
                layer_name = f"{name}.{attr}" + (f".{index}" if isinstance(layers, nn.Sequential) else "")
                if isinstance(layer, BasicConv2d):
                    value, size = self.conv(layer, value, size, layer_name)
                else:
                    value, size = self.pool(layer, value, size, layer_name)
            outputs.append(value)
            channels += size[0]
        return outputs, (channels, size[1], size[2])

    def transform_input(self, x: str) -> str:
        """torchvision's ``transform_input`` as one per-channel multiply-add (same arithmetic)."""
        scale = np.array(TRANSFORM_SCALE, dtype=np.float32).reshape(1, 3, 1, 1)
        shift = np.array(TRANSFORM_SHIFT, dtype=np.float32).reshape(1, 3, 1, 1)
        scaled = self.node("Mul", [x, self.constant("transform_input.scale", scale)], "transform_input.mul")
        return self.node("Add", [scaled, self.constant("transform_input.shift", shift)], "transform_input")


def write_graph(model: GoogLeNet, image_size: int, output_names: list[str], split_branches: bool) -> list[Buffer]:
    """Serialised ONNX model, in chunks: input ``input`` (N, 3, S, S), outputs ``output_names`` in order.

    The model is the chunks' concatenation (:func:`.onnx_frames.joined`, or
    :func:`.onnx_frames.write_chunks` to a file); the weights' chunks share memory with
    ``model``'s tensors, so the model must not change until they are written.
    ``model`` must be in eval mode with its BatchNorm folded (``fastpath.fold_batchnorm``);
    ``output_names`` are the heads, then any of the maps that :func:`forward_values` names.
    """
    from googlenet_gui.core.accel.onnx_proto import messages, tensor_value_info

    writer = GraphWriter()
    values = forward_values(writer, model, image_size, split_branches)
    writer.rename({values[name]: name for name in output_names})
    graph, proto = writer.graph, writer.model
    graph.name = "googlenet_inspect"
    graph.node.extend(writer.nodes)
    graph.input.append(tensor_value_info("input", ["batch", 3, image_size, image_size]))
    graph.output.extend(tensor_value_info(name, None) for name in output_names)
    proto.opset_import.append(messages().OperatorSetIdProto(domain="", version=OPSET))
    proto.producer_name, proto.producer_version = "googlenet-gui", GRAPH_FORMAT
    proto.ir_version = 8  # what ONNX Runtime 1.18 (the oldest allowed) reads
    return [proto.SerializeToString(), *initializer_frames(writer.weights)]


def forward_values(writer: GraphWriter, model: GoogLeNet, image_size: int,
                   split_branches: bool) -> dict[str, str]:
    """Write the whole network; returns ``{output name: graph value}`` for heads and maps.

    Mirrors :func:`.fastpath.forward_with_maps` layer for layer.
    """
    aux_after = {module: head for head, module in AUX_ATTACH.items()} if model.has_aux else {}
    values: dict[str, str] = {}
    x = writer.transform_input("input") if model.transform_input else "input"
    shape: Shape = (3, image_size, image_size)
    for name in model.trunk_names:
        module = getattr(model, name)
        if isinstance(module, Inception):
            branches, shape = writer.inception(module, x, shape, name)
            x = writer.node("Concat", branches, name, axis=1)
            values.update(zip((f"{name}.{b}" for b in BRANCH_NAMES), branches) if split_branches else [(name, x)])
        elif isinstance(module, BasicConv2d):
            x, shape = writer.conv(module, x, shape, name)
            values[name] = x
        else:
            x, shape = writer.pool(module, x, shape, name)
            values[name] = x
        if name in aux_after:
            values[aux_after[name]] = writer.aux_head(getattr(model, aux_after[name]), x, shape, aux_after[name])
    pooled, _ = writer.pool(model.avgpool, x, shape, "avgpool")
    flat = writer.node("Flatten", [pooled], "flatten", axis=1)
    values["main"] = writer.linear(model.fc, flat, "fc")
    return values
