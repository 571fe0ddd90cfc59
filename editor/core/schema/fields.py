"""Which editor the form gives each field: from the site's schema, else from the value itself."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from editor.core.dates import is_iso_day
from editor.core.frontmatter import FieldPath
from editor.core.schema.model import Field, FieldType

# Keys whose values are prose even when short: they get a multi-line editor.
LONG_TEXT_KEYS = frozenset({"description", "summary", "excerpt", "abstract", "lead"})
LONG_TEXT_MIN_CHARS = 120
# A text field with one of these names holds another post's slug (relatedPosts[].slug):
# it completes from the workspace's posts even when the schema says only z.string().
REFERENCE_NAMES = frozenset({"slug", "post", "target"})


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
    REFERENCE = "another post's slug"
    OBJECT = "group of keys"
    OBJECT_LIST = "list of groups"
    RAW_YAML = "YAML source"  # a value no other editor shows without loss


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
        if is_iso_day(value):
            return FieldKind.DATE
        if "\n" in value or key.lower() in LONG_TEXT_KEYS or len(value) > LONG_TEXT_MIN_CHARS:
            return FieldKind.LONG_TEXT
        return FieldKind.TEXT
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return FieldKind.STRING_LIST
    if isinstance(value, dict):
        return FieldKind.OBJECT
    if _list_of_dicts(value):
        return FieldKind.OBJECT_LIST
    return FieldKind.RAW_YAML


def _list_of_dicts(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


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
        kind = FieldKind.STRING_LIST if text_items else FieldKind.RAW_YAML
    elif field.type is FieldType.OBJECT:
        kind = FieldKind.RAW_YAML
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
        FieldKind.RAW_YAML: tuple(FieldKind),
    }.get(kind, (kind,))
    if value is not None and by_value not in fits:
        return None
    if kind is FieldKind.ENUM and value is not None and value not in field.choices:
        return None
    return kind


def editor_kind(path: FieldPath, field: Field | None, value: Any) -> FieldKind:
    """The editor the form gives the value at path (None: absent), described by field if known."""
    name = path[-1] if path and isinstance(path[-1], str) else ""
    declared = field.type if field is not None else None
    if declared is FieldType.REFERENCE and (value is None or isinstance(value, str)):
        return FieldKind.REFERENCE
    if declared is FieldType.OBJECT and (value is None or isinstance(value, dict)):
        return FieldKind.OBJECT
    item = field.item if field is not None else None
    objects = item is not None and item.type is FieldType.OBJECT
    if declared is FieldType.LIST and objects and (value is None or _list_of_dicts(value)):
        return FieldKind.OBJECT_LIST
    kind = kind_from_schema(field, value) if field is not None else None
    if kind is None:
        if value is None and field is not None:
            return FieldKind.RAW_YAML if field.type is FieldType.UNKNOWN else FieldKind.TEXT
        kind = kind_of(name, value)
    if kind is FieldKind.TEXT and name in REFERENCE_NAMES and len(path) > 1:
        return FieldKind.REFERENCE
    return kind
