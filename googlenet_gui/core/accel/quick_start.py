"""The window's first prediction without importing torch, from what an earlier session recorded.

WHY: importing torch takes about 2.5 s on 2 cores, most of the time from starting the
app to its first prediction.  Once a session has served a checkpoint from ONNX Runtime
(``graph_export`` wrote the graph, ``ui/graph_prep`` attached it), :func:`remember`
records, under a hash of the checkpoint file's bytes, everything a drop needs besides
the graph: class names, preprocessing, the aux heads' state, where each branch sits in
each module's output, the stem layers and the Model tab's details.  The next session
opens that graph straight away (:func:`open_quick`: ONNX Runtime, PIL and NumPy only)
and inspects the first images with :class:`QuickModel` while torch loads the real model
behind it; the answers equal the PyTorch path within 1e-4 (tested).  A changed file, a
missing or damaged graph, other labels, or the GPU leave the normal path to run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from googlenet_gui.core.accel.cached_classify import GraphRecord, graph_fields, checkpoint_file, file_fingerprint, open_session
from googlenet_gui.core.inference.predictions import heads_from_probabilities, labels_for, softmax
from googlenet_gui.core.images.decode import LoadedImage, model_view, normalized_array
from googlenet_gui.core.accel.graph_cache import cache_dir, read_record, torch_forced, write_record
from googlenet_gui.core.inference.results import Inspection, ModuleMaps, model_notes
from googlenet_gui.core.network.spec import AUX_ATTACH

#: Version 2 names the graph by its cache key, as the CLI's records do.
RECORD_VERSION = 2
RECORDS = "window"  # the records' folder in the graph cache
RECORDS_KEPT = 20


@dataclass(frozen=True)
class WindowRecord(GraphRecord):
    """What a drop needs from a checkpoint, besides its graph, to be inspected without torch."""

    branch_ranges: dict[str, list[tuple[str, tuple[int, int]]]]
    stem_names: list[str]
    info: dict[str, Any]

    @property
    def name(self) -> str:
        return str(self.info.get("name", self.graph.stem))


def remember(loaded: Any, graph_key: str, output_names: list[str]) -> None:
    """Record ``loaded`` (a LoadedModel served by the graph with ``graph_key``) for the next
    session; best effort.  Models loaded with a labels file are not recorded (the window
    never passes one, and :func:`open_quick` refuses labels)."""
    from googlenet_gui.core.inference.torch_pass import branch_ranges, stem_names
    from googlenet_gui.core.network.spec import INCEPTION_NAMES

    if not Path(loaded.source).is_file() or loaded.labels_source.startswith("labels file"):
        return
    record = {"version": RECORD_VERSION, "graph": graph_key, "outputs": list(output_names),
              "class_names": list(loaded.class_names), "preprocessing": loaded.preprocessing.to_dict(),
              "has_aux": bool(loaded.has_aux), "aux_trained": bool(loaded.aux_trained),
              "branch_ranges": {name: branch_ranges(loaded.model, name) for name in INCEPTION_NAMES},
              "stem_names": stem_names(loaded.model), "info": loaded.info()}
    write_record(RECORDS, file_fingerprint(loaded.source), record, RECORDS_KEPT)


def lookup(path: Path) -> WindowRecord | None:
    """The record of the file at ``path`` with its graph still cached, else None."""
    try:
        found = read_record(RECORDS, file_fingerprint(path), RECORD_VERSION)
        if found is None:
            return None
        record, graph = found
        ranges = {name: [(branch, (int(a), int(b))) for branch, (a, b) in entries]
                  for name, entries in record["branch_ranges"].items()}
        return WindowRecord(graph, *graph_fields(record), ranges, list(record["stem_names"]), dict(record["info"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class QuickModel:
    """A checkpoint's recorded graph on ONNX Runtime: :meth:`inspect` gives what
    ``core.inspection.inspect`` gives (no per-layer times), without torch."""

    def __init__(self, record: WindowRecord, session: Any) -> None:
        self.record = record
        self.session = session
        self.label = labels_for(record.class_names)

    @property
    def name(self) -> str:
        return self.record.name

    def inspect(self, picture: LoadedImage, top_k: int = 5) -> Inspection:
        prep = self.record.preprocessing
        view = model_view(picture.image, prep)
        outputs = dict(zip(self.record.output_names,
                           self.session.run(None, {"input": normalized_array(view, prep)[None]})))
        heads_order = ["main", *(AUX_ATTACH if self.record.has_aux else ())]
        probabilities = {head: softmax(outputs[head]) for head in heads_order}
        heads = heads_from_probabilities(probabilities, self.label, top_k, self.record.aux_trained)[0]
        untrained = self.record.info.get("format") == "untrained"
        notes = [*picture.notes, *model_notes(untrained, self.record.has_aux, self.record.aux_trained)]
        return Inspection(image=picture.name, input_rgb=view, heads=heads, modules=self._modules(outputs),
                          stem={name: outputs[name][0] for name in self.record.stem_names},
                          layer_times_ms={}, notes=notes)

    def _modules(self, outputs: dict[str, np.ndarray]) -> dict[str, ModuleMaps]:
        return {name: ModuleMaps.from_output(name, outputs[name][0], ranges)
                for name, ranges in self.record.branch_ranges.items()}


def candidate_file(weights: str | None, device: str = "auto", labels: str | None = None) -> Path | None:
    """The weights file a record could exist for, or None when the quick path is out anyway.

    Cheap (no hashing, no import of ONNX Runtime), so the window asks on its GUI thread.
    Out: another device than the CPU asked for, labels given, the ONNX backend off or
    missing, the cache off.  ``auto`` counts as the CPU only when no NVIDIA driver is
    visible (``/proc/driver/nvidia``), since torch cannot be asked.
    """
    import importlib.util

    if labels or torch_forced() or cache_dir() is None:
        return None
    if device not in ("cpu", "auto") or (device == "auto" and Path("/proc/driver/nvidia").exists()):
        return None
    if importlib.util.find_spec("onnxruntime") is None:
        return None
    return checkpoint_file(weights)


def open_quick(weights: str | None, device: str = "auto", labels: str | None = None) -> QuickModel | None:
    """A :class:`QuickModel` for what ``load_model(weights, device, labels)`` will load, or None.

    None whenever there is any doubt (:func:`candidate_file`), no record for this exact
    file, or a graph ONNX Runtime refuses (which is deleted).
    """
    path = candidate_file(weights, device, labels)
    record = lookup(path) if path is not None else None
    if record is None:
        return None
    session = open_session(record)  # a graph it refuses is deleted: the normal path exports it again
    if session is None:
        return None
    return QuickModel(record, session)
