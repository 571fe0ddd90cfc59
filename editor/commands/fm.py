"""`postdesk fm get|set|del`: read and edit a post's frontmatter from the command line."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from editor.commands.errors import CommandError
from editor.core.frontmatter import (
    FieldPath,
    PatchError,
    TextPatch,
    delete_path,
    format_path,
    get_value,
    insert_item,
    parse_frontmatter,
    parse_path,
    remove_item,
    set_value,
)
from editor.core.schema import load_site_schema, validate_post
from editor.core.storage import StorageError, TextFile, read_text_file, write_text_file
from editor.core.workspace import find_site_root


@dataclass(frozen=True)
class Assignment:
    """One `PATH=VALUE`, `PATH+=VALUE` or `PATH-=VALUE` from the command line."""

    path: FieldPath
    op: str
    value: Any
    raw: str


def parse_value(raw: str) -> Any:
    """Read a command-line value with YAML syntax (`0.9`, `true`, `[a, b]`, `'quoted'`).

    Text stays exactly as typed: `title=New: two` is the string "New: two", not a mapping,
    and `title=C# in 10 minutes #1` keeps its "#1". Quote a value to force a string.
    """
    if raw == "" or raw != raw.strip():
        return raw
    try:
        value = yaml.safe_load(raw)
    except yaml.YAMLError:
        return raw
    if isinstance(value, str) and raw[0] not in "'\"":
        return raw
    if isinstance(value, dict) and not raw.startswith("{"):
        return raw
    return value


def parse_assignment(spec: str) -> Assignment:
    """Split `PATH=VALUE` (or += / -=) into its parts."""
    equals = _first_equals(spec)
    if equals <= 0:
        raise CommandError(f"expected PATH=VALUE, PATH+=VALUE or PATH-=VALUE, got {spec!r}")
    op, end = "=", equals
    if spec[equals - 1] in "+-":
        op, end = spec[equals - 1] + "=", equals - 1
    raw = spec[equals + 1 :]
    try:
        path = parse_path(spec[:end].strip())
    except PatchError as exc:
        raise CommandError(str(exc)) from exc
    return Assignment(path, op, parse_value(raw), raw)


def _first_equals(spec: str) -> int:
    """Index of the "=" that ends the path: the first one outside brackets and quotes."""
    depth, quote = 0, ""
    for index, char in enumerate(spec):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "=" and depth == 0:
            return index
    return -1


def to_json(value: Any) -> Any:
    """Make frontmatter values JSON-serialisable (dates become ISO strings)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


def _load(path: Path) -> tuple[TextFile, dict[str, Any]]:
    try:
        file = read_text_file(path)
    except StorageError as exc:
        raise CommandError(str(exc)) from exc
    parsed = parse_frontmatter(file.text)
    if parsed.error is not None:
        err = parsed.error
        raise CommandError(
            f"{path}: invalid YAML at line {err.line}, column {err.column}: {err.message}"
        )
    if parsed.block is None:
        raise CommandError(f"{path}: this post has no frontmatter")
    return file, parsed.data


def _lookup(data: dict[str, Any], path: FieldPath, file: Path) -> Any:
    try:
        return get_value(data, path)
    except PatchError as exc:
        raise CommandError(f"{file}: {exc}") from exc


def _coerce_like(old: Any, new: Any) -> Any:
    """Keep a quoted date a string: `pubDate=2026-03-01` must not turn '...' into a date."""
    if isinstance(new, dt.date) and isinstance(old, str):
        return new.isoformat()
    return new


def _edit(text: str, data: dict[str, Any], a: Assignment, file: Path, order: list[str]) -> str:
    patch: TextPatch | None
    if a.op == "=":
        try:
            old = get_value(data, a.path)
        except PatchError:
            old = None
        patch = set_value(text, a.path, _coerce_like(old, a.value), key_order=order)
    else:
        try:
            current = get_value(data, a.path)
        except PatchError:
            current = [] if a.op == "+=" else None
        if not isinstance(current, list):
            raise CommandError(f"{file}: {format_path(a.path)} is not a list")
        if a.op == "+=":
            patch = insert_item(text, a.path, len(current), a.value)
        else:
            matches = [i for i, item in enumerate(current) if item == a.value]
            if not matches:
                raise CommandError(f"{file}: {format_path(a.path)} has no item {a.raw!r}")
            for index in reversed(matches):
                text = remove_item(text, a.path, index).apply(text)
            return text
    return patch.apply(text) if patch is not None else text


def _schema_check(path: Path, text: str, edited: list[FieldPath]) -> None:
    """Refuse values of the wrong type for the site's schema, for the edited paths only."""
    site = find_site_root(path)
    schema = load_site_schema(site)
    collection = schema.collection_for(path.resolve())
    if collection is None:
        return
    for problem in validate_post(text, collection):
        if problem.severity != "error":
            continue
        if any(problem.path[: len(p)] == tuple(p) for p in edited):
            raise CommandError(f"{path}: {format_path(problem.path)}: {problem.message}")


def _key_order(path: Path) -> list[str]:
    schema = load_site_schema(find_site_root(path))
    collection = schema.collection_for(path.resolve())
    return collection.key_order() if collection is not None else []


def run_get(file: Path, path_spec: str | None, out: Callable[[str], None]) -> int:
    """Print the frontmatter, or one value, as JSON."""
    _tf, data = _load(file)
    value = data
    if path_spec:
        try:
            path = parse_path(path_spec)
        except PatchError as exc:
            raise CommandError(str(exc)) from exc
        value = _lookup(data, path, file)
    out(json.dumps(to_json(value), ensure_ascii=False, indent=2))
    return 0


def run_set(file: Path, specs: Sequence[str]) -> int:
    """Apply every assignment, check the result, then write the file once."""
    assignments = [parse_assignment(spec) for spec in specs]
    tf, _data = _load(file)
    order = _key_order(file)
    text = tf.text
    for a in assignments:
        data = parse_frontmatter(text).data
        try:
            text = _edit(text, data, a, file, order)
        except PatchError as exc:
            raise CommandError(f"{file}: {exc}") from exc
    _schema_check(file, text, [a.path for a in assignments])
    return _write(file, tf, text)


def run_del(file: Path, path_spec: str) -> int:
    """Delete a key or a list item."""
    tf, data = _load(file)
    try:
        path = parse_path(path_spec)
    except PatchError as exc:
        raise CommandError(str(exc)) from exc
    _lookup(data, path, file)
    try:
        patch = delete_path(tf.text, path)
    except PatchError as exc:
        raise CommandError(f"{file}: {exc}") from exc
    text = patch.apply(tf.text) if patch is not None else tf.text
    _schema_check(file, text, [path])
    return _write(file, tf, text)


def _write(file: Path, tf: TextFile, text: str) -> int:
    if text == tf.text:
        return 0  # nothing changed: the file is not touched
    try:
        write_text_file(file, text, tf)
    except StorageError as exc:
        raise CommandError(str(exc)) from exc
    return 0
