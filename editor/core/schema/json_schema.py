"""Read the JSON Schemas `astro sync` writes to .astro/collections/<name>.schema.json."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from editor.core.schema.model import MISSING, Field, FieldType, text_type_for

__all__ = [
    "JsonSchemaError",
    "fields_from_json_schema",
    "is_fresh",
    "json_schema_path",
    "read_json_schema",
    "refine_with_config",
]

_DATE_FORMATS = frozenset({"date-time", "date", "unix-time"})
_MAX_DEPTH = 40


class JsonSchemaError(Exception):
    """The schema file cannot be read or is not an object schema."""


def json_schema_path(site_root: Path, collection: str) -> Path:
    """Where `astro sync` writes a collection's JSON Schema."""
    return site_root / ".astro" / "collections" / f"{collection}.schema.json"


def is_fresh(schema_path: Path, config_path: Path | None) -> bool:
    """True if the schema file exists and is not older than the config file."""
    try:
        schema_mtime = schema_path.stat().st_mtime_ns
    except OSError:
        return False
    if config_path is None:
        return True
    try:
        return schema_mtime >= config_path.stat().st_mtime_ns
    except OSError:
        return True


def read_json_schema(path: Path) -> tuple[Field, ...]:
    """The top-level fields of a collection's JSON Schema file; raise JsonSchemaError."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise JsonSchemaError(f"{path.name} could not be read: {exc}") from exc
    return fields_from_json_schema(doc)


def fields_from_json_schema(doc: Any) -> tuple[Field, ...]:
    """The top-level fields of a JSON Schema document (draft-07, as Astro writes it)."""
    if not isinstance(doc, Mapping):
        raise JsonSchemaError("the schema is not a JSON object")
    reader = _Reader(doc)
    root = reader.deref(doc)
    if not (_types(root) & {"object"} or "properties" in root):
        raise JsonSchemaError("the collection schema is not an object schema")
    return reader.properties(root, 0)


def _types(schema: Mapping[str, Any]) -> set[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {str(item) for item in kind}
    return set()


class _Reader:
    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc

    def deref(self, schema: Any, depth: int = 0) -> Mapping[str, Any]:
        """Follow `$ref`s to local definitions ("#/definitions/x", "#/$defs/x", "#")."""
        while isinstance(schema, Mapping) and isinstance(schema.get("$ref"), str):
            if depth > _MAX_DEPTH:
                return {}
            ref = schema["$ref"]
            if not ref.startswith("#"):
                return {}
            target: Any = self.doc
            for part in [p for p in ref[1:].split("/") if p]:
                part = part.replace("~1", "/").replace("~0", "~")
                target = target.get(part) if isinstance(target, Mapping) else None
            # Keys beside the $ref (e.g. a default) still apply.
            extra = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**target, **extra} if isinstance(target, Mapping) else extra
            depth += 1
        return schema if isinstance(schema, Mapping) else {}

    def properties(self, schema: Mapping[str, Any], depth: int) -> tuple[Field, ...]:
        props = schema.get("properties")
        required = schema.get("required")
        required_names = set(required) if isinstance(required, list) else set()
        if not isinstance(props, Mapping):
            return ()
        return tuple(
            self.field(str(name), sub, str(name) in required_names, depth + 1)
            for name, sub in props.items()
            # `$schema` lets data files name their schema; it is not a frontmatter field.
            if not str(name).startswith("$")
        )

    def field(self, name: str, raw: Any, required: bool, depth: int) -> Field:
        schema = self.deref(raw)
        default = schema.get("default", MISSING)
        field = self._typed(name, schema, depth)
        if default is not MISSING:
            required = False
        return dataclasses.replace(field, required=required, default=default, source="json-schema")

    def _typed(self, name: str, schema: Mapping[str, Any], depth: int) -> Field:
        if depth > _MAX_DEPTH:
            return _unknown(name, "schema nests too deep")
        if "const" in schema:
            return Field(name, FieldType.ENUM, choices=(schema["const"],))
        if isinstance(schema.get("enum"), list):
            choices = tuple(v for v in schema["enum"] if v is not None)
            return Field(name, FieldType.ENUM, choices=choices, nullable=None in schema["enum"])
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list):
                return self._union(name, [self.deref(o) for o in schema[key]], depth)
        types = _types(schema)
        nullable = "null" in types
        types.discard("null")
        if len(types) > 1:
            return _unknown(name, f"a value of type {' | '.join(sorted(types))}")
        kind = next(iter(types), None)
        field = self._single(name, kind, schema, depth)
        return dataclasses.replace(field, nullable=True) if nullable else field

    def _single(self, name: str, kind: str | None, schema: Mapping[str, Any], depth: int) -> Field:
        if kind == "string":
            if schema.get("format") in _DATE_FORMATS:
                return Field(name, FieldType.DATE)
            return Field(
                name,
                text_type_for(name),
                min_length=_int_or_none(schema.get("minLength")),
                max_length=_int_or_none(schema.get("maxLength")),
            )
        if kind in ("number", "integer"):
            if schema.get("format") == "unix-time":
                return Field(name, FieldType.DATE)
            return Field(
                name,
                FieldType.NUMBER,
                minimum=_number(schema, "minimum", "exclusiveMinimum"),
                maximum=_number(schema, "maximum", "exclusiveMaximum"),
                integer=kind == "integer",
            )
        if kind == "boolean":
            return Field(name, FieldType.BOOLEAN)
        if kind == "array":
            items = schema.get("items")
            if isinstance(items, Mapping):
                item = self.field("item", items, True, depth + 1)
            else:
                item = _unknown("item", "items of any kind")
            return Field(name, FieldType.LIST, item=item)
        if kind == "object" or "properties" in schema:
            if "properties" not in schema and schema.get("additionalProperties"):
                return _unknown(name, "a mapping with free-form keys")
            return Field(name, FieldType.OBJECT, fields=self.properties(schema, depth))
        if kind is None and not schema:
            return _unknown(name, "any value")
        return _unknown(name, f"JSON Schema {json.dumps(dict(schema))[:60]} is not read")

    def _union(self, name: str, options: list[Mapping[str, Any]], depth: int) -> Field:
        nullable = optional = False
        real: list[Mapping[str, Any]] = []
        for option in options:
            if _types(option) == {"null"}:
                nullable = True
            elif option.get("not") == {}:
                optional = True  # how zod-to-json-schema writes `undefined`
            else:
                real.append(option)
        field = self._merge(name, real, depth)
        if nullable:
            field = dataclasses.replace(field, nullable=True)
        if optional:
            field = dataclasses.replace(field, required=False)
        return field

    def _merge(self, name: str, options: list[Mapping[str, Any]], depth: int) -> Field:
        if not options:
            return _unknown(name, "only null")
        if all(o.get("format") in _DATE_FORMATS for o in options):
            return Field(name, FieldType.DATE)
        fields = [self._typed(name, option, depth + 1) for option in options]
        if len(fields) == 1:
            return fields[0]
        if all(f.type is FieldType.ENUM for f in fields):
            choices = tuple(dict.fromkeys(c for f in fields for c in f.choices))
            return Field(name, FieldType.ENUM, choices=choices)
        if _is_reference(options):
            return Field(name, FieldType.REFERENCE)
        types = " | ".join(dict.fromkeys(f.type.value for f in fields))
        return _unknown(name, f"a union of {types} is not read as one type")


def _is_reference(options: list[Mapping[str, Any]]) -> bool:
    """Astro writes reference() as a string or an object naming its collection."""
    has_string = any(_types(o) == {"string"} for o in options)
    objects = [o for o in options if _types(o) == {"object"}]
    return (
        has_string
        and bool(objects)
        and all("collection" in (o.get("properties") or {}) for o in objects)
    )


def _unknown(name: str, note: str) -> Field:
    return Field(name, FieldType.UNKNOWN, note=note)


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _number(schema: Mapping[str, Any], key: str, exclusive: str) -> float | None:
    for name in (key, exclusive):
        value = schema.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
    return None


def refine_with_config(fields: tuple[Field, ...], config: tuple[Field, ...]) -> tuple[Field, ...]:
    """JSON Schema fields, with IMAGE/REFERENCE/LONG_TEXT types taken from the config."""
    by_name = {field.name: field for field in config}
    return tuple(
        _refined(field, by_name[field.name]) if field.name in by_name else field for field in fields
    )


def _refined(field: Field, config: Field) -> Field:
    # JSON Schema cannot say "image" or "reference" (both are strings there): the config can.
    precise = (FieldType.IMAGE, FieldType.REFERENCE, FieldType.LONG_TEXT)
    if config.type in precise and field.type in (FieldType.TEXT, FieldType.UNKNOWN):
        return dataclasses.replace(field, type=config.type, collection=config.collection)
    if field.type is FieldType.UNKNOWN and config.type is not FieldType.UNKNOWN:
        return dataclasses.replace(config, source=field.source)
    if field.type is FieldType.LIST and config.item is not None and field.item is not None:
        return dataclasses.replace(field, item=_refined(field.item, config.item))
    if field.type is FieldType.OBJECT and config.type is FieldType.OBJECT:
        return dataclasses.replace(field, fields=refine_with_config(field.fields, config.fields))
    return field
