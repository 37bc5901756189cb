"""The main window's Features tab: its job source and the slots that feed the panel.

A mixin of :class:`~googlenet_gui.ui.window.main_window.MainWindow`, like
:mod:`.explain_slots`.  What the user asked for last comes first: the card's picture, a
clicked spot's dictionary, a channel's example crops, a folder's pass, the dictionary's
pictures, then the branch mosaic (long; a new request cancels it and it resumes later
from the cache).  A picture already on disk opens on the GUI thread without a job.
The folder's record (:class:`ExampleIndex`: NumPy arrays and names) is kept here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from googlenet_gui.core.errors import GoogLeNetGuiError

from googlenet_gui.ui.i18n import translate
from googlenet_gui.ui.features.panel import FeaturesPanel, build_panel_in_pieces
from googlenet_gui.ui.widgets.deferred import Deferred
from googlenet_gui.ui.work.feature_jobs import (TILE, BranchTile, Dictionary, ExampleCrops, ExamplesStep, Picture,
                                                PictureStep, branch_job, crops_job, dictionary_job, examples_job,
                                                layer_channels, shrink, visualize_job)
from googlenet_gui.ui.work.scheduler import JobKind, Scheduled

#: Images kept per channel by the examples pass; a channel shows the first :data:`SHOWN_EXAMPLES`.
KEEP_EXAMPLES = 16
SHOWN_EXAMPLES = 9
#: Channels listed by the dictionary, and example crops beside each.
DICTIONARY_COUNT = 8
DICTIONARY_EXAMPLES = 3
PICTURE_KINDS = frozenset({JobKind.VISUALIZE, JobKind.BRANCH})


def visualising_label(layer: str, channel: int) -> str:
    """The status line of a channel's picture (the card's and the dictionary's alike)."""
    return translate("FeatureSlots", "Visualising {layer} channel {channel}").format(layer=layer, channel=channel)


def settings_of(values: dict[str, Any]) -> Any:
    """The card's plain settings as checked :class:`VisualizeSettings` (an :class:`ExplainError` if unusable)."""
    from googlenet_gui.core.features.visualize import VisualizeSettings

    return VisualizeSettings(**values).check()


class FeatureSlots:
    """Needs the window's ``tabs``, ``bundle``, ``entries``, ``current_key``, ``runner`` and ``schedule``."""

    def _init_features(self) -> None:
        self._picture_pending: tuple[str, int, dict] | None = None  # the card's Visualise
        self._card_job: tuple[str, int] | None = None  # the card's picture on the worker now
        self._branch_pending: tuple[str, dict] | None = None
        self._branch_running: tuple[str, dict] | None = None
        self._folder_pending: str | None = None
        self.examples_index: Any | None = None  # core ExampleIndex of the chosen folder
        self._crops_pending: list[tuple[str, int, int]] = []
        self._dictionary_pending: tuple[str, int, int] | None = None  # a clicked spot
        self._dictionary_for: tuple | None = None  # (key, model generation, layer) last asked for
        self._dictionary_layer: str | None = None  # the layer of the dictionary on screen
        self._thumbs_pending: list[tuple[str, int, dict]] = []

    def _build_features_tab(self) -> Deferred[FeaturesPanel]:
        tab: Deferred[FeaturesPanel] = Deferred(build_panel_in_pieces)
        tab.built.connect(self._features_built)
        return tab

    @Slot(QWidget)
    def _features_built(self, panel: FeaturesPanel) -> None:
        panel.card.visualize_requested.connect(self._on_visualize_requested)
        panel.card.branch_requested.connect(self._on_branch_requested)
        panel.card.cancel_requested.connect(self._cancel_pictures)
        panel.card.channel_selected.connect(self._on_feature_channel)
        panel.examples.folder_chosen.connect(self._on_folder_chosen)
        panel.examples.cancel_requested.connect(self._cancel_examples)
        panel.dictionary.location_clicked.connect(self._on_dictionary_spot)
        panel.dictionary_wanted.connect(self.schedule)
        if self.bundle is not None:
            panel.set_model(layer_channels(self.bundle.loaded))
        self._features_sizes()

    def _features_sizes(self) -> None:
        """The tab's stage captions from the shown image's maps, as the explorer's (a 128 px model's 4c is 8x8)."""
        if self.features_tab.is_built and self.view is not None:
            self.features_panel().picker.show_sizes(self.view.module_sizes())

    # ------------------------------------------------------------------ state
    def features_panel(self) -> FeaturesPanel:
        """The tab's panel (built now if it was not yet)."""
        return self.features_tab.content()

    def _features_shown(self) -> bool:
        shown = self.tabs.currentWidget() is self.features_tab or self.presented is self.features_tab
        return shown and self.isVisible()

    def _features_model_changed(self) -> None:
        self._picture_pending, self._branch_pending, self._folder_pending = None, None, None
        self.examples_index, self._crops_pending, self._thumbs_pending = None, [], []
        self._dictionary_pending, self._dictionary_for, self._card_job = None, None, None
        if self.features_tab.is_built:
            panel = self.features_panel()
            panel.set_model(layer_channels(self.bundle.loaded))
            panel.card.running(False)  # the old model's job was cancelled by the load
            panel.examples.running(False)

    def _features_cancel_pending(self) -> None:
        """Esc: nothing of the tab's waits any more."""
        self._picture_pending, self._branch_pending, self._folder_pending = None, None, None
        self._crops_pending, self._thumbs_pending, self._dictionary_pending = [], [], None

    # ------------------------------------------------------------------ source
    def _features_job(self) -> Scheduled | None:
        """The card's picture, a dictionary, example crops, a folder's pass, dictionary pictures, the mosaic."""
        if self.bundle is None:
            return None
        for source in (self._picture_job, self._dictionary_job, self._crops_job, self._examples_job,
                       self._thumb_job, self._branch_job):
            scheduled = source()
            if scheduled is not None:
                return scheduled
        return None

    def _picture_job(self) -> Scheduled | None:
        if self._picture_pending is None:
            return None
        (layer, channel, values), self._picture_pending = self._picture_pending, None
        self._card_job = (layer, channel)
        self.features_panel().card.running(True)
        job = visualize_job(self.bundle.loaded, layer, channel, settings_of(values))
        return Scheduled(JobKind.VISUALIZE, job, visualising_label(layer, channel), self._picture_done)

    def _dictionary_job(self) -> Scheduled | None:
        request = self._dictionary_request()
        if request is None:
            return None
        entry, layer, row, col = request
        self._dictionary_for = (entry.key, self._model_generation, layer)
        job = dictionary_job(self.bundle.loaded, entry.source, entry.key, layer, row, col, DICTIONARY_COUNT)
        return Scheduled(JobKind.DICTIONARY, job,
                         translate("FeatureSlots", "Semantic dictionary at {layer}").format(layer=layer),
                         self._dictionary_done)

    def _dictionary_request(self) -> tuple | None:
        """(entry, layer, row, col) of a clicked spot, or the shown page's current image at its peak."""
        entry = self.entries.get(self.current_key) if self.current_key is not None else None
        if entry is None or not self.features_tab.is_built:
            return None
        if self._dictionary_pending is not None:
            (layer, row, col), self._dictionary_pending = self._dictionary_pending, None
            return entry, layer, row, col
        panel = self.features_panel()
        layer = panel.layer()
        if layer is None or not (self._features_shown() and panel.dictionary_shown()):
            return None
        if self._dictionary_for == (entry.key, self._model_generation, layer):
            return None
        return entry, layer, None, None

    def _crops_job(self) -> Scheduled | None:
        if not self._crops_pending or self.examples_index is None:
            return None
        layer, channel, count = self._crops_pending.pop(0)
        job = crops_job(self.bundle.loaded, self.examples_index, layer, channel, count)
        label = translate("FeatureSlots", "Reading the top images of {layer} channel {channel}").format(
            layer=layer, channel=channel)
        return Scheduled(JobKind.CROPS, job, label, self._crops_done)

    def _examples_job(self) -> Scheduled | None:
        if self._folder_pending is None:
            return None
        folder, self._folder_pending = self._folder_pending, None
        self.features_panel().examples.running(True)
        return Scheduled(JobKind.EXAMPLES, examples_job(self.bundle.loaded, folder, KEEP_EXAMPLES),
                         translate("FeatureSlots", "Dataset examples of {folder}").format(folder=folder),
                         self._examples_done)

    def _thumb_job(self) -> Scheduled | None:
        if not self._thumbs_pending:
            return None
        layer, channel, values = self._thumbs_pending.pop(0)
        job = visualize_job(self.bundle.loaded, layer, channel, settings_of(values))
        return Scheduled(JobKind.VISUALIZE, job, visualising_label(layer, channel), self._picture_done)

    def _branch_job(self) -> Scheduled | None:
        if self._branch_pending is None:
            return None
        self._branch_running, self._branch_pending = self._branch_pending, None
        layer, values = self._branch_running
        self.features_panel().card.running(True)
        return Scheduled(JobKind.BRANCH, branch_job(self.bundle.loaded, layer, settings_of(values)),
                         translate("FeatureSlots", "Visualising every channel of {layer}").format(layer=layer),
                         self._branch_done)

    # ------------------------------------------------------------------ panel
    @Slot(str, int, object)
    def _on_visualize_requested(self, layer: str, channel: int, values: dict) -> None:
        """The card's Visualise: from the cache at once, else first in the queue (a running mosaic gives way)."""
        if self._open_cached(layer, channel, values):
            return
        self._picture_pending = (layer, channel, values)
        self.features_panel().card.show_status(translate("FeatureSlots", "Waiting for the worker…"))
        if self._running_kind() is JobKind.BRANCH:
            self._branch_pending = self._branch_pending or self._branch_running  # resumes, cached tiles first
            self.runner.cancel()
        self.schedule()

    @Slot(str, object)
    def _on_branch_requested(self, layer: str, values: dict) -> None:
        panel = self.features_panel()
        panel.start_mosaic(layer, panel.card.counts.get(layer, 0), TILE)
        self._branch_pending = (layer, values)
        if self._running_kind() is JobKind.BRANCH:
            self.runner.cancel()  # another branch or other settings: the old mosaic is no longer wanted
        self.schedule()

    @Slot()
    def _cancel_pictures(self) -> None:
        self._picture_pending, self._branch_pending, self._thumbs_pending = None, None, []
        if self._running_kind() in PICTURE_KINDS:
            self.runner.cancel()

    @Slot()
    def _cancel_examples(self) -> None:
        self._folder_pending = None
        if self._running_kind() is JobKind.EXAMPLES:
            self.runner.cancel()

    @Slot(str)
    def _on_folder_chosen(self, folder: str) -> None:
        self.examples_index, self._folder_pending = None, folder
        if self._running_kind() is JobKind.EXAMPLES:
            self.runner.cancel()
        self.schedule()

    @Slot(str, int)
    def _on_feature_channel(self, layer: str, channel: int) -> None:
        """A channel shown in the card: its picture from the cache if there, its top images if a folder is done."""
        panel = self.features_panel()
        if not self._open_cached(layer, channel, panel.card.settings()):
            panel.card.show_missing(layer, channel)
        if self.examples_index is not None:  # only the channel shown now: spinning through channels queues one
            self._crops_pending = [c for c in self._crops_pending if c[2] != SHOWN_EXAMPLES]
            self._crops_pending.insert(0, (layer, channel, SHOWN_EXAMPLES))
            panel.examples.show_pending(layer, channel)
            self.schedule()

    def _open_cached(self, layer: str, channel: int, values: dict) -> bool:
        """Show the stored picture without a job; False if it is not stored (or the hash is not known yet)."""
        from googlenet_gui.core.features.visualize import cached_visualization

        if self.bundle is None:
            return False
        try:
            found = cached_visualization(self.bundle.loaded, layer, channel, settings_of(values))
        except GoogLeNetGuiError:
            return False
        if found is None:
            return False
        self._show_picture(Picture.of(found))
        return True

    @Slot(int, int)
    def _on_dictionary_spot(self, row: int, col: int) -> None:
        if self._dictionary_layer is not None:
            self._dictionary_pending = (self._dictionary_layer, row, col)
            self.schedule()

    @Slot(str, int, int)
    def _features_unit_clicked(self, layer: str, row: int, col: int) -> None:
        """A unit clicked in the explorer's channel map: the Features tab's dictionary lists that spot."""
        if self.features_tab.is_built:
            self._dictionary_pending = (layer, row, col)
            self.schedule()

    @Slot(str, int)
    def open_in_features(self, layer: str, channel: int) -> None:
        """The explorer's "Open in Features": the tab, the channel in its card, its picture made if not stored."""
        self.tabs.setCurrentWidget(self.features_tab)
        panel = self.features_panel()
        panel.open_channel(layer, channel)
        if self._open_cached(layer, channel, panel.card.settings()):
            return
        panel.card.visualize.click()

    # ----------------------------------------------------------------- results
    def _stale(self) -> bool:
        """Whether the job that just ended was started for an earlier model (its pictures and records no longer apply)."""
        return self._job_generation != self._model_generation

    def _show_picture(self, picture: Picture) -> None:
        panel = self.features_panel()
        panel.dictionary.set_picture(picture.layer, picture.channel, picture.images[0])
        if panel.mosaic_layer == picture.layer and not picture.cancelled:
            panel.put_tile(picture.layer, picture.channel, shrink(picture.images[0], TILE),
                           len(panel.mosaic.filled) + 1, panel.mosaic.count)
        if (panel.card.layer(), panel.card.channel.value()) != (picture.layer, picture.channel):
            return
        if picture.cached:
            note = translate("FeatureSlots", "From the cache: computed before with these settings.")
        else:
            done = (translate("FeatureSlots", "Cancelled in {seconds} s") if picture.cancelled
                    else translate("FeatureSlots", "Done in {seconds} s")).format(seconds=f"{picture.seconds:.1f}")
            note = translate("FeatureSlots", "{done} · objective {start} → {end}").format(
                done=done, start=f"{picture.objective_start:.3g}", end=f"{picture.objective_end:.3g}")
        panel.card.show_picture(picture.layer, picture.channel, picture.images, note)

    def _picture_done(self, result: object) -> None:
        assert isinstance(result, Picture)
        if self._stale():
            return
        if self._card_job == (result.layer, result.channel):
            self._card_job = None
            self.features_panel().card.running(False)
        self._show_picture(result)

    def _branch_done(self, result: object) -> None:
        self._branch_running = None
        panel = self.features_panel()
        panel.card.running(False)
        panel.card.show_status(translate("FeatureSlots", "Branch mosaic: {count} channels pictured.").format(count=result))

    def _examples_done(self, result: object) -> None:
        if self._stale():
            return
        panel = self.features_panel()
        panel.examples.running(False)
        self.examples_index = result
        panel.examples.show_ready(len(result.images), list(result.skipped), bool(result.cached))
        layer = panel.card.layer()
        if layer is not None:
            self._on_feature_channel(layer, panel.card.channel.value())
        for listed, channel in panel.dictionary.listed():
            self._crops_pending.append((listed, channel, DICTIONARY_EXAMPLES))

    def _crops_done(self, result: object) -> None:
        assert isinstance(result, ExampleCrops)
        if self._stale():
            return
        panel = self.features_panel()
        panel.dictionary.set_examples(result.layer, result.channel, result.crops[:DICTIONARY_EXAMPLES])
        shown = (panel.card.layer(), panel.card.channel.value()) == (result.layer, result.channel)
        if shown and result.count == SHOWN_EXAMPLES:
            panel.examples.show_crops(result.layer, result.channel, result.crops, result.captions, result.problems)

    def _dictionary_done(self, result: object) -> None:
        assert isinstance(result, Dictionary)
        if self._stale():
            return
        if result.key != self.current_key:
            return
        panel = self.features_panel()
        self._dictionary_layer = result.layer
        panel.dictionary.show_dictionary(result.layer, result.row, result.col, result.crop, result.map_size,
                                         result.entries, result.region)
        values = panel.card.settings()
        self._thumbs_pending = []  # the rows of an earlier spot are gone
        self._crops_pending = [c for c in self._crops_pending if c[2] != DICTIONARY_EXAMPLES]
        for channel, _activation in result.entries:
            if not self._open_cached(result.layer, channel, values):
                self._thumbs_pending.append((result.layer, channel, values))
            if self.examples_index is not None:
                self._crops_pending.append((result.layer, channel, DICTIONARY_EXAMPLES))
        if not self._features_shown():
            return
        panel.pages.setCurrentWidget(panel.dictionary)

    def _features_progress(self, event: Any) -> bool:
        """A picture's step, a mosaic tile or the examples pass's count; False for other events."""
        if isinstance(event, PictureStep):
            if self._card_job == (event.layer, event.channel):
                self.features_panel().card.show_step(event.done, event.total, event.preview)
            return True
        if isinstance(event, BranchTile):
            panel = self.features_panel()
            panel.put_tile(event.layer, event.channel, event.tile, event.done, event.total)
            panel.card.show_status(translate("FeatureSlots", "Branch mosaic: {done} of {total} channels…").format(
                done=event.done, total=event.total))
            return True
        if isinstance(event, ExamplesStep):
            self.features_panel().examples.show_progress(event.done, event.total)
            self.set_status(translate("FeatureSlots", "Dataset examples: {done} of {total} images…").format(
                done=event.done, total=event.total))
            return True
        return False

    def _features_stopped(self, kind: Any, message: str, cancelled: bool = False) -> None:
        """A job of the tab failed or was cancelled: its buttons and words say so."""
        if not self.features_tab.is_built:
            return
        panel = self.features_panel()
        if kind in PICTURE_KINDS:
            self._card_job = None if kind is JobKind.VISUALIZE else self._card_job
            panel.card.running(False)
            panel.card.show_status(message)
        if kind is JobKind.EXAMPLES:
            panel.examples.running(False)
            panel.examples.show_stopped(message)
        if kind is JobKind.DICTIONARY:
            self._dictionary_for = None if cancelled else self._dictionary_for
