"""The worker's user-visible words (job labels, progress lines, error lines) are made in the window's language.

In English here (the shipped catalogue is filled later): each text is complete after a
language change, with its numbers and names put in by name.
"""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication, QEvent

from googlenet_gui.core.jobs import CancelToken


def _language_changed() -> None:
    from googlenet_gui.ui.i18n.language import switcher

    switcher.apply("en")
    QCoreApplication.sendEvent(QCoreApplication.instance(), QEvent(QEvent.Type.LanguageChange))


def test_model_job_lines_and_labels_are_the_same_words(qapp):
    from googlenet_gui.ui.work.jobs import load_model_job, loading_label, move_model_job, moving_label

    _language_changed()
    assert loading_label(None) == "Loading default weights"
    assert loading_label("pets.pth") == "Loading pets.pth"
    assert moving_label("cpu") == "Moving the model to cpu"
    assert next(load_model_job("pets.pth", "cpu")(CancelToken())) == "Loading pets.pth…"
    assert next(move_model_job(SimpleNamespace(), "cuda:1")(CancelToken())) == "Moving the model to cuda:1…"


def test_progress_and_error_lines_carry_their_numbers(qapp):
    from googlenet_gui.ui.work.explain_jobs import ImportanceProgress, OcclusionStep
    from googlenet_gui.ui.work.runner import error_message

    _language_changed()
    assert OcclusionStep(0, 3, 49).status == "Occlusion sensitivity: 3 of 49 patches…"
    progress = ImportanceProgress(0, SimpleNamespace(done=5, total=36))
    assert progress.status == "Branch importance: 5 of 36 branches…"
    assert error_message(MemoryError()).startswith("Out of memory")
    assert error_message(ValueError("bad\nmore")) == "Unexpected error (ValueError: bad); details are in the log."
