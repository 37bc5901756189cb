"""The Fine-tune tab: pick data, see the class balance, train in the background, use the result.

The panel owns its own :class:`JobRunner` (one QThread) so training never blocks the
window's classification queue, and :meth:`TrainingPanel.shutdown` is the one stop path
the window calls on close.  Widgets get plain events from the core generator through
signals; nothing here touches tensors.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QRadioButton, QSplitter,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from googlenet_gui.core.errors import GoogLeNetGuiError
from googlenet_gui.core.training.events import (
    BatchProgress, DatasetSummary, DecodedSummary, EpochResult, Finished, PreparingProgress, TrainingNote,
)
from googlenet_gui.ui.i18n import Retranslatable, translate
from googlenet_gui.ui.widgets.deferred import Deferred, after_first_paint
from googlenet_gui.ui.widgets.fitting_scroll import FittingScrollArea
from googlenet_gui.ui.work.runner import JobRunner

from googlenet_gui.ui.training.bins import ClassBins
from googlenet_gui.ui.training.charts import ChartsSplit, ConfusionView, CurvesView, build_charts_in_pieces
from googlenet_gui.ui.training.options import OptionsForm
from googlenet_gui.ui.training.run_bar import RunBar


def _finetune_job(config, loaded):  # noqa: ANN001, ANN202 - FinetuneConfig, LoadedModel
    """The job the runner executes; the training code is imported inside it, on the worker
    (imported on the GUI thread, it froze the window on the first Start)."""
    def job(token):  # noqa: ANN001, ANN202
        from googlenet_gui.core.training.finetune import finetune

        return (yield from finetune(config, loaded, token))
    return job


WARMED_UP = "warmed up"
#: Narrower than this, the charts pane is cramped: Start folds the form away.
CRAMPED_CHARTS_WIDTH = 520
#: How long after the tab's first paint the warm-up starts.  WHY: its first step maps
#: triton's 0.5 GB library, and the curve plots' follow-up repaints (autorange, axis
#: sizes) that ran meanwhile took twice as long: the tab's first opening froze the window
#: for 50–64 ms instead of ~40.  Nobody presses Start within 0.3 s of opening the tab, and
#: a Start that does waits for the warm-up anyway.
WARM_UP_AFTER_PAINT_MS = 300


def _warm_up_job(token):  # noqa: ANN001, ANN202
    """Job: import the training code and what torch's first optimizer imports (see
    ``core.training.warm_up``), while the user is still choosing data."""
    from googlenet_gui.core.training.finetune import warm_up

    warm_up()
    return WARMED_UP


def _eta(seconds: float) -> str:
    seconds = int(max(0, seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class TrainingPanel(Retranslatable, QWidget):
    """Data (folder or class bins) + options on the left; curves and confusion matrix on the right;
    the run controls and status in a bar below both (:class:`RunBar`).

    ``status_changed(text)`` repeats each status line, so the window's status bar can show
    a run's progress while the form's own status line is scrolled out of sight.
    Status lines and the balance note are kept as functions that word them, so a
    language switch words the one on screen again.
    """

    status_changed = Signal(str)

    def __init__(self, window) -> None:  # noqa: ANN001 - MainWindow (current_model, use_checkpoint)
        super().__init__()
        self.window_ = window
        self.runner = JobRunner(self)
        self.last_saved: EpochResult | None = None
        self.class_names: list[str] = []  # of the running fine-tune (DatasetSummary)
        self.out_path: str | None = None
        self.warm_state = "cold"  # cold -> waiting (paint) -> warming -> warm; a Start while warming waits
        self._start_when_warm = False
        self._folded_for_run = False  # Start folded the form away (a cramped tab)
        self._status_words: Callable[[], str] = lambda: self.tr("Choose data, then Start.")
        self._note_words: Callable[[], str] = str
        self._build()
        self.runner.progress.connect(self._on_event)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.busy_changed.connect(self._on_busy)
        self.refresh_balance()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.use_folder.setText(self.tr("Folder with one sub-folder per class"))
        self.use_bins.setText(self.tr("Class bins (drop images below)"))
        self.folder.setPlaceholderText(self.tr("data folder"))
        self.browse.setText(self.tr("Browse..."))
        self.balance.setHorizontalHeaderLabels([self.tr("class"), self.tr("train"), self.tr("val")])
        self.data_box.setTitle(self.tr("Data"))
        self.options_box.setTitle(self.tr("Options"))
        self.status.setText(self._status_words())
        self.balance_note.setText(self._note_words())

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        self.use_folder = QRadioButton()
        self.use_bins = QRadioButton()
        self.use_folder.setChecked(True)
        self.folder = QLineEdit()
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        self.bins = ClassBins()
        for widget_signal in (self.folder.editingFinished, self.use_folder.toggled, self.bins.changed):
            widget_signal.connect(self.refresh_balance)
        self.balance = QTableWidget(0, 3)
        self.balance.setMaximumHeight(150)
        self.balance.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.balance.verticalHeader().hide()
        self.balance_note = QLabel()
        self.balance_note.setWordWrap(True)
        self.options = OptionsForm()
        self.options.val_split.valueChanged.connect(self.refresh_balance)
        self.options.seed.valueChanged.connect(self.refresh_balance)
        self.run_bar = RunBar()
        self.start_button, self.cancel_button = self.run_bar.start_button, self.run_bar.cancel_button
        self.use_button, self.progress, self.status = self.run_bar.use_button, self.run_bar.progress, self.run_bar.status
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.use_button.clicked.connect(self.use_result)
        self.data_box = data_box = QGroupBox()
        data_layout = QVBoxLayout(data_box)
        for item in (self.use_folder, folder_row, self.use_bins, self.bins, self.balance, self.balance_note):
            (data_layout.addLayout if isinstance(item, QHBoxLayout) else data_layout.addWidget)(item)
        self.options_box = options_box = QGroupBox()
        QVBoxLayout(options_box).addWidget(self.options)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        for box in (data_box, options_box):
            left_layout.addWidget(box)
        left_layout.addStretch(1)
        self.form = FittingScrollArea(left)
        self.run_bar.settings_toggled.connect(self.form.setVisible)
        self.charts: Deferred[ChartsSplit] = Deferred(build_charts_in_pieces)  # off start-up: ~0.13 s
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.form)
        split.addWidget(self.charts)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.run_bar)

    @property
    def curves(self) -> CurvesView:
        return self.charts.content().curves

    @property
    def confusion(self) -> ConfusionView:
        return self.charts.content().confusion

    # -------------------------------------------------------------------- data
    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Data folder (one sub-folder per class)"))
        if folder:
            self.set_folder(folder)

    def set_folder(self, folder: str) -> None:
        self.folder.setText(folder)
        self.use_folder.setChecked(True)
        self.refresh_balance()

    def _data(self) -> tuple[str | None, dict | None]:
        if self.use_folder.isChecked():
            return self.folder.text().strip() or None, None
        return None, self.bins.class_files()

    @Slot()
    def refresh_balance(self) -> bool:
        """Class balance before training (directory listing only); returns whether data is usable."""
        data_dir, class_files = self._data()
        self.balance.setRowCount(0)
        if data_dir is None and not class_files:
            self._note(lambda: self.tr("No data chosen yet."))
            return False
        try:
            from googlenet_gui.core.training.datasets import plan_dataset  # torch: only once data is chosen

            plan = plan_dataset(data_dir, class_files, self.options.val_split.value(), self.options.seed.value())
        except GoogLeNetGuiError as error:
            problem = f"<span style='color:#b00'>{error}</span>"  # core's words, as they are
            self._note(lambda: problem)
            return False
        counts = plan.counts()
        self.balance.setRowCount(len(counts))
        for row, (name, (train, val)) in enumerate(counts.items()):
            for col, value in enumerate((name, str(train), str(val))):
                self.balance.setItem(row, col, QTableWidgetItem(value))
        sizes = [t + v for t, v in counts.values()]
        ratio = max(sizes) / max(1, min(sizes))
        classes, images = len(counts), sum(sizes)
        self._note(lambda: self.tr("{classes} classes, {images} images").format(classes=classes, images=images)
                   + (self.tr("; imbalanced ({ratio:.1f}x)").format(ratio=ratio) if ratio > 2 else ""))
        return True

    def _note(self, words: Callable[[], str]) -> None:
        """Show the balance note ``words()`` makes (again after a language switch)."""
        self._note_words = words
        self.balance_note.setText(words())

    # ------------------------------------------------------------------ control
    def showEvent(self, event) -> None:  # noqa: N802, ANN001
        """First view of the tab: prepare the training code on our worker while the user picks data."""
        super().showEvent(event)
        if self.warm_state == "cold":
            self.warm_state = "waiting"  # for the tab's first paint (see ui/widgets/deferred.py)
            after_first_paint(self, self._begin_warm_up, fallback_ms=300, delay_ms=WARM_UP_AFTER_PAINT_MS)

    def _begin_warm_up(self) -> None:
        if self.warm_state != "waiting":
            return
        if self.runner.is_busy() or self.runner.is_shut_down():  # a job started first: it imports what it needs
            self.warm_state = "warm"
            return
        self.warm_state = "warming"
        self.runner.start(_warm_up_job, "preparing the training code")  # a label for logs, not shown

    @Slot()
    def start(self) -> None:
        loaded = self.window_.current_model()
        if loaded is None:
            self._say(lambda: self.tr("Load a model first (it provides the backbone)."))
            return
        if self.warm_state == "warming":  # data checked now; training begins once the imports are done
            if self.refresh_balance():
                self._start_when_warm = True
                self._say(lambda: self.tr("Preparing the training code… training starts in a moment."))
            return
        if self.runner.is_busy() or not self.refresh_balance():
            return
        config = self.options.config(*self._data())
        self.curves.clear(config.epochs)
        self.confusion.show_matrix(np.zeros((0, 0), dtype=np.int64), [])
        self.last_saved, self.out_path = None, None
        self.use_button.setEnabled(False)
        self.progress.setValue(0)
        self._say(lambda: self.tr("Checking and decoding images..."))
        self.runner.start(_finetune_job(config, loaded), "fine-tuning")
        self._folded_for_run = self.run_bar.settings_shown() and self.charts.width() < CRAMPED_CHARTS_WIDTH
        if self._folded_for_run:
            self.run_bar.show_settings(False)  # the curves get the tab's width; the bar brings the form back

    @Slot()
    def cancel(self) -> None:
        if self.warm_state == "warming":
            self._start_when_warm = False  # the imports themselves cannot be interrupted
            return
        if self.runner.is_busy():
            self._say(lambda: self.tr("Cancelling after this batch..."))
            self.runner.cancel()

    @Slot()
    def use_result(self) -> None:
        if self.out_path:
            self.window_.use_checkpoint(self.out_path)

    def event(self, event: QEvent) -> bool:  # noqa: D401
        """While training, Esc inside this tab is ours (the window's Esc cancels its own queue)."""
        if (event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_Escape
                and self.runner.is_busy()):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802, ANN001
        if event.key() == Qt.Key.Key_Escape and self.runner.is_busy():
            self.cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    def shutdown(self) -> None:
        """The one stop path (called by the window on close): cancel, quit and wait."""
        self.runner.shutdown()

    # ------------------------------------------------------------------- events
    @Slot(bool)
    def _on_busy(self, busy: bool) -> None:
        warming = busy and self.warm_state == "warming"
        self.start_button.setEnabled(not busy or warming)
        self.cancel_button.setEnabled(busy and not warming)

    @Slot(object)
    def _on_event(self, event: object) -> None:
        if isinstance(event, DatasetSummary):
            self.class_names = list(event.class_names)
            self._say(lambda: self._images_text(event))
        elif isinstance(event, DecodedSummary) and event.skipped:
            self.setToolTip(self.tr("Left out:") + "\n" + "\n".join(event.skipped))
            self._say(lambda: self._images_text(event) + self.tr(
                "; {count} unreadable file(s) left out (hover to see them)").format(count=len(event.skipped)))
        elif isinstance(event, TrainingNote):
            self._say(lambda: str(event))  # what auto chose, or a warning (core's words); progress soon replaces it
        elif isinstance(event, PreparingProgress):
            self.progress.setRange(0, event.total)
            self.progress.setValue(event.done)
            self._say(lambda: f"{translate('TrainingPanel', event.stage)} {event.done}/{event.total}")
        elif isinstance(event, BatchProgress):
            self._on_batch(event)
        elif isinstance(event, EpochResult):
            self.curves.add_epoch(event)
            matrix = event.confusion_matrix
            if matrix is not None and matrix.sum() > 0:  # no validation images: nothing to show
                self.confusion.show_matrix(matrix, self.class_names, event.epoch)
            if event.saved_best:
                self.last_saved = event
                self.out_path = str(self.options.out.text().strip())

    def _images_text(self, event: DatasetSummary | DecodedSummary) -> str:
        return self.tr("{train} training / {val} validation images").format(train=event.train_images,
                                                                             val=event.val_images)

    def _say(self, words: Callable[[], str]) -> None:
        """Show the status ``words()`` makes, now and (worded again) after a language switch."""
        self._status_words = words
        text = words()
        self.status.setText(text)
        self.status_changed.emit(text)

    def _on_batch(self, event: BatchProgress) -> None:
        total = self.options.epochs.value() * event.batches
        self.progress.setRange(0, total)
        self.progress.setValue((event.epoch - 1) * event.batches + event.batch)
        self.curves.add_batch(event.epoch, event.batch, event.batches, event.loss)
        self._say(lambda: self.tr("epoch {epoch}, batch {batch}/{batches}, loss {loss:.3f}, {speed:.1f} img/s, "
                                  "ETA {eta}").format(epoch=event.epoch, batch=event.batch, batches=event.batches,
                                                      loss=event.loss, speed=event.images_per_s, eta=_eta(event.eta_s)))

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        if result == WARMED_UP:
            self._warmed_up()
            return
        if not isinstance(result, Finished):
            return
        self.out_path = result.out_path
        if result.best_epoch:
            self.confusion.show_matrix(result.confusion_matrix, result.class_names, result.best_epoch, best=True)
        if result.skipped_files:
            self.setToolTip("\n".join(result.skipped_files))
        self._say(lambda: self._finished_text(result))
        self.use_button.setEnabled(bool(result.out_path))

    def _finished_text(self, result: Finished) -> str:
        skipped = self.tr("; skipped {count} unreadable file(s)").format(
            count=len(result.skipped_files)) if result.skipped_files else ""
        if result.out_path:
            return self.tr("Done: best epoch {epoch}, validation accuracy {accuracy:.1%}, saved to {path}").format(
                epoch=result.best_epoch, accuracy=result.best_val_accuracy, path=result.out_path) + skipped
        return self.tr("Finished without a saved checkpoint") + skipped

    @Slot()
    def _on_cancelled(self) -> None:
        saved, path = self.last_saved, self.out_path
        if saved is not None:
            self._say(lambda: self.tr("Cancelled. Kept the best checkpoint (epoch {epoch}, validation accuracy "
                                      "{accuracy:.1%}) in {path}").format(epoch=saved.epoch,
                                                                          accuracy=saved.val_accuracy, path=path))
        else:
            self._say(lambda: self.tr("Cancelled before the first epoch ended; nothing was saved."))
        self.use_button.setEnabled(self.out_path is not None)

    def _warmed_up(self) -> None:
        self.warm_state = "warm"
        if self._start_when_warm:
            self._start_when_warm = False
            self.start()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        if self.warm_state == "warming":  # not fatal: the job itself imports what it needs
            self._warmed_up()
            return
        self._say(lambda: f"<span style='color:#b00'>{message}</span>")
        self.use_button.setEnabled(self.out_path is not None)
        if self._folded_for_run:  # most failures are in the data or the options: show them again
            self.run_bar.show_settings(True)
