"""Export a loaded checkpoint's inspection graph in a child process, into the graph cache.

WHY: ONNX Runtime runs the inspect path (every branch map plus every head) about twice
as fast as PyTorch on a CPU, but exporting the graph in the window's process holds the
interpreter lock in long stretches: with the TorchScript exporter (Python) the GUI's
idle timer gap went from 31 to 137 ms, and the graph writer that replaced it
(:mod:`.onnx_graph`) still holds it ~0.13 s while protobuf serialises 50 MB of weights.  A child process has its own interpreter,
so the window stays responsive; it runs niced and on one thread, so the user's own
drops keep the CPU.  The child loads the same file the window loaded, checks that its
weights hash to the key the window computed (a file changed on disk since is refused),
exports and stores the graph in :mod:`.onnx_cache`; the window then opens a session on
that file (:func:`.onnx_backend.open_cached_inspector`), which takes ~0.15 s and hardly
holds the lock.  A later session of the app, or a CLI run, finds the file already there.

Nothing here imports Qt: :class:`ExportChild` is polled (``poll()``) by whoever started
it, and ``python -m googlenet_gui.core.graph_export`` is the child.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import weakref
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .onnx_cache import BACKEND_ENV, cache_dir, graph_path, torch_forced

#: The window's inspection graph: heads plus each Inception module's and stem layer's output.
WINDOW_OUTPUTS = "modules"
#: A child that has not finished by then is stopped (a cold disk cache on a slow machine
#: takes ~10 s; this is only a guard against a hung exporter).
CHILD_TIMEOUT_S = 600.0
#: Exit status of a child whose weights did not hash to the requested key.
KEY_MISMATCH = 3
#: Every child started, so tests can fail one that leaves a child running.
_CHILDREN: "weakref.WeakSet[ExportChild]" = weakref.WeakSet()


def running_children() -> list["ExportChild"]:
    """Export children still running (a window must stop its child when it closes)."""
    return [child for child in list(_CHILDREN) if child.running]


@dataclass(frozen=True)
class GraphRequest:
    """Everything the child needs to rebuild exactly the model the parent hashed."""

    source: str  # checkpoint file the parent's model was loaded from
    transform_input: bool
    key: str  # onnx_cache.graph_key of the parent's (unfolded) model
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
    from .onnx_backend import onnx_available

    if torch_forced():
        return f"{BACKEND_ENV}=torch"
    if not onnx_available():
        return "onnxruntime is not installed (pip install 'googlenet-gui[fast]')"
    if loaded.device.type != "cpu":
        return f"the model runs on {loaded.device.type}"
    if cache_dir() is None:
        return "the graph cache is off (GOOGLENET_GUI_CACHE=off)"
    if not Path(loaded.source).is_file():
        return "the weights are not a file the exporter could reload"
    if getattr(sys, "frozen", False):
        return "the frozen app cannot start a Python child process"
    return None


def plan_graph(loaded: Any, outputs: str = WINDOW_OUTPUTS) -> GraphRequest:
    """The request for ``loaded``'s graph: hashes its weights (~50 ms, off the GUI thread)."""
    from .onnx_cache import graph_key

    size = int(loaded.preprocessing.crop)
    return GraphRequest(str(Path(loaded.source).resolve()), bool(loaded.transform_input),
                        graph_key(loaded.model, size, outputs), size, outputs)


def is_cached(request: GraphRequest) -> bool:
    path = request.path
    return path is not None and path.is_file() and path.stat().st_size > 0


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


def attach_cached(loaded: Any, request: GraphRequest) -> str | None:
    """Open a session on ``request``'s cached graph, warm it up and attach it to ``loaded``.

    Returns None on success, else why not (``loaded`` is then left on PyTorch).  The warm-up
    pass also records the per-layer times the ops view shows (one hooked torch pass), so
    the user's next drop pays neither.
    """
    import torch

    from .onnx_backend import open_cached_inspector

    path = request.path
    if path is None or not is_cached(request):
        return "the exported graph is no longer in the cache"
    try:
        inspector = open_cached_inspector(loaded.model, path, request.key, request.image_size, request.outputs)
        inspector.inspect_tensor(loaded.model, torch.zeros(1, 3, request.image_size, request.image_size))
    except Exception as error:  # noqa: BLE001 - a refused file was deleted; torch keeps serving
        return f"ONNX Runtime could not open {path.name}: {type(error).__name__}: {error}"
    loaded.attach_onnx(inspector)
    try:  # so the next session can show its first predictions before torch has loaded
        from .quick_start import remember

        remember(loaded, request.key, inspector.output_names)
    except Exception:  # noqa: BLE001 - only the next start-up's shortcut is lost
        pass
    return None


class ExportChild:
    """The child process exporting one :class:`GraphRequest`; poll it, or stop it.

    ``poll()`` is a non-blocking wait: None while it runs, then the cached graph's path,
    or a :class:`RuntimeError`'s worth of text in :attr:`error`.
    """

    def __init__(self, request: GraphRequest) -> None:
        self.request = request
        self.error: str | None = None
        self.started = time.monotonic()
        self._ended: float | None = None
        env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1", "PYTHONPATH": _package_path()}
        # A file, not a pipe: a chatty child can never block on a full pipe nobody reads.
        self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "googlenet_gui.core.graph_export", json.dumps(asdict(request))],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._stderr, env=env)
        _CHILDREN.add(self)

    @property
    def seconds(self) -> float:
        """How long the child ran (so far)."""
        return (self._ended or time.monotonic()) - self.started

    @property
    def running(self) -> bool:
        return self._process.poll() is None

    def poll(self) -> Path | None:
        """The graph's path once the child succeeded; None while it runs or after a failure."""
        if self.running:
            if time.monotonic() - self.started > CHILD_TIMEOUT_S:
                self.stop(f"the export took longer than {CHILD_TIMEOUT_S:.0f} s and was stopped")
            return None
        self._finish()
        return self.request.path if self.error is None else None

    def wait(self, timeout: float | None = None) -> Path | None:
        """Block until the child ends (for the CLI and tests); same result as :meth:`poll`."""
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.stop(f"the export took longer than {timeout:.0f} s and was stopped")
        return self.poll()

    def stop(self, reason: str = "the export was stopped") -> None:
        """Terminate the child (the window closed, or another model was loaded)."""
        if self._process.poll() is None:
            self.error = self.error or reason
            self._process.terminate()
            try:
                self._process.wait(5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._finish()

    def _finish(self) -> None:
        """Once the child has ended: read why it failed, if it did, and close its log."""
        if self._stderr.closed:
            return
        self._ended = time.monotonic()
        if self.error is None and not (self._process.returncode == 0 and is_cached(self.request)):
            self.error = self._failure()
        self._stderr.close()

    def _failure(self) -> str:
        if self._process.returncode == KEY_MISMATCH:
            return f"{self.request.source} changed on disk since it was loaded"
        self._stderr.seek(0)
        lines = [line for line in self._stderr.read().decode(errors="replace").splitlines() if line.strip()]
        detail = lines[-1].strip() if lines else f"exit status {self._process.returncode}"
        return f"exporting the ONNX graph of {self.request.source} failed: {detail}"


def _package_path() -> str:
    """PYTHONPATH for the child: this copy of googlenet_gui first (a source checkout too)."""
    root = Path(__file__).resolve().parents[2]
    inherited = os.environ.get("PYTHONPATH", "")
    if root.name in ("site-packages", "dist-packages"):  # installed: the child finds it already;
        return inherited  # listing it would put it ahead of the standard library
    return os.pathsep.join([str(root), inherited]) if inherited else str(root)


def export_request(request: GraphRequest) -> int:
    """The child's work: reload, verify the key, export into the cache.  Returns the exit status."""
    from .loading import load_model
    from .onnx_backend import export_inspect_graph
    from .onnx_cache import cached_graph, graph_key

    loaded = load_model(request.source, device="cpu", transform_input=request.transform_input, progress=False)
    if graph_key(loaded.model, request.image_size, request.outputs) != request.key:
        print(f"{request.source}: its weights no longer match the loaded model", file=sys.stderr)
        return KEY_MISMATCH
    cached_graph(request.key, lambda: export_inspect_graph(loaded.model, request.image_size, request.outputs))
    return 0 if is_cached(request) else 1


def main(argv: list[str] | None = None) -> int:
    """``python -m googlenet_gui.core.graph_export '<GraphRequest as JSON>'``."""
    parser = argparse.ArgumentParser(prog="python -m googlenet_gui.core.graph_export")
    parser.add_argument("request", help="a GraphRequest as JSON")
    args = parser.parse_args(argv)
    try:
        os.nice(10)  # the window's own work comes first
    except (AttributeError, OSError):
        pass
    # ExportChild.stop() terminates: unwind (so a half-written cache file is removed), then
    # leave at once: finalising torch would keep the closing window waiting ~0.5 s more.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        return export_request(GraphRequest(**json.loads(args.request)))
    except SystemExit as stop:
        os._exit(stop.code if isinstance(stop.code, int) else 1)
    except Exception as error:  # noqa: BLE001 - one line for the parent's message
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
