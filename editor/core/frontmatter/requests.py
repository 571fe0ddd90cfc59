"""The edit language: edits as data, from the form and from `postdesk fm`, and their patches.

Both front ends build these requests and hand them to `apply_request`, so a value is
written the same way from either (its type and style are decided by `write.Renderer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from editor.core.frontmatter.edit import (
    delete_path,
    insert_item,
    move_item,
    remove_item,
    remove_value,
    replace_entry,
    set_value,
)
from editor.core.frontmatter.paths import FieldPath, format_path
from editor.core.frontmatter.text_patch import TextPatch

__all__ = [
    "DeleteValue",
    "EditRequest",
    "InsertItem",
    "MoveItem",
    "RemoveItem",
    "RemoveValue",
    "ReplaceEntry",
    "SetValue",
    "apply_request",
    "merge_key",
]


@dataclass(frozen=True)
class SetValue:
    """Set the value at path (creating the key at its schema position when missing)."""

    path: FieldPath
    value: Any


@dataclass(frozen=True)
class DeleteValue:
    """Delete a key or a list item."""

    path: FieldPath


@dataclass(frozen=True)
class InsertItem:
    """Insert value into the list at path, before index (len or -1 appends).

    A missing (or null) list is created with the value as its only item.
    """

    path: FieldPath
    index: int
    value: Any


@dataclass(frozen=True)
class RemoveItem:
    """Remove the item at index from the list at path."""

    path: FieldPath
    index: int


@dataclass(frozen=True)
class RemoveValue:
    """Remove every item equal to value from the list at path (PathError if there is none)."""

    path: FieldPath
    value: Any


@dataclass(frozen=True)
class MoveItem:
    """Move a list item from source to target (items keep their text)."""

    path: FieldPath
    source: int
    target: int


@dataclass(frozen=True)
class ReplaceEntry:
    """Replace a top-level key's lines with YAML source, kept exactly as written."""

    key: str
    source: str


EditRequest = (
    SetValue | DeleteValue | InsertItem | RemoveItem | RemoveValue | MoveItem | ReplaceEntry
)


def merge_key(request: EditRequest) -> str | None:
    """Requests that may join one undo step while the writer keeps typing in one field."""
    if isinstance(request, SetValue):
        return "set:" + format_path(request.path)
    return None


def apply_request(
    text: str, request: EditRequest, key_order: list[str] | None = None
) -> TextPatch | None:
    """The TextPatch (or None) that carries out request on text; PatchError when refused."""
    match request:
        case SetValue(path, value):
            return set_value(text, path, value, key_order=key_order)
        case DeleteValue(path):
            return delete_path(text, path)
        case InsertItem(path, index, value):
            return insert_item(text, path, index, value)
        case RemoveItem(path, index):
            return remove_item(text, path, index)
        case RemoveValue(path, value):
            return remove_value(text, path, value)
        case MoveItem(path, source, target):
            return move_item(text, path, source, target)
        case ReplaceEntry(key, source):
            return replace_entry(text, key, source)
    raise TypeError(f"not an edit request: {request!r}")
