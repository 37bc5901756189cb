"""Map outputs in ONNX Runtime's own blocked channel layout, turned into NCHW only when read.

WHY: on x86 ONNX Runtime runs convolutions in a blocked layout (NCHWc: channels in
groups of 8 with AVX2, 16 with AVX-512) and puts a ``ReorderOutput`` node before every
graph output to give it back as NCHW.  For the inspect graph's sixteen map outputs that
reordering took about 1.4 ms of a 24 ms pass (ORT's profiler), although the window
shows one layer at a time.  So the session is opened on ONNX Runtime's own optimised
graph with those reorders removed; the maps come back blocked, and :func:`unblock`
(about 0.04 ms for an Inception module) gives NCHW for the layer that is read.

The optimised graph is specific to this machine's CPU, so it is made afresh in a
temporary folder each time a session opens (about 0.25 s, off the GUI thread), read
into the session and deleted: never cached.  The block size is not read from ONNX
Runtime's internals: a probe input must give exactly the plain graph's outputs for one
block size, or the plain session serves.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from googlenet_gui.core.lazy_mapping import LazyMapping

#: Block sizes ONNX Runtime's NCHWc kernels use (AVX2, AVX-512, NEON); the probe picks one.
BLOCK_SIZES: tuple[int, ...] = (8, 16, 4)
_NCHWC_DOMAIN = "com.microsoft.nchwc"
_GRAPH, _WEIGHTS, _REWIRED = "optimized.onnx", "optimized.weights", "rewired.onnx"


@dataclass
class BlockedSession:
    """A session whose ``blocked`` outputs are (N, C, H, W) arrays holding blocked memory."""

    session: Any
    block: int
    blocked: frozenset[str]


def plain_session(graph: bytes | str, options: Any) -> BlockedSession:
    """A CPU session that returns every output as NCHW (ONNX Runtime reorders them itself)."""
    import onnxruntime as ort

    return BlockedSession(ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"]), 0, frozenset())


def unblock(array: np.ndarray, block: int) -> np.ndarray:
    """NCHW copy of ``array``, whose memory is (N, C/block, H, W, block): what ReorderOutput does."""
    n, channels, height, width = array.shape
    grouped = array.reshape(n, channels // block, height, width, block)
    return np.ascontiguousarray(grouped.transpose(0, 1, 4, 2, 3)).reshape(n, channels, height, width)


def lazy_outputs(names: Sequence[str], arrays: Sequence[np.ndarray], blocked: frozenset[str],
                 block: int) -> LazyMapping[np.ndarray]:
    """``{name: NCHW array}`` where blocked arrays are reordered on first read."""
    def maker(name: str, array: np.ndarray) -> Callable[[], np.ndarray]:
        return (lambda: unblock(array, block)) if name in blocked else (lambda: array)

    return LazyMapping({name: maker(name, array) for name, array in zip(names, arrays)})


def open_blocked(graph: bytes | str, make_options: Callable[[], Any], probe_size: int,
                 map_names: Sequence[str]) -> BlockedSession:
    """Open ``graph`` so the outputs in ``map_names`` come back blocked where that is exact.

    ``make_options()`` gives fresh ``SessionOptions`` (thread counts).  Returns a plain
    session (``blocked`` empty) where ONNX Runtime blocks nothing or the probe disagrees.
    """
    try:
        workdir = tempfile.mkdtemp(prefix="googlenet-gui-ort-")
    except OSError:  # no writable temporary folder: ONNX Runtime reorders the maps itself
        return plain_session(graph, make_options())
    try:
        options = make_options()
        options.optimized_model_filepath = os.path.join(workdir, _GRAPH)
        options.add_session_config_entry("session.optimized_model_external_initializers_file_name", _WEIGHTS)
        options.add_session_config_entry("session.optimized_model_external_initializers_min_size_in_bytes", "1024")
        options.log_severity_level = 3  # its warning that the saved graph suits this CPU only: that is the point
        plain = plain_session(graph, options)  # a bad graph raises here
        opened = _reopen_blocked(plain.session, workdir, make_options, probe_size, set(map_names))
    finally:
        _remove_when_free(workdir)
    return opened or plain


def _reopen_blocked(plain: Any, workdir: str, make_options: Callable[[], Any], probe_size: int,
                    map_names: set[str]) -> BlockedSession | None:
    """The rewired graph's session if the probe accepts it, else None (the plain session serves)."""
    import onnxruntime as ort

    try:
        rewired = _rewire_saved_graph(workdir, map_names)
        if not rewired:
            return None
        options = make_options()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL  # already optimised
        blocked = ort.InferenceSession(os.path.join(workdir, _REWIRED), options, providers=["CPUExecutionProvider"])
        block = probe_block(plain, blocked, probe_size, frozenset(rewired))
        return BlockedSession(blocked, block, frozenset(rewired)) if block is not None else None
    except Exception:  # noqa: BLE001 - any surprise in ONNX Runtime's saved graph: the plain session is exact
        return None


def _remove_when_free(folder: str) -> None:
    """Delete ``folder`` now; where the OS keeps open files (Windows), at exit instead."""
    shutil.rmtree(folder, ignore_errors=True)
    if os.path.exists(folder):
        atexit.register(shutil.rmtree, folder, ignore_errors=True)


def probe_block(plain: Any, blocked: Any, size: int, rewired: frozenset[str]) -> int | None:
    """The block size for which ``blocked`` reproduces every output of ``plain``, else None."""
    probe = np.random.default_rng(0).standard_normal((1, 3, size, size)).astype(np.float32)
    names = [output.name for output in plain.get_outputs()]
    if names != [output.name for output in blocked.get_outputs()]:
        return None
    expected = plain.run(None, {"input": probe})
    got = blocked.run(None, {"input": probe})
    for block in BLOCK_SIZES:
        if all(_same(name, want, have, block, rewired) for name, want, have in zip(names, expected, got)):
            return block
    return None


def _same(name: str, want: np.ndarray, have: np.ndarray, block: int, rewired: frozenset[str]) -> bool:
    if name in rewired:
        if have.shape != want.shape or have.shape[1] % block:
            return False
        have = unblock(have, block)
    return bool(np.allclose(have, want, rtol=1e-5, atol=1e-6))


def _rewire_saved_graph(folder: str, map_names: set[str]) -> list[str]:
    """Rewrite ONNX Runtime's saved graph so map outputs skip their ReorderOutput; returns them.

    Only the graph (tens of KB) is parsed; the weights stay in their own file.
    """
    from googlenet_gui.core.accel.onnx_proto import messages

    model = messages().ModelProto()
    with open(os.path.join(folder, _GRAPH), "rb") as file:
        model.ParseFromString(file.read())
    rewired = rewire_outputs(model.graph, map_names)
    if rewired:  # the weights stay in their external file, which the graph names
        with open(os.path.join(folder, _REWIRED), "wb") as file:
            file.write(model.SerializeToString())
    return rewired


def rewire_outputs(graph: Any, map_names: set[str]) -> list[str]:
    """Let each map output be its ReorderOutput's blocked input; keep the reorder for other readers.

    Channel counts that are not a multiple of 16 are left alone: their blocked tensors
    would be padded, which this layout conversion does not undo.
    """
    producers = {output: node for node in graph.node for output in node.output}
    taken = {output.name for output in graph.output}
    rewired = []
    for name in [output.name for output in graph.output if output.name in map_names]:
        node = producers.get(name)
        if node is None or node.op_type != "ReorderOutput" or node.domain != _NCHWC_DOMAIN:
            continue
        attributes = {attribute.name: attribute.i for attribute in node.attribute}
        if attributes.get("channels_last", 0) or attributes.get("channels", 1) % 16:
            continue
        inner = node.input[0]
        if inner in taken:
            continue
        kept = f"{name}__nchw"  # the reorder stays where other nodes (the aux heads' pools) read NCHW
        _rename_tensor(graph, name, kept)
        if not any(kept in other.input for other in graph.node):
            graph.node.remove(node)
        _rename_tensor(graph, inner, name)
        rewired.append(name)
    return rewired


def _rename_tensor(graph: Any, old: str, new: str) -> None:
    """``old`` is called ``new`` wherever a node makes or reads it; its shape note is dropped."""
    for node in graph.node:
        for names in (node.input, node.output):
            for index, name in enumerate(names):
                if name == old:
                    names[index] = new
    for info in [info for info in graph.value_info if info.name == old]:
        graph.value_info.remove(info)
