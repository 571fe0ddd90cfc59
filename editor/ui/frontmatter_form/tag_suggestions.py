"""The line under the tags: what a just-added tag is called in each sibling language."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.workspace.family_tags import SiblingTag

SUGGESTION_STYLE = "color: palette(placeholder-text);"


class TagSuggestionLine(QWidget):
    """`‘웹접근성’ → ja: ウェブ… · en: web-… · zh: no known translation`, [Add to siblings] ×.

    Non-modal: it only appears after a tag was added, and typing goes on in the tag field.
    """

    def __init__(
        self,
        add: Callable[[Sequence[SiblingTag]], None] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._add = add
        self._planned: list[SiblingTag] = []
        self.tag = ""
        # The label above the buttons: a narrow form would otherwise break a CJK tag in two.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet(SUGGESTION_STYLE)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("tag translations for sibling languages")
        self.add_button = QPushButton("Add to siblings")
        self.add_button.setAccessibleName("add the tag to the sibling posts")
        self.add_button.clicked.connect(self._add_clicked)
        self.dismiss_button = QToolButton()
        self.dismiss_button.setText("×")
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.setAccessibleName("dismiss tag translations")
        self.dismiss_button.setToolTip("Hide the suggestion")
        self.dismiss_button.clicked.connect(self.dismiss)
        layout.addWidget(self.label)
        layout.addLayout(buttons)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        self.hide()

    def show_plan(self, tag: str, planned: Sequence[SiblingTag]) -> None:
        """Show what each sibling would get for tag (nothing to show: hide)."""
        self.tag = tag
        self._planned = list(planned)
        if not self._planned:
            self.dismiss()
            return
        parts = []
        for item in self._planned:
            if item.tag is None:
                parts.append(f"{item.lang}: no known translation")
            else:
                parts.append(f"{item.lang}: {item.tag}")
        self.label.setText(f"‘{tag}’ → " + " · ".join(parts))
        alternatives = [
            f"{item.lang}: also {', '.join(item.others)}" for item in self._planned if item.others
        ]
        tip = f"Translations of “{tag}” learned from the site's other posts"
        self.label.setToolTip("\n".join([tip, *alternatives]))
        known = any(item.tag is not None for item in self._planned)
        self.add_button.setVisible(self._add is not None)
        self.add_button.setEnabled(known)
        self.show()

    def planned(self) -> list[SiblingTag]:
        """What the line offers now."""
        return list(self._planned)

    def dismiss(self) -> None:
        """Hide the line and forget its plan."""
        self._planned = []
        self.tag = ""
        self.hide()

    def _add_clicked(self) -> None:
        planned = [item for item in self._planned if item.tag is not None]
        if self._add is not None and planned:
            self._add(planned)
        self.dismiss()
