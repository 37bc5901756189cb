"""Bar labels fall back to a compact form instead of overlapping (ops charts at 1280x800)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest

from googlenet_gui.ui.widgets.axis_labels import BarLabels, labels_fit
from googlenet_gui.ui.views.ops_view import compact_layer_name

NAMES = ["conv1", "conv2", "conv3", "3a", "3b", "4a", "4b", "4c", "4d", "4e", "5a", "5b", "fc", "aux1", "aux2"]


def _bar_plot(qtbot, width: int) -> pg.PlotWidget:
    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    plot.addItem(pg.BarGraphItem(x=np.arange(len(NAMES)), height=np.ones(len(NAMES)), width=0.6))
    plot.resize(width, 200)
    plot.show()
    qtbot.waitExposed(plot)
    plot.autoRange()  # what OpsView does once its bars are set
    return plot


def test_narrow_bars_get_compact_names_and_wide_ones_the_names(qtbot):
    plot = _bar_plot(qtbot, 420)
    labels = BarLabels(plot.getPlotItem(), compact_layer_name)
    labels.set_names(NAMES)
    assert not labels_fit(plot.getPlotItem(), NAMES)
    assert labels.shown[:3] == ["c1", "c2", "c3"] and labels.shown[-2:] == ["a1", "a2"]
    assert [text for _, text in plot.getAxis("bottom")._tickLevels[0]] == labels.shown
    plot.resize(1600, 200)  # a resize chooses again
    qtbot.waitUntil(lambda: labels.shown == NAMES)
    assert [text for _, text in plot.getAxis("bottom")._tickLevels[0]] == NAMES


def test_no_labels_always_fit(qtbot):
    plot = _bar_plot(qtbot, 100)
    assert labels_fit(plot.getPlotItem(), [])


def test_too_narrow_even_for_compact_names_labels_every_other_bar(qtbot):
    """pyqtgraph would blank every label of a crowded axis (its 80% fill rule)."""
    plot = _bar_plot(qtbot, 200)
    labels = BarLabels(plot.getPlotItem(), compact_layer_name)
    labels.set_names(NAMES)
    assert labels.shown[0::2] == [compact_layer_name(name) for name in NAMES[0::2]]
    assert set(labels.shown[1::2]) == {""}
    assert plot.getAxis("bottom").style["textFillLimits"] == [(0, 0.98)]


def test_the_layer_picker_shortens_the_stem_instead_of_eliding_it(qtbot):
    """At 1024 px the stem buttons read "c...1", "p...1"."""
    from googlenet_gui.ui.views.module_picker import ModulePicker

    picker = ModulePicker()
    qtbot.addWidget(picker)
    full_width = picker.sizeHint().width()
    picker.resize(full_width - 120, 60)
    picker.show()
    qtbot.waitExposed(picker)
    assert picker.compact and picker._buttons["conv1"].text() == "c1" and picker._buttons["maxpool2"].text() == "p2"
    assert picker._buttons["inception4c"].text() == "4c" and "conv1" in picker._buttons["conv1"].toolTip()
    picker.resize(full_width + 40, 60)
    qtbot.waitUntil(lambda: not picker.compact)
    assert picker._buttons["conv1"].text() == "conv1"


@pytest.mark.parametrize("width", [1200, 820])
def test_the_layer_picker_keeps_the_aux_taps_and_arrows_with_presentation_fonts(qtbot, width):
    """With presentation fonts at 1024 px its captions set the window's minimum width to 1244 px;
    eliding them instead once turned "↓ aux1" into "↓ …" and blanked every arrow."""
    from PySide6.QtGui import QFont

    from googlenet_gui.ui.widgets.eliding_label import ElidingLabel
    from googlenet_gui.ui.views.module_picker import ModulePicker

    picker = ModulePicker()
    qtbot.addWidget(picker)
    font = QFont(picker.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    picker.setFont(font)
    assert picker.minimumSizeHint().width() <= 820
    picker.resize(width, 90)
    picker.show()
    qtbot.waitExposed(picker)
    shown = [label.displayed_text() for label in picker.findChildren(ElidingLabel)]
    assert shown.count("↓ aux1") == 1 and shown.count("↓ aux2") == 1
    assert "…" not in "".join(shown) and shown.count("→") >= 10
    assert {"28×28", "14×14", "7×7"} <= {text.split(" · ")[-1] for text in shown}


def test_an_eliding_label_shortens_then_elides_and_relayouts_only_for_new_text(qtbot):
    from googlenet_gui.ui.widgets.eliding_label import ElidingLabel

    label = ElidingLabel("different top-1 from main · top-5 overlap 0%", short="top-1 ≠ main · 0%")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    label.resize(1000, 30)
    assert label.displayed_text() == label.text() and not label.toolTip()
    label.resize(label.minimumSizeHint().width(), 30)
    assert label.displayed_text() == "top-1 ≠ main · 0%" and label.text() in label.toolTip()
    label.resize(40, 30)
    assert label.displayed_text().endswith("…")
    geometry_updates: list[int] = []
    label.updateGeometry = lambda: geometry_updates.append(1)  # what setText asks of the layout
    label.setText("different top-1 from main · top-5 overlap 0%", short="top-1 ≠ main · 0%")
    assert geometry_updates == []  # the same text again: nothing to lay out or repaint
    label.setText("same top-1 as main · top-5 overlap 80%", short="top-1 = main · 80%")
    assert geometry_updates == [1]
    label.resize(1000, 30)
    assert label.displayed_text() == "same top-1 as main · top-5 overlap 80%"


@pytest.mark.parametrize(("width", "scale"), [(1600, 1.0), (820, 1.6)])
def test_the_stage_captions_are_all_whole_or_all_short(qtbot, width, scale):
    """A projector showed "stage 4 · 14×14" next to a bare "28×28" (issue #26)."""
    from PySide6.QtGui import QFont

    from googlenet_gui.ui.views.module_picker import ModulePicker
    from googlenet_gui.ui.widgets.eliding_label import ElidingLabel

    picker = ModulePicker()
    qtbot.addWidget(picker)
    font = QFont(picker.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    picker.setFont(font)
    picker.resize(width, 90)
    picker.show()
    qtbot.waitExposed(picker)
    captions = [label.displayed_text() for label in picker.findChildren(ElidingLabel) if "×" in label.text()]
    assert len(captions) == 3
    whole = [caption.startswith("stage") for caption in captions]
    assert all(whole) == (scale == 1.0) and not any(whole) == (scale != 1.0), captions  # one form for the row
