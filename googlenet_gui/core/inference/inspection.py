"""Look inside one image's forward pass: every Inception branch, the stem, every head.

Everything comes from ONE forward pass of the loaded model's inference copy (BatchNorm
folded, channels-last; same module names as the eager model) with hooks on the stem
layers and the nine Inception modules.  Each module's concatenated output is copied
once (float32, CPU, in the model's own memory layout) and its four branches are channel
slices of that copy: the module's ``forward`` is ``cat([b1, b2, b3, b4])`` so the slices
are exactly the branch outputs, and one copy per module is cheaper than four branch
copies plus a cat.

Arrays are (C, H, W) float32 but, for a channels-last model, NOT C-contiguous (channel
stride 1): reordering every map to NCHW would cost more than the copy itself (about
20 ms vs 1 ms per 224 px pass here), while the window only ever displays one module at
a time; call ``np.ascontiguousarray`` on what you need in C order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import Tensor

from googlenet_gui.core.inference.predictions import heads_from_logits
from googlenet_gui.core.network.hooks import capture_activations
from googlenet_gui.core.lazy_mapping import LazyMapping
from googlenet_gui.core.network.model import GoogLeNet
from googlenet_gui.core.images.preprocessing import Preprocessing
from googlenet_gui.core.inference.results import AUX_UNTRAINED_NOTE, Inspection, ModuleMaps
from googlenet_gui.core.network.spec import BRANCH_NAMES, INCEPTION_NAMES

STEM_NAMES: tuple[str, ...] = ("conv1", "maxpool1", "conv2", "conv3", "maxpool2")
HEAD_MODULES: tuple[str, ...] = ("aux1", "aux2", "avgpool", "fc")


@dataclass
class TensorInspection:
    """Raw result of :func:`inspect_tensor` for a whole batch: CPU float32 tensors."""

    logits: dict[str, Tensor]  # head -> (N, classes)
    activations: Mapping[str, Tensor]  # module name -> (N, C, H, W) copies, in the model's memory layout
    layer_times_ms: dict[str, float] = field(default_factory=dict)


def stem_names(model: GoogLeNet) -> list[str]:
    """Stem layers this model has (``conv3`` only with torchvision's 1x1+3x3 stem)."""
    return [name for name in STEM_NAMES if hasattr(model, name)]


def branch_ranges(model: GoogLeNet, module_name: str) -> list[tuple[str, tuple[int, int]]]:
    """``[("1x1", (0, 64)), ("3x3", (64, 192)), ...]``: where each branch sits in the output."""
    module = getattr(model, module_name)
    ranges: list[tuple[str, tuple[int, int]]] = []
    start = 0
    for branch_name, attr in zip(BRANCH_NAMES, ("branch1", "branch2", "branch3", "branch4")):
        last = getattr(module, attr)
        last = last[-1] if isinstance(last, torch.nn.Sequential) else last
        width = last.conv.out_channels
        ranges.append((branch_name, (start, start + width)))
        start += width
    return ranges


def inspect_tensor(model: GoogLeNet, batch: Tensor, with_aux: bool = True,
                   timings: bool = True) -> TensorInspection:
    """The model part of :func:`inspect`: one hooked forward pass over ``batch``.

    Benchmarks time this alone.  Returns CPU float32 tensors; the model is put in
    eval mode for the pass and left in the mode it was in.
    """
    captured = [*stem_names(model), *INCEPTION_NAMES]
    timed = [name for name in (*model.trunk_names, *HEAD_MODULES) if hasattr(model, name)]
    with torch.inference_mode(), capture_activations(model, captured, timings=timings, timed=timed) as cap:
        logits = model.forward_heads(batch, with_aux=with_aux and model.has_aux)
        activations = {name: _to_cpu_float(cap.outputs[name]) for name in captured}
        logits = {name: _to_cpu_float(value) for name, value in logits.items()}
    return TensorInspection(logits, activations, dict(cap.times_ms))


def _to_cpu_float(tensor: Tensor) -> Tensor:
    """No copy when the tensor already is CPU float32 (the common case)."""
    return tensor.to(device="cpu", dtype=torch.float32)


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

    ``loaded`` is a :class:`~googlenet_gui.core.checkpoints.loading.LoadedModel`; the pass runs on its
    attached ONNX Runtime session if it has one (``LoadedModel.attach_onnx``), else on its
    BatchNorm-folded ``inference_model``, or, with ``allow_eager`` while that copy is not
    built yet, on the eager model itself (equal within 1e-4): building the copy costs
    more than one slower pass, so the first image after a load comes sooner.  Aux
    probabilities are computed in eval mode from the 4a and 4d outputs when the model
    has aux heads; ``trained`` on each aux head says whether they can be believed (not
    for the official weights).
    """
    from googlenet_gui.core.inference.devices import run_with_oom_fallback
    from googlenet_gui.core.images.decode import model_view
    from googlenet_gui.core.accel.onnx_backend import inspector_for as onnx_inspector_for

    picture = _as_loaded_image(image)
    view = model_view(picture.image, loaded.preprocessing)
    cpu_batch = input_from_view(view, loaded.preprocessing).unsqueeze(0)
    notes = list(picture.notes)

    def forward() -> tuple[GoogLeNet, TensorInspection]:
        # reads loaded.* at call time so an out-of-memory retry runs on the CPU copy
        attached = loaded.onnx_inspector
        if attached is not None and attached.image_size == cpu_batch.shape[-1]:
            # the window attaches a session once its worker has written the graph (graph_export)
            return loaded.model, attached.inspect_tensor(loaded.model, cpu_batch)
        model = loaded.model if allow_eager and not loaded.inference_ready else loaded.inference_model
        batch = cpu_batch.to(loaded.device).contiguous(memory_format=torch.channels_last)
        # ``onnx``: on the CPU with onnxruntime installed, the same outputs about 2x faster
        # after writing the graph (~0.1 s) and opening a session (~0.4 s) in this call (the
        # window does both as separate worker jobs instead: graph_export, ui/graph_prep).
        session = onnx_inspector_for(model, batch.shape[-1], "modules") if onnx else None
        if session is not None:
            return model, session.inspect_tensor(model, batch)
        return model, inspect_tensor(model, batch, with_aux=True)

    model, raw = run_with_oom_fallback(forward, loaded, on_message=notes.append)
    heads = heads_from_logits(raw.logits, loaded.label, top_k, loaded.aux_trained)[0]
    if loaded.format == "untrained":  # random weights: every head is noise, not only the aux heads
        notes.append("untrained model (random weights): every prediction is noise; load trained weights")
    elif model.has_aux and not loaded.aux_trained:
        notes.append(AUX_UNTRAINED_NOTE)
    return Inspection(
        image=picture.name,
        input_rgb=view,
        heads=heads,
        modules=module_maps(model, raw),
        stem=stem_maps(model, raw),
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
