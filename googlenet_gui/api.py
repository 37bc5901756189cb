"""The documented Python API, importable from a notebook without Qt.

Each name is implemented in :mod:`googlenet_gui.core`; this module only gathers them.
"""

from __future__ import annotations

from googlenet_gui.core.checkpoints.files import save_checkpoint
from googlenet_gui.core.inference.classify import classify
from googlenet_gui.core.images.decode import load_image
from googlenet_gui.core.inference.inspection import inspect
from googlenet_gui.core.checkpoints.loading import load_model
from googlenet_gui.core.opcount.table import count_ops
from googlenet_gui.core.explain.ablation import ablation
from googlenet_gui.core.explain.methods import explain
from googlenet_gui.core.features.visualize import visualize
from googlenet_gui.core.features.examples import examples
from googlenet_gui.core.features.dictionary import semantic_dictionary
from googlenet_gui.core.report.build import report

from googlenet_gui.core.lesson.steps import lesson

__all__ = ["load_model", "classify", "inspect", "count_ops", "save_checkpoint", "load_image", "explain", "ablation",
           "visualize", "examples", "semantic_dictionary", "report", "lesson"]
