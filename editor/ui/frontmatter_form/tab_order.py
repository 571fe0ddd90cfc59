"""Tab order inside nested field editors: layout order, whatever order widgets were made in."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLayout, QLayoutItem, QWidget

from editor.ui.frontmatter_form.base import FieldWidget


def order_tab_chain(root: QWidget) -> None:
    """Make Tab visit root's editors in layout order, right after root itself.

    Widgets created after their neighbours join the end of the window's focus chain, and
    setTabOrder ignores widgets without focus, so field containers (the anchors a later
    rebuild chains from) take the focus policy for the time of the reordering.
    """
    widgets = [root, *_layout_widgets(root.layout())]
    lent = [(w, w.focusPolicy()) for w in widgets if not w.focusPolicy() & _TAB]
    for widget, _ in lent:
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
    for widget, policy in lent:
        widget.setFocusPolicy(policy)


_TAB = Qt.FocusPolicy.TabFocus


def _layout_widgets(layout: QLayout | None) -> list[QWidget]:
    """Tab stops and field containers under layout, in visual order."""
    if layout is None:
        return []
    items: list[QLayoutItem] = []
    if isinstance(layout, QFormLayout):
        roles = (
            QFormLayout.ItemRole.LabelRole,
            QFormLayout.ItemRole.FieldRole,
            QFormLayout.ItemRole.SpanningRole,
        )
        for row in range(layout.rowCount()):
            items.extend(item for role in roles if (item := layout.itemAt(row, role)))
    else:
        items = [item for i in range(layout.count()) if (item := layout.itemAt(i))]
    found: list[QWidget] = []
    for item in items:
        widget = item.widget()
        if widget is not None:
            focusable = widget.focusPolicy() & _TAB and widget.focusProxy() is None
            if focusable or isinstance(widget, FieldWidget):
                found.append(widget)
            found.extend(_layout_widgets(widget.layout()))
        elif item.layout() is not None:
            found.extend(_layout_widgets(item.layout()))
    return found
