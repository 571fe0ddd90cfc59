"""A bar above the editor that tells the writer something and offers actions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class NoticeBar(QFrame):
    """Hidden until show_notice(); each action button hides the bar and runs its callback."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setStyleSheet(
            "#noticeBar { background: #fffbe6; border: 1px solid #d4b106; border-radius: 4px; }"
        )
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._label = QLabel()
        self._label.setWordWrap(True)
        self._layout.addWidget(self._label, 1)
        self._buttons: list[QPushButton] = []
        self.setAccessibleName("Notice")
        self.hide()

    def show_notice(self, text: str, actions: list[tuple[str, Callable[[], object]]]) -> None:
        """Show text with one button per (label, callback)."""
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        self._label.setText(text)
        for label, callback in actions:
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, cb=callback: self._act(cb))
            self._layout.addWidget(button)
            self._buttons.append(button)
        self.show()

    def _act(self, callback: Callable[[], object]) -> None:
        # The notice is answered: it goes before the action runs (which may show another).
        self.hide()
        callback()

    def text(self) -> str:
        """The notice shown (empty when hidden)."""
        return self._label.text() if self.isVisible() else ""
