"""Write a loaded model's inspection graph into the graph cache, and open a session on it.

WHY: ONNX Runtime runs the inspect path (every branch map plus every head) about twice
as fast as PyTorch on a CPU.  The window plans (hashes the weights), writes and opens
the graph on its worker, one short job each, between the user's own drops
(``ui/accel/graph_prep``), in its own process: the graph is written node by node
(:mod:`.onnx_graph`) with its weights framed by hand (:mod:`.onnx_frames`), so no step
holds the interpreter lock for long.  A later session, or a CLI run, finds it cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from googlenet_gui.core.accel.graph_cache import BACKEND_ENV, cache_dir, graph_path, torch_forced

#: The window's inspection graph: heads plus each Inception module's and stem layer's output.
WINDOW_OUTPUTS = "modules"


@dataclass(frozen=True)
class GraphRequest:
    """The graph of one model: its cache key and the outputs and image size it is written for."""

    key: str  # onnx_cache.graph_key of the loaded (unfolded) model
    image_size: int = 224
    outputs: str = WINDOW_OUTPUTS

    @property
    def path(self) -> Path | None:
        """Where the graph is (or will be) cached; None when the cache is off."""
        return graph_path(self.key)


def why_not_onnx(loaded: Any) -> str | None:
    """Why ``loaded`` (a LoadedModel) cannot be served by ONNX Runtime in the window, or None.

    Cheap (no hashing, no file reads), so the caller can decide before hashing any weights.
    """
    from googlenet_gui.core.accel.onnx_backend import onnx_available

    if torch_forced():
        return f"{BACKEND_ENV}=torch"
    if not onnx_available():
        return "onnxruntime is not installed (pip install 'googlenet-gui[fast]')"
    if loaded.device.type != "cpu":
        return f"the model runs on {loaded.device.type}"
    if cache_dir() is None:
        return "the graph cache is off (GOOGLENET_GUI_CACHE=off)"
    return None


def plan_graph(loaded: Any, outputs: str = WINDOW_OUTPUTS) -> GraphRequest:
    """The request for ``loaded``'s graph: hashes its weights (~50 ms, off the GUI thread)."""
    from googlenet_gui.core.accel.graph_cache import graph_key

    size = int(loaded.preprocessing.crop)
    return GraphRequest(graph_key(loaded.model, size, outputs), size, outputs)


def is_cached(request: GraphRequest) -> bool:
    from googlenet_gui.core.accel.graph_cache import verified  # a swapped file is deleted: exported again

    path = request.path
    return path is not None and path.is_file() and path.stat().st_size > 0 and verified(path, request.key)


def plan_for(loaded: Any, outputs: str = WINDOW_OUTPUTS) -> tuple[GraphRequest | None, str | None]:
    """``(request, None)`` when ONNX Runtime can serve ``loaded``, else ``(None, why not)``.

    Never raises: any failure only means PyTorch keeps serving, which is always correct.
    """
    reason = why_not_onnx(loaded)
    if reason is not None:
        return None, reason
    try:
        return plan_graph(loaded, outputs), None
    except Exception as error:  # noqa: BLE001 - hashing failed (out of memory...): stay on torch
        return None, f"{type(error).__name__}: {error}"


def open_cached(loaded: Any, request: GraphRequest) -> tuple[Any, str | None]:
    """``(engine, None)``: a warmed-up session on ``request``'s cached graph, else ``(None, why not)``.

    The warm-up pass also records the per-layer times the ops view shows (one hooked
    torch pass), so the user's next drop pays neither.  The next session's start-up
    shortcut is recorded too (:mod:`.quick_start`).
    """
    import torch

    from googlenet_gui.core.accel.onnx_backend import open_cached_inspector

    path = request.path
    if path is None or not is_cached(request):
        return None, "the exported graph is no longer in the cache"
    try:
        inspector = open_cached_inspector(loaded.model, path, request.key, request.image_size, request.outputs)
        inspector.inspect_tensor(torch.zeros(1, 3, request.image_size, request.image_size))
    except Exception as error:  # noqa: BLE001 - a refused file was deleted; torch keeps serving
        return None, f"ONNX Runtime could not open {path.name}: {type(error).__name__}: {error}"
    try:  # so the next session can show its first predictions before torch has loaded
        from googlenet_gui.core.accel.quick_start import remember

        remember(loaded, request.key, inspector.output_names)
    except Exception:  # noqa: BLE001 - only the next start-up's shortcut is lost
        pass
    return inspector, None


def export_to_cache(folded: Any, name: str, request: GraphRequest) -> str | None:
    """Write ``request``'s graph from the BN-folded copy ``folded`` (of the model called ``name``)
    into the cache; None on success, else why not.

    Runs on the window's worker: the folded copy is read, not copied, and the weights are
    written in chunks with the interpreter lock released (:mod:`.onnx_frames`).
    """
    from googlenet_gui.core.accel.graph_cache import store_chunks
    from googlenet_gui.core.accel.onnx_backend import inspect_graph_chunks

    path = request.path
    if path is None:
        return "the graph cache is off (GOOGLENET_GUI_CACHE=off)"
    try:
        chunks = inspect_graph_chunks(folded, request.image_size, request.outputs)
    except Exception as error:  # noqa: BLE001 - an unsupported layer: torch keeps serving
        return f"writing the ONNX graph of {name} failed: {type(error).__name__}: {error}"
    if not store_chunks(path, chunks):
        return f"could not write the ONNX graph to {path.parent}"
    return None
