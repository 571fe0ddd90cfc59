"""Read an Astro site's content collections from its config file, without Node.js."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from editor.core.schema.model import Collection, Field, FieldType
from editor.core.schema.ts_parse import (
    ArrayLit,
    Call,
    ConfigSyntaxError,
    Lit,
    Module,
    Name,
    Node,
    ObjectLit,
    parse_module,
)
from editor.core.schema.zod_fields import ZodReader, node_text

__all__ = [
    "CONFIG_PATHS",
    "ConfigError",
    "ConfigResult",
    "find_config",
    "parse_astro_config",
    "read_astro_config",
]

# Astro 5 first (src/content.config.*), then the Astro 2–4 location (src/content/config.*).
CONFIG_PATHS = (
    "src/content.config.ts",
    "src/content.config.mts",
    "src/content.config.js",
    "src/content.config.mjs",
    "src/content/config.ts",
    "src/content/config.mts",
    "src/content/config.js",
    "src/content/config.mjs",
)
CONTENT_PATTERN = "**/*.{md,mdx,markdown,mdoc}"
DATA_PATTERN = "**/*.{json,yaml,yml}"


class ConfigError(Exception):
    """The config file as a whole cannot be read; the message says why, in plain words."""


@dataclass(frozen=True)
class ConfigResult:
    """The collections read from a site's config file, or why there are none."""

    path: Path | None  # the config file, None when the site has none
    collections: tuple[Collection, ...] | None  # None when there is no file or it failed
    error: str | None  # why the file could not be read


def find_config(site_root: Path) -> Path | None:
    """The site's content config file, or None."""
    return next((site_root / rel for rel in CONFIG_PATHS if (site_root / rel).is_file()), None)


def read_astro_config(site_root: Path) -> ConfigResult:
    """Find and read the site's content config; never raises."""
    path = find_config(site_root)
    if path is None:
        return ConfigResult(None, None, None)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return ConfigResult(path, None, f"{path.name} could not be read: {exc}")
    try:
        return ConfigResult(path, parse_astro_config(text, site_root), None)
    except ConfigError as exc:
        return ConfigResult(path, None, f"{path.name}: {exc}")
    except Exception as exc:  # a parser bug must leave the editor working (on inference)
        return ConfigResult(path, None, f"{path.name}: not read ({type(exc).__name__}: {exc})")


def parse_astro_config(text: str, site_root: Path) -> tuple[Collection, ...]:
    """Collections declared by the text of a content config; raise ConfigError if none."""
    try:
        module = parse_module(text)
    except ConfigSyntaxError as exc:
        raise ConfigError(f"syntax the editor cannot follow at {exc}") from exc
    exported = module.exports.get("collections")
    if exported is None:
        raise ConfigError("no `export const collections = {…}` found")
    reader = ZodReader(module, _zod_names(module))
    listing = reader.resolve(exported)
    if not isinstance(listing, ObjectLit):
        raise ConfigError(f"`collections` is not an object literal: {node_text(listing)}")
    collections = []
    for key, value in listing.entries:
        if key is None:
            continue  # `...others`: spreads of imported collections are not followed
        collections.append(_collection(key, value, reader, module, site_root))
    return tuple(collections)


def _zod_names(module: Module) -> frozenset[str]:
    # `import { z } from 'astro:content'` is usual; `import { z as zod }` would add zod.
    return frozenset({"z"} | ({"zod"} & module.imports))


def _collection(
    name: str, node: Node, reader: ZodReader, module: Module, site_root: Path
) -> Collection:
    node = reader.resolve(node)
    options: dict[str, Node] = {}
    if (
        isinstance(node, Call)
        and isinstance(node.callee, Name)
        and node.callee.name == "defineCollection"
        and node.args
        and isinstance(reader.resolve(node.args[0]), ObjectLit)
    ):
        definition = reader.resolve(node.args[0])
        assert isinstance(definition, ObjectLit)
        options = {key: value for key, value in definition.entries if key is not None}
    else:
        return Collection(
            name, None, "", (), "config", site_root, f"not a defineCollection(): {node_text(node)}"
        )
    base, pattern, where_note = _location(name, options, reader, site_root)
    notes = [where_note] if where_note else []
    fields: tuple[Field, ...] = ()
    if "schema" in options:
        # Each collection reads image() names from its own schema function.
        schema = ZodReader(module, reader.zod_names).schema_of(options["schema"])
        if schema.type is FieldType.OBJECT:
            fields = schema.fields
        else:
            notes.append(f"schema not read: {schema.note or schema.type.value}")
    else:
        notes.append("no schema: any frontmatter is accepted")
    return Collection(name, base, pattern, fields, "config", site_root, "; ".join(notes))


def _location(
    name: str, options: dict[str, Node], reader: ZodReader, site_root: Path
) -> tuple[Path | None, str, str]:
    """(base, pattern, note) of a collection from its loader or its legacy type."""
    loader = reader.resolve(options["loader"]) if "loader" in options else None
    if loader is None:
        kind = reader.resolve(options["type"]) if "type" in options else Lit("content")
        is_data = isinstance(kind, Lit) and kind.value == "data"
        pattern = DATA_PATTERN if is_data else CONTENT_PATTERN
        return site_root / "src" / "content" / name, pattern, ""
    if not (isinstance(loader, Call) and isinstance(loader.callee, Name)):
        return None, "", f"loader {node_text(loader)} is not a glob(): posts not matched"
    args = [reader.resolve(arg) for arg in loader.args]
    if loader.callee.name == "file" and args and isinstance(args[0], Lit):
        rel = str(args[0].value)
        return _resolve(site_root, posixpath.dirname(rel) or "."), posixpath.basename(rel), ""
    if loader.callee.name != "glob" or not args or not isinstance(args[0], ObjectLit):
        return None, "", f"loader {node_text(loader)} is not a glob(): posts not matched"
    settings = {key: reader.resolve(value) for key, value in args[0].entries if key}
    base_node = settings.get("base", Lit("."))
    base_text = base_node.value if isinstance(base_node, Lit) else None
    if not isinstance(base_text, str):
        # e.g. base: new URL('./content', import.meta.url): not followed.
        return None, "", f"glob base {node_text(base_node)} is not a plain string"
    pattern, note = _pattern(settings.get("pattern"))
    return _resolve(site_root, base_text), pattern, note


def _pattern(node: Node | None) -> tuple[str, str]:
    if isinstance(node, Lit) and isinstance(node.value, str):
        return node.value, ""
    if isinstance(node, ArrayLit):
        values = [item.value for item in node.items if isinstance(item, Lit)]
        positive = [v for v in values if isinstance(v, str) and not v.startswith("!")]
        note = "negated patterns are not applied" if len(positive) < len(values) else ""
        if len(positive) == 1:
            return positive[0], note
        return "{" + ",".join(positive) + "}", note
    return "", f"glob pattern {node_text(node) if node else '(none)'} is not a plain string"


def _resolve(site_root: Path, rel: str) -> Path:
    """A base path relative to the site root, normalised ("./src/x/" -> site/src/x)."""
    if rel.startswith("file://"):
        rel = rel.removeprefix("file://")
    normal = posixpath.normpath(rel)
    return Path(normal) if posixpath.isabs(normal) else site_root / normal
