"""Dataset examples: the images of a folder that excite each channel most, and where.

One forward-only pass over the folder records, for every channel of every trunk module
(stem, pools and the nine Inception modules, whose four branches are channel ranges of
their output), the ``keep`` images with the highest maximum over the map, with the
position of that maximum.  Memory stays bounded whatever the folder's size: a channel
holds ``keep`` entries, merged with each batch's maxima as the batch is done, and maps are
reduced inside the forward hooks (no map outlives its module).  Images are decoded and
preprocessed by the same pipeline as ``classify`` (:mod:`googlenet_gui.core.inference.batching`),
a bad file is recorded as a message naming it and the pass goes on, and the pass runs on
the engine seam's fastest PyTorch copy (no gradients needed).

The record of a folder is cached (:mod:`.cache`) by the weights' hash, the preprocessing,
``keep`` and the folder's contents (each image's relative path, size and modification
time), so asking for another channel of the same folder opens at once.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import Tensor

from googlenet_gui.core.errors import ExplainError, GoogLeNetGuiError
from googlenet_gui.core.explain.receptive import Geometry, trunk_geometry
from googlenet_gui.core.features import cache
from googlenet_gui.core.features.objectives import parse_unit
from googlenet_gui.core.images.files import images_in_folder
from googlenet_gui.core.inference.batching import Prepared, run_batches
from googlenet_gui.core.inference.engine import TorchEngine, engine_for, folded_model
from googlenet_gui.core.inference.torch_pass import branch_ranges
from googlenet_gui.core.jobs import ProgressCallback, result_of, yield_and_return
from googlenet_gui.core.network.hooks import forward_hooks
from googlenet_gui.core.network.model import GoogLeNet, Inception

#: Entries kept per channel unless more are asked for (a 4x4 grid).
DEFAULT_KEEP = 16
#: Folder records kept in the cache (~1-2 MB each at 16 a channel).
KEEP_RECORDS = 16


@dataclass
class Example:
    """One image's strongest response of a channel: the value, its map position, the pixels that unit sees."""

    image: str
    activation: float
    row: int
    col: int
    box: tuple[int, int, int, int]  # (top, left, bottom, right) in crop pixels, inclusive

    def to_json(self) -> dict[str, Any]:
        top, left, bottom, right = self.box
        return {"image": self.image, "activation": self.activation, "location": {"row": self.row, "col": self.col},
                "box": {"top": top, "left": left, "bottom": bottom, "right": right}}


@dataclass
class LayerTop:
    """The best ``keep`` of every channel of one module: (C, keep) arrays, strongest first.

    Unused entries (a folder of fewer than ``keep`` images) have value -inf and image -1.
    """

    values: np.ndarray  # float32
    images: np.ndarray  # int32: index into ExampleIndex.images
    positions: np.ndarray  # int32: row * width + col in the module's map
    width: int


@dataclass
class ExampleIndex:
    """A folder's record: every module's :class:`LayerTop`, and what is needed to read it back."""

    folder: str
    images: list[str]
    skipped: list[str]  # one sentence per file that could not be read, naming it
    keep: int
    crop: int
    layers: dict[str, LayerTop]
    geometry: dict[str, Geometry]  # trunk modules and branches (inception4c.3x3)
    offsets: dict[str, int]  # branch (inception4c.3x3) -> its first channel in the module's output
    cached: bool = False

    def top(self, layer: str, channel: int, k: int | None = None) -> list[Example]:
        """The ``k`` (default ``keep``) strongest images of ``channel`` of ``layer`` (a checked name), strongest first."""
        module = layer.partition(".")[0]
        record = self.layers[module]
        row = channel + self.offsets.get(layer, 0)
        found = []
        for value, image, position in zip(record.values[row], record.images[row], record.positions[row]):
            if image < 0 or len(found) == (k or self.keep):
                break
            y, x = divmod(int(position), record.width)
            found.append(Example(self.images[image], float(value), y, x, self.geometry[layer].region(y, x, self.crop)))
        return found


@dataclass
class ExamplesProgress:
    """Images done of the folder's total, and the files skipped so far."""

    done: int
    total: int
    skipped: list[str] = field(default_factory=list)


@dataclass
class ChannelExamples:
    """``examples``' answer: one channel's top images, and what the pass skipped."""

    layer: str
    channel: int
    examples: list[Example]
    images: int
    skipped: list[str]
    cached: bool

    def to_json(self) -> dict[str, Any]:
        return {"layer": self.layer, "channel": self.channel, "images": self.images, "cached": self.cached,
                "examples": [e.to_json() for e in self.examples], "skipped": list(self.skipped)}


def examples(loaded: Any, folder: str | Path, layer: str, channel: int, k: int = 9,
             cancel: Callable[[], bool] | None = None, on_progress: ProgressCallback | None = None,
             batch_size: int = 16) -> ChannelExamples:
    """The ``k`` images of ``folder`` that excite ``channel`` of ``layer`` most, strongest first."""
    unit = parse_unit(loaded.model, layer, channel)
    if unit.head is not None:
        raise ExplainError(f"examples are recorded for trunk modules and their branches, not the {layer} head")
    index = result_of(iter_examples(loaded, folder, max(k, DEFAULT_KEEP), cancel, on_progress, batch_size))
    return ChannelExamples(unit.layer, unit.channel, index.top(unit.layer, unit.channel, k), len(index.images),
                           index.skipped, index.cached)


def iter_examples(loaded: Any, folder: str | Path, keep: int = DEFAULT_KEEP,
                  cancel: Callable[[], bool] | None = None, on_progress: ProgressCallback | None = None,
                  batch_size: int = 16) -> Generator[ExamplesProgress | ExampleIndex, None, ExampleIndex]:
    """The job: progress after each batch, then the folder's :class:`ExampleIndex` (also returned).

    ``cancel()`` is checked before each batch (:class:`JobCancelled` is raised, nothing is
    cached); ``on_progress(images done, images)``.  A cached record is returned at once.
    """
    root = Path(folder)
    paths = _folder_images(root)
    key = cache.entry_key("examples", cache.model_key(loaded), loaded.preprocessing.to_dict(), keep,
                          str(root.resolve()), _contents(root, paths))
    path = cache.entry_path("examples", key)
    found = _from_cache(path, loaded, str(root), keep)
    if found is not None:
        return (yield from yield_and_return(found))
    model = _pass_model(loaded)
    top = _TopK(keep)
    images: list[str] = []
    skipped: list[str] = []
    items = [(str(p), p) for p in paths]
    for chunk, maxima in run_batches(items, loaded.preprocessing, lambda chunk: _reduce(model, chunk, loaded.device),
                                     batch_size, cancel=cancel):
        skipped += [item.error for item in chunk if item.error is not None]
        names = [item.name for item in chunk if item.error is None]
        if names:
            top.merge(maxima, len(images))
            images += names
        done = len(images) + len(skipped)
        if on_progress is not None:
            on_progress(done, len(items))
        yield ExamplesProgress(done, len(items), list(skipped))
    index = _index(loaded, str(root), images, skipped, keep, top.layers())
    _store(path, index)
    return (yield from yield_and_return(index))


def _folder_images(root: Path) -> list[Path]:
    if not root.is_dir():
        raise GoogLeNetGuiError(f"'{root}' is not a folder; examples need a folder of images")
    paths = images_in_folder(root)
    if not paths:
        raise GoogLeNetGuiError(f"'{root}' holds no image files")
    return paths


def _contents(root: Path, paths: list[Path]) -> list[tuple[str, int, int]]:
    """(relative path, size, modification time in ns) of each image: the folder as the cache sees it."""
    contents = []
    for path in paths:
        try:
            stat = path.stat()
            contents.append((path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns))
        except OSError:
            contents.append((path.relative_to(root).as_posix(), -1, -1))
    return contents


def _pass_model(loaded: Any) -> GoogLeNet:
    """The PyTorch model the seam serves forward-only passes with (an attached ONNX graph has no hooks)."""
    engine = engine_for(loaded, "inspect")
    return engine.model if isinstance(engine, TorchEngine) else folded_model(loaded)


def _reduce(model: GoogLeNet, chunk: list[Prepared], device: torch.device) -> tuple[list[Prepared], dict]:
    """One forward of the chunk's decodable images; every trunk module's (B, C) maxima and their flat positions."""
    good = [item.array for item in chunk if item.array is not None]
    if not good:
        return chunk, {}
    maxima: dict[str, tuple[Tensor, Tensor, int]] = {}

    def keeper(name: str) -> Callable[..., None]:
        def hook(_module: torch.nn.Module, _args: Any, output: Tensor) -> None:
            values, positions = output.flatten(2).max(dim=2)
            maxima[name] = (values.float().cpu(), positions.cpu(), int(output.shape[-1]))
        return hook

    batch = torch.from_numpy(np.stack(good)).to(device).contiguous(memory_format=torch.channels_last)
    hooks = [(getattr(model, name), keeper(name)) for name in model.trunk_names]
    with torch.inference_mode(), forward_hooks(hooks):
        model.forward_heads(batch, with_aux=False)
    return chunk, maxima


class _TopK:
    """The running best ``keep`` per channel of every module (torch tensors while the pass runs)."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.state: dict[str, list[Tensor]] = {}
        self.widths: dict[str, int] = {}

    def merge(self, maxima: dict[str, tuple[Tensor, Tensor, int]], first_image: int) -> None:
        for name, (values, positions, width) in maxima.items():
            count, channels = values.shape
            ids = torch.arange(first_image, first_image + count, dtype=torch.int32).expand(channels, count)
            new = [values.T, ids, positions.T.to(torch.int32)]
            old = self.state.get(name)
            merged = new if old is None else [torch.cat([a, b], 1) for a, b in zip(old, new)]
            best = merged[0].topk(min(self.keep, merged[0].shape[1]), dim=1).indices
            self.state[name] = [m.gather(1, best) for m in merged]
            self.widths[name] = width

    def layers(self) -> dict[str, LayerTop]:
        """Every module's record padded to ``keep`` entries, as NumPy arrays."""
        out = {}
        for name, (values, ids, positions) in self.state.items():
            pad = self.keep - values.shape[1]
            out[name] = LayerTop(np.pad(values.numpy(), ((0, 0), (0, pad)), constant_values=-np.inf),
                                 np.pad(ids.numpy(), ((0, 0), (0, pad)), constant_values=-1),
                                 np.pad(positions.numpy(), ((0, 0), (0, pad))), self.widths[name])
        return out


def _index(loaded: Any, folder: str, images: list[str], skipped: list[str], keep: int,
           layers: dict[str, LayerTop], cached: bool = False) -> ExampleIndex:
    """The record with the model's geometry and branch offsets (read from the eager model's modules)."""
    model = loaded.model
    offsets = {f"{name}.{branch}": start for name in model.trunk_names if isinstance(getattr(model, name), Inception)
               for branch, (start, _stop) in branch_ranges(model, name)}
    return ExampleIndex(folder, images, skipped, keep, loaded.preprocessing.crop, layers, trunk_geometry(model),
                        offsets, cached)


def _store(path: Path | None, index: ExampleIndex) -> None:
    arrays = {}
    for name, record in index.layers.items():
        arrays.update({f"{name}:values": record.values, f"{name}:images": record.images,
                       f"{name}:positions": record.positions})
    root = Path(index.folder)
    relative = [Path(name).relative_to(root).as_posix() for name in index.images]
    meta = {"images": relative, "skipped": index.skipped, "keep": index.keep,
            "widths": {name: record.width for name, record in index.layers.items()}}
    cache.store(path, arrays, meta, KEEP_RECORDS)


def _from_cache(path: Path | None, loaded: Any, folder: str, keep: int) -> ExampleIndex | None:
    found = cache.load(path)
    if found is None:
        return None
    arrays, meta = found
    try:
        layers = {name: LayerTop(arrays[f"{name}:values"], arrays[f"{name}:images"], arrays[f"{name}:positions"],
                                 int(width)) for name, width in meta["widths"].items()}
    except KeyError:
        return None
    if meta.get("keep") != keep or set(layers) != set(loaded.model.trunk_names):
        return None
    images = [str(Path(folder) / name) for name in meta["images"]]  # as this call spells the folder
    return _index(loaded, folder, images, list(meta["skipped"]), keep, layers, cached=True)
