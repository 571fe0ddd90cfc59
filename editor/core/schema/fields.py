"""Which editor the form gives each key: from the site's schema, else from the value itself."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from editor.core.schema.model import Collection, Field, FieldType

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
    IMAGE = "image path"
    ENUM = "one of a list"
    READ_ONLY = "nested value"


@dataclass(frozen=True)
class FormField:
    """One top-level frontmatter key as the form shows it."""

    key: str
    kind: FieldKind
    value: Any
    field: Field | None = None  # the schema's description of the key, when the site has one


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


_SCHEMA_KINDS = {
    FieldType.TEXT: FieldKind.TEXT,
    FieldType.REFERENCE: FieldKind.TEXT,
    FieldType.LONG_TEXT: FieldKind.LONG_TEXT,
    FieldType.DATE: FieldKind.DATE,
    FieldType.BOOLEAN: FieldKind.BOOLEAN,
    FieldType.NUMBER: FieldKind.NUMBER,
    FieldType.IMAGE: FieldKind.IMAGE,
    FieldType.ENUM: FieldKind.ENUM,
}


def kind_from_schema(field: Field, value: Any) -> FieldKind | None:
    """The editor the schema asks for, if the post's value fits it (else None)."""
    kind = _SCHEMA_KINDS.get(field.type)
    if field.type is FieldType.LIST and field.item is not None:
        text_items = field.item.type in (FieldType.TEXT, FieldType.REFERENCE, FieldType.ENUM)
        kind = FieldKind.STRING_LIST if text_items else FieldKind.READ_ONLY
    elif field.type is FieldType.OBJECT:
        kind = FieldKind.READ_ONLY
    if kind is None:
        return None
    # A value the schema does not expect keeps the editor that can show it without loss;
    # validation reports the mismatch.
    by_value = kind_of(field.name, value)
    fits = {
        FieldKind.TEXT: (FieldKind.TEXT, FieldKind.LONG_TEXT),
        FieldKind.LONG_TEXT: (FieldKind.TEXT, FieldKind.LONG_TEXT),
        FieldKind.IMAGE: (FieldKind.TEXT, FieldKind.LONG_TEXT),
        FieldKind.ENUM: (FieldKind.TEXT, FieldKind.NUMBER, FieldKind.BOOLEAN),
        FieldKind.READ_ONLY: tuple(FieldKind),
    }.get(kind, (kind,))
    if value is not None and by_value not in fits:
        return None
    if kind is FieldKind.ENUM and value is not None and value not in field.choices:
        return None
    return kind


def form_fields(data: Mapping[str, Any], collection: Collection | None = None) -> list[FormField]:
    """List the post's top-level keys, in file order, with the editor each one gets."""
    fields = []
    for key, value in data.items():
        name = str(key)
        field = collection.field(name) if collection is not None else None
        kind = kind_from_schema(field, value) if field is not None else None
        fields.append(FormField(name, kind or kind_of(name, value), value, field))
    return fields
