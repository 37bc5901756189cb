"""The main window's Explain tab: its job source and the slots that feed the panel.

A mixin of :class:`~googlenet_gui.ui.window.main_window.MainWindow`, kept apart so the window
stays readable.  The atlas runs only while the tab is on screen and the image, model, head
or class changed, so the window's default flow (and its speed) is untouched when nobody
looks at the tab.  The kept trunk pass (:class:`ExplainBase`) lives here, never in a widget.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QWidget

from googlenet_gui.core.errors import ExplainError
from googlenet_gui.core.explain.receptive import trunk_geometry

from googlenet_gui.ui.i18n import translate
from googlenet_gui.ui.explain.atlas_view import OCCLUSION_CHOICE
from googlenet_gui.ui.explain.panel import ExplainPanel, build_panel_in_pieces
from googlenet_gui.ui.views.predictions import head_title
from googlenet_gui.ui.widgets.deferred import Deferred
from googlenet_gui.ui.work.explain_jobs import (AblationResult, AtlasResult, ExplainBase, ImportanceProgress,
                                                OcclusionStep, SingleMap, UnitField, ablation_job, atlas_job,
                                                importance_job, occlusion_job, single_map_job, unit_field_job)
from googlenet_gui.ui.work.scheduler import JobKind, Scheduled


def stem_layers(trunk_names: list[str]) -> list[str]:
    """The convolutions before the first Inception module: where the large view offers Grad-CAM."""
    return [name for name in trunk_names if name.startswith("conv")]


class ExplainSlots:
    """Needs the window's ``tabs``, ``bundle``, ``entries``, ``current_key``, ``runner``, ``explorer`` and ``schedule``."""

    def _init_explain(self) -> None:
        self._explain_base: ExplainBase | None = None
        self._field_pending: tuple[str, int, int] | None = None  # the explorer's clicked unit, waiting for its ERF
        self._explained: tuple | None = None  # (key, model generation, head, class) of the last atlas started
        self._ablation_pending: tuple[str, ...] | None = None
        self._importance_requested = False
        self._maps_tried: set[tuple] = set()

    def _build_explain_tab(self) -> Deferred[ExplainPanel]:
        tab: Deferred[ExplainPanel] = Deferred(build_panel_in_pieces)
        tab.built.connect(self._explain_built)
        self.tabs.currentChanged.connect(lambda _index: QTimer.singleShot(0, self.schedule))
        return tab

    @Slot(QWidget)
    def _explain_built(self, panel: ExplainPanel) -> None:
        panel.request_changed.connect(self.schedule)
        panel.map_requested.connect(lambda _choice: self.schedule())
        panel.ablation_changed.connect(self._on_ablation_changed)
        panel.ablation.check_spec = self._check_ablation_spec
        panel.importance_requested.connect(self._on_importance_requested)
        if self.bundle is not None:
            panel.set_model(self.bundle.loaded.has_aux, stem_layers(list(self.bundle.loaded.model.trunk_names)))

    def _check_ablation_spec(self, spec: str) -> str | None:
        """A typed ablation checked against the loaded model: None if usable, else the message."""
        from googlenet_gui.core.explain.ablation import parse_ablation  # torch: not at start-up

        if self.bundle is None:
            return translate("ExplainSlots", "load a model first")
        try:
            parse_ablation(self.bundle.loaded.model, spec)
        except ExplainError as error:
            return str(error)
        return None

    # ------------------------------------------------------------------ state
    def explain_panel(self) -> ExplainPanel:
        """The tab's panel (built now if it was not yet)."""
        return self.explain_tab.content()

    def _explain_shown(self) -> bool:
        shown = self.tabs.currentWidget() is self.explain_tab or self.presented is self.explain_tab
        return shown and self.isVisible()

    def _current_base(self) -> ExplainBase | None:
        base = self._explain_base
        if base is None or (base.key, base.generation) != (self.current_key, self._model_generation):
            return None
        return base

    def _explain_request(self) -> tuple | None:
        """What the tab should show now, or None (tab hidden, no model or no image)."""
        entry = self.entries.get(self.current_key) if self.current_key is not None else None
        if self.bundle is None or entry is None or not self._explain_shown():
            return None
        # Not built yet (it is, a piece per turn): its defaults, so the atlas computes meanwhile.
        head, class_index = self.explain_panel().request() if self.explain_tab.is_built else ("main", None)
        if self._current_base() is None:
            class_index = None  # a new image or model: the head's own top-1 first
        return entry.key, self._model_generation, head, class_index

    def explain_waiting(self) -> bool:
        """Whether the shown tab still waits for its atlas (``--screenshot`` waits for it)."""
        request = self._explain_request()
        return request is not None and request != self._explained

    def _explain_model_changed(self) -> None:
        self._explain_base, self._explained, self._ablation_pending = None, None, None
        self._field_pending = None
        self._maps_tried.clear()
        self.explorer.set_geometry(trunk_geometry(self.bundle.loaded.model))  # module shapes only: no forward
        if self.explain_tab.is_built:
            loaded = self.bundle.loaded
            self.explain_panel().set_model(loaded.has_aux, stem_layers(list(loaded.model.trunk_names)))

    # ------------------------------------------------------------------ source
    def _explain_job(self) -> Scheduled | None:
        """The atlas while the tab is shown and stale; then ablation, a large-view map, branch importance."""
        request = self._explain_request()
        if request is not None and request != self._explained:
            return self._atlas_scheduled(request)
        base = self._current_base()
        if base is None or not self.explain_tab.is_built:
            return None
        loaded, panel = self.bundle.loaded, self.explain_panel()
        if self._ablation_pending is not None:
            specs, self._ablation_pending = self._ablation_pending, None
            return Scheduled(JobKind.ABLATE, ablation_job(loaded, base, specs),
                             translate("ExplainSlots", "Ablating {branches}").format(branches=", ".join(specs)),
                             self._ablated)
        choice = panel.pending_map()
        tried = choice and (base.key, base.generation, panel.atlas.head, panel.atlas.class_index, choice)
        if tried and tried not in self._maps_tried:  # a failed map is not retried in a loop
            self._maps_tried.add(tried)
            return self._map_scheduled(base, choice)
        if self._importance_requested:
            self._importance_requested = False
            return Scheduled(JobKind.IMPORTANCE, importance_job(loaded, base),
                             translate("ExplainSlots", "Branch importance"),
                             self._importance_done)
        return None

    def _map_scheduled(self, base: ExplainBase, choice: str) -> Scheduled:
        """One extra map for the large view: occlusion is its own kind (long, cancellable, counted)."""
        atlas = self.explain_panel().atlas
        if choice == OCCLUSION_CHOICE:
            job = occlusion_job(self.bundle.loaded, self.entries[base.key].source, base, choice, atlas.head,
                                atlas.class_index)
            return Scheduled(JobKind.OCCLUSION, job, translate("ExplainSlots", "Occlusion sensitivity"),
                             self._single_done)
        job = single_map_job(self.bundle.loaded, base, choice, atlas.head, atlas.class_index)
        return Scheduled(JobKind.EXPLAIN, job, translate("ExplainSlots", "Explaining at {layer}").format(layer=choice),
                         self._single_done)

    def _field_job(self) -> Scheduled | None:
        """The clicked unit's effective receptive field, on the image the explorer shows."""
        entry = self.entries.get(self.current_key) if self.current_key is not None else None
        if self._field_pending is None or self.bundle is None or entry is None:
            return None
        (layer, row, col), self._field_pending = self._field_pending, None
        job = unit_field_job(self.bundle.loaded, entry.source, entry.key, self._model_generation, layer, row, col,
                             self._current_base())
        return Scheduled(JobKind.FIELD, job, translate("ExplainSlots", "Receptive field of {layer} ({row}, {col})").format(
            layer=layer, row=row, col=col), self._field_done)

    def _atlas_scheduled(self, request: tuple) -> Scheduled:
        key, generation, head, class_index = request
        self._explained = request
        entry = self.entries[key]
        job = atlas_job(self.bundle.loaded, entry.source, key, generation, head, class_index, self._current_base())
        label = translate("ExplainSlots", "Explaining {image} ({head})").format(image=entry.source.short_name,
                                                                                head=head_title(head))
        return Scheduled(JobKind.EXPLAIN, job, label, self._atlas_done)

    # ----------------------------------------------------------------- results
    def _atlas_done(self, result: object) -> None:
        assert isinstance(result, AtlasResult)
        base = result.base
        if (base.key, base.generation) != (self.current_key, self._model_generation):
            return
        panel = self.explain_panel()
        if base is not self._explain_base:  # a new image or model: old results no longer apply
            self._explain_base = base
            panel.clear()
            self._ablation_pending = panel.ablation.specs() or None
        panel.show_atlas(base.crop, result.atlas, base.heads)

    def _for_current_image(self, result: Any) -> bool:
        """Whether a finished explain result still belongs to the image and pass on screen."""
        return self._current_base() is not None and result.key == self.current_key

    def _single_done(self, result: object) -> None:
        assert isinstance(result, SingleMap)
        if self._for_current_image(result):
            self.explain_panel().show_single(result.choice, result.map)

    def _field_done(self, result: object) -> None:
        assert isinstance(result, UnitField)
        if (result.key, result.generation) == (self.current_key, self._model_generation):
            self.explorer.show_effective_field(result.layer, result.row, result.col, result.erf)

    def _ablated(self, result: object) -> None:
        assert isinstance(result, AblationResult)
        if self._for_current_image(result):
            self.explain_panel().show_ablated(result.specs, result.heads)

    def _importance_done(self, result: object) -> None:
        assert isinstance(result, ImportanceProgress)
        if self._for_current_image(result):
            self.explain_panel().show_importance(result.result, finished=True)

    def _explain_progress(self, event: Any) -> bool:
        """Branch importance's partial result or occlusion's count: the status bar counts, the view follows."""
        if isinstance(event, OcclusionStep):
            self.set_status(event.status)
            if event.key == self.current_key and self.explain_tab.is_built:
                self.explain_panel().show_map_progress(OCCLUSION_CHOICE, event.done, event.total)
            return True
        if not isinstance(event, ImportanceProgress):
            return False
        self.set_status(event.status)
        if event.key == self.current_key and self.explain_tab.is_built:
            self.explain_panel().show_importance(event.result, finished=False)
        return True

    def _explain_failed(self, kind: JobKind | None) -> None:
        if kind is JobKind.IMPORTANCE and self.explain_tab.is_built:
            self.explain_panel().importance.running(False)

    def _explain_cancelled(self, kind: JobKind | None) -> None:
        if kind is JobKind.IMPORTANCE and self.explain_tab.is_built:
            self.explain_panel().importance.show_cancelled()
        if kind is JobKind.OCCLUSION and self.explain_tab.is_built:
            self._maps_tried = {tried for tried in self._maps_tried if tried[-1] != OCCLUSION_CHOICE}
            self.explain_panel().map_cancelled(OCCLUSION_CHOICE)  # choosing it again reruns it

    # ------------------------------------------------------------------ panel
    @Slot(object)
    def _on_ablation_changed(self, specs: tuple[str, ...]) -> None:
        self._ablation_pending = specs or None  # nothing off: the panel shows the kept answer itself
        self.schedule()

    @Slot(str, int, int)
    def _on_unit_clicked(self, layer: str, row: int, col: int) -> None:
        """The explorer drew the unit's theoretical field; its effective field comes from the worker."""
        self._field_pending = (layer, row, col)
        if self._running_kind() is JobKind.FIELD:
            self.runner.cancel()  # a newer click: the old unit's field is no longer wanted
        self.schedule()

    @Slot()
    def _on_importance_requested(self) -> None:
        self._importance_requested = True
        self.schedule()
