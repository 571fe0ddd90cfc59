"""The Posts tree's model by post: sections, one row per family, its language files below."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel

from editor.core.workspace import PostEntry
from editor.core.workspace.families import Family, SiteFamilies
from editor.core.workspace.family_view import Arranger, FamilyQuery, Section, is_draft
from editor.ui.family_rows import Shape, build_rows, post_rows, rows_shape

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
FILE_ROLE = Qt.ItemDataRole.UserRole + 2
ERROR_ROLE = Qt.ItemDataRole.UserRole + 3
SORT_ROLE = Qt.ItemDataRole.UserRole + 4
BADGES_ROLE = Qt.ItemDataRole.UserRole + 5  # [(lang, present)] in the site's language order
DRAFT_ROLE = Qt.ItemDataRole.UserRole + 6
FAMILY_ROLE = Qt.ItemDataRole.UserRole + 7  # the family's key, on family rows

# More changed families than this in one change: one reset is cheaper than their signals.
IN_PLACE_LIMIT = 200

Index = QModelIndex | QPersistentModelIndex


def post_label(entry: PostEntry) -> str:
    """The title a post row shows: its title, else its file name."""
    return entry.title.strip() if entry.title and entry.title.strip() else entry.path.stem


def _file_label(entry: PostEntry) -> str:
    if entry.lang_source == "folder":
        return f"{entry.path.parent.name}/{entry.path.name}"
    return entry.path.name


@dataclass
class PreparedRows:
    """What a worker readies for set_site: the families arranged and, when their rows take
    another shape than the model's, the items of that shape."""

    arranger: Arranger
    version: int  # the arrangement these rows were made for
    shape: Shape | None = None  # None: the change only refreshes rows in place
    rows: QStandardItem | None = None


class FamilyModel(QStandardItemModel):
    """Families of a site, sorted and filtered by a FamilyQuery, grouped by section.

    The rows are Qt items (family_rows); which family a row shows, and its text, come from
    the arranged sections kept here. An index's internalId() is the address of its parent
    item, which names the list it is in: a section's families, or the sections.
    """

    rebuilt = Signal()  # new rows under a new root index (the view shows root_index())

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._site = SiteFamilies()
        self._arranger = Arranger(self._site)
        self._query = FamilyQuery()
        self._prefer: tuple[str, ...] = ()
        self._sections: list[Section] = []
        self._section_of: dict[str, int] = {}  # section name -> s
        self._version = 0  # the arranger's arrangement shown
        self._grouped = False
        self._shape: Shape | None = None  # the shape of the items
        self._lists: dict[int, int] = {}  # internalId of a family row -> its section s
        self._sections_id = -1  # internalId of a section row

    # -- content --------------------------------------------------------------------------

    @property
    def site(self) -> SiteFamilies:
        """The families this model shows (before filtering)."""
        return self._site

    @property
    def query(self) -> FamilyQuery:
        """The sort and filter in effect."""
        return self._query

    def prepare(self, site: SiteFamilies) -> PreparedRows:
        """Worker: site arranged for the current sort and filter, and its rows, for set_site.

        It reads the model's arranger, query and shape as they are now; should they change
        before set_site, set_site does again on the UI thread what no longer fits.
        """
        arranger = Arranger(site, self._arranger)
        sections = arranger.arrange(self._query, self._prefer)
        prepared = PreparedRows(arranger, arranger.version)
        if (
            site.multilingual == self._site.multilingual
            and arranger.replaced_since(self._version) is not None
        ):
            return prepared
        prepared.shape = rows_shape(sections, arranger.sections > 1, site.multilingual)
        if prepared.shape != self._shape:
            prepared.rows = build_rows(prepared.shape)
        return prepared

    def set_site(self, site: SiteFamilies, prepared: PreparedRows | None = None) -> bool:
        """Show these families (a new index version); True when that took a model reset.

        When the rows keep their order and their children, the changed families' rows are
        refreshed in place (dataChanged): the view keeps its layout, expansion and scroll.
        prepared (from prepare(site)) spares the UI thread the sorting and the rows.
        """
        multilingual = self._site.multilingual
        self._site = site
        if prepared is None or prepared.arranger.families is not site:
            prepared = PreparedRows(Arranger(site, self._arranger), 0)
        self._arranger = prepared.arranger
        sections = self._arranger.arrange(self._query, self._prefer)
        if self._arranger.version != prepared.version:
            # Arranged again here (the sort changed since prepare): its rows do not fit.
            prepared = PreparedRows(self._arranger, self._arranger.version)
        # Worked out by the arranger from the families the regroup touched: no walk over
        # every row here, on the UI thread.
        replaced = self._arranger.replaced_since(self._version)
        if site.multilingual != multilingual or replaced is None or len(replaced) > IN_PLACE_LIMIT:
            self._rebuild(sections, prepared.shape, prepared.rows)
            prepared.rows = None  # the model's now: no second reference to its items
            return True
        self._sections = sections
        self._version = self._arranger.version
        for name, row in replaced:
            index = self.index(row, 0, self._list_parent(self._section_of[name]))
            self.dataChanged.emit(index, index)
            children = self.rowCount(index)
            if children:
                last = self.index(children - 1, 0, index)
                self.dataChanged.emit(self.index(0, 0, index), last)
        return False

    def set_query(self, query: FamilyQuery) -> None:
        """Sort and filter by query."""
        if query != self._query:
            self._query = query
            self._rebuild()

    def set_prefer(self, prefer: Sequence[str]) -> None:
        """Show titles in these languages first (the open post's, then the source's)."""
        prefer = tuple(prefer)
        if prefer != self._prefer:
            self._prefer = prefer
            self._rebuild()

    def shown_families(self) -> list[Family]:
        """The families shown, in display order."""
        return [family for section in self._sections for family in section.families]

    def root_index(self) -> QModelIndex:
        """The hidden item the rows hang from: the view's root index."""
        return self.index(0, 0)

    def section_index(self, s: int) -> QModelIndex:
        """The row of section s (when the site has several)."""
        return self.index(s, 0, self.root_index())

    def family_index(self, key: str) -> QModelIndex:
        """The row of a family, or an invalid index when it is filtered out."""
        place = self._arranger.place(key)
        if place is None:
            return QModelIndex()
        return self.index(place[1], 0, self._list_parent(self._section_of[place[0]]))

    def post_index(self, path: Path) -> QModelIndex:
        """The row of a post (its family row on a one-language site)."""
        family = self._site.of(path)
        if family is None:
            return QModelIndex()
        parent = self.family_index(family.key)
        if not parent.isValid() or not self._has_children(family):
            return parent
        rows = [p.path for p in family.posts]
        target = Path(path).absolute()
        if target not in rows:
            return QModelIndex()
        return self.index(rows.index(target), 0, parent)

    def family_at(self, index: Index) -> Family | None:
        """The family of a family row or of one of its post rows."""
        if not index.isValid():
            return None
        s = self._lists.get(index.internalId())
        if s is not None:
            return self._sections[s].families[index.row()]
        if self._is_section(index):
            return None
        parent = index.parent()
        s = self._lists.get(parent.internalId()) if parent.isValid() else None
        return self._sections[s].families[parent.row()] if s is not None else None

    def entry_at(self, index: Index) -> PostEntry | None:
        """The post of a post row (or of a family row without children)."""
        family = self.family_at(index)
        if family is None:
            return None
        if index.internalId() not in self._lists:
            return family.posts[index.row()]
        return None if self._has_children(family) else family.posts[0]

    def section_rows(self) -> range:
        """The rows of sections under the root (none when the site has one section)."""
        return range(len(self._sections)) if self._grouped else range(0)

    def is_section(self, index: Index) -> bool:
        """True for a section (collection folder) row."""
        return index.isValid() and self._is_section(index)

    # -- QAbstractItemModel ---------------------------------------------------------------
    # index(), parent(), rowCount(), hasChildren() and flags() are the items' own (C++):
    # the view calls them for every row on each layout.

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        s = self._lists.get(index.internalId())
        if s is not None:
            return self._family_data(self._sections[s].families[index.row()], role)
        if self._is_section(index):
            return self._section_data(self._sections[index.row()], role)
        family = self.family_at(index)
        if family is None:
            return None  # the hidden root
        return self._post_data(family.posts[index.row()], role)

    # -- internals ------------------------------------------------------------------------

    def _rebuild(
        self,
        sections: list[Section] | None = None,
        shape: Shape | None = None,
        rows: QStandardItem | None = None,
    ) -> None:
        """Show the arranger's arrangement: the same items when its shape is the same."""
        if sections is None:
            sections = self._arranger.arrange(self._query, self._prefer)
        grouped = self._arranger.sections > 1
        if shape is None:
            shape = rows_shape(sections, grouped, self._site.multilingual)
        if shape == self._shape:
            self.beginResetModel()
            self._show(sections, grouped)
            self.endResetModel()
        else:
            self._lists, self._sections_id = {}, -1  # no row names a family until rows exist
            self.clear()
            self.appendRow(rows if rows is not None else build_rows(shape))
            self._shape = shape
            self._show(sections, grouped)
        self.rebuilt.emit()

    def _show(self, sections: list[Section], grouped: bool) -> None:
        self._sections, self._grouped = sections, grouped
        self._version = self._arranger.version
        self._section_of = {section.name: s for s, section in enumerate(sections)}
        root = self.root_index()
        self._sections_id = self.index(0, 0, root).internalId() if grouped else -1
        self._lists = {}
        for s in range(len(sections)):
            first = self.index(0, 0, self._list_parent(s))
            if first.isValid():
                self._lists[first.internalId()] = s

    def _list_parent(self, s: int) -> QModelIndex:
        """The row whose children are section s's families."""
        return self.section_index(s) if self._grouped else self.root_index()

    def _is_section(self, index: Index) -> bool:
        return self._grouped and index.internalId() == self._sections_id

    def _has_children(self, family: Family) -> bool:
        # One-language sites show plain posts; a family with two files of one language
        # (a stray copy) still lists both.
        return post_rows(family, self._site.multilingual) > 0

    def _section_data(self, section: Section, role: int) -> Any:
        name = section.name.rpartition("/")[2] or section.name or "(root)"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{section.name or '(root)'}: {len(section.families)} posts"
        return None

    def _badges(self, family: Family) -> list[tuple[str, bool]]:
        if not self._site.multilingual:
            return []
        present = set(family.languages)
        return [
            (lang, lang in present)
            for lang in self._site.languages
            if lang in present or lang in family.missing
        ]

    def _family_data(self, family: Family, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return family.title(self._prefer)
        if role == FILE_ROLE:
            return family.slug
        if role == FAMILY_ROLE:
            return family.key
        if role == BADGES_ROLE:
            return self._badges(family)
        if role == DRAFT_ROLE:
            return is_draft(family)
        if role == ERROR_ROLE:
            return next((p.error for p in family.posts if p.error), None)
        if role == PATH_ROLE and not self._has_children(family):
            return str(family.posts[0].path)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return self._family_description(family)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{family.title(self._prefer)}, {self._family_description(family)}"
        return None

    def _family_description(self, family: Family) -> str:
        lines = [family.slug]
        if self._site.multilingual:
            lines.append("languages: " + (" ".join(family.languages) or "none"))
            lines.extend(f"{lang} missing" for lang in family.missing)
        drafts = [p.lang or p.path.name for p in family.posts if p.draft]
        if drafts:
            lines.append("draft: " + " ".join(drafts))
        errors = [p for p in family.posts if p.error]
        lines.extend(f"{p.rel_path}: {p.error}" for p in errors)
        return "\n".join(lines)

    def _post_data(self, entry: PostEntry, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return post_label(entry)
        if role == PATH_ROLE:
            return str(entry.path)
        if role == FILE_ROLE:
            return _file_label(entry)
        if role == ERROR_ROLE:
            return entry.error
        if role == DRAFT_ROLE:
            return entry.draft
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{entry.rel_path}\n{entry.error}" if entry.error else entry.rel_path
        if role == Qt.ItemDataRole.AccessibleTextRole:
            lang = f"{entry.lang}: " if entry.lang else ""
            return f"{lang}{post_label(entry)}{', draft' if entry.draft else ''}"
        return None
