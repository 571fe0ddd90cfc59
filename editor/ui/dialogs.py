"""Modal questions the window asks, behind one object so tests can answer them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from editor.core.merge import MergeResult
from editor.ui.merge_dialog import MergeDialog
from editor.ui.new_post_dialog import (
    NewPostAnswer,
    NewPostForm,
    ask_new_post,
    ask_slug,
    confirm_list,
)


class UnsavedChoice(Enum):
    """What to do with unsaved edits."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class Dialogs:
    """The real dialogs; tests substitute an object with the same methods."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def ask_unsaved(self, name: str) -> UnsavedChoice:
        """Ask what to do with unsaved edits to name."""
        answer = QMessageBox.question(
            self.parent,
            "Unsaved changes",
            f"{name} has unsaved changes. Save them?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return UnsavedChoice.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return UnsavedChoice.DISCARD
        return UnsavedChoice.CANCEL

    def confirm_overwrite(self, name: str) -> bool:
        """Ask whether to overwrite a file another program changed since we loaded it."""
        answer = QMessageBox.warning(
            self.parent,
            "File changed on disk",
            f"{name} was changed by another program since you opened it.\n"
            "Overwrite it with your version?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def resolve_merge(self, name: str, result: MergeResult) -> str | None:
        """Let the writer resolve a merge's conflicts; the merged text, or None to cancel."""
        dialog = MergeDialog(result, name, self.parent)
        try:
            return dialog.ask()
        finally:
            dialog.deleteLater()

    def choose_folder(self, start: Path | None) -> Path | None:
        """Ask for a workspace folder."""
        folder = QFileDialog.getExistingDirectory(
            self.parent, "Open Folder", str(start) if start else ""
        )
        return Path(folder) if folder else None

    def choose_image(self, folder: Path) -> Path | None:
        """Ask for an image file, starting in the site's assets folder."""
        name, _filter = QFileDialog.getOpenFileName(
            self.parent,
            "Choose Image",
            str(folder),
            "Images (*.png *.jpg *.jpeg *.webp *.avif *.gif *.svg)",
        )
        return Path(name) if name else None

    def choose_export_file(self, suggested: Path) -> Path | None:
        """Ask where to write an HTML export (the dialog asks before replacing a file)."""
        name, _filter = QFileDialog.getSaveFileName(
            self.parent, "Export as HTML", str(suggested), "HTML files (*.html *.htm)"
        )
        return Path(name) if name else None

    def open_external(self, url: str) -> None:
        """Open a web link in the system's browser (the preview never navigates)."""
        QDesktopServices.openUrl(QUrl(url))

    def error(self, title: str, message: str) -> None:
        """Tell the writer something failed."""
        QMessageBox.critical(self.parent, title, message)

    def ask_new_post(self, form: NewPostForm) -> NewPostAnswer | None:
        """Ask the title, slug and languages of a new post (Ctrl+N)."""
        return ask_new_post(form, self.parent)

    def ask_new_slug(self, old: str, check: Callable[[str], str | None]) -> str | None:
        """Ask the new slug of a post."""
        return ask_slug(old, check, self.parent)

    def confirm_changes(self, title: str, text: str, items: Sequence[str], action: str) -> bool:
        """Show the list of files or lines an action changes; True to go ahead."""
        return confirm_list(self.parent, title, text, items, action)
