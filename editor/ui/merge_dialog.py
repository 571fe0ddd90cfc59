"""The dialog that resolves a merge's conflicts: mine | theirs side by side, then a result."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.core.merge import Conflict, MergeResult

_REMOVED = "(removed on this side)"


def _pane(name: str, editable: bool = False) -> QPlainTextEdit:
    pane = QPlainTextEdit()
    pane.setReadOnly(not editable)
    pane.setAccessibleName(name)
    pane.setPlaceholderText(_REMOVED if not editable else "(nothing: the lines are removed)")
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(max(font.pointSize(), 11))
    # CJK glyphs come from the system's fallback fonts (fonts-noto-cjk on Linux).
    font.setStyleHint(QFont.StyleHint.Monospace)
    pane.setFont(font)
    pane.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    return pane


def _titled(title: str, pane: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(title)
    label.setBuddy(pane)
    layout.addWidget(label)
    layout.addWidget(pane, 1)
    return box


class MergeDialog(QDialog):
    """Shows each conflict (mine | theirs, base on demand) and collects a resolution for it."""

    def __init__(self, result: MergeResult, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Merge changes from disk — {name}")
        self.setAccessibleName("Merge changes from disk")
        self.resize(1100, 640)
        self._result = result
        self._conflicts: list[Conflict] = result.conflicts
        # Mine is where each conflict starts: nothing is lost until the writer picks theirs.
        self._resolutions = [conflict.mine for conflict in self._conflicts]
        self._showing = -1

        changes = f"{result.changes} change{'' if result.changes == 1 else 's'}"
        places = len(self._conflicts)
        intro = QLabel(
            f"{name} changed on disk while you edited it. Postdesk merged {changes} from "
            f"disk; {places} place{'' if places == 1 else 's'} changed differently on both "
            "sides. For each, use yours, the version on disk, or edit the result."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Conflicts")
        self.list.setMaximumWidth(220)
        for conflict in self._conflicts:
            self.list.addItem(f"{conflict.where} — mine")
        self.heading = QLabel()
        self.heading.setAccessibleName("Conflict")
        self.mine = _pane("Your version")
        self.theirs = _pane("Version on disk")
        self.base = _pane("Last read version")
        self.result_pane = _pane("Result", editable=True)
        self.use_mine = QPushButton("Use &mine")
        self.use_mine.setAccessibleName("Use mine")
        self.use_theirs = QPushButton("Use &theirs")
        self.use_theirs.setAccessibleName("Use theirs")
        self.show_base = QCheckBox("Show the &last read version (base)")
        self.show_base.setAccessibleName("Show base")

        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(_titled("Yours (unsaved)", self.mine))
        sides.addWidget(_titled("On disk", self.theirs))
        self._base_box = _titled("Last read (base)", self.base)
        sides.addWidget(self._base_box)
        self._base_box.hide()
        choose = QHBoxLayout()
        choose.addWidget(self.use_mine)
        choose.addWidget(self.use_theirs)
        choose.addStretch(1)
        choose.addWidget(self.show_base)
        detail = QVBoxLayout()
        detail.addWidget(self.heading)
        detail.addWidget(sides, 3)
        detail.addLayout(choose)
        detail.addWidget(_titled("Result", self.result_pane), 2)
        middle = QHBoxLayout()
        middle.addWidget(self.list)
        middle.addLayout(detail, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Apply merge")
        ok.setAccessibleName("Apply merge")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addWidget(buttons)

        self.list.currentRowChanged.connect(self._show)
        self.use_mine.clicked.connect(lambda: self._take(self._conflicts[self._showing].mine))
        self.use_theirs.clicked.connect(lambda: self._take(self._conflicts[self._showing].theirs))
        self.show_base.toggled.connect(self._base_box.setVisible)
        self.result_pane.textChanged.connect(self._edited)
        if self._conflicts:
            self.list.setCurrentRow(0)

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self._conflicts):
            return
        self._showing = row
        conflict = self._conflicts[row]
        kind = "frontmatter field" if conflict.key is not None else "text at"
        self.heading.setText(
            f"Conflict {row + 1} of {len(self._conflicts)}: {kind} {conflict.where}"
        )
        self.mine.setPlainText(conflict.mine)
        self.theirs.setPlainText(conflict.theirs)
        self.base.setPlainText(conflict.base)
        self.result_pane.setPlainText(self._resolutions[row])

    def _take(self, text: str) -> None:
        self.result_pane.setPlainText(text)

    def _edited(self) -> None:
        if self._showing < 0:
            return
        self._resolutions[self._showing] = self.result_pane.toPlainText()
        label = self.list.item(self._showing)
        conflict = self._conflicts[self._showing]
        text = self._resolutions[self._showing]
        side = (
            "mine" if text == conflict.mine else "theirs" if text == conflict.theirs else "edited"
        )
        label.setText(f"{conflict.where} — {side}")

    def show_conflict(self, row: int) -> None:
        """Show the conflict at row (0-based)."""
        self.list.setCurrentRow(row)

    def resolutions(self) -> list[str]:
        """The text chosen for each conflict, in order."""
        return list(self._resolutions)

    def merged_text(self) -> str:
        """The merged post with every conflict resolved as the dialog shows."""
        return self._result.resolve(self._resolutions)

    def ask(self) -> str | None:
        """Run the dialog; the merged text, or None when the writer cancels."""
        return self.merged_text() if self.exec() == QDialog.DialogCode.Accepted else None
