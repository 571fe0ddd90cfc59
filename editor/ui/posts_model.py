"""The Posts tree's model by post: sections, one row per family, its language files below."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from editor.core.workspace import PostEntry
from editor.core.workspace.families import Family, SiteFamilies
from editor.core.workspace.family_view import Arranger, FamilyQuery, Section, is_draft

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
FILE_ROLE = Qt.ItemDataRole.UserRole + 2
ERROR_ROLE = Qt.ItemDataRole.UserRole + 3
SORT_ROLE = Qt.ItemDataRole.UserRole + 4
BADGES_ROLE = Qt.ItemDataRole.UserRole + 5  # [(lang, present)] in the site's language order
DRAFT_ROLE = Qt.ItemDataRole.UserRole + 6
FAMILY_ROLE = Qt.ItemDataRole.UserRole + 7  # the family's key, on family rows

# internalId of an index names its parent: 0 = the root, 1 + s = section s,
# POST_BASE + g = the g-th family shown. No Python object per row: rebuilding for 20,000
# posts is a few lists, not 25,000 wrappers.
POST_BASE = 1 << 24
# More changed families than this in one change: one reset is cheaper than their signals.
IN_PLACE_LIMIT = 200
# Rows of one list (a section's families) the view gets after a reset, and then per
# fetchMore as it scrolls: a QTreeView lays out every row it knows on each reset, calling
# this Python model for each (a third of a second for a 15,000-family section). A reset
# gives a few screens; scrolling fetches in larger steps, since each fetch lays out again
# every row fetched so far.
FIRST_CHUNK = 200
FETCH_CHUNK = 1000

Index = QModelIndex | QPersistentModelIndex


def post_label(entry: PostEntry) -> str:
    """The title a post row shows: its title, else its file name."""
    return entry.title.strip() if entry.title and entry.title.strip() else entry.path.stem


def _file_label(entry: PostEntry) -> str:
    if entry.lang_source == "folder":
        return f"{entry.path.parent.name}/{entry.path.name}"
    return entry.path.name


class FamilyModel(QAbstractItemModel):
    """Families of a site, sorted and filtered by a FamilyQuery, grouped by section."""

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
        self._start: list[int] = [0]  # section s -> g of its first family (g: row overall)
        self._top = 0  # rows at the top level: sections, or families when ungrouped
        self._fetched: list[int] = []  # section s -> rows given to the view (s=0: ungrouped)

    # -- content --------------------------------------------------------------------------

    @property
    def site(self) -> SiteFamilies:
        """The families this model shows (before filtering)."""
        return self._site

    @property
    def query(self) -> FamilyQuery:
        """The sort and filter in effect."""
        return self._query

    def prepare(self, site: SiteFamilies) -> Arranger:
        """Worker: site arranged for the current sort and filter, ahead of set_site.

        It reads the model's arranger, query and languages as they are now; should they
        change before set_site, set_site arranges again, on the UI thread.
        """
        arranger = Arranger(site, self._arranger)
        arranger.arrange(self._query, self._prefer)
        return arranger

    def set_site(self, site: SiteFamilies, prepared: Arranger | None = None) -> bool:
        """Show these families (a new index version); True when that took a model reset.

        When the rows keep their order and their children, the changed families' rows are
        refreshed in place (dataChanged): the view keeps its layout, expansion and scroll.
        prepared (from prepare(site)) spares the UI thread the sorting.
        """
        multilingual = self._site.multilingual
        self._site = site
        if prepared is None or prepared.families is not site:
            prepared = Arranger(site, self._arranger)
        self._arranger = prepared
        sections = self._arranger.arrange(self._query, self._prefer)
        # Worked out by the arranger from the families the regroup touched: no walk over
        # every row here, on the UI thread.
        replaced = self._arranger.replaced_since(self._version)
        if site.multilingual != multilingual or replaced is None or len(replaced) > IN_PLACE_LIMIT:
            self._rebuild(sections)
            return True
        self._sections = sections
        self._version = self._arranger.version
        for name, row in replaced:
            section = self._section_of[name]
            if row >= self._fetched[section]:
                continue  # not given to the view yet: it asks when it gets there
            index = self.createIndex(row, 0, 1 + section if self._grouped else 0)
            self.dataChanged.emit(index, index)
            children = self.rowCount(index)
            if children:
                g = self._start[section] + row
                first = self.createIndex(0, 0, POST_BASE + g)
                self.dataChanged.emit(first, self.createIndex(children - 1, 0, POST_BASE + g))
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

    def family_index(self, key: str) -> QModelIndex:
        """The row of a family, or an invalid index when it is filtered out."""
        place = self._arranger.place(key)
        if place is None:
            return QModelIndex()
        section, row = self._section_of[place[0]], place[1]
        self._expose(section, row + 1)
        return self.createIndex(row, 0, 1 + section if self._grouped else 0)

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
        ident = index.internalId()
        if ident >= POST_BASE:
            return self._family(ident - POST_BASE)
        if self._is_section(index):
            return None
        return self._family(self._global(index))

    def entry_at(self, index: Index) -> PostEntry | None:
        """The post of a post row (or of a family row without children)."""
        family = self.family_at(index)
        if family is None:
            return None
        if index.internalId() >= POST_BASE:
            return family.posts[index.row()]
        return None if self._has_children(family) else family.posts[0]

    def section_rows(self) -> range:
        """The top-level rows that are sections (none when the site has one section)."""
        return range(self._top) if self._grouped else range(0)

    def is_section(self, index: Index) -> bool:
        """True for a section (collection folder) row."""
        return index.isValid() and self._is_section(index)

    # -- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # The view calls this for every row on each layout: the top level comes first.
        if not parent.isValid():
            if column == 0 and 0 <= row < self._top:
                return self.createIndex(row, 0, 0)
            return QModelIndex()
        if column != 0 or row < 0:
            return QModelIndex()
        ident = parent.internalId()
        if ident == 0 and self._grouped:  # a section: its families
            section = parent.row()
            if row < self._fetched[section]:
                return self.createIndex(row, 0, 1 + section)
            return QModelIndex()
        if ident >= POST_BASE:
            return QModelIndex()
        g = self._global(parent)
        family = self._family(g)
        if row < len(family.posts) and self._has_children(family):
            return self.createIndex(row, 0, POST_BASE + g)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        ident = index.internalId()
        if ident == 0:
            return QModelIndex()
        if ident < POST_BASE:
            return self.createIndex(ident - 1, 0, 0)
        g = ident - POST_BASE
        section = bisect_right(self._start, g) - 1
        return self.createIndex(g - self._start[section], 0, 1 + section if self._grouped else 0)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return self._top > 0
        # Called for every row on each layout: no column check (index() makes column 0 only).
        ident = parent.internalId()
        if ident >= POST_BASE:
            return False
        if ident == 0 and self._grouped:
            return True  # a section is shown only with families in it
        return self._site.multilingual or self.rowCount(parent) > 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return self._top
        if parent.column() != 0:
            return 0
        if self._is_section(parent):
            return self._fetched[parent.row()]
        if parent.internalId() >= POST_BASE:
            return 0
        family = self._family(self._global(parent))
        return len(family.posts) if self._has_children(family) else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def canFetchMore(self, parent: Index) -> bool:
        section = self._list_of(parent)
        return section is not None and self._fetched[section] < self._list_size(section)

    def fetchMore(self, parent: Index) -> None:
        section = self._list_of(parent)
        if section is not None:
            self._expose(section, self._fetched[section] + FETCH_CHUNK)

    # No flags(): the base class's (enabled and selectable) is what every row needs, and
    # a Python override is called twice per row on each layout, a quarter of its time.

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if self._is_section(index):
            return self._section_data(self._sections[index.row()], role)
        family = self.family_at(index)
        assert family is not None
        if index.internalId() >= POST_BASE:
            return self._post_data(family.posts[index.row()], role)
        return self._family_data(family, role)

    # -- internals ------------------------------------------------------------------------

    def _rebuild(self, sections: list[Section] | None = None) -> None:
        """Reset to the arranger's arrangement: a few values per section, none per row."""
        self.beginResetModel()
        self._sections = (
            sections if sections is not None else self._arranger.arrange(self._query, self._prefer)
        )
        self._version = self._arranger.version
        self._section_of = {section.name: s for s, section in enumerate(self._sections)}
        self._grouped = self._arranger.sections > 1
        self._start = [0]
        for section in self._sections[:-1]:
            self._start.append(self._start[-1] + len(section.families))
        if self._grouped:
            self._top = len(self._sections)
            self._fetched = [min(len(section.families), FIRST_CHUNK) for section in self._sections]
        else:
            size = len(self._sections[0].families) if self._sections else 0
            self._fetched = [min(size, FIRST_CHUNK)]
            self._top = self._fetched[0]
        self.endResetModel()

    def _list_of(self, parent: Index) -> int | None:
        """The section whose families are parent's rows (0 for the ungrouped top level)."""
        if not parent.isValid():
            return None if self._grouped or not self._fetched else 0
        if self._is_section(parent):
            return parent.row()
        return None

    def _list_size(self, section: int) -> int:
        return len(self._sections[section].families) if self._sections else 0

    def _expose(self, section: int, rows: int) -> None:
        """Give the view at least `rows` rows of a section (all it has, at most)."""
        rows = min(rows, self._list_size(section))
        have = self._fetched[section]
        if rows <= have:
            return
        parent = self.createIndex(section, 0, 0) if self._grouped else QModelIndex()
        self.beginInsertRows(parent, have, rows - 1)
        self._fetched[section] = rows
        if not self._grouped:
            self._top = rows
        self.endInsertRows()

    def _is_section(self, index: Index) -> bool:
        return self._grouped and index.internalId() == 0

    def _family(self, g: int) -> Family:
        section = bisect_right(self._start, g) - 1
        return self._sections[section].families[g - self._start[section]]

    def _global(self, index: Index) -> int:
        ident = index.internalId()
        return self._start[ident - 1] + index.row() if self._grouped else index.row()

    def _has_children(self, family: Family) -> bool:
        # One-language sites show plain posts; a family with two files of one language
        # (a stray copy) still lists both.
        return self._site.multilingual or len(family.posts) > 1

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
