"""Look inside one image's forward pass: every Inception branch, the stem, every head.

Everything comes from ONE forward pass on the engine :mod:`.engine` picks (the folded
copy, ONNX Runtime once the window attached a graph, or the eager model for the first
image); the PyTorch engines hook the stem layers and the nine Inception modules
(:mod:`.torch_pass`).  Maps are (C, H, W) float32 and, from a channels-last model, not
C-contiguous: call ``np.ascontiguousarray`` on what you need in C order.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from googlenet_gui.core.inference.engine import engine_for
from googlenet_gui.core.inference.predictions import heads_from_logits
from googlenet_gui.core.inference.results import Inspection, ModuleMaps, model_notes
from googlenet_gui.core.inference.torch_pass import TensorInspection, branch_ranges, stem_names
from googlenet_gui.core.lazy_mapping import LazyMapping
from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.network.spec import INCEPTION_NAMES

if TYPE_CHECKING:
    from torch import Tensor

    from googlenet_gui.core.images.preprocessing import Preprocessing

def module_maps(model: GoogLeNet, raw: TensorInspection, index: int = 0) -> LazyMapping[ModuleMaps]:
    """Per-module :class:`ModuleMaps` of image ``index``; branches are views of the output.

    Each module is made when first read: ONNX Runtime's maps become NCHW only then.
    """
    def maker(name: str) -> Callable[[], ModuleMaps]:
        ranges = branch_ranges(model, name)
        return lambda: ModuleMaps.from_output(name, raw.activations[name][index].numpy(), ranges)

    return LazyMapping({name: maker(name) for name in INCEPTION_NAMES})


def stem_maps(model: GoogLeNet, raw: TensorInspection, index: int = 0) -> LazyMapping[np.ndarray]:
    """(C, H, W) maps of each stem layer for image ``index``, made when first read."""
    return LazyMapping({name: (lambda name=name: raw.activations[name][index].numpy())
                        for name in stem_names(model)})


def _as_loaded_image(image: Any):
    """Accept a path, bytes, a PIL image or a ``LoadedImage``; return a ``LoadedImage``."""
    from PIL import Image

    from googlenet_gui.core.images.decode import LoadedImage, load_image

    if isinstance(image, LoadedImage):
        return image
    if isinstance(image, Image.Image):
        name = getattr(image, "filename", "") or "image"
        return LoadedImage(image.convert("RGB"), str(name), [])
    if isinstance(image, (str, Path, bytes, bytearray)):
        return load_image(bytes(image) if isinstance(image, bytearray) else image)
    raise TypeError(f"cannot inspect an object of type {type(image).__name__}; pass a path, bytes or an image")


def input_from_view(view: np.ndarray, prep: Preprocessing) -> Tensor:
    """Normalised (3, H, W) input from the (H, W, 3) uint8 crop :func:`model_view` gave.

    The same arithmetic as ``images.preprocess``, so the tensor is identical, but the
    image is resized and cropped once instead of twice.
    """
    from googlenet_gui.core.images.decode import normalize_view

    return normalize_view(view, prep)


def inspect(loaded: Any, image: Any, top_k: int = 5, onnx: bool = False,
            allow_eager: bool = False) -> Inspection:
    """Everything one forward pass shows about ``image`` (see :class:`Inspection`).

    ``loaded`` is a :class:`~googlenet_gui.core.checkpoints.loading.LoadedModel`; the pass
    runs on the engine :func:`.engine.engine_for` picks (``onnx`` asks for ONNX Runtime,
    ``allow_eager`` lets the eager model serve while the folded copy is not built yet).
    Aux probabilities are computed in eval mode from the 4a and 4d outputs when the model
    has aux heads; ``trained`` on each aux head says whether they can be believed (not
    for the official weights).
    """
    from googlenet_gui.core.images.decode import model_view
    from googlenet_gui.core.inference.devices import run_with_oom_fallback

    picture = _as_loaded_image(image)
    view = model_view(picture.image, loaded.preprocessing)
    cpu_batch = input_from_view(view, loaded.preprocessing).unsqueeze(0)
    notes = list(picture.notes)

    def forward() -> TensorInspection:  # engine_for reads loaded now: an out-of-memory retry runs on the CPU
        return engine_for(loaded, "inspect", allow_eager=allow_eager, onnx=onnx).inspect_tensor(cpu_batch)

    raw = run_with_oom_fallback(forward, loaded, on_message=notes.append)
    heads = heads_from_logits(raw.logits, loaded.label, top_k, loaded.aux_trained)[0]
    notes.extend(model_notes(loaded.format == "untrained", loaded.has_aux, loaded.aux_trained))
    return Inspection(
        image=picture.name,
        input_rgb=view,
        heads=heads,
        modules=module_maps(loaded.model, raw),
        stem=stem_maps(loaded.model, raw),
        layer_times_ms=raw.layer_times_ms,
        notes=notes,
    )


def branch_statistics(module: ModuleMaps) -> list[dict[str, float | int | str]]:
    """Per-branch numbers the CLI and the explorer show: share of channels and of energy.

    ``active`` is the fraction of units above zero (after ReLU, the rest are exactly 0).
    """
    total_channels = module.output.shape[0]
    energies = [branch.energy for branch in module.branches]
    total_energy = sum(energies) or 1.0
    stats = []
    for branch, energy in zip(module.branches, energies):
        maps = branch.maps
        stats.append({
            "branch": branch.name,
            "channels": int(maps.shape[0]),
            "channel_range": list(branch.channel_range),
            "channel_share": maps.shape[0] / total_channels,
            "energy_share": energy / total_energy,
            "mean": float(maps.mean(dtype=np.float64)),
            "max": float(maps.max()),
            "active": float(np.count_nonzero(maps > 0) / maps.size),
        })
    return stats
