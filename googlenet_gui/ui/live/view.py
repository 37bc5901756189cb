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

from googlenet_gui.ui.live.session import LiveData, LiveStats
from googlenet_gui.core.network.spec import BRANCH_TITLES
from googlenet_gui.ui.views.mosaic_view import MosaicView, make_image_view
from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
from googlenet_gui.ui.widgets.style import bold, muted

TEST_PATTERN = "Test pattern (no camera)"
NO_CAMERA = ("No camera found (Qt lists no video input). Open a video file, or use the test pattern "
             "to see the pipeline run.")
MOSAIC_COLORMAP = "viridis"


class LiveView(QWidget):
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
        self.sources = QComboBox()
        for index, name in enumerate(cameras):
            self.sources.addItem(f"Camera {index}: {name}", str(index))
        self.sources.addItem(TEST_PATTERN, "synthetic")
        self.sources.setToolTip("Where frames come from")
        self.file_button = QPushButton("Open video file…")
        self.file_button.setEnabled(problem is None)
        self.run_button = QPushButton("Start")
        self.freeze_button = QPushButton("Freeze (Space)")
        self.freeze_button.setToolTip("Stop on the frame shown and inspect it in every tab; Space again resumes")
        self.modules = QComboBox()
        self.modules.addItems(list(INCEPTION_NAMES))
        self.modules.setToolTip("The Inception module whose branches are shown")
        self.message = QLabel(NO_CAMERA if not cameras else "")
        self.message.setWordWrap(True)
        bold(self.message)
        if problem is not None:
            self.message.setText(f"{NO_CAMERA if not cameras else ''} {problem}.".strip())
        self.message.setVisible(bool(self.message.text()))
        self.stats = ElidingLabel("Stopped")
        muted(self.stats)
        self.cam_caption = ElidingLabel("")
        self.cam_graphics = pg.GraphicsLayoutWidget()
        self.cam_graphics.ci.setContentsMargins(0, 0, 0, 0)
        self.cam_box, self.cam_image = make_image_view(self.cam_graphics)
        self.branch_views = {name: MosaicView(BRANCH_TITLES[name]) for name in BRANCH_NAMES}
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

    def _build_layout(self) -> None:
        controls = QHBoxLayout()
        controls.addWidget(QLabel("Source:"))
        controls.addWidget(self.sources, 1)
        controls.addWidget(self.file_button)
        controls.addWidget(self.run_button)
        controls.addWidget(self.freeze_button)
        controls.addWidget(QLabel("Module:"))
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
            self.sources.addItem(f"Video: {spec}", spec)
            index = self.sources.count() - 1
        self.sources.setCurrentIndex(index)

    def set_running(self, running: bool) -> None:
        self.run_button.setText("Stop" if running else "Start")

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_stats(self, stats: LiveStats, state: str = "") -> None:
        engine = f" on {stats.engine}" if stats.engine else ""
        text = (f"{stats.fps:.1f} frames/s · {stats.processed} processed · {stats.dropped} dropped · "
                f"{stats.total_ms:.0f} ms a frame ({stats.pass_ms:.0f} ms pass{engine})")
        short = f"{stats.fps:.1f} frames/s · {stats.dropped} dropped"
        self.stats.setText(f"{state} — {text}" if state else text, f"{state} — {short}" if state else short)

    def show_frame(self, data: LiveData) -> None:
        """Draw one processed frame: the CAM overlay and four branch mosaics."""
        self.cam_image.setImage(data.cam_rgb, levels=(0, 255), autoLevels=False)
        if data.cam_rgb.shape != self._cam_shape:
            self._cam_shape = data.cam_rgb.shape
            self.cam_box.autoRange(padding=0.01)
        self.cam_caption.setText(f"Frame {data.number} · {data.cam_label}", data.cam_label)
        panels = data.panels
        for panel in panels.branches:
            detail = f"{panel.maps.shape[0]} ch · {panel.energy_share:.0%} of energy"
            self.branch_views[panel.title].show_panel(panel, panel.mosaic, panels.levels, self._lut,
                                                      f"{BRANCH_TITLES[panel.title]} · {panels.name}", detail)

    def cam_array(self) -> np.ndarray | None:
        """What the CAM item shows (tests)."""
        return self.cam_image.image
