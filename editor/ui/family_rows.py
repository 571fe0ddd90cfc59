"""The Posts tree's rows as Qt items, so that the view lays them out without calling Python.

A QTreeView asks its model, on every layout, for the index and the children of each row it
shows: a model written in Python answers 30,000 such calls for 15,000 families (40 ms,
longer while other threads hold the GIL). These rows are QStandardItems instead, whose
index(), parent() and hasChildren() are C++; the FamilyModel keeps the text in Python and
answers data() for the few rows painted.

Under one hidden root item (the view's root index), the rows are the sections when the site
has several, else the families directly; each family with post rows has that many empty
rows below it. Only a family that has children is a real item: the other rows, and every
post row, are empty slots, which cost a pointer each.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QStandardItem, QStandardItemModel

from editor.core.workspace.families import Family
from editor.core.workspace.family_view import Section

# Whether the rows are grouped by section, and each section's families' post row counts.
Shape = tuple[bool, tuple[tuple[int, ...], ...]]


def post_rows(family: Family, multilingual: bool) -> int:
    """The rows below a family: its posts on a multilingual site, else only a stray copy's."""
    count = len(family.posts)
    return count if multilingual or count > 1 else 0


def rows_shape(sections: Sequence[Section], grouped: bool, multilingual: bool) -> Shape:
    """The shape of these sections' rows: two arrangements with one shape share their items."""
    return grouped, tuple(
        tuple(post_rows(family, multilingual) for family in section.families)
        for section in sections
    )


def build_rows(shape: Shape) -> QStandardItem:
    """The hidden root item of rows of this shape, detached: any thread may build it.

    Built through a scratch model, whose insertRows() makes each item in C++: no Python
    wrapper per family stays alive with the rows.
    """
    grouped, sections = shape
    scratch = QStandardItemModel()
    scratch.setColumnCount(1)
    scratch.insertRows(0, 1)
    root = scratch.index(0, 0)
    if grouped:
        _insert(scratch, root, len(sections))
        lists = [scratch.index(s, 0, root) for s in range(len(sections))]
    else:
        lists = [root]
    index, insert_columns, insert_rows = scratch.index, scratch.insertColumns, scratch.insertRows
    for parent, counts in zip(lists, sections, strict=False):
        _insert(scratch, parent, len(counts))
        for row, count in enumerate(counts):
            if count:
                family = index(row, 0, parent)
                insert_columns(0, 1, family)
                insert_rows(0, count, family)
    return scratch.takeRow(0)[0]


def _insert(model: QStandardItemModel, parent: QModelIndex, rows: int) -> None:
    if rows:
        model.insertColumns(0, 1, parent)  # an item made by insertRows has no column yet
        model.insertRows(0, rows, parent)
