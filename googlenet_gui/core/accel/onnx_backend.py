"""Optional ONNX Runtime backend for inspection: every branch output as an extra graph output.

WHY: on a CPU, ONNX Runtime runs GoogLeNet about twice as fast as eager PyTorch, and a
forward hook cannot be attached to an ONNX graph.  Writing the branch outputs (and the
aux logits and stem outputs) as additional graph outputs (:mod:`.onnx_graph`) gives
predictions *and* every branch map in one ONNX Runtime call.  ``onnx``/``onnxruntime``
are optional (the ``fast`` and ``bench`` extras), so they are imported lazily and
:func:`onnx_available` says whether the backend can be used; nothing in the app requires it.
"""

from __future__ import annotations

import importlib.util
import os
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import Tensor, nn

from googlenet_gui.core.inference.batching import side_by_side
from googlenet_gui.core.accel.folded import fold_batchnorm, map_names
from googlenet_gui.core.lazy_mapping import LazyMapping
from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.accel.onnx_blocked import BlockedSession, lazy_outputs, open_blocked, plain_session
from googlenet_gui.core.accel.onnx_frames import Buffer, joined
from googlenet_gui.core.accel.graph_cache import BACKEND_ENV, cached_graph, forget, graph_key, torch_forced  # noqa: F401 - BACKEND_ENV re-exported
from googlenet_gui.core.inference.torch_pass import TensorInspection, inspect_tensor, stem_names
from googlenet_gui.core.network.spec import AUX_ATTACH, INCEPTION_NAMES

#: ``GOOGLENET_GUI_BACKEND=torch`` turns the ONNX Runtime inspection path off.


def onnx_available() -> bool:
    """True when both ``onnx`` (needed by the exporter) and ``onnxruntime`` are importable."""
    return all(importlib.util.find_spec(name) is not None for name in ("onnx", "onnxruntime"))


#: What a graph returns besides the heads: nothing, each Inception module's output, or each branch's.
OUTPUT_KINDS: tuple[str, ...] = ("heads", "modules", "branches")


def inspect_output_names(model: GoogLeNet, outputs: str = "modules") -> list[str]:
    """Graph output names, in order: heads (``main``, ``aux1``, ``aux2``), then :func:`map_names`.

    ``"modules"`` names each Inception module's concatenated output (what ``inspect_tensor``
    captures; branches are channel slices of it), ``"branches"`` the four branch outputs
    instead, ``"heads"`` only the logits (for batch classification).
    """
    if outputs not in OUTPUT_KINDS:
        raise ValueError(f"outputs must be one of {OUTPUT_KINDS}, not {outputs!r}")
    heads = ["main"] + (list(AUX_ATTACH) if model.has_aux else [])
    return heads if outputs == "heads" else heads + map_names(model, outputs == "branches")


def export_inspect_graph(model: GoogLeNet, image_size: int = 224, outputs: str = "modules") -> bytes:
    """Serialised ONNX model (BN folded, dynamic batch, fixed H=W=image_size) of every head and map.

    Written node by node (:mod:`.onnx_graph`, ~0.1 s) rather than traced by ``torch.onnx``.
    """
    return joined(inspect_graph_chunks(model, image_size, outputs))


def inspect_graph_chunks(model: GoogLeNet, image_size: int = 224, outputs: str = "modules") -> list[Buffer]:
    """:func:`export_inspect_graph`'s model as chunks that share the weights' memory (onnx_frames):
    writing them to a file never holds the interpreter lock for long (the window's worker)."""
    from googlenet_gui.core.accel.onnx_graph import write_graph

    names = inspect_output_names(model, outputs)
    with torch.no_grad():
        if any(isinstance(module, nn.BatchNorm2d) for module in model.modules()):
            model = fold_batchnorm(model)  # a copy; an inference copy (already folded) is only read
        return write_graph(model, image_size, names, split_branches=outputs == "branches")


@dataclass
class OnnxInspector:
    """One ONNX Runtime session that returns ``{output name: array}`` for a batch of images."""

    session: object
    output_names: list[str]
    image_size: int
    layer_times_ms: dict[str, float] | None = None
    graph_key: str | None = None  # its name in the on-disk cache (onnx_cache)
    block: int = 0  # the channel block of the ``blocked`` outputs (onnx_blocked)
    blocked: frozenset[str] = frozenset()
    timing_model: GoogLeNet | None = None  # the model whose hooked pass gives the per-layer times
    name: str = "ONNX Runtime (CPU)"

    @classmethod
    def opened(cls, opened: BlockedSession, output_names: list[str], image_size: int,
               graph_key: str | None, model: GoogLeNet) -> "OnnxInspector":
        return cls(opened.session, output_names, image_size, graph_key=graph_key, block=opened.block,
                   blocked=opened.blocked, timing_model=model)

    def run(self, batch: np.ndarray | Tensor) -> Mapping[str, np.ndarray]:
        """``{output: array}`` for a (N, 3, H, W) float32 batch, already preprocessed (any memory layout).

        Maps ONNX Runtime returned in its blocked layout become NCHW when first read.
        """
        if isinstance(batch, Tensor):
            batch = batch.detach().cpu().float().contiguous().numpy()
        outputs = self.session.run(None, {"input": np.ascontiguousarray(batch, dtype=np.float32)})
        return lazy_outputs(self.output_names, outputs, self.blocked, self.block)

    def heads(self, batch: Tensor) -> dict[str, Tensor]:
        """Logits of every head as CPU tensors: what ``GoogLeNet.forward_heads`` returns."""
        outputs = self.run(batch)
        return {h: torch.from_numpy(outputs[h]) for h in ("main", *AUX_ATTACH) if h in outputs}

    def inspect_tensor(self, batch: Tensor) -> TensorInspection:
        """What :func:`.torch_pass.inspect_tensor` gives (same keys, CPU float32 tensors), from ONNX Runtime.

        One ONNX call cannot time each layer, so ``layer_times_ms`` are those of one hooked
        torch pass of :attr:`timing_model` made on the first call (the ops view compares
        layers, which that shows faithfully) and reused afterwards.
        """
        model = self.timing_model
        if self.layer_times_ms is None:
            self.layer_times_ms = dict(inspect_tensor(model, batch[:1], timings=True).layer_times_ms)
        outputs = self.run(batch)
        heads = ["main"] + [h for h in AUX_ATTACH if h in outputs]
        keep = [*stem_names(model), *INCEPTION_NAMES]
        maps = LazyMapping({k: (lambda k=k: torch.from_numpy(outputs[k])) for k in keep})
        return TensorInspection({h: torch.from_numpy(outputs[h]) for h in heads}, maps, dict(self.layer_times_ms))


def _session_options(threads: int | None):  # noqa: ANN202 - onnxruntime.SessionOptions
    import onnxruntime as ort

    options = ort.SessionOptions()
    # Same count as torch's pool, so the process's thread policy (threads.apply_thread_policy) covers both.
    options.intra_op_num_threads = threads or torch.get_num_threads()
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    return options


def _open(graph: bytes | str, names: list[str], image_size: int, threads: int | None,
          blocked_maps: bool) -> BlockedSession:
    """A CPU session on ``graph``; with ``blocked_maps`` its maps skip NCHW reordering (onnx_blocked)."""
    maps = [name for name in names if name not in ("main", *AUX_ATTACH)]
    if blocked_maps and maps:
        return open_blocked(graph, lambda: _session_options(threads), image_size, maps)
    return plain_session(graph, _session_options(threads))


def build_onnx_inspector(model: GoogLeNet, threads: int | None = None, image_size: int = 224,
                         outputs: str = "modules", blocked_maps: bool = True) -> OnnxInspector:
    """Export ``model`` and open a CPU session; raises ImportError if onnxruntime is missing.

    ``blocked_maps=False`` has ONNX Runtime reorder every map to NCHW itself (benchmarks).
    """
    names = inspect_output_names(model, outputs)

    def export() -> bytes:
        return export_inspect_graph(model, image_size, outputs)

    key = graph_key(model, image_size, outputs)
    graph, cached_at = cached_graph(key, export)
    try:
        opened = _open(graph, names, image_size, threads, blocked_maps)
    except Exception:  # noqa: BLE001 - a damaged cache file: drop it and export afresh, once
        if cached_at is None:
            raise
        forget(cached_at)
        opened = _open(export(), names, image_size, threads, blocked_maps)
    return OnnxInspector.opened(opened, names, image_size, key, model)


def open_cached_inspector(model: GoogLeNet, path: "os.PathLike[str] | str", key: str, image_size: int = 224,
                          outputs: str = "modules", threads: int | None = None) -> OnnxInspector:
    """A session on a graph already in the cache (``graph_export`` wrote it); never exports.

    WHY: the window must not export in its own process (see ``graph_export``); opening a
    session mostly runs in ONNX Runtime's C++ with the interpreter lock released.  A file
    ONNX Runtime refuses is deleted (the next export writes it afresh) and the error raised.
    """
    names = inspect_output_names(model, outputs)
    try:
        opened = _open(os.fspath(path), names, image_size, threads, blocked_maps=True)
    except Exception:
        forget(Path(path))
        raise
    got = [output.name for output in opened.session.get_outputs()]
    if got != names:  # a key collision is impossible in practice; a wrong graph must still never serve
        raise ValueError(f"{path} has outputs {got[:4]}…, not this model's")
    return OnnxInspector.opened(opened, names, image_size, key, model)


_CACHE: "weakref.WeakKeyDictionary[GoogLeNet, dict[tuple[int, str], OnnxInspector | None]]" = (
    weakref.WeakKeyDictionary())


def inspector_for(model: GoogLeNet, image_size: int = 224, outputs: str = "modules") -> OnnxInspector | None:
    """The cached ONNX Runtime session for ``model`` on CPU, or None where torch must serve.

    ``outputs="modules"`` serves ``inspect`` (:meth:`OnnxInspector.inspect_tensor`),
    ``"heads"`` serves batch classification (:meth:`OnnxInspector.heads`).  None when
    onnx/onnxruntime are missing, the model is not on the CPU, the user set
    ``GOOGLENET_GUI_BACKEND=torch``, or the export failed once (never retried: the eager
    path is always correct).  The first call writes the graph and opens a session (~0.4 s on 2 cores).
    A ``"heads"`` session gets the threads of one of the batches run side by side
    (:func:`.batching.side_by_side`).
    """
    if torch_forced() or not onnx_available():
        return None
    if next(model.parameters()).device.type != "cpu":
        return None
    sessions = _CACHE.setdefault(model, {})
    key = (int(image_size), outputs)
    if key not in sessions:
        try:
            threads = side_by_side(torch.get_num_threads())[1] if outputs == "heads" else None
            sessions[key] = build_onnx_inspector(model, threads, image_size=image_size, outputs=outputs)
        except Exception:  # noqa: BLE001 - any exporter/runtime failure: fall back to torch, silently
            sessions[key] = None
    return sessions[key]


def built_inspector(model: GoogLeNet, image_size: int = 224, outputs: str = "modules") -> OnnxInspector | None:
    """The session :func:`inspector_for` already built for ``model``, if any; never builds one."""
    return _CACHE.get(model, {}).get((int(image_size), outputs))
