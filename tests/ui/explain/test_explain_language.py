"""The Explain tab follows a language switch: static texts, the shown results' words, and back to English."""

from __future__ import annotations

import numpy as np
import pytest

from googlenet_gui.core.explain.ablation import BranchImportance
from googlenet_gui.core.network.spec import BRANCH_NAMES, INCEPTION_NAMES
from tests.ui.helpers import texts_across_a_switch
from tests.ui.views.test_explain_view import CROP, head_results, made_up_atlas, panel  # noqa: F401 - the fixture


@pytest.fixture
def explaining(panel):  # noqa: F811 - the imported fixture
    """The panel with an atlas, one branch switched off and branch importance half done."""
    panel.show_atlas(np.full((CROP, CROP, 3), 120, np.uint8), made_up_atlas(), head_results())
    panel.ablation.buttons["inception4c.3x3"].setChecked(True)
    drops = np.full((len(INCEPTION_NAMES), len(BRANCH_NAMES), 3), np.nan, np.float32)
    drops[:5] = 0.1
    heads = ("main", "aux1", "aux2")
    result = BranchImportance(INCEPTION_NAMES, BRANCH_NAMES, heads, dict.fromkeys(heads, 2), drops, 20)
    panel.show_importance(result, finished=False)
    return panel


def _texts(panel) -> dict[str, str]:
    return {"tab": panel.pages.tabText(0), "head": panel.head.itemText(0), "label": panel.control_labels[0].text(),
            "caption": panel.caption.text(), "cell": panel.cell.choice.itemText(0),
            "detail": panel.cell.detail.text(), "summary": panel.ablation.summary.text(),
            "toggle": panel.ablation.buttons["inception4c.3x3"].text(), "table": panel.ablation.tables["main"].text(),
            "status": panel.importance.status.text(), "button": panel.importance.run_button.text(),
            "key": panel.importance.key.text()}


def test_a_language_switch_resets_static_and_result_texts_and_back(qtbot, explaining):
    english, switched = texts_across_a_switch(qtbot, lambda: _texts(explaining))
    assert english["summary"] == "ablated: inception4c.3x3" and english["status"] == "20 of 36 branches"
    assert switched["tab"] == "[CAM atlas]" and switched["head"] == "[Main head]"
    assert switched["label"] == "[Head:]" and switched["cell"] == "[atlas cell]"
    assert switched["caption"].startswith("[[Main head] · “bird” (60%)")  # the format and the head title
    assert switched["detail"].startswith("[peak at row")
    assert switched["summary"] == "[ablated: inception4c.3x3]" and switched["toggle"] == "[off]"
    assert "[unablated]" in switched["table"] and "[computing…]" in switched["table"]
    assert switched["status"] == "[20 of 36 branches]" and switched["button"] == "[Branch importance]"
    assert "[Main&nbsp;head]:&nbsp;bird" in switched["key"]  # colour_key keeps each entry on one line
