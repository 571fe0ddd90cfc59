"""The New Post dialog: title, slug (proposed from the title, checked as typed), languages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.workspace.slugs import propose_slug, slug_problem


@dataclass(frozen=True)
class NewPostForm:
    """What the dialog offers: the site's languages and sections, and how to check a slug."""

    languages: tuple[str, ...]
    sections: tuple[str, ...]
    section: str  # the one chosen at first (the open post's)
    taken: Callable[[str, str], str | None]  # (section, slug) -> where it exists already


@dataclass(frozen=True)
class NewPostAnswer:
    """What the writer chose."""

    title: str
    slug: str
    languages: tuple[str, ...]
    section: str


class NewPostDialog(QDialog):
    """Asks the title, the slug and the languages of a new post."""

    def __init__(self, form: NewPostForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New Post")
        self._form = form
        self._slug_edited = False
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("The post's title, in the first language")
        self.slug_edit = QLineEdit()
        self.slug_edit.setAccessibleName("Slug")
        self.slug_edit.setPlaceholderText("my-new-post")
        self.hint = QLabel()
        self.hint.setAccessibleName("Slug hint")
        self.hint.setWordWrap(True)
        # Room for two lines from the start: a longer hint must not be cut off or resize.
        self.hint.setMinimumHeight(self.hint.fontMetrics().lineSpacing() * 2 + 4)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.section_box = QComboBox()
        self.section_box.setAccessibleName("Section")
        self.section_box.addItems(list(form.sections))
        self.section_box.setCurrentText(form.section)
        self.language_boxes: dict[str, QCheckBox] = {}
        langs = QHBoxLayout()
        for lang in form.languages:
            box = QCheckBox(lang)
            box.setAccessibleName(f"Language {lang}")
            box.setChecked(True)
            box.toggled.connect(self._validate)
            self.language_boxes[lang] = box
            langs.addWidget(box)
        langs.addStretch(1)
        layout = QFormLayout()
        layout.addRow("&Title:", self.title_edit)
        layout.addRow("&Slug:", self.slug_edit)
        layout.addRow("", self.hint)
        if form.languages:
            layout.addRow("Languages:", langs)
        if len(form.sections) > 1:
            layout.addRow("S&ection:", self.section_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(layout)
        outer.addWidget(self.buttons)
        self.title_edit.textChanged.connect(self._title_changed)
        self.slug_edit.textEdited.connect(self._slug_typed)
        # Enter in the title goes on to the slug when one has to be typed (Han titles).
        self.title_edit.returnPressed.connect(self._title_done)
        self.section_box.currentTextChanged.connect(self._validate)
        self.resize(560, self.sizeHint().height())
        self._validate()

    def answer(self) -> NewPostAnswer:
        """The choices as they stand."""
        return NewPostAnswer(
            self.title_edit.text().strip(),
            self.slug_edit.text().strip(),
            tuple(lang for lang, box in self.language_boxes.items() if box.isChecked()),
            self.section_box.currentText() or self._form.section,
        )

    def _title_changed(self, title: str) -> None:
        if not self._slug_edited:
            proposal = propose_slug(title)
            self.slug_edit.setText(proposal.slug)
            if proposal.ask_reason and title.strip():
                self.slug_edit.setPlaceholderText("type the slug, e.g. my-new-post")
        self._validate()

    def _title_done(self) -> None:
        if not self.slug_edit.text():
            self.slug_edit.setFocus()

    def _slug_typed(self, text: str) -> None:
        self._slug_edited = bool(text)  # cleared: follow the title again
        self._validate()

    def _validate(self) -> None:
        answer = self.answer()
        problem = slug_problem(answer.slug)
        if problem is not None and not answer.slug:
            reason = propose_slug(answer.title).ask_reason if answer.title else ""
            problem = reason or "Type a title; the slug follows it."
        if problem is None:
            where = self._form.taken(answer.section, answer.slug)
            if where is not None:
                problem = f"A post with this slug exists: {where}"
        if problem is None and self._form.languages and not answer.languages:
            problem = "Choose at least one language."
        if problem is None and not answer.title:
            problem = "Type a title."
        self.hint.setText(
            problem
            or f"Creates {answer.slug}.md in {len(answer.languages) or 1} "
            f"language{'s' if len(answer.languages) != 1 else ''}."
        )
        self.hint.setStyleSheet("color: #b3261e;" if problem else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)


def ask_new_post(form: NewPostForm, parent: QWidget | None) -> NewPostAnswer | None:
    """Show the dialog; the answer, or None when cancelled."""
    dialog = NewPostDialog(form, parent)
    try:
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_slug(old: str, check: Callable[[str], str | None], parent: QWidget | None) -> str | None:
    """Ask the new slug of a post; check says why a slug is refused."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Rename Post")
    edit = QLineEdit(old)
    edit.setAccessibleName("New slug")
    hint = QLabel()
    hint.setAccessibleName("Slug hint")
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)

    def validate() -> None:
        slug = edit.text().strip()
        problem = "The slug is unchanged." if slug == old else slug_problem(slug) or check(slug)
        hint.setText(problem or "")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    edit.textChanged.connect(validate)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(f"New slug for ‘{old}’ (every language version is renamed):"))
    layout.addWidget(edit)
    layout.addWidget(hint)
    layout.addWidget(buttons)
    validate()
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return edit.text().strip() if accepted else None
    finally:
        dialog.deleteLater()


def confirm_list(
    parent: QWidget | None, title: str, text: str, items: Sequence[str], action: str
) -> bool:
    """Show a list of what will change; True when the writer confirms with action."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    listing = QPlainTextEdit("\n".join(items))
    listing.setReadOnly(True)
    listing.setAccessibleName("Changes")
    listing.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    label = QLabel(text)
    label.setWordWrap(True)
    layout.addWidget(label)
    layout.addWidget(listing, 1)
    layout.addWidget(buttons)
    dialog.resize(960, 420)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
