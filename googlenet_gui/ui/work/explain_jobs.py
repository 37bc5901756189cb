"""The Explain tab's worker jobs: the CAM atlas, single maps, ablations and branch importance.

Like :mod:`.jobs` they return plain data (NumPy arrays, dataclasses).  The one exception
is :class:`ExplainBase`, which holds the kept :class:`~googlenet_gui.core.explain.trunk.TrunkPass`
(tensors): the window keeps it as an opaque handle and passes it back to later jobs, so an
ablation or a single map starts mid-network instead of re-running the image; no widget
ever receives it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from googlenet_gui.core.jobs import CancelToken
from googlenet_gui.core.inference.results import HeadResult

from googlenet_gui.ui.i18n import translate
from googlenet_gui.ui.work.jobs import ImageSource, python_heavy, read_source

TOP_K = 5


@dataclass
class ExplainBase:
    """One image's kept trunk pass under one model: what every later explain job starts from."""

    key: int
    generation: int
    trunk: Any  # core.explain.trunk.TrunkPass (tensors): never handed to a widget
    crop: np.ndarray  # (H, W, 3) uint8, the crop the network saw
    heads: dict[str, HeadResult]  # the unablated top-k of every head


@dataclass
class AtlasResult:
    """The CAM atlas of one head and class, with the base it was computed from."""

    base: ExplainBase
    head: str
    atlas: Any  # core.explain.cam.Atlas: NumPy maps only


@dataclass
class SingleMap:
    """One extra map for the large view: Grad-CAM at a stem layer, or the exact CAM."""

    key: int
    choice: str  # the large view's choice that asked for it ("cam" or a layer name)
    map: Any  # core.explain.cam.ClassMap


@dataclass
class AblationResult:
    """Every head's top-k with ``specs`` switched off (the specs in ``--ablate`` syntax)."""

    key: int
    specs: tuple[str, ...]
    heads: dict[str, HeadResult]


@dataclass
class ImportanceProgress:
    """Branch importance so far: ``result.drops`` is NaN where not computed yet."""

    key: int
    result: Any  # core.explain.ablation.BranchImportance (NumPy only)

    @property
    def status(self) -> str:
        return translate("ExplainJobs", "Branch importance: {done} of {total} branches…").format(
            done=self.result.done, total=self.result.total)


def _model(loaded: Any):  # noqa: ANN202 - GoogLeNet
    """The eager model: gradients and ablation hooks need it, never the folded copy or ONNX."""
    from googlenet_gui.core.inference.engine import engine_for

    return engine_for(loaded, purpose="explain").model


def _heads(loaded: Any, logits: dict) -> dict[str, HeadResult]:
    from googlenet_gui.core.inference.predictions import heads_from_logits

    return heads_from_logits(logits, loaded.label, TOP_K, loaded.aux_trained)[0]


def make_base(loaded: Any, source: ImageSource, key: int, generation: int,
              token: CancelToken | None = None) -> ExplainBase:
    """Decode ``source`` and run the one kept trunk pass."""
    from googlenet_gui.core.explain.trunk import image_batch, trunk_pass

    picture = read_source(source, token)
    batch, crop, _name = image_batch(loaded, picture)
    trunk = trunk_pass(_model(loaded), batch)
    return ExplainBase(key, generation, trunk, crop, _heads(loaded, trunk.logits))


def atlas_job(loaded: Any, source: ImageSource, key: int, generation: int, head: str,
              class_index: int | None, base: ExplainBase | None = None):
    """Job: the CAM atlas of ``head``'s class (default its top-1); reuses ``base`` when it is this image's."""

    def job(token: CancelToken) -> AtlasResult:
        from googlenet_gui.core.explain.cam import cam_atlas

        kept = base if base is not None and (base.key, base.generation) == (key, generation) else None
        kept = kept or make_base(loaded, source, key, generation, token)
        token.raise_if_cancelled()
        return AtlasResult(kept, head, cam_atlas(_model(loaded), kept.trunk, head, class_index))

    return python_heavy(job)


def single_map_job(loaded: Any, base: ExplainBase, choice: str, head: str, class_index: int):
    """Job: the exact CAM (``choice == "cam"``, main head) or Grad-CAM at the layer ``choice``."""

    def job(token: CancelToken) -> SingleMap:
        from googlenet_gui.core.explain.cam import class_activation_map, grad_cam
        from googlenet_gui.core.explain.targets import parse_layer

        model = _model(loaded)
        if choice == "cam":
            return SingleMap(base.key, choice, class_activation_map(model, base.trunk, class_index))
        return SingleMap(base.key, choice, grad_cam(model, base.trunk, parse_layer(model, choice), head, class_index))

    return python_heavy(job)


def ablation_job(loaded: Any, base: ExplainBase, specs: tuple[str, ...]):
    """Job: the three heads with ``specs`` off, recomputed downstream of the earliest one only."""

    def job(token: CancelToken) -> AblationResult:
        from googlenet_gui.core.explain.ablation import ablated_logits, parse_ablations

        model = _model(loaded)
        logits = ablated_logits(model, base.trunk, parse_ablations(model, specs))
        return AblationResult(base.key, specs, _heads(loaded, logits))

    return python_heavy(job)


def importance_job(loaded: Any, base: ExplainBase):
    """Job: each of the 36 branches off alone; yields the growing result, stops between branches on cancel."""

    def job(token: CancelToken) -> Iterator[ImportanceProgress]:
        from googlenet_gui.core.explain.ablation import iter_branch_importance

        snapshot = None
        for result in iter_branch_importance(_model(loaded), base.trunk, token):
            snapshot = ImportanceProgress(base.key, replace(result, drops=result.drops.copy()))
            yield snapshot  # a copy: the GUI thread reads it while the next branch runs
        return snapshot

    return job


@dataclass
class OcclusionStep:
    """Occlusion so far, as counts only: the status bar's line while the patches run."""

    key: int
    done: int
    total: int

    @property
    def status(self) -> str:
        return translate("ExplainJobs", "Occlusion sensitivity: {done} of {total} patches…").format(
            done=self.done, total=self.total)


@dataclass
class UnitField:
    """The effective receptive field of one unit: |d unit / d input|, (H, W) in [0, 1] at the crop's size."""

    key: int
    generation: int
    layer: str  # a trunk module or MODULE.BRANCH
    row: int
    col: int
    erf: np.ndarray


def occlusion_job(loaded: Any, source: ImageSource, base: ExplainBase, choice: str, head: str, class_index: int):
    """Job: slide the grey patch over the image; yields counts, stops between batches on cancel.

    WHY its own decode: the kept trunk pass starts after ``transform_input``, while occlusion
    edits the network's input itself, the same batch ``explain --method occlusion`` builds.
    """

    def job(token: CancelToken) -> Iterator[OcclusionStep]:
        from googlenet_gui.core.explain.cam import chosen_class
        from googlenet_gui.core.explain.occlusion import default_patch, grey_value, iter_occlusion, occlusion_map
        from googlenet_gui.core.explain.trunk import image_batch
        from googlenet_gui.core.inference.engine import engine_for

        engine = engine_for(loaded, purpose="explain")
        batch, _crop, _name = image_batch(loaded, read_source(source, token))
        index, probability = chosen_class(engine.model, base.trunk, head, class_index)
        patch, stride = default_patch(min(base.trunk.crop))
        grey = grey_value(loaded.preprocessing.mean, loaded.preprocessing.std)
        progress = None
        for progress in iter_occlusion(engine, batch, grey, head, index, probability, patch, stride, cancel=token):
            yield OcclusionStep(base.key, progress.done, progress.total)
        class_map = occlusion_map(progress, base.trunk.crop, head, index, probability, patch, stride)
        return SingleMap(base.key, choice, class_map)

    return job


def unit_field_job(loaded: Any, source: ImageSource, key: int, generation: int, layer: str, row: int, col: int,
                   base: ExplainBase | None = None):
    """Job: the effective receptive field of unit (row, col) of ``layer``; reuses ``base`` when it is this image's."""

    def job(token: CancelToken) -> UnitField:
        from googlenet_gui.core.explain.methods import effective_receptive_field
        from googlenet_gui.core.explain.targets import parse_layer
        from googlenet_gui.core.explain.trunk import image_batch, trunk_pass

        model = _model(loaded)
        if base is not None and (base.key, base.generation) == (key, generation):
            trunk = base.trunk
        else:
            trunk = trunk_pass(model, image_batch(loaded, read_source(source, token))[0])
        token.raise_if_cancelled()
        erf = effective_receptive_field(model, trunk, parse_layer(model, layer), row, col)
        return UnitField(key, generation, layer, row, col, erf)

    return python_heavy(job)
