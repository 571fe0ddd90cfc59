"""Lossless frontmatter edits by field path: set, delete, list insert/remove/move, raw entries.

Every operation parses the frontmatter once (`locate.load_tree`), finds the node
(`locate.resolve`), builds edits that touch only that node's text (`splice`, which has
`write` render new values), combines them into one TextPatch and verifies it by parsing
again: the data must be the old data with exactly the intended change (dates and ISO
strings are not conflated), or PatchError is raised instead of returning a patch.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import yaml

from editor.core.frontmatter.block import find_block
from editor.core.frontmatter.locate import (
    Resolved,
    Slot,
    Tree,
    children,
    is_flow,
    load_tree,
    owned_start,
    resolve,
)
from editor.core.frontmatter.paths import FieldPath, PathError, format_path
from editor.core.frontmatter.splice import (
    Edit,
    delete_entry,
    entry_text,
    flow_collection,
    insert_entry,
    item_chunks,
    replace,
)
from editor.core.frontmatter.text_patch import PatchError, TextPatch, trimmed_patch
from editor.core.frontmatter.write import (
    Renderer,
    check_value,
    read_habits,
    same_value,
    strict_equal,
)

__all__ = [
    "delete_path",
    "entry_source",
    "insert_item",
    "move_item",
    "remove_item",
    "remove_value",
    "replace_entry",
    "set_value",
]

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- combining and verifying ------------------------------------------------------------


def _patch(tree: Tree, edits: list[Edit]) -> TextPatch | None:
    """One TextPatch covering all edits, trimmed to the characters that really change."""
    if not edits:
        return None
    edits = sorted(edits, key=lambda e: (e.start, e.end))
    for before, after in itertools.pairwise(edits):
        if after.start < before.end:
            raise PatchError("The change touches overlapping parts of the frontmatter.")
    start, end = edits[0].start, max(e.end for e in edits)
    body = tree.body
    pieces: list[str] = []
    cursor = start
    for one in edits:
        pieces.append(body[cursor : one.start])
        pieces.append(one.text)
        cursor = one.end
    pieces.append(body[cursor:end])
    return trimmed_patch(body[start:end], "".join(pieces), tree.offset(start))


_REFUSED = (
    "The change could not be written without touching other fields "
    "(the frontmatter uses a construct the editor cannot patch); edit it in the text."
)


def _verified(
    tree: Tree, patch: TextPatch | None, expected: dict[str, Any], refusal: str = _REFUSED
) -> TextPatch | None:
    """The patch, if the patched frontmatter reads back as `expected`; else PatchError."""
    if patch is None:
        if strict_equal(tree.data, expected):
            return None
        raise PatchError("The change could not be written as a minimal edit of the frontmatter.")
    text = patch.apply(tree.text)
    block = find_block(text)
    shift = len(patch.text) - (patch.end - patch.start)
    ok = block is not None and block.kind == "yaml" and block.end == tree.block.end + shift
    if ok:
        assert block is not None
        try:
            data = yaml.load(text[block.body_start : block.body_end], Loader=_LOADER)
        except Exception:
            ok = False
        else:
            ok = strict_equal({} if data is None else data, expected)
    if not ok:
        raise PatchError(refusal)
    return patch


def _changed(data: Any, path: Sequence[str | int], change: Any) -> Any:
    """A copy of data with `change(value at path)` applied (shares everything off the path)."""
    if not path:
        return change(data)
    head, rest = path[0], path[1:]
    copy: Any
    if isinstance(data, list):
        assert isinstance(head, int)
        copy, inner = list(data), data[head]
    else:
        copy, inner = dict(data), data.get(head)
    copy[head] = _changed(inner, rest, change)
    return copy


def _with_value(data: dict[str, Any], path: Sequence[str | int], value: Any) -> Any:
    return _changed(data, path, lambda _: value)


def _concrete(resolved: Resolved, path: FieldPath) -> list[str | int]:
    """The path with negative indexes replaced by the ones found."""
    out: list[str | int] = []
    for part, slot in zip(path, resolved.slots, strict=False):
        out.append(slot.key if isinstance(part, int) and isinstance(slot.key, int) else part)
    return out


def _start(text: str, path: FieldPath | Sequence[str | int]) -> tuple[Tree, FieldPath]:
    path = tuple(path)
    if not path:
        raise PathError("An empty field path does not name a field.")
    for part in path:
        if isinstance(part, bool) or not isinstance(part, str | int):
            raise PathError(f"A field path holds keys (str) and indexes (int), not {part!r}.")
    return load_tree(text), path


# --- set ----------------------------------------------------------------------------


def _nest(keys: Sequence[str | int], value: Any, path: FieldPath, depth: int) -> Any:
    for offset, key in enumerate(reversed(keys)):
        if isinstance(key, int):
            missing = format_path(path[: depth + len(keys) - offset])
            raise PathError(
                f"“{missing}” does not exist, and a list item cannot be created by index."
            )
        value = {key: value}
    return value


def _top_level_position(tree: Tree, key: str, key_order: Sequence[str]) -> int | None:
    """Where a new top-level key goes by key_order, or None for the end of the block."""
    if key not in key_order:
        return None
    entries = children(tree, tree.root) if tree.root else []
    slots = {slot.key: slot for slot in entries}
    at = list(key_order).index(key)
    for before in reversed(key_order[:at]):
        if before in slots:
            return slots[before].line_end
    for after in key_order[at + 1 :]:
        if after in slots:
            slot = slots[after]
            previous = [s.line_end for s in entries if s.line_end <= slot.line_start]
            # Comment lines directly above a key describe it: the new key goes above them.
            return owned_start(tree, slot, max(previous, default=0))
    return None


def set_value(
    text: str,
    path: FieldPath | Sequence[str | int],
    value: Any,
    *,
    key_order: Sequence[str] | None = None,
) -> TextPatch | None:
    """Patch the value at `path` (created if missing), keeping styles; None if already equal."""
    check_value(value)
    tree, path = _start(text, path)
    found = resolve(tree, path)
    r = Renderer(read_habits(tree))
    depth = len(found.slots)
    where = _concrete(found, path)
    if depth == len(path):
        if strict_equal(found.value, value):
            return None
        edits, got = replace(tree, r, found.slots[-1], found.value, value)
        return _verified(tree, _patch(tree, edits), _with_value(tree.data, where, got))
    nested = _nest(path[depth + 1 :], value, path, depth)
    key = path[depth]
    if isinstance(key, int):  # resolve() reports missing indexes itself
        raise PathError(f"“{format_path(path[: depth + 1])}” does not exist.")
    node = found.node
    if depth and not isinstance(node, yaml.MappingNode):
        # A null (`reason:` or `reason: null`) becomes the mapping that holds the new key.
        edits, got = replace(tree, r, found.slots[-1], found.value, {key: nested})
        return _verified(tree, _patch(tree, edits), _with_value(tree.data, where, got))
    if node is None:
        line, got = entry_text(r, key, nested, 0)
        at = len(tree.body)
        edits = [Edit(at, at, line)]
    elif depth == 0:
        slots = children(tree, node)
        line, got = entry_text(r, key, nested, slots[0].head - slots[0].line_start)
        position = _top_level_position(tree, key, key_order or ())
        # Without a place in key_order a new key goes last, after any trailing comments.
        at = len(tree.body) if position is None else position
        edits = [Edit(at, at, line)]
    else:
        assert isinstance(node, yaml.MappingNode)
        edits, got = insert_entry(tree, r, node, key, nested)
    return _verified(tree, _patch(tree, edits), _with_value(tree.data, [*where, key], got))


# --- delete -------------------------------------------------------------------------


def delete_path(text: str, path: FieldPath | Sequence[str | int]) -> TextPatch | None:
    """Remove a key (at any depth) or a list item; None if the key is not there."""
    tree, path = _start(text, path)
    found = resolve(tree, path)
    if len(found.slots) < len(path):
        return None
    slot = found.slots[-1]
    if isinstance(slot.key, int):
        return _remove(tree, found, path)
    where = _concrete(found, path)
    parent = tree.root if len(found.slots) == 1 else found.slots[-2].node
    assert isinstance(parent, yaml.MappingNode)
    expected = _changed(
        tree.data, where[:-1], lambda m: {k: v for k, v in m.items() if k != slot.key}
    )
    if len(parent.value) == 1 and len(found.slots) > 1:
        # The last key of a nested mapping: the mapping stays, written `{}`.
        holder = found.slots[-2]
        r = Renderer(read_habits(tree))
        edits, _ = replace(tree, r, holder, _value_at(tree.data, where[:-1]), {})
        return _verified(tree, _patch(tree, edits), expected)
    return _verified(tree, _patch(tree, delete_entry(tree, parent, slot)), expected)


def _value_at(data: Any, path: Sequence[str | int]) -> Any:
    for part in path:
        data = data[part]
    return data


# --- lists --------------------------------------------------------------------------


def _list_slot(tree: Tree, path: FieldPath) -> tuple[Resolved, Slot]:
    found = resolve(tree, path)
    if len(found.slots) < len(path):
        raise PathError(f"“{format_path(path)}” does not exist.")
    slot = found.slots[-1]
    if not isinstance(slot.node, yaml.SequenceNode):
        raise PathError(f"“{format_path(path)}” is not a list.")
    return found, slot


def _index(index: int, length: int, path: FieldPath, *, insert: bool = False) -> int:
    # For an insert the positions are 0..length, so -1 appends.
    limit = length + 1 if insert else length
    normal = index + limit if index < 0 else index
    if not 0 <= normal < limit:
        raise PathError(
            f"“{format_path((*path, index))}” is out of range (the list has {length} items)."
        )
    return normal


def insert_item(
    text: str, list_path: FieldPath | Sequence[str | int], index: int, value: Any
) -> TextPatch:
    """Insert `value` before item `index` (== len appends); creates a missing list."""
    check_value(value)
    tree, path = _start(text, list_path)
    found = resolve(tree, path)
    if len(found.slots) < len(path) or _is_null(found):
        if index not in (0, -1):
            raise PathError(f"“{format_path(path)}” does not exist, so only index 0 can be used.")
        patch = set_value(text, path, [value])
        assert patch is not None
        return patch
    found, slot = _list_slot(tree, path)
    where = _concrete(found, path)
    old = found.value
    at = _index(index, len(old), path, insert=True)
    r = Renderer(read_habits(tree))
    node = slot.node
    if not node.value:
        edits, got = replace(tree, r, slot, old, [value])
        return _checked_patch(tree, edits, where, lambda _: got)
    if is_flow(node):
        rendered = r.flow(value)
        texts = [tree.body[i.props_start : i.content_end] for i in children(tree, node)]
        texts.insert(at, rendered.text)
        new_item = rendered.value
        edits = [flow_collection(tree, node, texts)]
    else:
        chunks = item_chunks(tree, slot)
        items = children(tree, node)
        column = items[0].head - items[0].line_start
        lines, got = r.list_lines([value], column)
        new_item = got[0]
        position = chunks[at][0] if at < len(chunks) else chunks[-1][1]
        edits = [Edit(position, position, "".join(line + "\n" for line in lines))]
    result = _checked_patch(tree, edits, where, lambda items: [*items[:at], new_item, *items[at:]])
    assert result is not None
    return result


def _checked_patch(tree: Tree, edits: list[Edit], where: list[str | int], change: Any) -> TextPatch:
    patch = _verified(tree, _patch(tree, edits), _changed(tree.data, where, change))
    if patch is None:
        raise PatchError("The change made no difference to the text.")
    return patch


def _is_null(found: Resolved) -> bool:
    return bool(found.slots) and found.value is None and isinstance(found.node, yaml.ScalarNode)


def _remove(tree: Tree, found: Resolved, path: FieldPath) -> TextPatch:
    """Remove the item the walk ended on."""
    slot = found.slots[-1]
    assert isinstance(slot.key, int)
    holder = found.slots[-2] if len(found.slots) > 1 else None
    if holder is None:
        raise PathError("The frontmatter itself is not a list.")
    where = _concrete(found, path)[:-1]
    return _drop_items(tree, holder, where, {slot.key})


def _drop_items(tree: Tree, holder: Slot, where: list[str | int], gone: set[int]) -> TextPatch:
    """Remove the items at the indexes `gone` from the list in `holder`, in one patch."""
    node = holder.node
    old = _value_at(tree.data, where)

    def change(items: list[Any]) -> list[Any]:
        return [item for index, item in enumerate(items) if index not in gone]

    if len(gone) == len(old):
        # The last items go: the key stays, with an empty list `[]`.
        r = Renderer(read_habits(tree))
        edits, _ = replace(tree, r, holder, old, [])
        return _checked_patch(tree, edits, where, change)
    if is_flow(node):
        texts = [tree.body[i.props_start : i.content_end] for i in children(tree, node)]
        return _checked_patch(tree, [flow_collection(tree, node, change(texts))], where, change)
    chunks = item_chunks(tree, holder)
    return _checked_patch(tree, [Edit(*chunks[at], "") for at in sorted(gone)], where, change)


def remove_item(text: str, list_path: FieldPath | Sequence[str | int], index: int) -> TextPatch:
    """Remove item `index` of the list at `list_path` (its comment lines above go with it)."""
    tree, path = _start(text, list_path)
    found, _ = _list_slot(tree, path)
    at = _index(index, len(found.value), path)
    return _remove(tree, resolve(tree, (*path, at)), (*path, at))


def move_item(
    text: str, list_path: FieldPath | Sequence[str | int], source: int, target: int
) -> TextPatch | None:
    """Move item `source` so that it ends up at index `target`; items keep their text."""
    tree, path = _start(text, list_path)
    found, slot = _list_slot(tree, path)
    length = len(found.value)
    source, target = _index(source, length, path), _index(target, length, path)
    if source == target:
        return None
    where = _concrete(found, path)

    def change(items: list[Any]) -> list[Any]:
        items = list(items)
        items.insert(target, items.pop(source))
        return items

    node = slot.node
    if is_flow(node):
        texts = change([tree.body[i.props_start : i.content_end] for i in children(tree, node)])
        edits = [flow_collection(tree, node, texts)]
        return _verified(tree, _patch(tree, edits), _changed(tree.data, where, change))
    chunks = item_chunks(tree, slot)
    low, high = min(source, target), max(source, target)
    body = tree.body
    # Lines between items (blank lines) stay where they are; the items' lines move.
    texts = change([body[a:b] for a, b in chunks])
    pieces: list[str] = []
    for position in range(low, high + 1):
        pieces.append(texts[position])
        if position < high:
            pieces.append(body[chunks[position][1] : chunks[position + 1][0]])
    edit = Edit(chunks[low][0], chunks[high][1], "".join(pieces))
    # Equal items swapped change no byte: that is a no-op, not an error.
    return _verified(tree, _patch(tree, [edit]), _changed(tree.data, where, change))


def remove_value(text: str, list_path: FieldPath | Sequence[str | int], value: Any) -> TextPatch:
    """Remove every item equal to `value` (a date equals its ISO string) from a list."""
    check_value(value)
    tree, path = _start(text, list_path)
    found, slot = _list_slot(tree, path)
    gone = {index for index, item in enumerate(found.value) if same_value(item, value)}
    if not gone:
        shown = Renderer(read_habits(tree)).flow(value).text
        raise PathError(f"“{format_path(path)}” has no item “{shown}”.")
    return _drop_items(tree, slot, _concrete(found, path), gone)


# --- raw entries ----------------------------------------------------------------------------


def _top_slot(tree: Tree, key: str) -> Slot:
    if tree.root is None:
        raise PathError(f"“{key}” is not in the frontmatter.")
    for slot in children(tree, tree.root):
        if slot.key == key:
            if slot.flow:
                raise PatchError("The frontmatter is one {…} mapping; edit it in the text.")
            return slot
    raise PathError(f"“{key}” is not in the frontmatter.")


def entry_source(text: str, key: str) -> str:
    """The lines of a top-level key exactly as written (key line to its last value line)."""
    tree = load_tree(text)
    slot = _top_slot(tree, key)
    return tree.body[slot.line_start : slot.line_end]


def replace_entry(text: str, key: str, source: str) -> TextPatch | None:
    """Replace a top-level key's lines by source, which must define that key and no other.

    Every other key keeps its bytes; the new value is whatever source says, as written.
    """
    tree = load_tree(text)
    slot = _top_slot(tree, key)
    if not source.endswith("\n"):
        source += "\n"
    try:
        parsed = yaml.load(source, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise PatchError(f"Not valid YAML{where}: {problem}") from exc
    if not isinstance(parsed, dict) or list(parsed) != [key]:
        raise PatchError(f"The text must define “{key}” and nothing else.")
    if tree.body[slot.line_start : slot.line_end] == source:
        return None
    patch = TextPatch(tree.offset(slot.line_start), tree.offset(slot.line_end), source)
    refusal = f"Replacing “{key}” would change other fields; check its indentation."
    return _verified(tree, patch, {**tree.data, key: parsed[key]}, refusal)
