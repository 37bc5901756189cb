"""The main window's ``File > Export report``: the current image's HTML report as a worker job.

A mixin of :class:`~googlenet_gui.ui.window.main_window.MainWindow`, kept apart so the window
stays readable.  The report is built by :mod:`googlenet_gui.core.report` on the window's one
worker (the scheduler's ``REPORT`` kind, right after a model load): the GUI thread only asks
for the path and shows the result.
"""

from __future__ import annotations

from googlenet_gui.core.network.spec import DEFAULT_LAYER, INCEPTION_NAMES

from googlenet_gui.ui.i18n import translate
from googlenet_gui.ui.i18n.language import switcher
from googlenet_gui.ui.work.jobs import ImageSource, report_job
from googlenet_gui.ui.work.scheduler import JobKind, Scheduled


def no_report_yet() -> str:
    """Why File > Export report has nothing to export yet (said in the banner)."""
    return translate("ReportSlots", "Load a model and select an image before exporting a report.")


class ReportSlots:
    """Needs the window's ``bundle``, ``entries``, ``current_key``, ``explorer``, ``schedule``,
    ``show_message`` and the ``report_saved`` signal."""

    def _init_report(self) -> None:
        self._pending_report: tuple[ImageSource, str, str] | None = None  # (image, module, path)

    def report_source(self) -> ImageSource | None:
        """The image a report would show: the selected one, once a model is loaded (else None)."""
        entry = self.entries.get(self.current_key) if self.current_key is not None else None
        return entry.source if self.bundle is not None and entry is not None else None

    def report_layer(self) -> str:
        """The explorer's module when it is an Inception module, else the default one."""
        layer = self.explorer.current_layer()
        return layer if layer in INCEPTION_NAMES else DEFAULT_LAYER

    def request_report(self, path: str) -> None:
        """Queue the report of the selected image at the explorer's module, saved at ``path``."""
        source = self.report_source()
        if source is None:
            self.show_message("info", no_report_yet())
            return
        self._pending_report = (source, self.report_layer(), path)
        self.schedule()

    def _report_job(self) -> Scheduled | None:
        if self.bundle is None or self._pending_report is None:
            return None
        (source, layer, path), self._pending_report = self._pending_report, None
        job = report_job(self.bundle.loaded, source, layer, path, lang=switcher.current)
        return Scheduled(JobKind.REPORT, job,
                         translate("ReportSlots", "Writing the report of {image}").format(image=source.short_name),
                         self._report_written)

    def _report_written(self, path: object) -> None:
        """Said in the banner too: the status bar moves on to the next job at once."""
        self.show_message("info", translate("ReportSlots", "Report saved: {path}").format(path=path))
        self.report_saved.emit(str(path))
