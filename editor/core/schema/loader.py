"""Load a site's schema: astro sync's JSON Schema, else the config, else inference."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from editor.core.schema.astro_config import read_astro_config
from editor.core.schema.inference import infer_fields, read_post_data
from editor.core.schema.json_schema import (
    JsonSchemaError,
    is_fresh,
    json_schema_path,
    read_json_schema,
    refine_with_config,
)
from editor.core.schema.model import Collection, Field, FieldType, SiteSchema
from editor.core.workspace.site import content_roots, iter_post_files

__all__ = ["INFERRED_PATTERN", "load_site_schema", "refine_with_posts"]

INFERRED_PATTERN = "**/*.{md,markdown,mdx}"


def load_site_schema(
    site_root: Path, posts: Iterable[Mapping[str, Any]] | None = None
) -> SiteSchema:
    """The site's collections: JSON Schema if fresh, else the config, else inferred."""
    site_root = Path(os.path.abspath(site_root))
    config = read_astro_config(site_root)
    notes: list[str] = []
    if config.error:
        notes.append(f"config not read, fields inferred from posts instead: {config.error}")
    collections: list[Collection] = []
    for collection in config.collections or ():
        collections.append(_with_json_schema(collection, site_root, config.path, notes))
    if collections:
        if posts is not None:
            inferred = infer_fields(posts)
            collections = [
                dataclasses.replace(c, fields=refine_with_posts(c.fields, inferred))
                for c in collections
            ]
        return SiteSchema(site_root, tuple(collections), tuple(notes))
    return SiteSchema(site_root, (_inferred_collection(site_root, posts),), tuple(notes))


def _with_json_schema(
    collection: Collection, site_root: Path, config_path: Path | None, notes: list[str]
) -> Collection:
    path = json_schema_path(site_root, collection.name)
    if not is_fresh(path, config_path):
        return collection
    try:
        fields = read_json_schema(path)
    except JsonSchemaError as exc:
        notes.append(f"{collection.name}: {exc}; using the config instead")
        return collection
    # The JSON Schema is zod's own account of the fields; the config adds what JSON
    # cannot say (image(), reference()).
    return dataclasses.replace(
        collection, fields=refine_with_config(fields, collection.fields), source="json-schema"
    )


def _inferred_collection(site_root: Path, posts: Iterable[Mapping[str, Any]] | None) -> Collection:
    roots = content_roots(site_root)
    if posts is None:
        paths = (path for root in roots for path in iter_post_files(root))
        posts = read_post_data(paths)
    base = roots[0] if len(roots) == 1 else site_root
    return Collection("posts", base, INFERRED_PATTERN, infer_fields(posts), "inferred", site_root)


def refine_with_posts(fields: tuple[Field, ...], inferred: tuple[Field, ...]) -> tuple[Field, ...]:
    """Declared fields, with UNKNOWN types (and prose TEXT) taken from what posts hold."""
    by_name = {field.name: field for field in inferred}
    return tuple(
        _refine(field, by_name[field.name]) if field.name in by_name else field for field in fields
    )


def _refine(field: Field, seen: Field) -> Field:
    if field.type is FieldType.UNKNOWN and seen.type is not FieldType.UNKNOWN:
        # Keep what the schema says about presence; only the kind of value is a guess.
        note = f"{field.note}; inferred: {seen.note}" if field.note else f"inferred: {seen.note}"
        return dataclasses.replace(
            seen,
            name=field.name,
            required=field.required,
            default=field.default,
            nullable=field.nullable or seen.nullable,
            note=note,
        )
    if field.type is FieldType.TEXT and seen.type is FieldType.LONG_TEXT:
        return dataclasses.replace(field, type=FieldType.LONG_TEXT)
    if field.type is FieldType.LIST and field.item is not None and seen.item is not None:
        return dataclasses.replace(field, item=_refine(field.item, seen.item))
    if field.type is FieldType.OBJECT and seen.type is FieldType.OBJECT:
        return dataclasses.replace(field, fields=refine_with_posts(field.fields, seen.fields))
    return field
