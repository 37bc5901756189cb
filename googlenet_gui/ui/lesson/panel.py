"""The lesson panel: a step's title, its words (large, for a projector), its numbers, and the way through.

Plain data in (a :class:`googlenet_gui.core.lesson.steps.Lesson`), a signal out
(``step_changed(step)``): the controller turns a step into tab switches, so this widget
never touches the window.

The lesson is read in the window's language (View > Language) unless the teacher picks
English or Korean for it in the panel: a Korean class can follow a window left in English.
The panel's own few words go with the lesson's language, not the window's.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QTextBrowser, QVBoxLayout, QWidget)

from googlenet_gui.core.lesson.steps import Lesson, Step, cell_text
from googlenet_gui.core.lesson.text import LANGUAGES as LESSON_LANGUAGES
from googlenet_gui.ui.i18n import Retranslatable
from googlenet_gui.ui.i18n.language import LANGUAGES, switcher
from googlenet_gui.ui.widgets.table_fit import fit_columns

#: The choice that follows the window's language (stored as such; "en"/"ko" are explicit choices).
WINDOW = "window"
#: The lesson's languages, each named in itself (as View > Language names them).
LANGUAGE_NAMES: dict[str, str] = {code: LANGUAGES.get(code, code) for code in LESSON_LANGUAGES}
#: The panel's own words, per language (the steps carry theirs).
LABELS: dict[str, dict[str, str]] = {
    "previous": {"en": "◀ Previous", "ko": "◀ 이전"},
    "next": {"en": "Next ▶", "ko": "다음 ▶"},
    "position": {"en": "Step {n} of {total}", "ko": "{total}단계 중 {n}단계"},
    "waiting": {"en": "The lesson appears once a model is loaded and its Table 1 is counted.",
                "ko": "모델을 불러오고 Table 1 계산이 끝나면 수업 내용이 나타납니다."},
}
#: Relative sizes (Qt rich text's keywords), so presentation mode's larger window font enlarges them too.
BODY_SIZE = "large"  # readable from the back of a classroom, small enough for a side panel
TITLE_SIZE = "x-large"
NAME_COLUMN_WIDTH = 110


class LessonPanel(Retranslatable, QWidget):
    """Emits ``step_changed(Step)`` when the teacher moves to a step (not when its text is redrawn),
    ``language_changed(choice)`` when the teacher picks the lesson's language (:data:`WINDOW`, or a code)."""

    step_changed = Signal(object)
    language_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lesson: Lesson | None = None
        self.index = 0
        self.choice = WINDOW
        self.lang = self._resolve(WINDOW)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.position = QLabel()
        self.language = QComboBox()
        self.language.addItem("", WINDOW)
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.previous = QPushButton()
        self.next = QPushButton()
        self._build_layout()
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self.language.currentIndexChanged.connect(self._on_language)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The combo's texts; a lesson that follows the window is redrawn in its new language."""
        # WHY one short word: the combo sets the dock's width, and the dock beside the stage already
        # made a 1024-px window wider; "Window language (English)" added 100 px.
        self.language.setItemText(0, self.tr("Auto"))
        self.language.setToolTip(self.tr("Language of the lesson text. Auto: the window's language "
                                         "(View > Language), now {language}").format(
            language=LANGUAGE_NAMES[self._resolve(WINDOW)]))
        self.lang = self._resolve(self.choice)
        self._render()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.position, 1)
        top.addWidget(self.language)
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous)
        buttons.addStretch(1)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 3)
        layout.addWidget(self.table, 2)
        layout.addLayout(buttons)

    # ------------------------------------------------------------------ public
    def set_lesson(self, lesson: Lesson | None) -> None:
        """New numbers (a model, an image): redrawn in place; the first lesson also drives its first step."""
        first = self.lesson is None and lesson is not None
        self.lesson = lesson
        if lesson is not None:
            self.index = min(self.index, len(lesson.steps) - 1)
        self._render()
        if first:
            self.step_changed.emit(self.current_step())

    def current_step(self) -> Step | None:
        return self.lesson.steps[self.index] if self.lesson is not None else None

    @Slot(int)
    def go(self, index: int) -> None:
        """Show step ``index`` (clamped) and drive its view."""
        if self.lesson is None:
            return
        self.index = max(0, min(index, len(self.lesson.steps) - 1))
        self._render()
        self.step_changed.emit(self.current_step())

    def step(self, offset: int) -> None:
        if self.lesson is not None and 0 <= self.index + offset < len(self.lesson.steps):
            self.go(self.index + offset)

    def set_language(self, choice: str) -> None:
        """Read the lesson in ``choice``: :data:`WINDOW` (the window's language) or a code (else ignored)."""
        where = self.language.findData(choice)
        if where >= 0:
            self.language.setCurrentIndex(where)

    # ---------------------------------------------------------------- internals
    @staticmethod
    def _resolve(choice: str) -> str:
        """The lesson language ``choice`` means now (the window's: English where it has no lesson text)."""
        lang = switcher.current if choice == WINDOW else choice
        return lang if lang in LANGUAGE_NAMES else "en"

    @Slot(int)
    def _on_language(self, _index: int) -> None:
        self.choice = self.language.currentData() or WINDOW
        self.lang = self._resolve(self.choice)
        self._render()
        self.language_changed.emit(self.choice)

    def _render(self) -> None:
        lang, step = self.lang, self.current_step()
        self.previous.setText(LABELS["previous"][lang])
        self.next.setText(LABELS["next"][lang])
        self.previous.setEnabled(step is not None and self.index > 0)
        self.next.setEnabled(step is not None and self.index < len(self.lesson.steps) - 1)
        if step is None:
            self.position.setText("")
            self.title.setText("")
            self.body.setHtml(_paragraphs(LABELS["waiting"][lang]))
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            return
        self.position.setText(LABELS["position"][lang].format(n=self.index + 1, total=len(self.lesson.steps)))
        self.title.setText(f"<span style='font-size:{TITLE_SIZE}; font-weight:600'>"
                           f"{html.escape(step.title[lang])}</span>")
        self.body.setHtml(_paragraphs(step.body[lang]))
        self._fill_table(step, lang)

    def _fill_table(self, step: Step, lang: str) -> None:
        columns = step.columns[lang]
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(list(columns))
        self.table.setRowCount(len(step.rows))
        for r, row in enumerate(step.rows):
            for c, cell in enumerate(row):
                item = QTableWidgetItem(cell_text(cell, lang))
                if isinstance(cell, (int, float)) or (isinstance(cell, str) and cell[:1].isdigit()):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(item.text())
                self.table.setItem(r, c, item)
        self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Columns fitted again for a new font (presentation mode), once the table has it.

        WHY: fitted for the desk font, the headers were cut ("eceptive") on the stage.
        """
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            QTimer.singleShot(0, self, self._fit_columns)  # with its context: never after the panel is gone

    def _fit_columns(self) -> None:
        fit_columns(self.table)
        # A long name column hid every number in the narrow dock: cap it, the tooltip has the rest.
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), NAME_COLUMN_WIDTH))


def _paragraphs(text: str) -> str:
    """Plain paragraphs as rich text at the projector size."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
    return f"<div style='font-size:{BODY_SIZE}'>{paragraphs}</div>"
