"""The ONNX Runtime preparer's status labels and reasons are made in the window's language."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtCore import QCoreApplication, QEvent, QObject


def test_the_preparers_labels_and_reason_are_whole_after_a_language_change(qapp):
    from googlenet_gui.ui.accel.graph_prep import GraphPreparer
    from googlenet_gui.ui.i18n.language import switcher

    switcher.apply("en")
    QCoreApplication.sendEvent(QCoreApplication.instance(), QEvent(QEvent.Type.LanguageChange))
    owner = QObject()
    preparer = GraphPreparer(owner)
    reasons: list[str] = []
    preparer.gave_up.connect(reasons.append)
    step = preparer.next_job(SimpleNamespace(loaded=object()))
    assert step.label == "Checking for an ONNX Runtime graph"
    step.on_done((None, None))  # planned: no graph for this model, no reason given
    assert reasons == ["not available"] and preparer.note == "PyTorch (not available)"
