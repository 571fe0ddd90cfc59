"""The field model of a site's content collections: what each frontmatter key must hold."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from editor.core.schema.globs import glob_matches

__all__ = [
    "LONG_TEXT_NAMES",
    "MISSING",
    "Collection",
    "Field",
    "FieldType",
    "SiteSchema",
    "text_type_for",
]

# Keys whose strings are prose: they get a multi-line editor even when short.
LONG_TEXT_NAMES = frozenset({"description", "summary", "excerpt", "abstract", "lead"})


class _Missing:
    """The type of MISSING: no default was declared (None is a real default)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False

    def __reduce__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class FieldType(Enum):
    """What kind of value a field holds."""

    TEXT = "text"
    LONG_TEXT = "long-text"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    IMAGE = "image"
    ENUM = "enum"
    LIST = "list"
    OBJECT = "object"
    REFERENCE = "reference"
    UNKNOWN = "unknown"


def text_type_for(name: str) -> FieldType:
    """TEXT, or LONG_TEXT for a key whose strings are prose by name."""
    return FieldType.LONG_TEXT if name.lower() in LONG_TEXT_NAMES else FieldType.TEXT


def _json_value(value: Any) -> Any:
    """A default value as JSON can hold it (dates as ISO strings)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    return value


@dataclass(frozen=True)
class Field:
    """One frontmatter key (or list item, or nested key) and what it must hold."""

    name: str
    type: FieldType
    required: bool = True
    default: Any = MISSING  # MISSING: no default declared
    nullable: bool = False
    minimum: float | None = None  # NUMBER
    maximum: float | None = None
    integer: bool = False
    min_length: int | None = None  # TEXT
    max_length: int | None = None
    choices: tuple[Any, ...] = ()  # ENUM
    item: Field | None = None  # LIST
    fields: tuple[Field, ...] = ()  # OBJECT, in declared order
    collection: str | None = None  # REFERENCE
    source: str = "config"  # "config" | "json-schema" | "inferred"
    note: str = ""  # why UNKNOWN, or how it was inferred

    @property
    def has_default(self) -> bool:
        """True when the schema declares a default value."""
        return self.default is not MISSING

    def field(self, name: str) -> Field | None:
        """The sub-field of an OBJECT field with this name."""
        return next((sub for sub in self.fields if sub.name == name), None)

    def to_json(self) -> dict[str, Any]:
        """Stable JSON: optional members appear only when they say something."""
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type.value,
            "required": self.required,
        }
        if self.has_default:
            out["default"] = _json_value(self.default)
        if self.nullable:
            out["nullable"] = True
        for key in ("minimum", "maximum", "min_length", "max_length"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.integer:
            out["integer"] = True
        if self.choices:
            out["choices"] = [_json_value(choice) for choice in self.choices]
        if self.item is not None:
            out["item"] = self.item.to_json()
        if self.fields:
            out["fields"] = [sub.to_json() for sub in self.fields]
        if self.collection is not None:
            out["collection"] = self.collection
        out["source"] = self.source
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True)
class Collection:
    """A content collection: where its posts live and the fields their frontmatter holds."""

    name: str
    base: Path | None  # folder of its posts (absolute), None when the loader is not a glob
    pattern: str  # glob pattern relative to base, e.g. "**/*.{md,mdx}"
    fields: tuple[Field, ...]
    source: str  # "json-schema" | "config" | "inferred"
    site_root: Path | None = None  # for to_json's relative base
    note: str = ""  # why the collection has fewer fields than the config may declare

    def field(self, name: str) -> Field | None:
        """The top-level field with this name."""
        return next((field for field in self.fields if field.name == name), None)

    def key_order(self) -> list[str]:
        """Top-level keys in declared order (the order a new post's frontmatter uses)."""
        return [field.name for field in self.fields]

    def matches(self, post: Path) -> bool:
        """True if the post file lies under base and matches the glob pattern."""
        if self.base is None or not self.pattern:
            return False
        try:
            rel = Path(os.path.abspath(post)).relative_to(os.path.abspath(self.base))
        except ValueError:
            return False
        return glob_matches(self.pattern, rel.as_posix())

    def to_json(self) -> dict[str, Any]:
        """Stable JSON for `postdesk schema DIR`."""
        base: str | None = None
        if self.base is not None:
            base = self.base.as_posix()
            if self.site_root is not None:
                with contextlib.suppress(ValueError):  # a base outside the site stays absolute
                    base = self.base.relative_to(self.site_root).as_posix()
        out: dict[str, Any] = {
            "name": self.name,
            "base": base,
            "pattern": self.pattern,
            "source": self.source,
        }
        if self.note:
            out["note"] = self.note
        out["fields"] = [field.to_json() for field in self.fields]
        return out


@dataclass(frozen=True)
class SiteSchema:
    """Every collection of a site, and how the schema was found."""

    site_root: Path
    collections: tuple[Collection, ...]
    notes: tuple[str, ...] = ()  # e.g. why the config could not be read

    def collection_for(self, post: Path) -> Collection | None:
        """The collection whose base and glob pattern hold this post file."""
        if not Path(post).is_absolute():
            post = self.site_root / post
        return next((c for c in self.collections if c.matches(post)), None)

    def collection(self, name: str) -> Collection | None:
        """The collection with this name."""
        return next((c for c in self.collections if c.name == name), None)

    def to_json(self) -> dict[str, Any]:
        """Stable JSON for `postdesk schema DIR`."""
        out: dict[str, Any] = {"collections": [c.to_json() for c in self.collections]}
        if self.notes:
            out["notes"] = list(self.notes)
        return out
