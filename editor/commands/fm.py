"""`postdesk fm get|set|del`: read and edit a post's frontmatter from the command line."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import yaml

from editor.commands.errors import CommandError
from editor.core.dates import WrittenTimestamp
from editor.core.frontmatter import (
    DeleteValue,
    EditRequest,
    FieldPath,
    InsertItem,
    PatchError,
    RemoveValue,
    SetValue,
    apply_request,
    format_path,
    get_value,
    parse_frontmatter,
    parse_path,
)
from editor.core.frontmatter.write import YAML11_BOOLEAN_WORDS
from editor.core.post import reference_slugs
from editor.core.schema import (
    Collection,
    Field,
    FieldKind,
    editor_kind,
    load_site_schema,
    validate_post,
)
from editor.core.storage import StorageError, TextFile, read_text_file, write_text_file
from editor.core.workspace import PostIndex, find_site_root
from editor.core.workspace.index_cache import IndexCache


def parse_value(raw: str) -> Any:
    """Read a command-line value with YAML syntax (`0.9`, `true`, `[a, b]`, `'quoted'`).

    Text stays exactly as typed: `title=New: two` is the string "New: two", not a mapping,
    and `title=C# in 10 minutes #1` keeps its "#1". Quote a value to force a string. A
    timestamp is written as typed (`Z` stays `Z`); a YAML 1.1 word (`yes`, `off`) is
    refused, since readers disagree on what it means.
    """
    if raw == "" or raw != raw.strip():
        return raw
    try:
        value = yaml.safe_load(raw)
        node = yaml.compose(raw)
    except yaml.YAMLError:
        return raw
    if isinstance(value, str) and raw[0] not in "'\"":
        return raw
    if isinstance(value, dict) and not raw.startswith("{"):
        return raw
    word = _yaml11_word(node)
    if word is not None:
        raise CommandError(
            f"{word!r} is true or false to some YAML readers and text to others: "
            f"write true or false, or quote it ('{word}') to keep the text"
        )
    if isinstance(value, dt.datetime):
        return WrittenTimestamp.of(value, raw)
    return value


def _yaml11_word(node: yaml.Node | None) -> str | None:
    """The first plain scalar in node that is a YAML 1.1 boolean word, if any."""
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.style is None and node.value in YAML11_BOOLEAN_WORDS else None
    if isinstance(node, yaml.SequenceNode):
        items = node.value
    elif isinstance(node, yaml.MappingNode):
        items = [part for pair in node.value for part in pair]
    else:
        return None
    return next((w for w in map(_yaml11_word, items) if w is not None), None)


def parse_assignment(spec: str) -> SetValue | InsertItem | RemoveValue:
    """`PATH=VALUE` sets, `PATH+=ITEM` appends to a list, `PATH-=ITEM` removes from one."""
    equals = _first_equals(spec)
    if equals <= 0:
        raise CommandError(f"expected PATH=VALUE, PATH+=VALUE or PATH-=VALUE, got {spec!r}")
    op, end = "=", equals
    if spec[equals - 1] in "+-":
        op, end = spec[equals - 1], equals - 1
    value = parse_value(spec[equals + 1 :])
    try:
        path = parse_path(spec[:end].strip())
    except PatchError as exc:
        raise CommandError(str(exc)) from exc
    if op == "+":
        return InsertItem(path, -1, value)  # -1 appends, and creates a missing list
    if op == "-":
        return RemoveValue(path, value)
    return SetValue(path, value)


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


def _schema_check(path: Path, text: str, edited: list[FieldPath]) -> None:
    """Refuse values of the wrong type for the site's schema, for the edited paths only,
    and references to posts the site does not have."""
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
    data = parse_frontmatter(text).data
    references = [
        (p, value)
        for p in edited
        for value in [_value_or_none(data, p)]
        if isinstance(value, str)
        and editor_kind(p, _field_at(collection, p), value) is FieldKind.REFERENCE
    ]
    if references:
        known = _entry_names(site)
        for p, value in references:
            if value.strip() not in known:
                raise CommandError(f"{path}: {format_path(p)}: no post has the slug {value!r}")


def _value_or_none(data: dict[str, Any], path: FieldPath) -> Any:
    try:
        return get_value(data, path)
    except PatchError:
        return None


def _field_at(collection: Collection, path: FieldPath) -> Field | None:
    """The schema's field at path (through objects and list items), if it declares one."""
    field = collection.field(path[0]) if path and isinstance(path[0], str) else None
    for part in path[1:]:
        if field is None:
            return None
        field = field.item if isinstance(part, int) else field.field(part)
    return field


def _entry_names(site: Path) -> dict[str, str]:
    index = PostIndex(site, cache=IndexCache(site))
    index.scan()
    return reference_slugs(index.entries())


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


def _apply(file: Path, text: str, request: EditRequest, order: list[str]) -> str:
    try:
        patch = apply_request(text, request, key_order=order)
    except PatchError as exc:
        raise CommandError(f"{file}: {exc}") from exc
    return patch.apply(text) if patch is not None else text


def run_set(file: Path, specs: Sequence[str]) -> int:
    """Apply every assignment as an edit request, check the result, then write the file once."""
    requests = [parse_assignment(spec) for spec in specs]
    tf, _data = _load(file)
    order = _key_order(file)
    text = tf.text
    for request in requests:
        text = _apply(file, text, request, order)
    _schema_check(file, text, [request.path for request in requests])
    return _write(file, tf, text)


def run_del(file: Path, path_spec: str) -> int:
    """Delete a key or a list item."""
    tf, data = _load(file)
    try:
        path = parse_path(path_spec)
    except PatchError as exc:
        raise CommandError(str(exc)) from exc
    _lookup(data, path, file)  # deleting what is not there is an error here, not a no-op
    text = _apply(file, tf.text, DeleteValue(path), [])
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
