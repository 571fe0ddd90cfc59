"""Sibling switching: the bar and the side pane kept in step with the open post's family."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from editor.core.post.heading_match import match_line, section_map
from editor.core.workspace.families import Family, SiteFamilies
from editor.core.workspace.language_switch import beside_language
from editor.ui.language_bar import LanguageBar
from editor.ui.markdown_editor import MarkdownEditor
from editor.ui.tasks import TaskRunner
from editor.ui.translation_pane import TranslationPane


def _match(source_text: str, line: int, target_text: str) -> int:
    """Worker: the line of target_text at the heading that holds line of source_text."""
    return match_line(section_map(source_text), line, section_map(target_text)).line


class LanguageSwitcher(QObject):
    """Opens siblings at the same heading, and shows one beside the editor on request.

    The workspace groups the families off the UI thread each time the index changes; the
    bar shows the newest grouping.
    """

    besideShown = Signal(bool)  # the side pane opened (True) or closed
    switched = Signal(Path, int)  # a sibling was opened, its cursor put at this 0-based line

    def __init__(
        self,
        tasks: TaskRunner,
        editor: MarkdownEditor,
        current: Callable[[], Path | None],
        open_post: Callable[[Path], bool],
        bar: LanguageBar,
        pane: TranslationPane,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._editor = editor
        self._current = current
        self._open_post = open_post
        self._bar = bar
        self._pane = pane
        self._families = SiteFamilies()
        self._switch_generation = 0
        pane.hide()

    # -- the families ---------------------------------------------------------------------

    def set_families(self, families: SiteFamilies) -> None:
        """The index changed: show the new grouping (made by the workspace's worker)."""
        self._families = families
        self.post_opened()

    def family(self) -> Family | None:
        """The open post's family, as last grouped."""
        path = self._current()
        return self._families.of(path) if path is not None else None

    def post_opened(self, *_args: object) -> None:
        """Show the open post's languages; keep the side pane on a sibling of it."""
        path = self._current()
        family = self.family()
        self._bar.show_family(family, self._families.languages, path)
        if self._pane.isVisible():
            self._keep_pane_in_family(family, path)

    def _keep_pane_in_family(self, family: Family | None, path: Path | None) -> None:
        shown = self._pane.path
        if family is None or path is None:
            self.close_beside()
            return
        if shown != path and shown in {p.path for p in family.posts}:
            return
        lang = self._pane.lang if shown != path else None
        entry = family.post(lang) if lang is not None else None
        if entry is None or entry.path == path:
            lang = beside_language(family, path)
            entry = family.post(lang) if lang is not None else None
        if entry is None or entry.path == path:
            self.close_beside()
        elif entry.path != shown:
            self._pane.show_post(entry.path, entry.lang)

    # -- switching --------------------------------------------------------------------------

    def switch_to(self, target: Path) -> bool:
        """Open a sibling with the cursor at the heading the current cursor is under."""
        source_text = self._editor.text()
        line = self._editor.cursor_line()
        if not self._open_post(target):
            return False
        if self._current() != target.resolve():
            return False
        self._switch_generation += 1
        generation = self._switch_generation
        revision = self._editor.document().revision()
        target_text = self._editor.text()

        def place(found: int) -> None:
            stale = generation != self._switch_generation or self._current() != target.resolve()
            if stale or self._editor.document().revision() != revision:
                return  # another post, or the writer typed already: leave the cursor be
            self._editor.go_to_line(found + 1)
            self.switched.emit(target.resolve(), found)

        self._tasks.run(lambda: _match(source_text, line, target_text), place, owner=self)
        return True

    # -- side by side -----------------------------------------------------------------------

    def open_beside(self, lang: str | None = None) -> bool:
        """Show the family's post in lang (default: the source, or the next language) beside."""
        family, path = self.family(), self._current()
        if family is None or path is None:
            return False
        lang = lang or beside_language(family, path)
        entry = family.post(lang) if lang is not None else None
        if entry is None or entry.path == path:
            return False
        self._pane.show()
        self._pane.show_post(entry.path, entry.lang)
        self.besideShown.emit(True)
        return True

    def close_beside(self) -> None:
        """Close the side pane; the window restores its layout."""
        if self._pane.isHidden():
            return
        self._pane.hide()
        self._pane.clear()
        self.besideShown.emit(False)

    def edit_beside(self, path: Path) -> None:
        """Swap: the side pane's post goes to the editor, the editor's post to the pane."""
        old, old_entry = self._current(), None
        family = self.family()
        if family is not None and old is not None:
            old_entry = next((p for p in family.posts if p.path == old), None)
        if old is None or not self.switch_to(path):
            return
        self._pane.show_post(old, old_entry.lang if old_entry is not None else None)
