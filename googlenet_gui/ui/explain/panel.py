"""The Explain tab: where each head looks (the CAM atlas), what switching branches off does, what each is worth.

The panel holds plain results (NumPy maps, top-k lists) and the user's choices; it asks
for work through signals and the window runs it on its worker:
``request_changed()`` (head or class), ``map_requested(choice)`` (a stem layer or the
exact CAM for the large view), ``ablation_changed(specs)`` and ``importance_requested()``.
Blending (opacity, colours) happens here in NumPy, so moving the slider needs no job.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, NamedTuple

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtWidgets import (QComboBox, QFrame, QHBoxLayout, QLabel, QScrollArea, QSlider, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from googlenet_gui.core.inference.results import HeadResult, percent_text
from googlenet_gui.core.viz.colormaps import COLORMAP_NAMES, DIVERGING
from googlenet_gui.core.viz.overlay import overlay

from googlenet_gui.ui.explain.ablation_panel import AblationPanel
from googlenet_gui.ui.explain.atlas_view import CAM_CHOICE, CELL_CHOICE, OCCLUSION_CHOICE, AtlasGrid, CellView
from googlenet_gui.ui.explain.importance_chart import ImportanceChart
from googlenet_gui.ui.explain.overlays import atlas_mosaic
from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.views.predictions import head_title
from googlenet_gui.ui.widgets.eliding_label import ElidingLabel

#: Heat maps are >= 0: only the sequential tables make sense.
SEQUENTIAL = tuple(name for name in COLORMAP_NAMES if name not in DIVERGING)
DEFAULT_COLORMAP = "magma"  # the same default as ``explain --out``
DEFAULT_OPACITY = 50


#: English values, shown through ``translate("ExplainPanel", title)``.
METHOD_TITLES = {"cam": QT_TRANSLATE_NOOP("ExplainPanel", "CAM (exact)"), "gradcam": "Grad-CAM",
                 "occlusion": QT_TRANSLATE_NOOP("ExplainPanel", "occlusion sensitivity")}


def choice_title(choice: str) -> str:
    """What the large view waits for, in words."""
    if choice == CAM_CHOICE:
        return "CAM"
    if choice == OCCLUSION_CHOICE:
        return translate("ExplainPanel", "Occlusion sensitivity")
    return translate("ExplainPanel", "Grad-CAM at {layer}").format(layer=choice)


class ExplainParts(NamedTuple):
    """The panel's four heavy children (three hold pyqtgraph plots), made before the panel."""

    grid: AtlasGrid
    cell: CellView
    ablation: AblationPanel
    importance: ImportanceChart

    @classmethod
    def make(cls) -> "ExplainParts":
        return cls(AtlasGrid(), CellView(), AblationPanel(), ImportanceChart())


def build_panel_in_pieces() -> Generator[None, None, "ExplainPanel"]:
    """The panel, one child per event-loop turn (for :class:`~googlenet_gui.ui.widgets.deferred.Deferred`).

    WHY: built in one go when the tab was first opened, it froze the window for ~90 ms.
    """
    grid = AtlasGrid()
    yield
    cell = CellView()
    yield
    ablation = AblationPanel()
    yield
    importance = ImportanceChart()
    yield
    return ExplainPanel(parts=ExplainParts(grid, cell, ablation, importance))


class ExplainPanel(Retranslatable, QWidget):
    """Head, class, opacity and colours over three pages: the atlas, ablation, branch importance."""

    request_changed = Signal()
    map_requested = Signal(str)
    ablation_changed = Signal(object)
    importance_requested = Signal()

    def __init__(self, parent: QWidget | None = None, parts: "ExplainParts | None" = None) -> None:
        super().__init__(parent)
        self.crop: np.ndarray | None = None
        self.atlas: Any | None = None  # core.explain.cam.Atlas (NumPy maps)
        self.heads: dict[str, HeadResult] = {}
        self.open_layer: str | None = None
        self.stem_layers: list[str] = []
        self.singles: dict[str, Any] = {}  # choice -> ClassMap for the atlas's head and class
        self._build_controls()
        self.grid, self.cell, self.ablation, self.importance = parts or ExplainParts.make()
        self._build_layout()
        self.grid.cell_clicked.connect(self.open_cell)
        self.cell.choice_changed.connect(self._on_choice)
        self.ablation.ablation_changed.connect(self.ablation_changed)
        self.importance.run_requested.connect(self._on_run)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.head.setToolTip(self.tr("The head to explain: main, or an aux head (it reads inception4a or 4d)"))
        for index in range(self.head.count()):
            self.head.setItemText(index, head_title(self.head.itemData(index)))
        self.class_choice.setToolTip(self.tr("The class to explain: the head's top-1 unless you pick another of "
                                             "its top-5"))
        self.opacity.setToolTip(self.tr("How strongly the map covers the image"))
        for label, text in zip(self.control_labels, (self.tr("Head:"), self.tr("Class:"), self.tr("Opacity:"),
                                                     self.tr("Colours:"))):
            label.setText(text)
        for index, title in enumerate((self.tr("CAM atlas"), self.tr("Ablation"), self.tr("Branch importance"))):
            self.pages.setTabText(index, title)
        self._retranslate_results()

    def _retranslate_results(self) -> None:
        """The caption, the class list's fallback name and the large view's words, from the kept results."""
        if self.atlas is None:
            self.caption.setText(self.tr("Grad-CAM of every Inception module and branch appears here once an image "
                                         "is classified."))
            return
        chosen = self.class_choice.currentData()
        self._fill_classes(self.atlas.head, self.atlas.class_index if chosen is None else int(chosen))
        self._show_caption()
        self._draw_cell()

    def _build_controls(self) -> None:
        self.head = QComboBox()
        self.head.addItem(head_title("main"), "main")
        self.head.currentIndexChanged.connect(self._on_head)
        self.class_choice = QComboBox()
        self.class_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.class_choice.setMinimumContentsLength(12)
        self.class_choice.activated.connect(lambda _i: self.request_changed.emit())
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setValue(DEFAULT_OPACITY)
        self.opacity.setMaximumWidth(160)
        self.opacity.valueChanged.connect(self.redraw)
        self.colormap = QComboBox()
        self.colormap.addItems(SEQUENTIAL)
        self.colormap.setCurrentText(DEFAULT_COLORMAP)
        self.colormap.currentTextChanged.connect(self.redraw)
        self.caption = ElidingLabel("")
        self.control_labels = [QLabel() for _ in range(4)]

    def _build_layout(self) -> None:
        controls = QHBoxLayout()
        for label, widget in zip(self.control_labels, (self.head, self.class_choice, self.opacity, self.colormap)):
            controls.addWidget(label)
            controls.addWidget(widget)
        controls.addStretch(1)
        atlas_page = QSplitter(Qt.Orientation.Horizontal)
        atlas_page.addWidget(self.grid)
        atlas_page.addWidget(self.cell)
        atlas_page.setSizes([400, 600])  # the grid is tall and narrow: height limits it
        scroll = QScrollArea()  # 45 toggles and three tables: scroll rather than push the window's size
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.ablation)
        self.pages = QTabWidget()
        for page in (atlas_page, scroll, self.importance):  # titled in retranslate_ui
            self.pages.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(controls)
        layout.addWidget(self.caption)
        layout.addWidget(self.pages, 1)

    # ------------------------------------------------------------------ public
    def set_model(self, has_aux: bool, stem_layers: list[str]) -> None:
        """A new model: its heads, its stem layers for the large view, nothing shown yet."""
        self.head.blockSignals(True)
        self.head.clear()
        for head in ("main", "aux1", "aux2") if has_aux else ("main",):
            self.head.addItem(head_title(head), head)
        self.head.blockSignals(False)
        self.stem_layers = list(stem_layers)
        self.ablation.set_heads(has_aux)
        self.clear()

    def set_head(self, head: str) -> bool:
        """Explain ``head`` (``main``, ``aux1``, ``aux2``) on the CAM atlas page; False if the model lacks it."""
        self.pages.setCurrentIndex(0)
        where = self.head.findData(head)
        if where >= 0:
            self.head.setCurrentIndex(where)
        return where >= 0

    def request(self) -> tuple[str, int | None]:
        """(head, class index); None means the head's top-1 (the first entry of the class list)."""
        head = self.head.currentData() or "main"
        index = self.class_choice.currentIndex()
        return head, (None if index <= 0 else int(self.class_choice.currentData()))

    def clear(self) -> None:
        """A new image or model: drop every map and result that belonged to the old one."""
        self.atlas, self.crop, self.singles = None, None, {}
        self.class_choice.clear()
        self.importance.clear()

    def show_atlas(self, crop: np.ndarray, atlas: Any, heads: dict[str, HeadResult]) -> None:
        """The atlas of one head and class (an object with ``head``, ``class_index``, ``cells``, ``grid()``)."""
        self.crop, self.atlas, self.heads, self.singles = crop, atlas, heads, {}
        self._fill_classes(atlas.head, atlas.class_index)
        self.ablation.show_unablated(heads)
        self.cell.set_choices(self.stem_layers, atlas.head == "main")
        self._show_caption()
        if self.open_layer not in atlas.cells:
            self.open_layer = atlas.grid()[-1][1][0]  # the last module that feeds the head
        self.redraw()

    def show_single(self, choice: str, class_map: Any) -> None:
        """Grad-CAM at a stem layer or the exact CAM, for the large view (dropped if the class moved on)."""
        if self.atlas is None or class_map.class_index != self.atlas.class_index:
            return
        self.singles[choice] = class_map
        if self.cell.current_choice() == choice:
            self._draw_cell()

    def pending_map(self) -> str | None:
        """The large view's choice still to compute, if any."""
        choice = self.cell.current_choice()
        return None if choice == CELL_CHOICE or choice in self.singles or self.atlas is None else choice

    def show_map_progress(self, choice: str, done: int, total: int) -> None:
        """A long map's count of work done, under the large view's title, while it is the one shown."""
        if self.cell.current_choice() == choice:
            self.cell.show_waiting(choice_title(choice), self.tr("computing… {done} of {total}").format(done=done,
                                                                                                       total=total))

    def map_cancelled(self, choice: str) -> None:
        """A cancelled map: back to the atlas cell, so choosing the map again reruns it."""
        if self.cell.current_choice() == choice:
            self.cell.back_to_cell()

    def show_ablated(self, specs: tuple[str, ...], heads: dict[str, HeadResult]) -> None:
        self.ablation.show_ablated(specs, heads)

    def show_importance(self, result: Any, finished: bool) -> None:
        """A (partial) :class:`BranchImportance`; the legend names each head's followed top-1 class."""
        labels = {h: self.heads[h].top[0].label if h in self.heads else self._class_text(c)
                  for h, c in result.classes.items()}
        self.importance.show_result(result.heads, result.drops, result.done, result.total, labels)
        self.importance.running(not finished)

    @Slot(str)
    def open_cell(self, layer: str) -> None:
        """Show ``layer``'s atlas cell large (and go back to the cell if a stem map was on)."""
        self.open_layer = layer
        if self.cell.current_choice() != CELL_CHOICE:
            self.cell.choice.setCurrentIndex(0)
        self._draw_cell()

    @Slot()
    def redraw(self) -> None:
        """Blend the grid and the large view again (new maps, opacity or colours)."""
        if self.atlas is None or self.crop is None:
            return
        rows = self.atlas.grid()
        heatmaps = [[self.atlas.cells[name].heatmap for name in names] for _module, names in rows]
        mosaic, geometry = atlas_mosaic(self.crop, heatmaps, self.colormap.currentText(), self._alpha())
        self.grid.show_mosaic(mosaic, geometry, [names for _module, names in rows])
        self._draw_cell()

    # ---------------------------------------------------------------- internals
    def _class_text(self, index: int) -> str:
        """A class the head's top-5 lacks, named by its index."""
        return self.tr("class {index}").format(index=index)

    def _show_caption(self) -> None:
        """The atlas's head, class and probability above the tabs (whole, or short where it does not fit)."""
        atlas = self.atlas
        label = self.class_choice.currentText().rsplit("  ", 1)[0] or self._class_text(atlas.class_index)
        self.caption.setText(
            self.tr("{head} · “{label}” ({percent}) · Grad-CAM of every module and branch from one backward pass "
                    "· click a cell").format(head=head_title(atlas.head), label=label,
                                             percent=percent_text(atlas.probability)),
            self.tr("{head} · {label} · click a cell").format(head=atlas.head, label=label))

    def _alpha(self) -> float:
        return self.opacity.value() / 100

    def _fill_classes(self, head: str, class_index: int) -> None:
        self.class_choice.blockSignals(True)
        self.class_choice.clear()
        top = self.heads[head].top if head in self.heads else []
        for p in top:
            self.class_choice.addItem(f"{p.label}  {percent_text(p.probability)}", p.index)
        where = self.class_choice.findData(class_index)
        if where < 0:
            self.class_choice.addItem(self._class_text(class_index), class_index)
            where = self.class_choice.count() - 1
        self.class_choice.setCurrentIndex(where)
        self.class_choice.blockSignals(False)

    def _draw_cell(self) -> None:
        if self.atlas is None or self.crop is None:
            return
        choice = self.cell.current_choice()
        if choice == CELL_CHOICE:
            class_map = self.atlas.cells.get(self.open_layer)
            self.grid.mark(self.open_layer)
        else:
            class_map = self.singles.get(choice)
            self.grid.mark(None)
        if class_map is None:
            self.cell.show_waiting(choice_title(choice))
            return
        rgb = overlay(self.crop, class_map.heatmap, self.colormap.currentText(), self._alpha())
        method = translate("ExplainPanel", METHOD_TITLES.get(class_map.method, class_map.method))
        self.cell.show_map(rgb, class_map.peak,
                           f"{class_map.layer} · {method} · {head_title(class_map.head)}",
                           self.tr("peak at row {row}, column {column} · map {width}×{height}").format(
                               row=class_map.peak[0], column=class_map.peak[1], width=class_map.coarse.shape[1],
                               height=class_map.coarse.shape[0]))

    @Slot(int)
    def _on_head(self, _index: int) -> None:
        self.class_choice.clear()  # a new head: its own top-1 by default
        self.request_changed.emit()

    @Slot(str)
    def _on_choice(self, choice: str) -> None:
        self._draw_cell()
        if self.pending_map() is not None:
            self.map_requested.emit(choice)

    @Slot()
    def _on_run(self) -> None:
        self.importance.show_starting()
        self.importance_requested.emit()
