"""View > Language reaches the Fine-tune tab: form, bar and charts are worded again, the status and
the matrix's epoch title survive."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from googlenet_gui.ui.i18n.language import switcher


def _switch(widget) -> None:
    switcher.apply("en")
    QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))


def test_a_language_switch_rewords_the_form_and_keeps_the_status(qtbot):
    from googlenet_gui.ui.training.panel import TrainingPanel

    panel = TrainingPanel(window=None)
    qtbot.addWidget(panel)
    try:
        assert panel.status.text() == "Choose data, then Start." and panel.balance_note.text() == "No data chosen yet."
        panel._on_cancelled()  # nothing saved yet: a status line made from words, worded again on a switch
        panel.options.train.setCurrentIndex(panel.options.train.findData("last"))
        _switch(panel)
        assert panel.status.text() == "Cancelled before the first epoch ended; nothing was saved."
        assert panel.balance_note.text() == "No data chosen yet."
        assert panel.options.train.currentData() == "last" and panel.options.train.currentText()
        assert panel.options.labels[0].text() == "Epochs" and panel.options.lr.specialValueText() == "auto"
        assert panel.run_bar.settings_button.text() == "◂ Settings" and panel.start_button.text() == "Start"
        assert [panel.balance.horizontalHeaderItem(i).text() for i in range(3)] == ["class", "train", "val"]
        assert panel.data_box.title() == "Data" and panel.options_box.title() == "Options"
    finally:
        panel.shutdown()


def test_the_charts_keep_their_titles_and_the_matrix_its_epoch(qtbot):
    from googlenet_gui.ui.training.charts import ConfusionView, CurvesView

    curves, confusion = CurvesView(), ConfusionView()
    for widget in (curves, confusion):
        qtbot.addWidget(widget)
    for _ in curves.build_pieces():
        pass
    confusion.show_matrix(np.array([[2, 0], [1, 3]]), ["a", "b"], 3, best=True)
    _switch(curves)
    _switch(confusion)
    assert curves.loss_plot.getPlotItem().titleLabel.text == "Loss (cross-entropy)"
    assert curves.acc_plot.getAxis("bottom").labelText == "epoch" and "batch" in curves.key.text()
    assert confusion.titles == ("Validation, best epoch (3)", "Best epoch (3)")
    assert confusion.plot.titleLabel.text in confusion.titles
    assert confusion.plot.getAxis("left").labelText == "true class" and confusion.note.text()
