"""Infer a collection's fields from the frontmatter its posts actually hold."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from editor.core.dates import ISO_DATE_OR_TIME
from editor.core.frontmatter.block import find_block
from editor.core.schema.model import LONG_TEXT_NAMES, Field, FieldType
from editor.core.storage import StorageError, read_text_file

__all__ = [
    "DATE_SHARE",
    "REQUIRED_SHARE",
    "infer_fields",
    "read_post_data",
]

REQUIRED_SHARE = 0.95  # present in at least this share of posts -> required
DATE_SHARE = 0.90  # at least this share of values are dates -> DATE
IMAGE_SHARE = 0.90
LONG_TEXT_MIN_CHARS = 120
_MAX_DEPTH = 8  # deeper values are not worth a form widget, and aliases may loop

_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif", ".svg")
_KIND_WORDS = {
    "str": "str",
    "date": "date",
    "bool": "bool",
    "number": "number",
    "list": "list",
    "dict": "dict",
    "other": "other",
}
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Stats:
    """Counts of what one key (or list item) held across posts."""

    __slots__ = (
        "children",
        "date_strs",
        "floats",
        "image_strs",
        "item",
        "kinds",
        "long_strs",
        "nulls",
        "present",
    )

    def __init__(self) -> None:
        self.present = 0
        self.nulls = 0
        self.kinds: dict[str, int] = {}
        self.date_strs = 0
        self.image_strs = 0
        self.long_strs = 0
        self.floats = 0
        self.children: dict[str, _Stats] | None = None
        self.item: _Stats | None = None

    def add(self, value: Any, depth: int) -> None:
        self.present += 1
        kinds = self.kinds
        # Exact-type checks first: this runs about a million times on 20,000 posts.
        kind_type = type(value)
        if kind_type is str:
            kinds["str"] = kinds.get("str", 0) + 1
            if ISO_DATE_OR_TIME.match(value):
                self.date_strs += 1
            elif value.lower().endswith(_IMAGE_SUFFIXES):
                self.image_strs += 1
            elif len(value) > LONG_TEXT_MIN_CHARS or "\n" in value:
                self.long_strs += 1
        elif value is None:
            self.nulls += 1
        elif kind_type is bool:
            kinds["bool"] = kinds.get("bool", 0) + 1
        elif kind_type is int or kind_type is float:
            kinds["number"] = kinds.get("number", 0) + 1
            if kind_type is float:
                self.floats += 1
        elif isinstance(value, dt.date):
            kinds["date"] = kinds.get("date", 0) + 1
        elif isinstance(value, list):
            kinds["list"] = kinds.get("list", 0) + 1
            if depth < _MAX_DEPTH:
                if self.item is None:
                    self.item = _Stats()
                for item in value:
                    self.item.add(item, depth + 1)
        elif isinstance(value, Mapping):
            kinds["dict"] = kinds.get("dict", 0) + 1
            if depth < _MAX_DEPTH:
                self.add_mapping(value, depth + 1)
        else:
            kinds["other"] = kinds.get("other", 0) + 1

    def add_mapping(self, data: Mapping[str, Any], depth: int) -> None:
        children = self.children
        if children is None:
            children = self.children = {}
        for key, value in data.items():
            stats = children.get(key)
            if stats is None:
                stats = children[key] = _Stats()
            stats.add(value, depth)


def _percent(part: int, whole: int) -> str:
    if whole == 0:
        return "0%"
    share = 100 * part / whole
    # Never round a near-miss up to 100%, nor a few down to 0%.
    shown = int(share) if part < whole else 100
    return f"{max(shown, 1) if part else 0}%"


def _field(name: str, stats: _Stats, total: int, unit: str) -> Field:
    present = stats.present
    values = present - stats.nulls
    required = present >= REQUIRED_SHARE * total
    where = f"present in {_percent(present, total)} of {total:,} {unit}"
    nullable = stats.nulls > 0
    if values == 0:
        return Field(
            name,
            FieldType.UNKNOWN,
            required=required,
            nullable=nullable,
            source="inferred",
            note=f"{where}; always empty",
        )
    kinds = stats.kinds
    majority = max(kinds, key=lambda kind: kinds[kind])
    note = f"{where}; majority {_KIND_WORDS[majority]}"
    # Every kind below differs from this only in its type and what that type adds.
    base = Field(
        name,
        FieldType.UNKNOWN,
        required=required,
        nullable=nullable,
        source="inferred",
        note=note,
    )
    dates = kinds.get("date", 0) + stats.date_strs
    if dates >= DATE_SHARE * values:
        note = f"{where}; {_percent(dates, values)} dates"
        return replace(base, type=FieldType.DATE, note=note)
    if majority == "str":
        strs = kinds["str"]
        if stats.image_strs >= IMAGE_SHARE * strs:
            return replace(base, type=FieldType.IMAGE)
        if name.lower() in LONG_TEXT_NAMES or 2 * stats.long_strs >= strs:
            return replace(base, type=FieldType.LONG_TEXT)
        return replace(base, type=FieldType.TEXT)
    if majority == "bool":
        return replace(base, type=FieldType.BOOLEAN)
    if majority == "number":
        return replace(base, type=FieldType.NUMBER, integer=stats.floats == 0)
    if majority == "list":
        item_stats = stats.item
        if item_stats is None or item_stats.present == 0:
            item = Field("item", FieldType.UNKNOWN, source="inferred", note="lists always empty")
        else:
            item = _field("item", item_stats, item_stats.present, "items")
            item = replace(item, required=True)
        return replace(base, type=FieldType.LIST, item=item)
    if majority == "dict":
        children = stats.children or {}
        count = kinds["dict"]
        fields = tuple(_field(str(key), sub, count, "values") for key, sub in children.items())
        return replace(base, type=FieldType.OBJECT, fields=fields)
    return base


def infer_fields(posts: Iterable[Mapping[str, Any]]) -> tuple[Field, ...]:
    """Fields of the posts' frontmatter: majority type per key, required when in ≥95%."""
    root = _Stats()
    total = 0
    for data in posts:
        total += 1
        root.add_mapping(data, 1)
    children = root.children or {}
    return tuple(_field(str(key), stats, total, "posts") for key, stats in children.items())


def _frontmatter_data(text: str) -> dict[str, Any] | None:
    block = find_block(text)
    if block is None:
        return None
    body = text[block.body_start : block.body_end]
    try:
        if block.kind == "toml":
            data: Any = tomllib.loads(body)
        else:
            data = yaml.load(body, Loader=_FAST_LOADER)
    except Exception:
        return None  # a broken post says nothing about the others
    return data if isinstance(data, dict) else None


def read_post_data(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    """The frontmatter data of each readable post (frontmatter only; broken ones skipped)."""
    for path in paths:
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = read_text_file(path).text
            except StorageError:
                continue
        except OSError:
            continue
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        data = _frontmatter_data(text)
        if data is not None:
            yield data
