"""The Features tab's worker jobs: a channel's picture, a branch's mosaic, a folder's examples, the dictionary.

Like :mod:`.jobs` they hand the GUI thread plain data only: NumPy pictures and crops,
dataclasses of numbers.  The long ones are the core generators
(:mod:`googlenet_gui.core.features`) wrapped so every step crosses as one small event;
the runner checks the cancel token after each event, so Cancel stops within a step.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from googlenet_gui.core.jobs import CancelToken

from googlenet_gui.ui.work.jobs import ImageSource, read_source

#: A picture is previewed this often (steps); the core's default suits the CLI's slower pace.
PREVIEW_EVERY = 8
#: Side of one tile of a branch's mosaic (pixels): 384 channels stay a ~1500 px square.
TILE = 64
#: Side of one dataset-example crop as shown.
CROP_SIDE = 96


@dataclass
class PictureStep:
    """One optimisation step of the channel card's picture: the count, and now and then the images so far."""

    layer: str
    channel: int
    done: int
    total: int
    preview: np.ndarray | None  # (N, H, W, 3) uint8


@dataclass
class Picture:
    """A finished (or cancelled) picture of one channel: plain arrays and numbers."""

    layer: str
    channel: int
    images: np.ndarray  # (N, H, W, 3) uint8
    objective_start: float
    objective_end: float
    seconds: float
    cached: bool
    cancelled: bool

    @staticmethod
    def of(result: Any) -> "Picture":
        """From a core :class:`~googlenet_gui.core.features.visualize.Visualization`."""
        return Picture(result.layer, result.channel, result.images, float(np.mean(result.objective_start)),
                       float(np.mean(result.objective_end)), result.seconds, result.cached, result.cancelled)


@dataclass
class BranchTile:
    """One channel of "Visualise this branch", shrunk to a tile; ``done`` of ``total`` channels."""

    layer: str
    channel: int
    tile: np.ndarray  # (TILE, TILE, 3) uint8
    done: int
    total: int
    cached: bool


@dataclass
class ExamplesStep:
    """The examples pass so far: images done of the folder's total."""

    folder: str
    done: int
    total: int


@dataclass
class ExampleCrops:
    """One channel's top images, each cropped to the receptive field around its strongest unit."""

    layer: str
    channel: int
    count: int  # how many were asked for: the examples page asks for more than a dictionary row
    crops: list[np.ndarray]  # (CROP_SIDE, CROP_SIDE, 3) uint8 each
    captions: list[str]
    problems: list[str]  # images that could not be read again, one sentence each


@dataclass
class Dictionary:
    """The semantic dictionary at one spot of the current image: the crop, the map size, the strongest channels."""

    key: int
    layer: str
    row: int
    col: int
    crop: np.ndarray  # (H, W, 3) uint8: the image as the network saw it
    map_size: tuple[int, int]
    entries: list[tuple[int, float]]  # (channel, activation), strongest first
    region: tuple[int, int, int, int]  # the spot's receptive field in crop pixels (top, left, bottom, right)


def layer_channels(loaded: Any) -> dict[str, int]:
    """Every trunk module's and branch's channel count, read from the modules (no forward pass)."""
    from googlenet_gui.core.explain.targets import parse_layer
    from googlenet_gui.core.features.objectives import channel_count
    from googlenet_gui.core.inference.torch_pass import branch_ranges
    from googlenet_gui.core.network.model import Inception

    model = loaded.model
    counts = {}
    for name in model.trunk_names:
        counts[name] = channel_count(model, parse_layer(model, name))
        if isinstance(getattr(model, name), Inception):
            counts.update({f"{name}.{branch}": stop - start for branch, (start, stop) in branch_ranges(model, name)})
    return counts


def shrink(image: np.ndarray, side: int) -> np.ndarray:
    """``image`` (H, W, 3) uint8 resized to (side, side) in the worker, so the GUI thread copies small tiles."""
    from PIL import Image

    if image.shape[:2] == (side, side):
        return np.ascontiguousarray(image)
    picture = Image.fromarray(np.ascontiguousarray(image)).resize((side, side), Image.Resampling.BILINEAR)
    return np.asarray(picture, dtype=np.uint8)


def visualize_job(loaded: Any, layer: str, channel: int, settings: Any):
    """Job: the picture of ``channel`` of ``layer``; a :class:`PictureStep` per step, then the :class:`Picture`."""

    def job(token: CancelToken) -> Iterator[PictureStep]:
        from googlenet_gui.core.features.visualize import VisualizeProgress, iter_visualize

        steps = iter_visualize(loaded, layer, channel, settings, cancel=token, preview_every=PREVIEW_EVERY)
        while True:
            try:
                event = next(steps)
            except StopIteration as stop:
                return Picture.of(stop.value)
            if isinstance(event, VisualizeProgress):
                yield PictureStep(layer, channel, event.done, event.total, event.preview)

    return job


def branch_job(loaded: Any, layer: str, settings: Any):
    """Job: every channel of ``layer``, the cached ones first; a :class:`BranchTile` as each is done."""

    def job(token: CancelToken) -> Iterator[BranchTile | PictureStep]:
        from googlenet_gui.core.features.visualize import Visualization, iter_branch

        total = layer_channels(loaded).get(layer, 0)
        done = 0
        for event in iter_branch(loaded, layer, settings, cancel=token):
            if isinstance(event, Visualization):
                if event.cancelled:
                    break
                done += 1
                yield BranchTile(layer, event.channel, shrink(event.image, TILE), done, total, event.cached)
        return done

    return job


def examples_job(loaded: Any, folder: str, keep: int):
    """Job: the folder's dataset examples (:func:`~googlenet_gui.core.features.examples.iter_examples`).

    Returns the :class:`ExampleIndex`: NumPy arrays and file names, no tensors.
    """

    def job(token: CancelToken) -> Iterator[ExamplesStep]:
        from googlenet_gui.core.features.examples import ExamplesProgress, iter_examples

        steps = iter_examples(loaded, folder, keep, cancel=token)
        while True:
            try:
                event = next(steps)
            except StopIteration as stop:
                return stop.value
            if isinstance(event, ExamplesProgress):
                yield ExamplesStep(folder, event.done, event.total)

    return job


def crops_job(loaded: Any, index: Any, layer: str, channel: int, count: int):
    """Job: the ``count`` top images of ``channel``, each cropped to its strongest unit's receptive field."""

    def job(token: CancelToken) -> ExampleCrops:
        from googlenet_gui.core.errors import GoogLeNetGuiError
        from googlenet_gui.core.images.decode import load_image, model_view

        crops, captions, problems = [], [], []
        for example in index.top(layer, channel, count):
            token.raise_if_cancelled()
            try:
                view = model_view(load_image(example.image).image, loaded.preprocessing)
            except GoogLeNetGuiError as error:
                problems.append(str(error))
                continue
            top, left, bottom, right = example.box
            crops.append(shrink(view[top:bottom + 1, left:right + 1], CROP_SIDE))
            captions.append(f"{_file_name(example.image)} · {example.activation:.3g}")
        return ExampleCrops(layer, channel, count, crops, captions, problems)

    return job


def dictionary_job(loaded: Any, source: ImageSource, key: int, layer: str, row: int | None, col: int | None,
                   count: int):
    """Job: ``layer``'s strongest channels at (``row``, ``col``) of the image (default: the map's strongest spot)."""

    def job(token: CancelToken) -> Dictionary:
        from googlenet_gui.core.explain.receptive import trunk_geometry
        from googlenet_gui.core.explain.trunk import image_batch
        from googlenet_gui.core.features.dictionary import layer_maps, strongest_at

        picture = read_source(source, token)
        crop = image_batch(loaded, picture)[1]
        maps = layer_maps(loaded, picture, layer)
        token.raise_if_cancelled()
        spot = (row, col) if row is not None and col is not None else _peak(maps)
        entries = strongest_at(maps, spot[0], spot[1], count)
        region = trunk_geometry(loaded.model)[layer].region(spot[0], spot[1], crop.shape[0])
        return Dictionary(key, layer, spot[0], spot[1], crop, (maps.shape[1], maps.shape[2]),
                          [(e.channel, e.activation) for e in entries], region)

    return job


def _peak(maps: np.ndarray) -> tuple[int, int]:
    """The spot where the channels' summed activation is largest: a sensible first spot to explain."""
    total = maps.sum(axis=0)
    row, col = np.unravel_index(int(np.argmax(total)), total.shape)
    return int(row), int(col)


def _file_name(path: str) -> str:
    from pathlib import Path

    return Path(path).name
