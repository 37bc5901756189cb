"""An ONNX model's weights framed as protobuf by hand, so serialising them copies nothing.

WHY: protobuf's ``SerializeToString`` copies all 50 MB of GoogLeNet's weights into one
bytes object in C++ while holding the interpreter lock (~0.13 s on 2 cores), so a graph
written on the window's worker thread would freeze the GUI for that long (the target is
under 50 ms).  Protobuf's wire format merges an embedded message that appears more than
once and appends to its repeated fields, so a model is exactly the concatenation of its
weightless skeleton and one ``ModelProto{graph{initializer: tensor}}`` fragment per
weight.  Each fragment is a few bytes of headers written here plus the array's own
buffer: no copy.  Written to a file chunk by chunk, the lock is released during every
write; joined in memory, it is one copy.  ``onnx`` and ONNX Runtime parse the result
into the same message as a conventionally serialised model (tested).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO, Union

import numpy as np

Buffer = Union[bytes, memoryview]
_LENGTH_DELIMITED = 2  # protobuf wire type of embedded messages and bytes


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def field_header(number: int, length: int) -> bytes:
    """Tag and length of a length-delimited field ``number`` holding ``length`` bytes."""
    return _varint(number << 3 | _LENGTH_DELIMITED) + _varint(length)


def _field_numbers() -> tuple[int, int, int]:
    """(ModelProto.graph, GraphProto.initializer, TensorProto.raw_data), from onnx's own schema."""
    from googlenet_gui.core.accel.onnx_proto import messages

    onnx = messages()
    return (onnx.ModelProto.DESCRIPTOR.fields_by_name["graph"].number,
            onnx.GraphProto.DESCRIPTOR.fields_by_name["initializer"].number,
            onnx.TensorProto.DESCRIPTOR.fields_by_name["raw_data"].number)


def little_endian(array: np.ndarray, dtype: Any) -> np.ndarray:
    """``array`` as a C-contiguous little-endian ``dtype`` array (ONNX's raw_data layout); copies
    only when it must (a channels-last weight, another dtype, a big-endian machine)."""
    return np.ascontiguousarray(array, dtype=np.dtype(dtype).newbyteorder("<"))


def initializer_frames(weights: Iterable[tuple[str, np.ndarray]]) -> list[Buffer]:
    """Model fragments adding each ``(name, array)`` as a graph initializer with raw data.

    Each array must be C-contiguous and little-endian (:func:`little_endian`); it is
    referenced, not copied, so it must stay unchanged until the chunks are written.
    """
    from googlenet_gui.core.accel.onnx_proto import data_type, messages

    tensor_proto = messages().TensorProto
    graph_field, initializer_field, raw_field = _field_numbers()
    chunks: list[Buffer] = []
    for name, array in weights:
        header = tensor_proto(name=name, dims=array.shape, data_type=data_type(array.dtype)).SerializeToString()
        payload = memoryview(array.reshape(-1)).cast("B")
        raw = field_header(raw_field, payload.nbytes)
        tensor_length = len(header) + len(raw) + payload.nbytes
        initializer = field_header(initializer_field, tensor_length)
        graph = field_header(graph_field, len(initializer) + tensor_length)
        chunks += [graph + initializer + header + raw, payload]
    return chunks


def joined(chunks: Sequence[Buffer]) -> bytes:
    """The serialised model in memory (for ONNX Runtime sessions made from bytes)."""
    return b"".join(chunks)


def write_chunks(stream: BinaryIO, chunks: Sequence[Buffer]) -> None:
    """Write the model to ``stream``; each write releases the interpreter lock."""
    for chunk in chunks:
        stream.write(chunk)
