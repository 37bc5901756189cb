"""The main window's slots about which backend serves the passes (PyTorch or ONNX Runtime).

A mixin of :class:`~googlenet_gui.ui.window.main_window.MainWindow`, kept apart so the window stays
readable: the start-up quick model (``quick_prep``) and the graph export that moves a
loaded model onto ONNX Runtime (``graph_prep``) report here, and this says so in the
status bar and the Model tab.
"""

from __future__ import annotations

from PySide6.QtCore import Slot

from googlenet_gui.ui.i18n import translate


class BackendSlots:
    """Needs the window's ``quick``, ``graphs``, ``bundle``, panels and ``backend_label``."""

    def _connect_backends(self) -> None:
        self.graphs.ready.connect(self.schedule)
        self.graphs.attached.connect(self._backend_changed)
        self.graphs.gave_up.connect(self._backend_changed)
        self.quick.opened.connect(self._quick_opened)
        self.quick.inspected.connect(self._show_view)
        self.quick.release.connect(self._release_model)

    @Slot()
    def _release_model(self) -> None:
        """The quick path has shown what it could: import torch and load the real model now."""
        if self._deferred_model is not None:
            self._pending_model, self._deferred_model = self._deferred_model, None
            self.schedule()

    def _want_quick(self) -> None:
        """While torch loads: the selected image, if not shown yet, on the recorded graph."""
        entry = self.entries.get(self.current_key) if self.current_key is not None else None
        if entry is not None and self._shown != (entry.key, self._model_generation):
            self.quick.want(entry.source, entry.key, self.explorer.current_layer())

    @Slot(object)
    def _quick_opened(self, quick: object) -> None:
        """Show the recorded model's details while torch loads the real one behind it."""
        recorded = translate("BackendSlots", "ONNX Runtime (graph recorded by an earlier session)")
        info = {**quick.record.info, "backend": recorded}
        self.predictions.show_model(info, quick.record.has_aux)
        self.model_panel.show_info(info)
        self.backend_label.setText("ONNX Runtime")
        self.backend_label.setToolTip(translate("BackendSlots", "A recorded graph serves while PyTorch loads the model"))
        self._want_quick()

    @Slot(str)
    def _backend_changed(self, text: str) -> None:
        """Say in the status bar and the Model tab what runs the passes, and why."""
        self.backend_label.setText(self.graphs.note.split(" (")[0])
        self.backend_label.setToolTip(text)
        if self.bundle is not None:
            self.bundle.info["backend"] = self.graphs.note
            self.model_panel.show_info(self.bundle.info)
