"""Field kinds inferred from a post's own values (until the site's schema is read)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Keys whose values are prose even when short: they get a multi-line editor.
LONG_TEXT_KEYS = frozenset({"description", "summary", "excerpt", "abstract", "lead"})
LONG_TEXT_MIN_CHARS = 120


class FieldKind(Enum):
    """Which editor a field gets in the form."""

    TEXT = "text"
    LONG_TEXT = "long text"
    DATE = "date"
    BOOLEAN = "boolean"
    NUMBER = "number"
    STRING_LIST = "list of strings"
    READ_ONLY = "nested value"


@dataclass(frozen=True)
class FormField:
    """One top-level frontmatter key as the form shows it."""

    key: str
    kind: FieldKind
    value: Any


def kind_of(key: str, value: Any) -> FieldKind:
    """Choose the editor for a value found in the post."""
    if isinstance(value, bool):
        return FieldKind.BOOLEAN
    if isinstance(value, dt.date):  # datetime is a date too
        return FieldKind.DATE
    if isinstance(value, int | float):
        return FieldKind.NUMBER
    if value is None:
        return FieldKind.TEXT
    if isinstance(value, str):
        if ISO_DATE_RE.match(value) and _valid_date(value):
            return FieldKind.DATE
        if "\n" in value or key.lower() in LONG_TEXT_KEYS or len(value) > LONG_TEXT_MIN_CHARS:
            return FieldKind.LONG_TEXT
        return FieldKind.TEXT
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return FieldKind.STRING_LIST
    return FieldKind.READ_ONLY


def _valid_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def form_fields(data: Mapping[str, Any]) -> list[FormField]:
    """List the post's top-level keys, in file order, with the editor each one gets."""
    return [FormField(str(key), kind_of(str(key), value), value) for key, value in data.items()]
