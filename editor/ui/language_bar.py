"""The language bar above the editor: the open post's languages, one click (or key) away."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from editor.core.workspace.families import Family
from editor.core.workspace.language_switch import (
    LanguageSlot,
    beside_language,
    language_label,
    language_slots,
    step_language,
)

# Alt+1..9 pick the nth language, as browsers pick the nth tab.
NUMBERED_LANGUAGES = 9

_STYLE = """
#languageBar QToolButton { padding: 1px 8px; border: 1px solid palette(mid); border-radius: 3px; }
#languageBar QToolButton:checked {
    background: palette(highlight); color: palette(highlighted-text);
    border-color: palette(highlight);
}
#languageBar QToolButton[missing="true"] {
    border: 1px dashed palette(dark); color: palette(dark); font-style: italic;
}
"""


class LanguageBar(QFrame):
    """One button per site language for the open post's family; hidden when there is none.

    A present language emits siblingRequested(path); a missing one emits
    createTranslationRequested(open post, language); Beside emits besideRequested(language).
    """

    siblingRequested = Signal(Path)
    createTranslationRequested = Signal(Path, str)
    besideRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languageBar")
        self.setAccessibleName("Languages of this post")
        self.setStyleSheet(_STYLE)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(4, 2, 4, 2)
        self._layout.setSpacing(4)
        self._caption = QLabel("Language:")
        self._caption.setEnabled(False)  # drawn greyed: a caption, not content
        self._layout.addWidget(self._caption)
        self._buttons: dict[str, QToolButton] = {}
        self._layout.addStretch(1)
        self.beside_button = QToolButton()
        self.beside_button.setText("Beside")
        self.beside_button.setAccessibleName("Open translation beside")
        self.beside_button.setToolTip("Open a translation beside this post (Ctrl+Alt+B)")
        self.beside_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self._beside_menu = QMenu(self.beside_button)
        self.beside_button.setMenu(self._beside_menu)
        self.beside_button.clicked.connect(self._beside_default)
        self._layout.addWidget(self.beside_button)

        self._family: Family | None = None
        self._current: Path | None = None
        self._slots: list[LanguageSlot] = []
        self.next_action = self._action("&Next Language", "Ctrl+Alt+PgDown", lambda: self.step(1))
        self.previous_action = self._action(
            "&Previous Language", "Ctrl+Alt+PgUp", lambda: self.step(-1)
        )
        self.beside_action = self._action(
            "Open Translation &Beside", "Ctrl+Alt+B", self._beside_default
        )
        self.number_actions = [
            self._action(f"Language &{n}", f"Alt+{n}", lambda n=n: self.choose(n - 1))
            for n in range(1, NUMBERED_LANGUAGES + 1)
        ]
        self.show_family(None, (), None)

    def _action(self, text: str, keys: str, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def menu_actions(self) -> list[QAction]:
        """The actions for the Go menu: next, previous, beside, then one per language."""
        return [self.next_action, self.previous_action, self.beside_action, *self.number_actions]

    # -- what it shows ----------------------------------------------------------------------

    def show_family(
        self, family: Family | None, site_languages: Sequence[str], current: Path | None
    ) -> None:
        """Show the languages of the open post's family; hide on a one-language site."""
        self._family, self._current = family, current
        show = family is not None and current is not None and len(site_languages) > 1
        self._slots = language_slots(family, site_languages, current) if show and family else []
        self._rebuild()
        self.setVisible(show)
        self._update_actions()

    def slots(self) -> list[LanguageSlot]:
        """The languages shown, in order."""
        return list(self._slots)

    def button(self, lang: str) -> QToolButton:
        """The button of a language (for tests and screen readers)."""
        return self._buttons[lang]

    def _rebuild(self) -> None:
        langs = [slot.lang for slot in self._slots]
        if list(self._buttons) != langs:
            for button in self._buttons.values():
                # Out of the layout now: deleteLater alone would leave it shown for a frame.
                self._layout.removeWidget(button)
                button.hide()
                button.deleteLater()
            self._buttons = {}
            for position, lang in enumerate(langs):
                button = QToolButton()
                button.setCheckable(True)
                button.setText(language_label(lang))
                button.setAccessibleName(language_label(lang))
                button.clicked.connect(lambda _checked=False, i=position: self.choose(i))
                self._layout.insertWidget(1 + position, button)
                self._buttons[lang] = button
        for position, slot in enumerate(self._slots):
            button = self._buttons[slot.lang]
            button.setChecked(slot.current)
            missing = slot.post is None
            if button.property("missing") != missing:
                button.setProperty("missing", missing)
                button.style().unpolish(button)
                button.style().polish(button)
            key = f"Alt+{position + 1}" if position < NUMBERED_LANGUAGES else ""
            if missing:
                tip = f"No {slot.lang} translation yet — click to create"
            elif slot.current:
                tip = f"{slot.post.name if slot.post else ''} (open)"
            else:
                tip = f"Open {slot.post.name if slot.post else ''} at the same heading"
            button.setToolTip(f"{tip} ({key})" if key else tip)
            button.setAccessibleDescription("missing" if missing else "")
        self._beside_menu.clear()
        for slot in self._slots:
            if slot.post is not None and not slot.current:
                action = self._beside_menu.addAction(language_label(slot.lang))
                action.triggered.connect(
                    lambda _c=False, lang=slot.lang: self.besideRequested.emit(lang)
                )

    def _update_actions(self) -> None:
        siblings = sum(1 for slot in self._slots if slot.post is not None) > 1
        for action in (self.next_action, self.previous_action, self.beside_action):
            action.setEnabled(siblings)
        self.beside_button.setEnabled(siblings)
        for position, action in enumerate(self.number_actions):
            slot = self._slots[position] if position < len(self._slots) else None
            action.setVisible(slot is not None)
            if slot is not None:
                state = " (missing — create)" if slot.post is None else ""
                action.setText(f"&{position + 1} {language_label(slot.lang)}{state}")
                action.setEnabled(not slot.current)

    # -- what it asks for -------------------------------------------------------------------

    def choose(self, position: int) -> None:
        """Act on the nth language: open it, or ask to create it when it is missing."""
        if not 0 <= position < len(self._slots) or self._current is None:
            return
        slot = self._slots[position]
        if slot.current:
            self._buttons[slot.lang].setChecked(True)  # a click does not uncheck the open one
        elif slot.post is None:
            self._buttons[slot.lang].setChecked(False)
            self.createTranslationRequested.emit(self._current, slot.lang)
        else:
            self._buttons[slot.lang].setChecked(False)  # checked once the post is open
            self.siblingRequested.emit(slot.post)

    def step(self, delta: int) -> None:
        """Open the next (delta 1) or previous (-1) language of the family."""
        if self._family is None or self._current is None:
            return
        target = step_language(self._family, self._current, delta)
        if target is not None:
            self.siblingRequested.emit(target)

    def _beside_default(self) -> None:
        if self._family is None or self._current is None:
            return
        lang = beside_language(self._family, self._current)
        if lang is not None:
            self.besideRequested.emit(lang)
