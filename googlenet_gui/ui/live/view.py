"""The Live tab: the frame with its CAM and one module's four branches (the heads: the window's charts).

Everything it draws arrives ready (:class:`~.session.LiveData`: NumPy arrays and plain
objects from the worker); a frame costs the GUI thread a pixel copy per image item and
two label texts.  The items are created once, row-major with explicit levels, and a
view re-fits only when an image's shape changes.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout,
                               QWidget)

from googlenet_gui.core.network.spec import BRANCH_NAMES, INCEPTION_NAMES
from googlenet_gui.core.viz.colormaps import colormap_lut

from googlenet_gui.ui.i18n import Retranslatable
from googlenet_gui.ui.live.session import LiveData, LiveStats
from googlenet_gui.ui.views.mosaic_view import MosaicView, make_image_view
from googlenet_gui.ui.views.explorer import branch_title
from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.style import bold, muted

MOSAIC_COLORMAP = "viridis"
#: The states :meth:`LiveView.show_stats` words before the numbers ("": streaming).
STOPPED, FROZEN = "stopped", "frozen"


class LiveView(Retranslatable, QWidget):
    """Controls, the frame with its CAM and the branch mosaics.

    Signals: ``source_chosen(spec)`` (a camera index, ``synthetic`` or a file path),
    ``video_requested()`` (the file button), ``run_toggled()``, ``freeze_requested()`` (Space),
    ``module_chosen(name)``.
    """

    source_chosen = Signal(str)
    video_requested = Signal()
    run_toggled = Signal()
    freeze_requested = Signal()
    module_chosen = Signal(str)

    def __init__(self, cameras: list[str], problem: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cameras, self.problem = list(cameras), problem
        self.sources = QComboBox()
        for index in range(len(cameras)):
            self.sources.addItem("", str(index))
        self.sources.addItem("", "synthetic")
        self.source_label, self.module_label = QLabel(), QLabel()
        self.file_button = QPushButton()
        self.file_button.setEnabled(problem is None)
        self.run_button = QPushButton()
        self.freeze_button = QPushButton()
        self.modules = QComboBox()
        self.modules.addItems(list(INCEPTION_NAMES))
        self.message = QLabel()
        self.message.setWordWrap(True)
        bold(self.message)
        self._message: str | None = None  # an error shown as it came; None: the start-up note (no camera)
        self.stats = ElidingLabel("")
        muted(self.stats)
        self._running = False
        self._stats: tuple[LiveStats, str, int] | None = None  # the last numbers, to word again on a switch
        self._last: LiveData | None = None
        self.cam_caption = ElidingLabel("")
        self.cam_graphics = pg.GraphicsLayoutWidget()
        self.cam_graphics.ci.setContentsMargins(0, 0, 0, 0)
        self.cam_box, self.cam_image = make_image_view(self.cam_graphics)
        self.branch_views = {name: MosaicView(branch_title(name)) for name in BRANCH_NAMES}
        self._lut = colormap_lut(MOSAIC_COLORMAP)
        self._cam_shape: tuple[int, ...] = ()
        self._build_layout()
        self.sources.activated.connect(lambda _index: self.source_chosen.emit(self.sources.currentData()))
        self.file_button.clicked.connect(lambda _checked=False: self.video_requested.emit())
        self.run_button.clicked.connect(lambda _checked=False: self.run_toggled.emit())
        self.freeze_button.clicked.connect(lambda _checked=False: self.freeze_requested.emit())
        self.modules.currentTextChanged.connect(self.module_chosen)
        self.space = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        self.space.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.space.activated.connect(self.freeze_requested)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        for index, name in enumerate(self.cameras):
            self.sources.setItemText(index, self.tr("Camera {index}: {name}").format(index=index, name=name))
        self.sources.setItemText(self.sources.findData("synthetic"), self.tr("Test pattern (no camera)"))
        for index in range(self.sources.count()):
            spec = self.sources.itemData(index)
            if spec != "synthetic" and not spec.isdigit():
                self.sources.setItemText(index, self.tr("Video: {path}").format(path=spec))
        self.sources.setToolTip(self.tr("Where frames come from"))
        self.source_label.setText(self.tr("Source:"))
        self.module_label.setText(self.tr("Module:"))
        self.file_button.setText(self.tr("Open video file…"))
        self.freeze_button.setText(self.tr("Freeze (Space)"))
        self.freeze_button.setToolTip(self.tr("Stop on the frame shown and inspect it in every tab; "
                                              "Space again resumes"))
        self.modules.setToolTip(self.tr("The Inception module whose branches are shown"))
        for name, view in self.branch_views.items():
            view.title.setText(branch_title(name))  # with the module's name again once a frame is shown
        self.set_running(self._running)
        self.show_message(self._message)
        if self._stats is None:
            self.stats.setText(self.tr("Stopped"))
        else:
            self.show_stats(*self._stats)
        if self._last is not None:
            self.show_frame(self._last)

    def _start_note(self) -> str:
        """What the tab says before anything runs: no camera, or why cameras and files are unavailable."""
        no_camera = "" if self.cameras else self.tr(
            "No camera found (Qt lists no video input). Open a video file, or use the test pattern "
            "to see the pipeline run.")
        return f"{no_camera} {self.problem}.".strip() if self.problem is not None else no_camera

    def _build_layout(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(self.source_label)
        controls.addWidget(self.sources, 1)
        controls.addWidget(self.file_button)
        controls.addWidget(self.run_button)
        controls.addWidget(self.freeze_button)
        controls.addWidget(self.module_label)
        controls.addWidget(self.modules)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.cam_caption)
        left_layout.addWidget(self.cam_graphics, 1)
        right = QWidget()
        grid = QGridLayout(right)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, view in enumerate(self.branch_views.values()):
            grid.addWidget(view, index // 2, index % 2)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 3)
        body.setSizes([400, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(self.stats)
        layout.addWidget(body, 1)

    # ------------------------------------------------------------------ public
    def choose_module(self, name: str | None) -> None:
        """Start on the explorer's module (a stem layer leaves the choice as it is)."""
        if name in INCEPTION_NAMES:
            self.modules.setCurrentText(name)

    def select_source(self, spec: str) -> None:
        index = self.sources.findData(spec)
        if index < 0:
            self.sources.addItem(self.tr("Video: {path}").format(path=spec), spec)
            index = self.sources.count() - 1
        self.sources.setCurrentIndex(index)

    def set_running(self, running: bool) -> None:
        self._running = running
        self.run_button.setText(self.tr("Stop") if running else self.tr("Start"))

    def show_message(self, text: str | None) -> None:
        """An error as it came (``""``: none); None: the start-up note, worded in the current language."""
        self._message = text
        shown = self._start_note() if text is None else text
        self.message.setText(shown)
        self.message.setVisible(bool(shown))

    def show_stats(self, stats: LiveStats, state: str = "", frame: int = 0) -> None:
        """The rate and counts, after ``state`` (:data:`STOPPED`, :data:`FROZEN` on ``frame``, or "")."""
        self._stats = (stats, state, frame)
        engine = self.tr(" on {engine}").format(engine=stats.engine) if stats.engine else ""
        text = self.tr("{fps:.1f} frames/s · {processed} processed · {dropped} dropped · "
                       "{total_ms:.0f} ms a frame ({pass_ms:.0f} ms pass{engine})").format(
            fps=stats.fps, processed=stats.processed, dropped=stats.dropped, total_ms=stats.total_ms,
            pass_ms=stats.pass_ms, engine=engine)
        short = self.tr("{fps:.1f} frames/s · {dropped} dropped").format(fps=stats.fps, dropped=stats.dropped)
        words = {STOPPED: self.tr("Stopped"),
                 FROZEN: self.tr("Frozen on frame {number} (Space resumes)").format(number=frame)}.get(state, "")
        self.stats.setText(f"{words} — {text}" if words else text, f"{words} — {short}" if words else short)

    def show_frame(self, data: LiveData) -> None:
        """Draw one processed frame: the CAM overlay and four branch mosaics."""
        self._last = data
        self.cam_image.setImage(data.cam_rgb, levels=(0, 255), autoLevels=False)
        if data.cam_rgb.shape != self._cam_shape:
            self._cam_shape = data.cam_rgb.shape
            self.cam_box.autoRange(padding=0.01)
        label = self.cam_label(data)
        self.cam_caption.setText(self.tr("Frame {number} · {label}").format(number=data.number, label=label), label)
        panels = data.panels
        for panel in panels.branches:
            detail = self.tr("{channels} ch · {share:.0%} of energy").format(
                channels=panel.maps.shape[0], share=panel.energy_share)
            self.branch_views[panel.title].show_panel(panel, panel.mosaic, panels.levels, self._lut,
                                                      f"{branch_title(panel.title)} · {panels.name}", detail)

    def cam_label(self, data: LiveData) -> str:
        """What the CAM panel shows: the main head's top-1, or why there is no CAM (core's notes)."""
        if data.cam_class is None:
            return "; ".join(data.frame.notes) or self.tr("no CAM")
        return self.tr("CAM of the main head's top-1: {label}").format(label=data.cam_class)

    def cam_array(self) -> np.ndarray | None:
        """What the CAM item shows (tests)."""
        return self.cam_image.image
