"""View > Live in the window: the Live tab, its session, and Space handing a frame to the window.

Each processed frame's three heads are drawn in the window's prediction charts (above
every tab), its CAM and branch mosaics in the Live tab.

The window owns one :class:`LiveController`, made the first time Live is opened; its
session's worker is shut down with the window's others (``MainWindow.closeEvent``).
Space freezes: the stream stops, the pass in flight finishes, and the frame on screen
goes through the window's normal image path (``add_images``) as ``live frame N``, so the
predictions, the explorer, Explain and every other tab show it like a dropped photo.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image
from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QFileDialog

from googlenet_gui.core.errors import GoogLeNetGuiError

from googlenet_gui.core.network.spec import DEFAULT_LAYER
from googlenet_gui.ui.i18n import follow_language, translate
from googlenet_gui.ui.live.session import LiveData, LiveSession
from googlenet_gui.ui.live.sources import camera_names, multimedia_problem, open_source
from googlenet_gui.ui.live.view import FROZEN, STOPPED, LiveView
from googlenet_gui.ui.work.jobs import ImageSource

if TYPE_CHECKING:
    from googlenet_gui.ui.window.main_window import MainWindow

VIDEO_PATTERNS = "*.mp4 *.mkv *.webm *.avi *.mov *.m4v *.gif"


def frame_image_source(rgb: np.ndarray, number: int) -> ImageSource:
    """A frame as image bytes for the window's queue (BMP: lossless and quick to write)."""
    buffer = io.BytesIO()
    Image.fromarray(rgb, "RGB").save(buffer, format="BMP")
    return ImageSource.data(buffer.getvalue(), translate("LiveController", "live frame {number}").format(number=number))


class LiveController(QObject):
    """The Live tab of ``window``: which source, start/stop, freeze, and the drawing of each frame."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.view = LiveView(camera_names(), multimedia_problem())
        self.view.choose_module(window.explorer.current_layer() if window.view is not None else DEFAULT_LAYER)
        self.session = LiveSession(window.current_model, window.runner.is_busy, parent=self)
        self.session.module = self.view.modules.currentText()
        self.session.shown.connect(self._on_shown)
        self.session.failed.connect(self._on_failed)
        self.session.running_changed.connect(self._on_running)
        self.view.source_chosen.connect(self.use)
        self.view.video_requested.connect(self.open_video)
        self.view.run_toggled.connect(self.toggle_run)
        self.view.freeze_requested.connect(self.freeze)
        self.view.module_chosen.connect(self._on_module)
        self.frozen = False
        self.last: LiveData | None = None
        window.tabs.addTab(self.view, "")
        follow_language(self, self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The tab's title (the view words its own texts)."""
        index = self.window.tabs.indexOf(self.view)
        if index >= 0:  # not while presentation mode borrows it
            self.window.tabs.setTabText(index, self.tr("Live"))

    # ------------------------------------------------------------------ control
    def show(self, spec: str | None = None) -> bool:
        """Bring the tab forward; start ``spec`` when given (else the first camera, if there is one)."""
        self.window.tabs.setCurrentWidget(self.view)
        if spec is None and self.session.source is None and self.view.sources.currentData() != "synthetic":
            spec = self.view.sources.currentData()
        return self.use(spec) if spec is not None else True

    @Slot(str)
    def use(self, spec: str) -> bool:
        """Take frames from ``spec`` (camera index, ``synthetic`` or a video file) and start; False if it cannot."""
        try:
            source = open_source(spec, self)
        except GoogLeNetGuiError as error:
            self._on_failed(str(error))
            return False
        self.view.select_source(spec)
        self.session.set_source(source)
        self.frozen = False
        self.view.show_message("")
        self.session.start()
        return True

    def open_video(self) -> None:
        video_filter = self.tr("Videos ({patterns});;All files (*)").format(patterns=VIDEO_PATTERNS)
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open a video file"), "", video_filter)
        if path:
            self.use(path)

    @Slot()
    def toggle_run(self) -> None:
        if self.session.running:
            self.session.stop()
        elif self.session.source is None:
            self.use(self.view.sources.currentData())
        else:
            self.frozen = False
            self.session.start()

    @Slot()
    def freeze(self) -> None:
        """Space: stop on the frame shown and hand it to the window; pressed again, resume."""
        if self.frozen or not self.session.running:
            if self.session.source is not None:
                self.frozen = False
                self.session.start()
            return
        self.frozen = True
        self.session.stop()
        self.session.when_idle(self._hand_over)

    def _hand_over(self) -> None:
        """The frame on screen becomes the current image (the live pass has ended: no two passes at once)."""
        if self.last is None or not self.frozen:
            return
        self.window.add_images([frame_image_source(self.last.source_rgb, self.last.number)])
        self.view.show_stats(self.session.stats, FROZEN, self.last.number)

    def shutdown(self) -> None:
        self.session.shutdown()

    # ------------------------------------------------------------------ results
    @Slot(object)
    def _on_shown(self, data: object) -> None:
        assert isinstance(data, LiveData)
        self.last = data
        self.view.show_frame(data)
        name = self.session.source.name if self.session.source is not None else "live"
        title = self.tr("Live: {name}, frame {number}").format(name=name, number=data.number)
        self.window.predictions.show_heads(title, data.frame.heads, data.frame.notes)
        self.view.show_stats(self.session.stats, "" if self.session.running else STOPPED)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.view.show_message(message)
        self.window.show_message("error", message)

    @Slot(bool)
    def _on_running(self, running: bool) -> None:
        self.view.set_running(running)
        if not running and not self.frozen:
            self.view.show_stats(self.session.stats, STOPPED)

    @Slot(str)
    def _on_module(self, name: str) -> None:
        self.session.module = name
