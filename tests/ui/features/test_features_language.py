"""The Features tab follows a language switch: static texts, the shown results' words, and back to English."""

from __future__ import annotations

import numpy as np

from googlenet_gui.core.jobs import result_of
from googlenet_gui.ui.features.panel import build_panel_in_pieces
from tests.ui.helpers import texts_across_a_switch

COUNTS = {"inception4c": 512, "inception4c.1x1": 160, "inception4c.3x3": 224, "inception4c.5x5": 64,
          "inception4c.pool_proj": 64}


def _working(qtbot):
    """The panel with a picture forming, a mosaic started, an examples pass done and a dictionary listed."""
    panel = result_of(build_panel_in_pieces())
    qtbot.addWidget(panel)
    panel.set_model(COUNTS)
    panel.card.select("inception4c.3x3", 7)
    panel.card.show_step(10, 256, None)
    panel.start_mosaic("inception4c.3x3", 224, 8)
    panel.put_tile("inception4c.3x3", 0, np.zeros((8, 8, 3), np.uint8), 1, 224)
    panel.examples.show_ready(120, ["bad.png"], cached=False)
    panel.examples.show_pending("inception4c.3x3", 7)
    crop = np.zeros((32, 32, 3), np.uint8)
    panel.dictionary.show_dictionary("inception4c", 3, 4, crop, (8, 8), [(5, 2.5)], (0, 0, 8, 8))
    return panel


def _texts(panel) -> dict[str, str]:
    card, examples, dictionary = panel.card, panel.examples, panel.dictionary
    return {"tab": panel.pages.tabText(0), "branch": card.branch.itemText(0), "label": card.labels[0].text(),
            "button": card.visualize.text(), "status": card.status.text(), "mosaic": panel.mosaic.caption.text(),
            "examples": examples.status.text(), "pending": examples.title.text(), "choose": examples.choose.text(),
            "caption": dictionary.caption.text(), "title": dictionary.title.text(),
            "row": dictionary.rows[("inception4c", 5)].text.text()}


def test_a_language_switch_resets_static_and_result_texts_and_back(qtbot):
    panel = _working(qtbot)
    english, switched = texts_across_a_switch(qtbot, lambda: _texts(panel))
    assert english["status"] == "Optimising: step 10 of 256…" and english["branch"] == "module output (512)"
    assert switched["tab"] == "[Mosaic]" and switched["branch"] == "[module output] (512)"
    assert switched["label"] == "[Channel:]" and switched["button"] == "[Visualise]"
    assert switched["status"] == "[Optimising: step 10 of 256…]"
    assert switched["mosaic"] == "[inception4c.3x3: 1 of 224 channels · click a tile to open it]"
    assert switched["examples"] == ("[120 images recorded · click a channel anywhere to see its top images]"
                                    "[ · 1 skipped: bad.png]")
    assert switched["pending"] == "[inception4c.3x3 · channel 7: reading its top images…]"
    assert switched["choose"] == "[Choose folder…]"
    assert switched["caption"].startswith("[inception4c: map 8×8")
    assert switched["title"] == "[Strongest channels at row 3, column 4]"
    assert switched["row"] == "[channel 5]\n2.5"
