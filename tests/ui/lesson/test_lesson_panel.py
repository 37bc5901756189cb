"""Help > Lesson: every step drives its view (tab, module, branch, head, Table 1 rows); the language switch."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from googlenet_gui.core.network.spec import INCEPTION_NAMES
from googlenet_gui.ui.work.jobs import ImageSource
from tests.ui.helpers import wait_all_done

HANGUL = re.compile("[\uac00-\ud7a3]")


def _open_lesson(qtbot, window, images):
    window.add_images([ImageSource.path(str(images[0]))])
    wait_all_done(qtbot, window)
    qtbot.waitUntil(lambda: window.bundle.ops is not None and window.view is not None, timeout=60_000)
    controller = window.open_lesson()
    qtbot.waitUntil(lambda: controller.panel.lesson is not None, timeout=10_000)
    return controller


def test_every_step_drives_its_view(qtbot, window, images):
    controller = _open_lesson(qtbot, window, images)
    panel = controller.panel
    seen = []
    for index in range(len(panel.lesson.steps)):
        with qtbot.waitSignal(panel.step_changed, timeout=5_000):
            panel.go(index)
        step = panel.current_step()
        target = step.target
        seen.append(step.key)
        page = {"explorer": window.explorer, "explain": window.explain_tab, "ops": window.ops_view}[target.tab]
        assert window.tabs.currentWidget() is page, step.key
        if target.layer:
            assert window.explorer.current_layer() == target.layer, step.key
        if target.branch:
            assert window.explorer.channel_view.current[0] == target.branch
        if target.unit_field:
            assert window.explorer.unit is not None and window.explorer.unit[0] == target.layer
        if target.head:
            assert window.explain_panel().request()[0] == target.head, step.key
        if target.rows:
            selected = {window.ops_view.rows[i.row()].name for i in window.ops_view.table.selectionModel().selectedRows()}
            assert selected == set(target.rows), step.key
        assert panel.table.rowCount() == len(step.rows) and panel.title.text()
    assert seen == ["stem", "module", "every_module", "branches", "atlas", "receptive", "aux", "gap", "table1"]
    assert set(panel.lesson.step("every_module").target.rows) == set(INCEPTION_NAMES)
    assert panel.lesson.step("aux").target.head == "aux1"
    wait_all_done(qtbot, window)


def test_keys_and_language(qtbot, window, images):
    controller = _open_lesson(qtbot, window, images)
    panel = controller.panel
    panel.go(0)
    assert not panel.previous.isEnabled() and panel.next.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    if panel.index == 0:  # offscreen, a window without focus may not get the shortcut: the button does the same
        panel.next.click()
    assert panel.index == 1
    english = panel.body.toPlainText()
    panel.set_language("ko")
    korean = panel.body.toPlainText()
    assert korean != english and HANGUL.search(korean) and HANGUL.search(panel.title.text())
    assert panel.next.text() == "다음 ▶"
    # Aux step names what each head says about the current image, in Korean too.
    panel.go(6)
    assert "현재 이미지에 대한 예측" in panel.body.toPlainText()
    panel.set_language("en")
    assert "On the current image" in panel.body.toPlainText()
    wait_all_done(qtbot, window)


def test_lesson_waits_for_a_model(qtbot):
    from googlenet_gui.ui.window.main_window import MainWindow

    win = MainWindow(device="cpu")
    qtbot.addWidget(win)
    controller = win.open_lesson()
    assert controller.panel.lesson is None and "model" in controller.panel.body.toPlainText()
    assert not controller.panel.next.isEnabled()
    win.close()


def test_closed_lesson_leaves_the_tabs_alone(qtbot, window, images, other_checkpoint):
    controller = _open_lesson(qtbot, window, images)
    controller.dock.close()
    window.show_tab("model")
    with qtbot.waitSignal(window.model_changed, timeout=60_000):
        window.load_model(str(other_checkpoint))
    qtbot.waitUntil(lambda: window.bundle.ops is not None, timeout=60_000)
    assert window.tabs.currentWidget() is window.model_panel
    window.open_lesson()
    assert controller.panel.lesson is not None and not controller.dock.isHidden()
    wait_all_done(qtbot, window)


def test_steps_drive_the_stage_while_presenting(qtbot, window, images):
    """On a projector the lesson moves the presentation stage to each step's view, and leaving restores the desk."""
    controller = _open_lesson(qtbot, window, images)
    panel = controller.panel
    window.actions_.toggle_presentation()
    presenter = window.actions_.presenter
    expected = {"explorer": window.explorer, "explain": window.explain_tab, "ops": window.ops_view}
    for index in range(len(panel.lesson.steps)):
        with qtbot.waitSignal(panel.step_changed, timeout=5_000):
            panel.go(index)
        assert window.presented is expected[panel.current_step().target.tab], panel.current_step().key
    window.actions_.toggle_presentation()
    assert presenter.stage is None and window.presented is None
    assert window.tabs.count() == 7 and window.tabs.indexOf(window.ops_view) >= 0  # every view back on its tab
    wait_all_done(qtbot, window)
