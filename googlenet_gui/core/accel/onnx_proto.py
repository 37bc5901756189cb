"""ONNX's message classes without importing the ``onnx`` package.

WHY: ``import onnx`` loads ml_dtypes, whose extension takes ~0.7 s to initialise with the
interpreter lock held (``python -X importtime``: 0.72 s of onnx's 0.97 s).  The window's
worker opened the model's ONNX Runtime session after the first answers were on screen,
and that import froze the window for 0.7-0.8 s (``benchmarks/explain_window.py``, "after").
The graph writer and the output rewiring need only the generated protobuf classes, which
depend on protobuf alone, and the three helpers below.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

import numpy as np

_MODULE = "onnx.onnx_ml_pb2"


def messages() -> ModuleType:
    """``onnx.onnx_ml_pb2`` (ModelProto, NodeProto, TensorProto...), loaded without ``onnx/__init__``.

    Registered under its own name, so a later ``import onnx`` reuses it instead of defining
    the same protobuf file twice.  ImportError when onnx (the ``fast`` extra) is missing.
    """
    loaded = sys.modules.get(_MODULE)
    if loaded is not None:
        return loaded
    if "onnx" in sys.modules:
        return importlib.import_module(_MODULE)
    package = importlib.util.find_spec("onnx")  # locates the folder; runs nothing
    if package is None or not package.submodule_search_locations:
        raise ImportError("onnx is not installed (pip install 'googlenet-gui[fast]')")
    spec = _spec_in(package.submodule_search_locations)
    module = importlib.util.module_from_spec(spec)
    sys.modules[_MODULE] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(_MODULE, None)
        raise
    return module


def _spec_in(folders: Sequence[str]) -> Any:
    """The module spec of ``onnx_ml_pb2.py`` in onnx's package folder."""
    for folder in folders:
        spec = importlib.util.spec_from_file_location(_MODULE, f"{folder}/onnx_ml_pb2.py")
        if spec is not None and spec.loader is not None:
            return spec
    raise ImportError("onnx is installed without its onnx_ml_pb2 module")


def make_node(op: str, inputs: Sequence[str], outputs: Sequence[str], name: str, **attributes: Any) -> Any:
    """A NodeProto with int and int-list attributes, sorted by name as ``onnx.helper`` writes them."""
    proto = messages()
    node = proto.NodeProto(op_type=op, input=list(inputs), output=list(outputs), name=name)
    for key, value in sorted(attributes.items()):
        if isinstance(value, (list, tuple)):
            node.attribute.append(proto.AttributeProto(name=key, type=proto.AttributeProto.INTS,
                                                       ints=[int(item) for item in value]))
        elif isinstance(value, (int, np.integer)) and not isinstance(value, bool):
            node.attribute.append(proto.AttributeProto(name=key, type=proto.AttributeProto.INT, i=int(value)))
        else:
            raise TypeError(f"attribute {key}={value!r}: only ints and lists of ints are written")
    return node


def tensor_value_info(name: str, shape: Sequence[int | str] | None) -> Any:
    """A float tensor's ValueInfoProto; ``None`` leaves the shape unknown, strings are named dims."""
    proto = messages()
    info = proto.ValueInfoProto(name=name)
    tensor_type = info.type.tensor_type
    tensor_type.elem_type = proto.TensorProto.FLOAT
    if shape is not None:
        dims = tensor_type.shape.dim
        for size in shape:
            dim = dims.add()
            if isinstance(size, str):
                dim.dim_param = size
            else:
                dim.dim_value = int(size)
    return info


#: NumPy dtype -> TensorProto.DataType for the arrays the graph writer stores.
_DATA_TYPES = {np.dtype(np.float32): "FLOAT", np.dtype(np.int64): "INT64", np.dtype(np.int32): "INT32",
               np.dtype(np.float16): "FLOAT16", np.dtype(np.float64): "DOUBLE"}


def data_type(dtype: np.dtype) -> int:
    """TensorProto's code for ``dtype`` (native byte order)."""
    try:
        return getattr(messages().TensorProto, _DATA_TYPES[np.dtype(dtype).newbyteorder("=")])
    except KeyError:
        raise TypeError(f"no ONNX tensor type for {dtype}") from None
