"""The main window: intake, the image queue, and the views, with all model work in the worker.

The window keeps plain state (the loaded model bundle, the image queue, the current
inspection) and lists where its worker's jobs come from, most urgent first; the
scheduler (:mod:`googlenet_gui.ui.work.scheduler`) starts them.  Selecting another image
cancels an inspect or queue job between images: the picture the user looks at comes first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from googlenet_gui.core.inference import engine
from googlenet_gui.ui.i18n import Retranslatable
from googlenet_gui.ui.window import intake as intake_mod
from googlenet_gui.ui.widgets.banner import Banner
from googlenet_gui.ui.views.compare import CompareView
from googlenet_gui.ui.widgets.deferred import IdlePrebuild
from googlenet_gui.ui.views.explorer import ExplorerPanel
from googlenet_gui.ui.accel.graph_prep import GraphPreparer
from googlenet_gui.ui.window.backend_status import BackendSlots
from googlenet_gui.ui.window.explain_slots import ExplainSlots
from googlenet_gui.ui.window.feature_slots import FeatureSlots
from googlenet_gui.ui.window.report_slots import ReportSlots
from googlenet_gui.ui.present.views import view_of_tab
from googlenet_gui.ui.accel.quick_prep import QuickStart
from googlenet_gui.ui.work.runner import JobRunner
from googlenet_gui.ui.work.scheduler import YIELD_TO_SELECTION, JobKind, JobScheduler, Scheduled
from googlenet_gui.ui.views.model_panel import ModelPanel
from googlenet_gui.ui.views.ops_view import OpsView
from googlenet_gui.ui.views.predictions import PredictionsPanel
from googlenet_gui.ui.widgets.quiet_tabs import QuietTabWidget
from googlenet_gui.ui.window.status_bar import build_status_bar, cancel_text, ready_text
from googlenet_gui.ui.work.jobs import (CompareResult, ImageSource, ModelBundle, ThumbResult, classify_job, compare_job,
                    count_ops_job, inspect_job, load_model_job, loading_label, move_model_job, moving_label,
                    prepare_job)
from googlenet_gui.ui.views.thumbnails import CANCELLED, ImageEntry, ThumbnailList, file_state, queued_files
from googlenet_gui.ui.views.viewdata import InspectionView
from googlenet_gui.ui.window.actions import WindowActions
from googlenet_gui.ui.window.layout import assemble
from googlenet_gui.ui.window.settings import remember_explorer_choices, restore_layout, save_layout

log = logging.getLogger(__name__)
QUEUE_CHUNK = 16


class MainWindow(Retranslatable, ExplainSlots, FeatureSlots, ReportSlots, BackendSlots, QMainWindow):
    """Signals: ``views_updated(key)`` after every view shows an image; ``model_changed()``;
    ``message_shown(kind, text)`` for each error/warning shown in the banner; ``report_saved(path)``."""

    views_updated = Signal(int)
    model_changed = Signal()
    message_shown = Signal(str, str)
    report_saved = Signal(str)

    def __init__(self, device: str = "auto", restore: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status_ready = True  # the status line says "Ready" (re-said in a new language)
        self.setAcceptDrops(True)
        self.device_name = device
        self.persist_settings = True  # --screenshot runs neither read nor write the user's layout
        self.bundle: ModelBundle | None = None
        self.entries: dict[int, ImageEntry] = {}
        self.current_key: int | None = None
        self.view: InspectionView | None = None
        self._next_key = 0
        self._model_generation = 0
        self._shown: tuple[int, int] | None = None  # (key, model generation) on screen
        self._pending_model: Callable | None = None
        self._deferred_model: Callable | None = None  # start-up load waiting for the quick path
        self._pending_label = ""
        self._pending_compare: tuple | None = None
        self._job_generation = 0  # the model generation the running job was started for
        self.live = None  # View > Live (ui/live/controller.py), made on first use
        self.presented: QWidget | None = None  # the view presentation mode has borrowed (ui/present)
        self.lesson = None  # Help > Lesson (ui/lesson/controller.py), made on first use
        self._init_explain()
        self._init_features()
        self._init_report()
        self._build_views()
        self.actions_ = WindowActions(self)
        self.graphs = GraphPreparer(self)  # ONNX Runtime takes over once the graph is exported
        self.quick = QuickStart(self)  # start-up predictions from a recorded graph while torch loads
        self.quick.paint_target = self.predictions
        self.prebuild = IdlePrebuild(self, self._prebuild_ready, tabs=self.tabs)  # hidden tabs
        self.runner = JobRunner(self)  # last: nothing after it can fail and leave its thread running
        self.scheduler = JobScheduler(self.runner, self._job_sources(), self._started, self._idle)
        self._connect_runner()
        if restore:
            restore_layout(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The window title, tab titles and status bar's words in the window's language."""
        self.setWindowTitle(self.tr("GoogLeNet explorer"))
        for page, title in ((self.explorer, self.tr("Inception explorer")), (self.explain_tab, self.tr("Explain")),
                            (self.features_tab, self.tr("Features")), (self.ops_view, self.tr("Ops (Table 1)")),
                            (self.model_panel, self.tr("Model")), (self.compare_view, self.tr("Compare")),
                            (self.training_panel, self.tr("Fine-tune"))):
            index = self.tabs.indexOf(page)
            if index >= 0:  # not while presentation mode has borrowed it
                self.tabs.setTabText(index, title)
        self.cancel_button.setText(cancel_text())
        if self._status_ready:
            self.set_ready()

    # ---------------------------------------------------------------- layout
    def _build_views(self) -> None:
        self.banner = Banner()
        self.thumbnails = ThumbnailList()
        self.thumbnails.entry_selected.connect(self.select_entry)
        self.predictions = PredictionsPanel()
        self.explorer = ExplorerPanel()
        remember_explorer_choices(self.explorer)
        self.explorer.unit_clicked.connect(self._on_unit_clicked)
        self.explorer.unit_clicked.connect(self._features_unit_clicked)
        self.explorer.open_in_features.connect(self.open_in_features)
        self.ops_view = OpsView()
        self.model_panel = ModelPanel()
        self.model_panel.device_requested.connect(self.switch_device)
        self.model_panel.builtin_requested.connect(self.load_model)
        self.compare_view = CompareView()
        self.tabs = QuietTabWidget()  # captions changing on a page no longer repaint the whole page
        self.tabs.addTab(self.explorer, "")  # tab titles: retranslate_ui
        self.explain_tab = self._build_explain_tab()  # built on first view: start-up does not pay for it
        self.tabs.addTab(self.explain_tab, "")
        self.features_tab = self._build_features_tab()  # built on first view, like Explain
        self.tabs.addTab(self.features_tab, "")
        self.tabs.addTab(self.ops_view, "")
        self.tabs.addTab(self.model_panel, "")
        self.tabs.addTab(self.compare_view, "")
        from googlenet_gui.ui.training.panel import TrainingPanel  # the Fine-tune tab: its own runner

        self.training_panel = TrainingPanel(self)
        self.training_panel.status_changed.connect(
            lambda text: self.set_status(self.tr("Fine-tune — {status}").format(status=text)))
        self.tabs.addTab(self.training_panel, "")
        self.right, self.main_split = assemble(self, self.banner, self.thumbnails, self.predictions, self.tabs)
        self.status_text, self.backend_label, self.busy, self.cancel_button = build_status_bar(
            self.statusBar(), self.cancel_work)

    def _connect_runner(self) -> None:
        self.runner.busy_changed.connect(self._on_busy)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.warned.connect(lambda text: self.show_message("warning", text))
        self.runner.cancelled.connect(self._on_cancelled)
        self._connect_backends()

    # ------------------------------------------------------ API for the panels
    def current_model(self):  # noqa: ANN201 - LoadedModel | None
        return self.bundle.loaded if self.bundle is not None else None

    def current_image(self) -> str | None:
        entry = self.entries.get(self.current_key) if self.current_key is not None else None
        return entry.source.name if entry is not None and entry.source.kind == "path" else None

    def _prebuild_ready(self) -> bool:
        """Hidden tabs are built while nothing runs: not during a job, nor while Live streams (its frames come first)."""
        return not self.runner.is_busy() and not (self.live is not None and self.live.session.running)

    def open_live(self, spec: str | None = None):  # noqa: ANN201 - LiveController
        """View > Live: the Live tab (made on first use), taking frames from ``spec`` when given."""
        from googlenet_gui.ui.live.controller import LiveController

        if self.live is None:
            self.live = LiveController(self)
        self.live.show(spec)
        return self.live

    def open_lesson(self):  # noqa: ANN201 - LessonController
        """Help > Lesson: the lesson dock (made on first use), its steps driving the tabs."""
        from googlenet_gui.ui.lesson.controller import LessonController

        if self.lesson is None:
            self.lesson = LessonController(self)
        self.lesson.show()
        return self.lesson

    def show_tab(self, name: str) -> None:
        """Bring a tab to the front by its ``--tab`` name (explorer, explain, features, ops, model, compare, finetune).

        While presenting, the stage shows the matching view instead (the lesson steps through
        the paper on the projector too); a tab with no presentation view waits for the desk.
        """
        pages = {"explorer": self.explorer, "explain": self.explain_tab, "features": self.features_tab,
                 "ops": self.ops_view, "model": self.model_panel, "compare": self.compare_view,
                 "finetune": self.training_panel}
        self.tabs.setCurrentWidget(pages[name])
        view = view_of_tab(name)
        if self.actions_.presentation and view is not None:
            self.actions_.presenter.show_view(view)

    def _lesson_refresh(self) -> None:
        if self.lesson is not None:
            self.lesson.refresh()

    @Slot(str)
    def use_checkpoint(self, path: str) -> None:
        """Load ``path`` as the model and compare it with the previous one on the current image."""
        previous = self.current_model()
        entry = self.entries.get(self.current_key) if self.current_key is not None else None
        self._pending_compare = (previous, entry.source) if previous is not None and entry is not None else None
        self.load_model(path)

    # ---------------------------------------------------------------- intake
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if intake_mod.accepts(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802, ANN001
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        self.take(intake_mod.from_mime(event.mimeData()))
        event.acceptProposedAction()

    def take(self, intake: intake_mod.Intake) -> None:
        """Queue a drop's images (first one selected) and/or load its checkpoint."""
        for problem in intake.problems:
            self.show_message("error", problem)
        if intake.checkpoint:
            self.actions_.remember(intake.checkpoint)
            self.load_model(intake.checkpoint)
        if intake.images:
            self.add_images(intake.images)

    def add_images(self, sources: list[ImageSource]) -> None:
        """Queue each source (the first one selected); a file already queued and unchanged is not added twice."""
        first_new_key = self._next_key
        first, queued, again = None, queued_files(self.entries.values()), set()
        for source in sources:
            state = file_state(source)
            entry = queued.get(state) if state is not None else None
            if entry is None:
                entry = ImageEntry(self._next_key, source, file_state=state)
                self._next_key += 1
                self.entries[entry.key] = entry
                self.thumbnails.add_entry(entry)
                if state is not None:
                    queued[state] = entry  # the same file twice in one drop (a file and its folder)
            elif entry.key < first_new_key:
                again.add(entry.key)
            first = entry.key if first is None else first
            if source.kind == "path" and len(sources) == 1:
                self.actions_.remember(source.value)
        if first is not None:
            self.thumbnails.select_key(first)
            self.select_entry(first)
        if again:
            self.set_status(self.tr("{count} image(s) in the queue ({again} already there, unchanged)").format(
                count=len(self.entries), again=len(again)))
        else:
            self.set_status(self.tr("{count} image(s) in the queue").format(count=len(self.entries)))

    @Slot(int)
    def select_entry(self, key: int) -> None:
        if key == self.current_key or key not in self.entries:
            return
        self.current_key = key
        if self._running_kind() in YIELD_TO_SELECTION:
            self.runner.cancel()  # the selected image goes first; the queue resumes after it
        self.schedule()

    # ------------------------------------------------------------- model jobs
    @Slot(str)
    def load_model(self, weights: str | None) -> None:
        """Queue a model load; a running queue job is cancelled so the load comes first."""
        self._pending_model = load_model_job(weights, self.device_name)
        if self.quick.active:  # another model asked for during start-up: no more recorded graph
            self.quick.shutdown()
        elif self.bundle is None and self.quick.request(weights, self.device_name):
            self._deferred_model, self._pending_model = self._pending_model, None  # until quick.release
        self._pending_label = loading_label(weights)
        if self.runner.is_busy() and self._running_kind() is not JobKind.MODEL:
            self.runner.cancel()
        self.schedule()

    @Slot(str)
    def switch_device(self, device: str) -> None:
        if self.bundle is None or not device:
            self.device_name = device or self.device_name
            return
        self.device_name = device
        self._pending_model = move_model_job(self.bundle.loaded, device)
        self._pending_label = moving_label(device)
        if self.runner.is_busy():
            self.runner.cancel()
        self.schedule()

    # -------------------------------------------------------------- scheduler
    def _job_sources(self) -> list[Callable[[], Scheduled | None]]:
        """Where the worker's jobs come from, most urgent first (see :mod:`ui.work.scheduler`)."""
        return [self._model_job, self._compare_job, self._report_job, self._inspect_job, self._field_job,
                self._explain_job, self._features_job, self._ops_job, self._prepare_job, self._graph_job,
                self._queue_job]

    @Slot()
    def schedule(self) -> None:
        """Start the most urgent job if the worker is idle."""
        if self.bundle is None:
            self._want_quick()  # its own worker, while this one loads the model
        self.scheduler.poke()

    def _running_kind(self) -> JobKind | None:
        return self.scheduler.running_kind() if self.runner.is_busy() else None

    def _model_job(self) -> Scheduled | None:
        if self._pending_model is None:
            return None
        job, self._pending_model = self._pending_model, None
        return Scheduled(JobKind.MODEL, job, self._pending_label, self._model_loaded)

    def _compare_job(self) -> Scheduled | None:
        if self.bundle is None or self._pending_compare is None:
            return None
        (previous, source), self._pending_compare = self._pending_compare, None
        return Scheduled(JobKind.COMPARE, compare_job(previous, self.bundle.loaded, source), self.tr("Comparing models"),
                         self._compared)

    def _inspect_job(self) -> Scheduled | None:
        entry = self.entries.get(self.current_key) if self.current_key is not None else None
        if self.bundle is None or entry is None or self._shown == (entry.key, self._model_generation):
            return None
        job = inspect_job(self.bundle.loaded, entry.source, entry.key, self.explorer.current_layer())
        label = self.tr("Inspecting {image}").format(image=entry.source.short_name)
        return Scheduled(JobKind.INSPECT, job, label, self._inspected)

    def _ops_job(self) -> Scheduled | None:
        if self.bundle is None or self.bundle.ops_requested:  # after the first prediction, before the queue
            return None
        self.bundle.ops_requested = True
        return Scheduled(JobKind.OPS, count_ops_job(self.bundle.loaded), self.tr("Counting operations"),
                         self._ops_counted)

    def _prepare_job(self) -> Scheduled | None:
        if self.bundle is None or engine.folded_ready(self.bundle.loaded):  # the first image ran on the eager model
            return None
        return Scheduled(JobKind.PREPARE, prepare_job(self.bundle.loaded), self.tr("Preparing the inference copy"),
                         lambda _: None)

    def _graph_job(self) -> Scheduled | None:
        return self.graphs.next_job(self.bundle) if self.bundle is not None else None

    def _queue_job(self) -> Scheduled | None:
        waiting = [(e.key, e.source) for e in self.entries.values() if not e.done]
        if self.bundle is None or not waiting:
            return None
        return Scheduled(JobKind.CLASSIFY, classify_job(self.bundle.loaded, waiting[:QUEUE_CHUNK]),
                         self.tr("Classifying {count} queued image(s)").format(count=len(waiting)), lambda _count: None)

    def _idle(self) -> None:
        if self.bundle is not None:
            self.prebuild.poke()

    def _started(self, scheduled: Scheduled) -> None:
        self._job_generation = self._model_generation
        self.set_status(scheduled.label + "…")

    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy)

    @Slot(object)
    def _on_progress(self, event: object) -> None:
        if isinstance(event, ThumbResult):
            self._record(event)
        elif self._explain_progress(event) or self._features_progress(event):
            pass
        elif isinstance(event, str):
            self.set_status(event)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        done = self.scheduler.take_running()
        if done is not None:
            done.on_done(result)
        if done is None or done.kind not in (JobKind.MODEL, JobKind.REPORT):  # theirs say what happened
            self.set_ready()
        QTimer.singleShot(0, self.schedule)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        failed = self.scheduler.take_running()
        kind = failed.kind if failed is not None else None
        self.show_message("error", message)
        if kind is JobKind.MODEL:
            self._pending_compare = None  # the previous model stays; nothing new to compare
        if kind is JobKind.OPS and self.bundle is not None:
            self.ops_view.show_table(None, self.tr("Could not count operations: {problem}").format(problem=message))
        if kind is JobKind.GRAPH:
            self.graphs.job_failed()
        if kind is JobKind.INSPECT and self.current_key in self.entries:
            self._unreadable(self.entries[self.current_key], message)
        self._explain_failed(kind)
        self._features_stopped(kind, message)
        QTimer.singleShot(0, self.schedule)

    def _unreadable(self, entry: ImageEntry, message: str) -> None:
        """Mark the image; the selection goes back to the image the views still show."""
        entry.error = message
        self.thumbnails.update_entry(entry)
        if self.view is not None and self._shown == (self.view.key, self._model_generation):
            self.current_key = self.view.key
            self.thumbnails.select_key(self.view.key, quietly=True)
        else:
            self._shown = (entry.key, self._model_generation)  # do not retry a broken image in a loop

    @Slot()
    def _on_cancelled(self) -> None:
        cancelled = self.scheduler.take_running()
        kind = cancelled.kind if cancelled is not None else None
        if kind is JobKind.OPS and self.bundle is not None:
            self.bundle.ops_requested = False  # counted again once the worker is free
        if kind is JobKind.GRAPH:
            self.graphs.job_cancelled()
        self._explain_cancelled(kind)
        self._features_stopped(kind, self.tr("Cancelled."), cancelled=True)
        self.set_status(self.tr("Cancelled"))
        QTimer.singleShot(0, self.schedule)

    @Slot()
    def cancel_work(self) -> None:
        """Esc / Cancel: stop the running job and drop whatever was waiting."""
        self._pending_model = None
        self._pending_compare = None
        self._pending_report = None
        self._importance_requested = False
        self._field_pending = None
        self._features_cancel_pending()
        self.training_panel.cancel()  # Esc stops a fine-tune too, wherever the focus is
        if self.runner.is_busy():
            self.runner.cancel()
            for entry in self.entries.values():
                if not entry.done and entry.key != self.current_key:
                    entry.error = CANCELLED
                    self.thumbnails.update_entry(entry)

    # ---------------------------------------------------------------- results
    def _model_loaded(self, bundle: object) -> None:
        assert isinstance(bundle, ModelBundle)
        self.bundle = bundle
        self.quick.shutdown()  # the real model serves from now on
        self._model_generation += 1
        for entry in self.entries.values():  # every top-1 is recomputed for the new model
            entry.heads, entry.error = None, None
        loaded = bundle.loaded
        self.predictions.show_model(bundle.info, loaded.has_aux)
        self.backend_label.setText("PyTorch")  # until graph_prep has moved this model to ONNX Runtime
        self.model_panel.show_info(bundle.info)
        self._explain_model_changed()
        self._features_model_changed()
        self.ops_view.show_counting()
        self.device_name = str(bundle.info.get("device", self.device_name))
        for warning in bundle.info.get("warnings") or []:
            self.show_message("warning", warning)
        self.set_status(self.tr("Model ready: {name}").format(name=loaded.name))
        self._lesson_refresh()  # waits for the new model's Table 1
        self.model_changed.emit()

    def _inspected(self, view: object) -> None:
        if self._job_generation == self._model_generation:
            self._show_view(view)

    @Slot(object)
    def _show_view(self, view: object) -> None:
        assert isinstance(view, InspectionView)
        entry = self.entries.get(view.key)
        if entry is None:
            return
        entry.heads, entry.error, entry.thumb, entry.notes = view.heads, None, view.thumb, view.notes
        self.thumbnails.update_entry(entry)
        if view.key != self.current_key:
            return
        self.view = view
        self._shown = (view.key, self._model_generation)
        self.predictions.show_heads(entry.source.name, view.heads, view.notes)
        self.explorer.show_inspection(view)
        self._features_sizes()
        self.ops_view.show_times(view.layer_times_ms)
        self._lesson_refresh()  # the aux step names what each head says about this image
        self.views_updated.emit(view.key)

    def _ops_counted(self, result: object) -> None:
        if self.bundle is None or self._job_generation != self._model_generation:
            return
        self.bundle.ops, self.bundle.ops_error = result  # type: ignore[misc]
        self.ops_view.show_table(self.bundle.ops, self.bundle.ops_error)
        if self.view is not None:
            self.ops_view.show_times(self.view.layer_times_ms)
        self._lesson_refresh()

    def _record(self, result: ThumbResult) -> None:
        entry = self.entries.get(result.key)
        if entry is None or self._job_generation != self._model_generation:
            return
        entry.heads, entry.error, entry.thumb = (result.heads or None), result.error, result.thumb
        self.thumbnails.update_entry(entry)

    def _compared(self, result: object) -> None:
        assert isinstance(result, CompareResult)
        self.compare_view.show_result(result)
        self.tabs.setCurrentWidget(self.compare_view)

    # -------------------------------------------------------------- messages
    def show_message(self, kind: str, text: str) -> None:
        self.banner.show_message(kind, text)
        self.set_status(text)
        self.message_shown.emit(kind, text)

    def set_status(self, text: str) -> None:
        self._status_ready = False
        self.status_text.setText(text)

    def set_ready(self) -> None:
        """The status line of an idle worker: "Ready", said again after a language switch."""
        self.set_status(ready_text())
        self._status_ready = True

    # ------------------------------------------------------------------ close
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Save the layout, then the one shutdown path: stop, quit and wait for every worker."""
        if self.actions_.presentation:  # the desk back first: its splitters are what is saved
            self.actions_.toggle_presentation()
        if self.persist_settings:
            save_layout(self)
        self.training_panel.shutdown()
        self.quick.shutdown()
        if self.live is not None:
            self.live.shutdown()
        self.runner.shutdown()
        super().closeEvent(event)
