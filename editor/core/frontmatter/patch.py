"""Top-level key edits (set a scalar, set a list of strings, delete): thin path-edit wrappers.

These keep the older calling conventions (a key, not a path; a date and its ISO string are
the same value) on top of `edit`, which builds, styles and verifies every patch.
"""

from __future__ import annotations

import datetime
from typing import Any

from editor.core.frontmatter.edit import delete_path, set_value_in
from editor.core.frontmatter.text_patch import PatchError, TextPatch
from editor.core.frontmatter.tree import load_tree
from editor.core.frontmatter.yaml_values import is_date, looks_like_date, same_value

__all__ = ["PatchError", "Scalar", "TextPatch", "delete_key", "set_scalar", "set_string_list"]

Scalar = str | bool | int | float | datetime.date | None

_MISSING = object()


def _as_written(old: Any, value: Scalar) -> Any:
    """The value to ask the path engine for, so that an equal value changes no byte."""
    if same_value(old, value):
        # A date given for its ISO string (or the reverse) is no change.
        return old
    if is_date(old) and isinstance(value, str) and looks_like_date(value):
        # A plain date given a new date string stays a plain date: no quotes appear.
        return datetime.date.fromisoformat(value)
    return value


def set_scalar(text: str, key: str, value: Scalar) -> TextPatch | None:
    """Patch a top-level key to a scalar value, keeping its style; None if already equal."""
    if value is not None and not isinstance(value, str | bool | int | float | datetime.date):
        raise TypeError(f"set_scalar() takes a str, bool, int, float, date or None, not {value!r}")
    tree = load_tree(text)
    old = tree.data.get(key, _MISSING)
    return set_value_in(tree, (key,), value if old is _MISSING else _as_written(old, value))


def set_string_list(text: str, key: str, items: list[str]) -> TextPatch | None:
    """Patch a top-level key to a list of strings, keeping the list's style."""
    items = list(items)
    if not all(isinstance(item, str) for item in items):
        raise TypeError("set_string_list() takes a list of str")
    return set_value_in(load_tree(text), (key,), items)


def delete_key(text: str, key: str) -> TextPatch | None:
    """Remove a top-level key and its value's lines; None if the key is not there."""
    return delete_path(text, (key,))
