"""Helpers shared by the form widget tests."""

from __future__ import annotations

from editor.ui.frontmatter_form.base import FieldWidget


def recorded_edits(widget: FieldWidget) -> list:
    """The edit requests the widget emits from now on, in order."""
    edits: list = []
    widget.editRequested.connect(edits.append)
    return edits
