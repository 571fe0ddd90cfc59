"""The Posts tree: the site's posts by post (one row per family, language badges) or by folder."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QContextMenuEvent, QMouseEvent
from PySide6.QtWidgets import QMenu, QTreeView, QWidget

from editor.core.workspace import PostEntry
from editor.core.workspace.changes import IndexDelta
from editor.core.workspace.families import Family, SiteFamilies, group_families
from editor.core.workspace.family_view import FamilyQuery
from editor.ui.folder_model import FolderModel
from editor.ui.posts_delegate import PostDelegate, badge_rects
from editor.ui.posts_model import (
    BADGES_ROLE,
    DRAFT_ROLE,
    ERROR_ROLE,
    FAMILY_ROLE,
    FILE_ROLE,
    PATH_ROLE,
    SORT_ROLE,
    FamilyModel,
    PreparedRows,
)

__all__ = [
    "BADGES_ROLE",
    "BY_FOLDER",
    "BY_POST",
    "DRAFT_ROLE",
    "ERROR_ROLE",
    "FAMILY_ROLE",
    "FILE_ROLE",
    "PATH_ROLE",
    "SORT_ROLE",
    "WorkspaceTree",
]

BY_POST = "post"
BY_FOLDER = "folder"

# A delta larger than this rebuilds the by-folder model in one go: thousands of single-row
# inserts (a git checkout) would stall the window far longer than one rebuild.
INCREMENTAL_LIMIT = 200

Index = QModelIndex | QPersistentModelIndex


class WorkspaceTree(QTreeView):
    """Lists the site's posts, by post or by folder; a click asks to open one."""

    postActivated = Signal(Path)
    createTranslationRequested = Signal(Path, str)
    viewChanged = Signal(str)
    siteChanged = Signal()  # new families (the pane refreshes its language filters)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setItemDelegate(PostDelegate(self))
        self.setAccessibleName("Posts")
        self.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self._roots: list[Path] = []
        self._entries: list[PostEntry] = []
        self._families = FamilyModel(self)
        self._folders: FolderModel | None = None  # built when first shown
        self._choice: str | None = None  # the user's view, else by the site's languages
        self._mode = ""
        self._open: Path | None = None
        self._expanded: set[str] = set()
        self._collapsed_sections: set[str] = set()
        self.expanded.connect(lambda index: self._note_expanded(index, True))
        self.collapsed.connect(lambda index: self._note_expanded(index, False))
        self.clicked.connect(self._activated)
        self.activated.connect(self._activated)
        self._families.rebuilt.connect(self._show_root)
        self._show_mode()

    # -- content --------------------------------------------------------------------------

    @property
    def family_model(self) -> FamilyModel:
        """The by-post model (sort, filter and the families shown)."""
        return self._families

    def set_entries(
        self,
        content_roots: list[Path],
        entries: list[PostEntry],
        families: SiteFamilies | None = None,
        prepared: PreparedRows | None = None,
    ) -> None:
        """Show these posts (their families grouped from them unless given, and prepared
        from them when prepare(families) gave that)."""
        self._roots = list(content_roots)
        self._entries = list(entries)
        self._expanded.clear()
        self._collapsed_sections.clear()
        self._open = None
        self._drop_folder_model()
        if families is None:
            families = group_families(entries)
        self._families.set_site(families, prepared)
        self._show_mode(force=True)
        self.siteChanged.emit()

    def prepare(self, families: SiteFamilies) -> PreparedRows:
        """Worker: the families arranged as the tree shows them, for apply_changes."""
        return self._families.prepare(families)

    def apply_changes(
        self,
        delta: IndexDelta,
        entries: list[PostEntry],
        families: SiteFamilies,
        prepared: PreparedRows | None = None,
    ) -> None:
        """Follow a batch of file changes: families regrouped in one reset, folders as needed.

        prepared is what prepare(families) gave, if anything.
        """
        self._entries = list(entries)
        multilingual = self._families.site.multilingual
        self._keeping_state(lambda: self._families.set_site(families, prepared))
        if self._folders is not None:
            if len(delta.updated) + len(delta.removed) > INCREMENTAL_LIMIT:
                self._drop_folder_model()
            else:
                for path in delta.removed:
                    self._folders.remove(path)
                for entry in delta.updated:
                    self._folders.upsert(entry)
        if multilingual != families.multilingual or not self._mode:
            self._show_mode(force=True)
        self.siteChanged.emit()

    def upsert(self, entry: PostEntry) -> None:
        """Add or refresh one post (both views)."""
        self.apply_changes(
            IndexDelta(updated=[entry]),
            [e for e in self._entries if e.path != entry.path] + [entry],
            group_families([e for e in self._entries if e.path != entry.path] + [entry]),
        )

    def remove(self, path: Path) -> None:
        """Remove one post (both views)."""
        rest = [e for e in self._entries if e.path != path]
        self.apply_changes(IndexDelta(removed=[path]), rest, group_families(rest))

    def select_path(self, path: Path) -> None:
        """Highlight the open post (by post: its family expanded to its language row)."""
        self._open = path
        if self._mode == BY_POST:
            entry = next((p for p in self._family_posts(path)), None)
            site = self._families.site
            prefer = [entry.lang] if entry is not None and entry.lang else []
            self._keeping_state(lambda: self._families.set_prefer([*prefer, *site.languages[:1]]))
            index = self._families.post_index(path)
        else:
            item = self._folders.item_for(path) if self._folders is not None else None
            index = item.index() if item is not None else QModelIndex()
        if index.isValid():
            if index.parent().isValid():
                self.expand(index.parent())
            self.setCurrentIndex(index)
            self.scrollTo(index)

    # -- views, sort and filter -----------------------------------------------------------

    def view_mode(self) -> str:
        """BY_POST or BY_FOLDER: the view shown."""
        return self._mode

    def set_view_choice(self, mode: str | None) -> None:
        """Show by post or by folder; None: by post when the site has several languages."""
        self._choice = mode
        self._show_mode()

    def set_query(self, query: FamilyQuery) -> None:
        """Sort and filter the by-post view."""
        self._keeping_state(lambda: self._families.set_query(query))

    # -- menus and mouse ------------------------------------------------------------------

    def family_menu(self, index: Index) -> QMenu | None:
        """The context menu of a family: open each language, create each missing one."""
        family = self._families.family_at(index) if self.model() is self._families else None
        if family is None:
            return None
        menu = QMenu(self)
        for post in family.posts:
            label = f"Open {post.lang}" if post.lang else f"Open {post.path.name}"
            menu.addAction(label, partial(self.postActivated.emit, post.path))
        if family.missing:
            menu.addSeparator()
        for lang in family.missing:
            menu.addAction(f"Create {lang} translation", partial(self._create, family, lang))
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.family_menu(self.indexAt(event.pos()))
        if menu is not None:
            menu.exec(event.globalPos())
            menu.deleteLater()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._badge_clicked(
            event.position().toPoint()
        ):
            event.accept()
            return
        super().mouseReleaseEvent(event)

    # -- internals ------------------------------------------------------------------------

    def _show_mode(self, *, force: bool = False) -> None:
        mode = self._choice or (BY_POST if self._families.site.multilingual else BY_FOLDER)
        if mode == self._mode and not force:
            return
        self._mode = mode
        if mode == BY_POST:
            self.setUniformRowHeights(True)  # every row is two lines: a quick layout
            self.setModel(self._families)
            self._show_root()
            self._restore_expansion()
        else:
            if self._folders is None:
                self._folders = FolderModel(self._roots, self)
                for entry in self._entries:
                    self._folders.upsert(entry)
            self.setUniformRowHeights(False)
            self.setModel(self._folders)
            self.expandToDepth(1)
        if self._open is not None:
            self.select_path(self._open)
        self.viewChanged.emit(mode)

    def _show_root(self) -> None:
        # The family rows hang from one hidden item; a model reset sets the view's root back
        # to the model's top.
        if self.model() is self._families:
            self.setRootIndex(self._families.root_index())

    def _drop_folder_model(self) -> None:
        # A new model rather than clear(): clearing one whose items Python still wraps
        # crashed PySide6 when a second workspace opened in the window.
        if self._folders is not None:
            old, self._folders = self._folders, None
            if self.model() is old:
                self.setModel(self._families)
                self._show_root()
            old.deleteLater()
            if self._mode == BY_FOLDER:
                self._mode = ""

    def _family_posts(self, path: Path) -> list[PostEntry]:
        family = self._families.site.of(path)
        return [p for p in family.posts if p.path == Path(path)] if family is not None else []

    def _keeping_state(self, change: object) -> None:
        """Run a change of the family model, keeping the current row, expansion and scroll.

        A change that returns False did not reset the model: nothing needs restoring.
        """
        shown = self.model() is self._families
        current = self.currentIndex() if shown else QModelIndex()
        path = current.data(PATH_ROLE)
        key = current.data(FAMILY_ROLE)
        scroll = self.verticalScrollBar().value()
        assert callable(change)
        if change() is False or not shown:
            return  # False: the model changed rows in place, the view kept its state
        self._restore_expansion()
        target = QModelIndex()
        if path:
            target = self._families.post_index(Path(path))
        elif key:
            target = self._families.family_index(key)
        if target.isValid():
            self.selectionModel().setCurrentIndex(
                target, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self.verticalScrollBar().setValue(scroll)

    def _restore_expansion(self) -> None:
        model = self._families
        blocked = self.blockSignals(True)  # restoring is not the user expanding
        try:
            for row in model.section_rows():
                index = model.section_index(row)
                self.setExpanded(index, index.data() not in self._collapsed_sections)
            for key in self._expanded:
                index = model.family_index(key)
                if index.isValid():
                    self.setExpanded(index, True)
        finally:
            self.blockSignals(blocked)

    def _note_expanded(self, index: QModelIndex, expanded: bool) -> None:
        if self.model() is not self._families:
            return
        if self._families.is_section(index):
            name = str(index.data())
            (self._collapsed_sections.discard if expanded else self._collapsed_sections.add)(name)
            return
        key = index.data(FAMILY_ROLE)
        if key:
            (self._expanded.add if expanded else self._expanded.discard)(key)

    def _create(self, family: Family, lang: str) -> None:
        self.createTranslationRequested.emit(self._sibling(family), lang)

    def _sibling(self, family: Family) -> Path:
        """The post a new translation is made from: the open post's language, else the first."""
        lang = self._open_lang()
        post = family.post(lang) if lang else None
        return (post or family.posts[0]).path

    def _open_lang(self) -> str | None:
        posts = self._family_posts(self._open) if self._open is not None else []
        return posts[0].lang if posts else None

    def _badge_clicked(self, pos: QPoint) -> bool:
        index = self.indexAt(pos)
        badges: list[tuple[str, bool]] = index.data(BADGES_ROLE) or []
        family = self._families.family_at(index) if self.model() is self._families else None
        if not badges or family is None or index.data(FAMILY_ROLE) is None:
            return False
        rects = badge_rects(self.visualRect(index), [lang for lang, _ in badges], self.font())
        for (lang, present), rect in zip(badges, rects, strict=True):
            if not rect.contains(pos):
                continue
            post = family.post(lang)
            if present and post is not None:
                self.postActivated.emit(post.path)
            else:
                menu = QMenu(self)
                menu.addAction(f"Create {lang} translation", partial(self._create, family, lang))
                menu.popup(self.viewport().mapToGlobal(rect.bottomLeft()))
            return True
        return False

    def _activated(self, index: Index) -> None:
        path = index.data(PATH_ROLE)
        if path:
            self.postActivated.emit(Path(path))
            return
        family = self._families.family_at(index) if self.model() is self._families else None
        if family is not None and family.posts:
            lang = self._open_lang()
            post = family.post(lang) if lang else None
            self.postActivated.emit((post or family.posts[0]).path)
