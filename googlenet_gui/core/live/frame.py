"""One camera or video frame in, every head, one module's branches and the main head's CAM out.

All of it comes from ONE forward pass: the inspect pass of :mod:`..inference.inspection`
on the engine :func:`~googlenet_gui.core.inference.engine.engine_for` picks (ONNX Runtime
once the window attached a graph, else the folded copy, else the eager model while the
copy is being built).  The CAM needs no backward: GoogLeNet ends in a global average
pool and one linear layer, so the class's fc weights times inception5b's maps are its
exact class activation map (:func:`~googlenet_gui.core.explain.cam.cam_coarse`, the
explain module's own arithmetic).  No Qt here: the window's worker and the tests call it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PIL import Image

from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.explain.cam import cam_coarse, cam_is_exact, upsampled
from googlenet_gui.core.images.decode import model_view
from googlenet_gui.core.inference.devices import run_with_oom_fallback
from googlenet_gui.core.inference.engine import engine_for
from googlenet_gui.core.inference.inspection import input_from_view, module_maps
from googlenet_gui.core.inference.predictions import heads_from_logits
from googlenet_gui.core.inference.results import HeadResult, ModuleMaps
from googlenet_gui.core.network.spec import INCEPTION_NAMES

#: The module whose maps give the CAM (the last one, right before the global pool).
CAM_LAYER = INCEPTION_NAMES[-1]


@dataclass
class LiveFrame:
    """What one frame's pass produced: plain arrays, no tensors (see :func:`classify_frame`)."""

    input_rgb: np.ndarray  # (crop, crop, 3) uint8: the crop the network saw
    heads: dict[str, HeadResult]
    module: ModuleMaps  # the chosen Inception module; branches are channel slices of its output
    cam: np.ndarray | None  # (crop, crop) float32 in [0, 1]: the main head's top-1 CAM (None: not exact here)
    cam_class: int
    pass_ms: float  # the forward pass alone
    total_ms: float  # crop, pass, softmax and CAM
    engine: str
    notes: list[str] = field(default_factory=list)

    @property
    def cam_peak(self) -> tuple[int, int] | None:
        """(row, col) of the CAM's maximum, in crop pixels."""
        if self.cam is None:
            return None
        row, col = np.unravel_index(int(np.argmax(self.cam)), self.cam.shape)
        return int(row), int(col)


def frame_crop(rgb: np.ndarray, loaded: Any) -> np.ndarray:
    """The (crop, crop, 3) uint8 crop a frame becomes: the same resize and centre crop as every image."""
    frame = np.asarray(rgb)
    if frame.ndim != 3 or frame.shape[2] != 3 or frame.dtype != np.uint8:
        raise GoogLeNetGuiError(f"a live frame must be an (H, W, 3) uint8 RGB array, not {frame.dtype} {frame.shape}")
    return model_view(Image.fromarray(frame, "RGB"), loaded.preprocessing)


def classify_frame(loaded: Any, rgb: np.ndarray, module: str = "inception4c", top_k: int = 5) -> LiveFrame:
    """Every head's top-k, ``module``'s maps and the main head's CAM of one RGB frame, from one pass.

    ``loaded`` is a :class:`~googlenet_gui.core.checkpoints.loading.LoadedModel`; ``rgb`` an
    (H, W, 3) uint8 frame of any size (resized and centre-cropped like a dropped image).
    """
    start = time.perf_counter()
    return classify_crop(loaded, frame_crop(rgb, loaded), module, top_k, start)


def classify_crop(loaded: Any, view: np.ndarray, module: str = "inception4c", top_k: int = 5,
                  start: float | None = None) -> LiveFrame:
    """:func:`classify_frame` of a frame already cropped by :func:`frame_crop` (``start``: when timing began).

    WHY apart: the window crops each frame as it arrives, on the thread that receives it,
    so the worker's time per frame is the pass and what follows it.
    """
    if module not in INCEPTION_NAMES:
        raise GoogLeNetGuiError(f"{module!r} is not an Inception module; choose one of {', '.join(INCEPTION_NAMES)}")
    start = time.perf_counter() if start is None else start
    batch = input_from_view(view, loaded.preprocessing).unsqueeze(0)
    used: list[str] = []

    def forward():  # noqa: ANN202 - TensorInspection; engine_for reads loaded now (an OOM retry runs on the CPU)
        engine = engine_for(loaded, "inspect", allow_eager=True)
        used.append(engine.name)
        return engine.inspect_tensor(batch)

    notes: list[str] = []
    before = time.perf_counter()
    raw = run_with_oom_fallback(forward, loaded, on_message=notes.append)
    pass_ms = (time.perf_counter() - before) * 1000.0
    heads = heads_from_logits(raw.logits, loaded.label, top_k, loaded.aux_trained)[0]
    top = heads["main"].top[0].index
    cam = None
    if cam_is_exact(loaded.model):
        coarse = cam_coarse(loaded.model, raw.activations[CAM_LAYER][0], top)
        cam = upsampled(coarse, view.shape[:2])
    else:
        notes.append(f"no CAM: {CAM_LAYER} does not feed the global pool directly in this model")
    maps = module_maps(loaded.model, raw)[module]
    total_ms = (time.perf_counter() - start) * 1000.0
    return LiveFrame(view, heads, maps, cam, top, pass_ms, total_ms, used[-1], notes)
