"""Build text edits on located slots: replace a value, add or drop an entry, list surgery.

Each builder takes slots found by `locate`, has `write` render the new values, and returns
`Edit`s in body coordinates with the value the edited node will read back as; `edit`
combines them into one TextPatch and verifies it by parsing.
"""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass
from typing import Any

import yaml

from editor.core.frontmatter.locate import (
    Slot,
    Tree,
    check_merge,
    children,
    column_of,
    content_end,
    is_flow,
    line_end,
    line_text_end,
    owned_start,
    scalar_style,
)
from editor.core.frontmatter.text_patch import PatchError
from editor.core.frontmatter.write import Renderer, render_key, strict_equal

__all__ = [
    "Edit",
    "delete_entry",
    "entry_text",
    "flow_collection",
    "insert_entry",
    "item_chunks",
    "replace",
]


@dataclass(frozen=True)
class Edit:
    """Replace body[start:end] by `text`."""

    start: int
    end: int
    text: str


def replace(tree: Tree, r: Renderer, slot: Slot, old: Any, value: Any) -> tuple[list[Edit], Any]:
    """Edits that make the slot's value `value`, touching as little text as possible."""
    if strict_equal(old, value):
        return [], old
    node = slot.node
    body = tree.body
    if (
        isinstance(node, yaml.MappingNode)
        and isinstance(value, dict)
        and value
        and (node.flow_style or any(key in value for key in old))
    ):
        # Key by key only when a key stays: a block mapping that keeps none is written
        # anew below (its first key may share a dash's line, which then goes with it).
        return _reconcile_mapping(tree, r, node, old, value)
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(value, list | tuple)
        and value
        and node.value
    ):
        return _reconcile_list(tree, r, slot, old, list(value))
    column = column_of(body, slot.head)
    if isinstance(node, yaml.ScalarNode) and not isinstance(value, list | tuple | dict):
        style = scalar_style(node)
        written = body[slot.value_start : slot.content_end]
        key_column = column if not slot.flow else column_of(body, slot.value_start)
        rendered = r.restyled_scalar(value, style, written, key_column, flow=slot.flow)
        return _put_inline(tree, slot, rendered.text), rendered.value
    if slot.flow:
        rendered = r.flow(value)
        return _put_inline(tree, slot, rendered.text), rendered.value
    is_item = isinstance(slot.key, int)
    rendered = r.after_dash(value, column) if is_item else r.after_key(value, column)
    one_line_node = isinstance(node, yaml.ScalarNode) or is_flow(node)
    if one_line_node and rendered.text.startswith("\n"):
        # A scalar, […] or {…} becomes a block collection: the value goes, a comment after
        # it stays on the key line, and the new lines follow.
        tail = line_text_end(body, slot.content_end)
        edits = [Edit(slot.after_head, slot.content_end, ""), Edit(tail, tail, rendered.text)]
        return edits, rendered.value
    if one_line_node:
        trailing = body[slot.content_end : line_text_end(body, slot.content_end)]
        if "\n" in rendered.text and trailing.strip():
            # A comment after the old value would land inside the new lines (in a block
            # scalar, as text): write the value on one line, and the comment stays.
            one_line = r.flow(value)
            return [Edit(slot.after_head, slot.content_end, " " + one_line.text)], one_line.value
        return [Edit(slot.after_head, slot.content_end, rendered.text)], rendered.value
    # A block collection is replaced with its lines (a comment on its last line goes too).
    return [Edit(slot.after_head, line_text_end(body, slot.content_end), rendered.text)], (
        rendered.value
    )


def _put_inline(tree: Tree, slot: Slot, text: str) -> list[Edit]:
    # Replace from the properties on: a tag would contradict the new value's type. An
    # anchor stays, so that an alias the writer adds later still finds it.
    props = tree.body[slot.props_start : slot.value_start].split()
    anchors = " ".join(prop for prop in props if prop.startswith("&"))
    if anchors:
        text = anchors + " " + text
    if slot.props_start == slot.after_head and not slot.flow:
        text = " " + text
    return [Edit(slot.props_start, slot.content_end, text)]


def _reconcile_mapping(
    tree: Tree, r: Renderer, node: yaml.MappingNode, old: dict[str, Any], value: dict[str, Any]
) -> tuple[list[Edit], Any]:
    check_merge(tree, node, "A mapping")
    slots = children(tree, node)
    by_key = {slot.key: slot for slot in slots if isinstance(slot.key, str)}
    if len(by_key) != len(slots) or len(slots) != len(old):
        raise PatchError("A mapping with unusual keys cannot be changed key by key.")
    kept: dict[str, list[Edit]] = {}
    got: dict[str, Any] = {}
    for key, slot in by_key.items():
        if key in value:
            kept[key], got[key] = replace(tree, r, slot, old[key], value[key])
    removed = [slot for key, slot in by_key.items() if key not in value]
    added = {key: item for key, item in value.items() if key not in by_key}
    # Keep the new value's key order where the file's order does not decide it.
    order = [*kept, *added]
    if node.flow_style and removed:
        # Dropping and adding entries of one {…} would touch the same separators: write
        # it again from its entries' texts, the kept ones as written (with their edits).
        texts = [_applied(tree.body, by_key[key], edits) for key, edits in kept.items()]
        for key, item in added.items():
            rendered = r.flow(item)
            texts.append(f"{r.flow_key(key)}: {rendered.text}")
            got[key] = rendered.value
        return [flow_collection(tree, node, texts)], {key: got[key] for key in order}
    edits = [edit for more in kept.values() for edit in more]
    edits += _delete_entries(tree, slots, removed)
    for key, item in added.items():
        more, got[key] = insert_entry(tree, r, node, key, item)
        edits += more
    return edits, {key: got[key] for key in order}


def _delete_entries(tree: Tree, slots: list[Slot], removed: list[Slot]) -> list[Edit]:
    """Edits removing some entries of a block mapping in which at least one entry stays."""
    body = tree.body
    gone = {slot.head for slot in removed}
    first = slots[0]
    edits: list[Edit] = []
    if first.head in gone and body[first.line_start : first.head].strip():
        # The first key shares a dash's line: the first kept key moves up onto that line,
        # and every removed key before it goes in the same edit (one edit per removed key
        # would overlap: each would cut the next one's indentation).
        kept = next(slot for slot in slots if slot.head not in gone)
        edits.append(Edit(first.head, kept.head, ""))
        gone = {head for head in gone if head > kept.head}
    edits += [Edit(s.line_start, s.line_end, "") for s in removed if s.head in gone]
    return edits


def _applied(body: str, slot: Slot, edits: list[Edit]) -> str:
    """The text of a flow entry or item (from its head) with `edits` applied."""
    pieces: list[str] = []
    cursor = slot.head
    for one in sorted(edits, key=lambda e: (e.start, e.end)):
        if one.start < cursor or one.end > slot.content_end:
            raise PatchError("The change touches overlapping parts of the frontmatter.")
        pieces += [body[cursor : one.start], one.text]
        cursor = one.end
    pieces.append(body[cursor : slot.content_end])
    return "".join(pieces)


def _match_key(value: Any) -> tuple[str, str]:
    # Hashable stand-in for difflib: equal keys mean strictly equal values (1 is not True).
    return type(value).__name__, repr(value)


def _reconcile_list(
    tree: Tree, r: Renderer, slot: Slot, old: list[Any], value: list[Any]
) -> tuple[list[Edit], Any]:
    node = slot.node
    items = children(tree, node)
    if len(items) == len(value):
        edits: list[Edit] = []
        got: list[Any] = []
        for item, before, after in zip(items, old, value, strict=True):
            more, result = replace(tree, r, item, before, after)
            edits += more
            got.append(result)
        return edits, got
    if is_flow(node):
        texts: list[str] = []
        got = []
        for position, after in enumerate(value):
            if position < len(items) and strict_equal(old[position], after):
                texts.append(_item_text(tree, items[position]))
                got.append(old[position])
            else:
                rendered = r.flow(after)
                texts.append(rendered.text)
                got.append(rendered.value)
        return [flow_collection(tree, node, texts)], got
    # A block list of another length: items that stay keep their lines and the comments
    # above them; only the items that change are written, in the list's own layout.
    chunks = item_chunks(tree, slot)
    column = column_of(tree.body, items[0].head)
    matcher = difflib.SequenceMatcher(
        None, [_match_key(v) for v in old], [_match_key(v) for v in value], autojunk=False
    )
    edits = []
    got = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            got += old[i1:i2]
            continue
        lines, written = r.list_lines(value[j1:j2], column)
        if i1 < i2:
            start, end = chunks[i1][0], chunks[i2 - 1][1]
        else:
            start = end = chunks[i1][0] if i1 < len(chunks) else chunks[-1][1]
        edits.append(Edit(start, end, "".join(line + "\n" for line in lines)))
        got += written
    return edits, got


def _item_text(tree: Tree, item: Slot) -> str:
    return tree.body[item.props_start : item.content_end]


def flow_collection(tree: Tree, node: yaml.Node, texts: list[str]) -> Edit:
    """Rewrite a […] list or {…} mapping on one line from its items' or entries' texts."""
    body = tree.body
    start, end = node.start_mark.index, content_end(body, node)
    items = children(tree, node)
    gaps = [body[a.content_end : b.head] for a, b in itertools.pairwise(items)]
    if items:
        gaps += [body[start + 1 : items[0].head], body[items[-1].content_end : end - 1]]
    if any("#" in gap for gap in gaps):
        raise PatchError(
            "A […] or {…} with comments inside cannot be rewritten; edit it in the text."
        )
    inner = body[start + 1 : end - 1]
    separator = "," if "," in inner and ", " not in inner else ", "
    pad = " " if inner.startswith(" ") and inner.endswith(" ") and texts else ""
    return Edit(start, end, body[start] + pad + separator.join(texts) + pad + body[end - 1])


def item_chunks(tree: Tree, slot: Slot) -> list[tuple[int, int]]:
    """(start, end) of each block list item's lines, comments directly above included."""
    items = children(tree, slot.node)
    body = tree.body
    if items and body[items[0].line_start : items[0].head].strip():
        raise PatchError(
            "A list that starts on its parent's line (“- - a”) cannot be changed item by item; "
            "edit it in the text."
        )
    floor = line_end(body, slot.after_head)
    chunks: list[tuple[int, int]] = []
    for item in items:
        start = owned_start(tree, item, floor)
        chunks.append((start, item.line_end))
        floor = item.line_end
    return chunks


def entry_text(r: Renderer, key: str, value: Any, column: int) -> tuple[str, Any]:
    """`key: value` lines (with the final "\\n") for a block mapping at `column`."""
    rendered = r.after_key(value, column)
    return " " * column + render_key(key) + ":" + rendered.text + "\n", rendered.value


def insert_entry(
    tree: Tree, r: Renderer, node: yaml.MappingNode, key: str, value: Any
) -> tuple[list[Edit], Any]:
    """Append `key: value` at the end of a mapping, at its siblings' indentation."""
    body = tree.body
    slots = children(tree, node)
    if node.flow_style:
        rendered = r.flow(value)
        text = f"{r.flow_key(key)}: {rendered.text}"
        if slots:
            return [Edit(slots[-1].content_end, slots[-1].content_end, ", " + text)], rendered.value
        close = content_end(body, node) - 1
        return [Edit(close, close, text)], rendered.value
    column = column_of(body, slots[0].head)
    text, got = entry_text(r, key, value, column)
    at = slots[-1].line_end
    if at == len(body) and not body.endswith("\n"):
        text = "\n" + text
    return [Edit(at, at, text)], got


def delete_entry(tree: Tree, node: yaml.MappingNode, slot: Slot) -> list[Edit]:
    """Remove one entry of a mapping (the caller handles a mapping left empty)."""
    body = tree.body
    slots = children(tree, node)
    position = next(n for n, other in enumerate(slots) if other.head == slot.head)
    if node.flow_style:
        if position + 1 < len(slots):
            return [Edit(slot.head, slots[position + 1].head, "")]
        if position > 0:
            return [Edit(slots[position - 1].content_end, slot.content_end, "")]
        return [Edit(slot.head, slot.content_end, "")]
    if body[slot.line_start : slot.head].strip() and position + 1 < len(slots):
        # The first key of a mapping inside a list item shares the dash's line: the next
        # key moves up onto that line.
        return [Edit(slot.head, slots[position + 1].head, "")]
    return [Edit(slot.line_start, slot.line_end, "")]
