"""What the report shows, gathered from the core API into one plain record (NumPy arrays only).

Every number comes from the code the window and the CLI already use: :func:`inspect` (the one
prediction pipeline: every head's top-5 and the module's branch maps), Grad-CAM and CAM
(:mod:`core.explain.cam`), branch importance (:mod:`core.explain.ablation`) and the live
Table 1 (:func:`count_ops`) with the paper's values beside it.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.explain.ablation import BranchImportance
from googlenet_gui.core.explain.cam import ClassMap
from googlenet_gui.core.i18n import QT_TRANSLATE_NOOP
from googlenet_gui.core.inference.results import HeadResult, ModuleMaps
from googlenet_gui.core.jobs import CancelToken
from googlenet_gui.core.network.spec import INCEPTION_NAMES
from googlenet_gui.core.opcount.table import OpsTable


@dataclass
class ReportContents:
    """Everything on the page, as plain data: the record :mod:`.page` renders."""

    image: str
    model: str
    layer: str  # the Inception module whose branches are shown
    crop: np.ndarray  # (H, W, 3) uint8: the crop the network saw
    heads: dict[str, HeadResult]
    module: ModuleMaps  # the chosen module's four branches
    branch_stats: list[dict[str, Any]]
    gradcam: ClassMap  # main head at the chosen module
    cam: ClassMap | None  # the exact CAM (last module), when the model allows it
    importance: BranchImportance
    ops: OpsTable
    labels: dict[int, str] = field(default_factory=dict)  # class index -> label, for the classes shown
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReportStep:
    """Progress of a report: ``done`` of ``total`` steps, and what is being computed."""

    done: int
    total: int
    text: str  # English, marked for the window's catalogue (the window words the status line)


#: Steps before branch importance, then its 36 ablations, then Table 1.
_FIXED_STEPS = (QT_TRANSLATE_NOOP("ReportStep", "predictions and branch maps"),
                QT_TRANSLATE_NOOP("ReportStep", "Grad-CAM and CAM"), QT_TRANSLATE_NOOP("ReportStep", "Table 1"))
_IMPORTANCE_STEP = QT_TRANSLATE_NOOP("ReportStep", "branch importance")


def check_module(loaded: Any, layer: str) -> str:
    """``layer`` if it names an Inception module of the model, else a sentence listing the choices."""
    names = [name for name in INCEPTION_NAMES if hasattr(loaded.model, name)]
    if layer not in names:
        raise GoogLeNetGuiError(f"unknown layer {layer!r} for the report: choose an Inception module "
                                f"({', '.join(names)})")
    return layer


def iter_contents(loaded: Any, picture: Any, layer: str,
                  cancel: CancelToken | None = None) -> Generator[ReportStep, None, ReportContents]:
    """Compute the report's contents for a decoded ``picture``; yields a step before each part.

    Cancellable between parts and between the 36 branch ablations.
    """
    from googlenet_gui.core.explain.ablation import iter_branch_importance
    from googlenet_gui.core.explain.trunk import image_batch, trunk_pass
    from googlenet_gui.core.inference.engine import engine_for
    from googlenet_gui.core.inference.inspection import branch_statistics, inspect
    from googlenet_gui.core.opcount.table import count_ops

    check_module(loaded, layer)
    token = cancel or CancelToken()
    total = len(_FIXED_STEPS) + len(INCEPTION_NAMES) * 4
    yield ReportStep(0, total, _FIXED_STEPS[0])
    seen = inspect(loaded, picture, top_k=5, allow_eager=True)
    module = seen.modules[layer]
    token.raise_if_cancelled()
    yield ReportStep(1, total, _FIXED_STEPS[1])
    model = engine_for(loaded, purpose="explain").model
    base = trunk_pass(model, image_batch(loaded, picture)[0])
    gradcam, cam = _class_maps(model, base, layer)
    importance = None
    for importance in iter_branch_importance(model, base, token):
        yield ReportStep(1 + importance.done, total, _IMPORTANCE_STEP)
    token.raise_if_cancelled()
    yield ReportStep(total - 1, total, _FIXED_STEPS[2])
    ops = count_ops(loaded.model, image_size=int(loaded.preprocessing.crop))
    assert importance is not None
    shown = {p.index for head in seen.heads.values() for p in head.top} | set(importance.classes.values())
    return ReportContents(
        image=seen.image, model=loaded.name, layer=layer, crop=seen.input_rgb, heads=seen.heads,
        module=module, branch_stats=branch_statistics(module), gradcam=gradcam, cam=cam,
        importance=importance, ops=ops, labels={i: loaded.label(i) for i in sorted(shown)}, notes=seen.notes)


def _class_maps(model: Any, base: Any, layer: str) -> tuple[ClassMap, ClassMap | None]:
    """Grad-CAM of the main head at ``layer``, and the exact CAM where the model's shape allows it."""
    from googlenet_gui.core.explain.cam import cam_is_exact, class_activation_map, grad_cam
    from googlenet_gui.core.explain.targets import parse_layer

    gradcam = grad_cam(model, base, parse_layer(model, layer), "main")
    return gradcam, class_activation_map(model, base) if cam_is_exact(model) else None
