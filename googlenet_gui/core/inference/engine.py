"""Which engine runs a forward pass: PyTorch eager, the folded inference copy, or ONNX Runtime.

This module is the one place that decides, and the only module of plain code that
reaches into :mod:`googlenet_gui.core.accel` (the speed machinery).  Everything else asks
:func:`engine_for` for an :class:`Engine` and calls ``heads`` or ``inspect_tensor`` on it,
so inspection, batch classification, the window and the explain features share one path,
and a new speed trick changes this file and ``accel`` only.

Why several engines: the BatchNorm-folded, channels-last copy gives the same numbers as
the eager model (within 1e-4, tested) faster; ONNX Runtime is faster again on a CPU but
gives no gradients and no edited forwards.  So explain work always gets the eager model,
and the rest gets the fastest engine that is ready.  What an engine was derived from is
kept per :class:`~googlenet_gui.core.checkpoints.loading.LoadedModel` here, not on it: a
loaded model holds what its file says; its ``revision`` (bumped when it moves to another
device or its weights change) tells this module when to derive again.

torch is not imported at module level: the window imports this before torch has loaded.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from googlenet_gui.core.inference.batching import ONNX_MIN_IMAGES

if TYPE_CHECKING:
    from torch import Tensor

    from googlenet_gui.core.checkpoints.loading import LoadedModel
    from googlenet_gui.core.inference.torch_pass import TensorInspection
    from googlenet_gui.core.network.model import GoogLeNet

#: What a pass is for: one image with every map, a batch of heads, or explain work (gradients).
Purpose = Literal["inspect", "batch", "explain"]
PYTORCH = "PyTorch"


class Engine(Protocol):
    """What every engine does: the heads' logits, or the heads plus every map, for a batch."""

    name: str

    def heads(self, batch: Tensor) -> dict[str, Tensor]:
        """Logits per head (``main``, ``aux1``, ``aux2``) for a preprocessed (N, 3, H, W) batch."""

    def inspect_tensor(self, batch: Tensor) -> TensorInspection:
        """Logits plus every stem and Inception module output, CPU float32."""


@dataclass
class TorchEngine:
    """A GoogLeNet module run by PyTorch: the folded copy, or the eager model itself."""

    model: GoogLeNet
    device: Any  # torch.device
    name: str = PYTORCH

    def heads(self, batch: Tensor) -> dict[str, Tensor]:
        import torch

        with torch.inference_mode():
            x = batch.to(self.device, non_blocking=True).contiguous(memory_format=torch.channels_last)
            return self.model.forward_heads(x, with_aux=self.model.has_aux)

    def inspect_tensor(self, batch: Tensor) -> TensorInspection:
        import torch

        from googlenet_gui.core.inference.torch_pass import inspect_tensor

        x = batch.to(self.device).contiguous(memory_format=torch.channels_last)
        return inspect_tensor(self.model, x, with_aux=True)


@dataclass
class _Derived:
    """What was derived from one loaded model at one revision."""

    revision: int
    folded: GoogLeNet | None = None
    attached: Engine | None = None  # the window's graph, once written and opened


_DERIVED: weakref.WeakKeyDictionary[LoadedModel, _Derived] = weakref.WeakKeyDictionary()


def _derived(loaded: LoadedModel) -> _Derived:
    state = _DERIVED.get(loaded)
    if state is None or state.revision != loaded.revision:
        state = _DERIVED[loaded] = _Derived(loaded.revision)
    return state


def folded_model(loaded: LoadedModel) -> GoogLeNet:
    """The BatchNorm-folded, channels-last copy every fast PyTorch pass runs; built once per revision."""
    state = _derived(loaded)
    if state.folded is None:
        from googlenet_gui.core.accel.folded import prepare_for_inference

        state.folded = prepare_for_inference(loaded.model)
    return state.folded


def folded_ready(loaded: LoadedModel) -> bool:
    """Whether :func:`folded_model` is built (the window builds it after the first image)."""
    return _derived(loaded).folded is not None


def engine_for(loaded: LoadedModel, purpose: Purpose = "inspect", images: int = 1,
               allow_eager: bool = False, onnx: bool = False) -> Engine:
    """The engine for this pass; reads ``loaded`` now, so an out-of-memory retry on the CPU gets a CPU engine.

    ``explain`` (or inside :func:`eager_only`): the eager model (gradients, hooks that edit the forward).  Otherwise a graph
    the window attached, else ONNX Runtime for ``batch`` jobs of :data:`ONNX_MIN_IMAGES`
    or more (or ``onnx`` asked for), else the folded copy; with ``allow_eager`` the eager
    model serves while the copy is not built (building it costs more than one slower pass).
    """
    if purpose == "explain" or _EAGER_HOLDS.get(loaded):
        return TorchEngine(loaded.model, loaded.device)
    attached = attached_engine(loaded)
    if attached is not None:
        return attached
    want_onnx = onnx or (purpose == "batch" and images >= ONNX_MIN_IMAGES)
    session = _onnx_engine(loaded, purpose) if want_onnx else None
    if session is not None:
        return session
    if allow_eager and not folded_ready(loaded):
        return TorchEngine(loaded.model, loaded.device)
    return TorchEngine(folded_model(loaded), loaded.device)


#: Loaded models whose every pass must run eagerly (an ablation's hooks edit the eager model only).
_EAGER_HOLDS: weakref.WeakKeyDictionary[LoadedModel, int] = weakref.WeakKeyDictionary()


@contextlib.contextmanager
def eager_only(loaded: LoadedModel) -> Iterator[None]:
    """Within the block, every pass of ``loaded`` runs on the eager model (nestable).

    WHY: an ablation zeroes tensors with hooks on the eager model; the folded copy and
    ONNX Runtime would silently give the unablated answer.
    """
    _EAGER_HOLDS[loaded] = _EAGER_HOLDS.get(loaded, 0) + 1
    try:
        yield
    finally:
        _EAGER_HOLDS[loaded] -= 1


def _onnx_engine(loaded: LoadedModel, purpose: Purpose) -> Engine | None:
    """ONNX Runtime on the folded copy's graph, or None where PyTorch must serve (see accel.onnx_backend)."""
    from googlenet_gui.core.accel.onnx_backend import inspector_for

    outputs = "heads" if purpose == "batch" else "modules"
    return inspector_for(folded_model(loaded), loaded.preprocessing.crop, outputs)


def batch_runs(engine: Engine, threads: int) -> int:
    """How many batches to run side by side on ``engine`` (ONNX Runtime: one per core, see batching)."""
    from googlenet_gui.core.inference.batching import side_by_side

    return 1 if engine.name == PYTORCH else side_by_side(threads)[0]


def engine_name(loaded: LoadedModel) -> str:
    """What serves this model's passes now, for the status bar and the Model tab."""
    attached = attached_engine(loaded)
    return attached.name if attached is not None else PYTORCH


# ----------------------------------------------------------------- the window's graph
def plan_graph(loaded: LoadedModel) -> tuple[Any, str | None]:
    """``(request, None)`` when ONNX Runtime can serve ``loaded`` in the window, else ``(None, why not)``."""
    from googlenet_gui.core.accel.graph_export import plan_for

    return plan_for(loaded)


def graph_cached(request: Any) -> bool:
    from googlenet_gui.core.accel.graph_export import is_cached

    return is_cached(request)


def write_graph(loaded: LoadedModel, request: Any) -> str | None:
    """Write ``request``'s graph from the folded copy into the cache; None on success, else why not."""
    from googlenet_gui.core.accel.graph_export import export_to_cache

    return export_to_cache(folded_model(loaded), loaded.name, request)


def attach_graph(loaded: LoadedModel, request: Any) -> str | None:
    """Open the cached graph and serve this model's later passes from it; None on success, else why not."""
    from googlenet_gui.core.accel.graph_export import open_cached

    engine, reason = open_cached(loaded, request)
    if engine is not None:
        serve_with(loaded, engine)
    return reason


def serve_with(loaded: LoadedModel, engine: Engine | None) -> None:
    """Serve this model's inspect and queue passes from ``engine`` until it moves or changes (None: stop)."""
    _derived(loaded).attached = engine


def attached_engine(loaded: LoadedModel) -> Engine | None:
    """The engine :func:`serve_with` attached, while it still serves (same weights, on the CPU)."""
    attached = _derived(loaded).attached
    return attached if loaded.device.type == "cpu" else None


# ------------------------------------------------------------- the CLI's torch-free runs
def torch_free_classifier(args: Any) -> tuple[str | None, Any]:
    """``(fingerprint, prepared)`` for ``googlenet-gui classify``: ``prepared`` is what an earlier
    run recorded for this checkpoint (then torch is never imported), else None; the fingerprint
    lets :func:`remember_run` record this run for the next one."""
    from googlenet_gui.core.accel.cached_classify import plan_run, prepared_run

    fingerprint = plan_run(args)
    return fingerprint, prepared_run(fingerprint)


def classify_prepared(prepared: Any, inputs: Any, top_k: int, batch_size: int) -> Iterator[Any]:
    """Classifications from a torch-free run :func:`torch_free_classifier` prepared."""
    from googlenet_gui.core.accel.cached_classify import classify_cached

    cached, session = prepared
    return classify_cached(cached, session, inputs, top_k=top_k, batch_size=batch_size)


def remember_run(fingerprint: str | None, loaded: LoadedModel, model_line: str) -> None:
    """After a run that used ONNX Runtime on the CPU, let the next run of the same file skip torch."""
    from googlenet_gui.core.accel.cached_classify import record_run

    record_run(fingerprint, loaded, model_line, folded_model(loaded) if fingerprint else None)


# ------------------------------------------------------------------ loading torch
def import_torch() -> None:
    """Import torch with its libraries loaded first, the interpreter lock mostly released (the window)."""
    from googlenet_gui.core.accel.torch_preload import preload_torch_libraries, responsive_python

    with responsive_python():
        preload_torch_libraries()
        import torch  # noqa: F401 - the import is the point


@contextlib.contextmanager
def responsive() -> Iterator[None]:
    """Python-heavy work on a worker with a short switch interval, so the GUI thread keeps its turns."""
    from googlenet_gui.core.accel.torch_preload import responsive_python

    with responsive_python():
        yield


def preload_training_libraries() -> None:
    """Load what a first optimiser step imports (triton's library) with the lock released."""
    from googlenet_gui.core.accel.torch_preload import preload_triton_library

    preload_triton_library()
