"""Locate any node of a YAML frontmatter by path: mapping entries and list items, block or flow.

A fast load composes the node tree and the data in one libyaml pass (`load_tree`); `resolve`
walks a field path down it, adding the checks that keep edits honest (duplicate keys, merge
keys, anchors and aliases on the path), and each step is a `Slot`: where the value, its key
or dash, and its lines are. All indices are str indices into the block *body* (the text
between the fences).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from editor.core.frontmatter.block import FrontmatterBlock, find_block
from editor.core.frontmatter.parse import parse_frontmatter
from editor.core.frontmatter.paths import FieldPath, PathError, format_path
from editor.core.frontmatter.text_patch import PatchError

__all__ = [
    "Resolved",
    "Slot",
    "Tree",
    "check_merge",
    "children",
    "column_of",
    "content_end",
    "is_flow",
    "line_end",
    "line_start",
    "line_text_end",
    "load_tree",
    "owned_start",
    "resolve",
    "scalar_style",
]

# --- text spans in the body ---------------------------------------------------------------


def line_start(body: str, index: int) -> int:
    """Index of the start of the line holding `index`."""
    return body.rfind("\n", 0, index) + 1


def line_end(body: str, index: int) -> int:
    """Index just after the "\\n" ending the line holding `index` (or the body's end)."""
    found = body.find("\n", index)
    return len(body) if found < 0 else found + 1


def line_text_end(body: str, index: int) -> int:
    """Index of the "\\n" ending the line holding `index` (or the body's end)."""
    found = body.find("\n", index)
    return len(body) if found < 0 else found


def skip_space(body: str, index: int, chars: str = " \t") -> int:
    """The first index at or after `index` whose character is not in `chars`."""
    while index < len(body) and body[index] in chars:
        index += 1
    return index


def token_end(body: str, start: int) -> int:
    """End of an alias, anchor or tag token starting at `start`."""
    end = start
    while end < len(body) and not body[end].isspace() and body[end] not in ",]}":
        end += 1
    return end


def value_start(body: str, props_start: int) -> int:
    """Start of a value after its anchor and tag properties (`&a !!str value`)."""
    index = props_start
    while index < len(body) and body[index] in "&!":
        index = skip_space(body, token_end(body, index))
    return index


def colon_end(body: str, key_node: yaml.Node) -> int:
    """Index just after the ":" that follows a mapping key."""
    index = skip_space(body, key_node.end_mark.index, " \t\n")
    if index < len(body) and body[index] == ":":
        return index + 1
    # Only reachable for unusual keys (`? key` with a comment); patches built on this are
    # still checked by re-parsing, so a wrong guess cannot corrupt the document.
    return key_node.end_mark.index


def content_end(body: str, node: yaml.Node) -> int:
    """Index just after the last character that belongs to the node's content."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            header_end = line_text_end(body, node.start_mark.index)
            header = body[node.start_mark.index : header_end]
            if "+" in header.split("#", 1)[0]:
                # Keep chomping: the trailing blank lines are part of the value.
                return max(line_start(body, node.end_mark.index) - 1, header_end)
            # The scanner's end mark lies past the trailing blank lines; the content ends
            # at the last non-blank character.
            text = body[node.start_mark.index : node.end_mark.index]
            return node.start_mark.index + len(text.rstrip())
        return node.end_mark.index
    if getattr(node, "flow_style", False):
        return node.end_mark.index
    # A block collection's end mark lies at the next token, past trailing comments, so
    # take the end of its last child instead.
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    ends = [content_end(body, child) for child in children]
    return max(ends, default=node.start_mark.index)


def column_of(body: str, index: int) -> int:
    """Column of a body index."""
    return index - line_start(body, index)


# --- the node tree and its slots ------------------------------------------------------------

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class Tree:
    """A document whose YAML frontmatter parsed cleanly: text, node tree and data."""

    text: str
    block: FrontmatterBlock
    body: str
    root: yaml.MappingNode | None
    data: dict[str, Any]
    shared: frozenset[int]  # ids of nodes reached more than once (anchored and aliased)
    merged: frozenset[int] = frozenset()  # ids of mappings that held a merge key (<<)

    def offset(self, body_index: int) -> int:
        """Document offset of a body index."""
        return self.block.body_start + body_index


@dataclass(frozen=True)
class Slot:
    """Where one value sits: an entry of a mapping or an item of a list."""

    node: yaml.Node  # the value node
    key: str | int | None  # the entry's key (None if not a plain string) or the item's index
    flow: bool  # the parent collection is a flow collection ([…] or {…})
    head: int  # start of the key or of the dash (block), of the entry/item (flow)
    after_head: int  # just after the ":" (entries) or the "-" (block items); = head for flow items
    props_start: int  # start of the value including its anchor/tag
    value_start: int  # start of the value itself
    content_end: int  # just after the value's last character
    line_start: int  # start of the head's line
    line_end: int  # just after the "\n" ending the value's last line
    is_alias: bool


def _style(node: yaml.Node) -> str | None:
    # libyaml reports plain scalars with style "" where PyYAML says None.
    return getattr(node, "style", None) or None


def _shared_nodes(root: yaml.Node | None) -> tuple[frozenset[int], frozenset[int]]:
    """(ids of nodes reached twice, ids of mappings with a merge key), before construction."""
    seen: set[int] = set()
    shared: set[int] = set()
    merged: set[int] = set()
    pending = [root] if root is not None else []
    while pending:
        node = pending.pop()
        if id(node) in seen:
            shared.add(id(node))
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend(part for pair in node.value for part in pair)
            if any(_is_merge(key) for key, _ in node.value):
                merged.add(id(node))
    return frozenset(shared), frozenset(merged)


def _is_merge(key: yaml.Node) -> bool:
    return key.tag == _MERGE_TAG or (isinstance(key, yaml.ScalarNode) and key.value == "<<")


def _refuse_unreadable(text: str, block: FrontmatterBlock | None) -> None:
    """Raise the user-facing PatchError for a document whose frontmatter cannot be edited."""
    if block is None:
        raise PatchError("This post has no frontmatter block (a --- line at the top).")
    if block.kind == "toml":
        raise PatchError("TOML frontmatter (+++) is read-only here; edit it in the text.")
    # The reference (pure-Python) loader reports the error with its line; it is only run
    # here, when libyaml already failed, so the common path stays fast.
    error = parse_frontmatter(text).error
    if error is not None:
        raise PatchError(
            f"The frontmatter has an error on line {error.line}: "
            f"{error.message}. Fix it in the text first."
        )
    raise PatchError("The frontmatter could not be read.")


def load_tree(text: str) -> Tree:
    """Compose and construct the frontmatter in one pass; PatchError if it cannot be edited."""
    block = find_block(text)
    if block is None or block.kind != "yaml":
        _refuse_unreadable(text, block)
    assert block is not None
    body = text[block.body_start : block.body_end]
    try:
        # libyaml's marks count str characters like PyYAML's, and it is ~10x faster.
        loader = _LOADER(body)
        try:
            root = loader.get_single_node()
            # Construction flattens merge keys into the nodes, so look at them first.
            shared, merged = _shared_nodes(root)
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except Exception:
        _refuse_unreadable(text, block)
    if root is None:
        return Tree(text, block, body, None, {}, frozenset())
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise PatchError("The frontmatter must be a mapping of keys to values.")
    if root.flow_style:
        raise PatchError(
            "The frontmatter is written as one {…} mapping; the editor cannot change it "
            "field by field."
        )
    return Tree(text, block, body, root, data, shared, merged)


def _next_dash(body: str, index: int) -> int:
    """Index of the next "-" that starts a list item at or after `index` (skips comments)."""
    while index < len(body):
        index = skip_space(body, index, " \t\n")
        if index < len(body) and body[index] == "#":
            index = line_end(body, index)
            continue
        return index
    return index


def _slot(
    body: str, node: yaml.Node, key: str | int | None, flow: bool, head: int | None, after: int
) -> Slot:
    """Locate a value written after index `after` (its ":" or "-"; its own start in […])."""
    # The composer shares one node between an anchor and its aliases, so an alias value
    # points back to where the anchor was written: locate the `*name` instead.
    is_alias = node.start_mark.index < after
    if is_alias:
        props_start = begin = skip_space(body, after)
        end = token_end(body, props_start)
    else:
        props_start = node.start_mark.index
        begin = value_start(body, props_start)
        end = max(content_end(body, node), after)
    # A flow list item has no head of its own: it starts at its value.
    bare = head is None
    head = props_start if head is None else head
    return Slot(
        node=node,
        key=key,
        flow=flow,
        head=head,
        after_head=props_start if bare else after,
        props_start=props_start,
        value_start=begin,
        content_end=end,
        line_start=line_start(body, head),
        line_end=line_end(body, end),
        is_alias=is_alias,
    )


def _block_items(body: str, seq: yaml.SequenceNode) -> list[Slot]:
    items: list[Slot] = []
    cursor = seq.start_mark.index
    for number, node in enumerate(seq.value):
        dash = _next_dash(body, cursor)
        if dash >= len(body) or body[dash] != "-":
            raise PatchError("A list in the frontmatter has a layout the editor cannot follow.")
        items.append(_slot(body, node, number, False, dash, dash + 1))
        cursor = items[-1].content_end
    return items


def _flow_items(body: str, seq: yaml.SequenceNode) -> list[Slot]:
    items: list[Slot] = []
    cursor = seq.start_mark.index + 1  # after "["
    for number, node in enumerate(seq.value):
        start = skip_space(body, cursor, " \t\n,")
        items.append(_slot(body, node, number, True, None, start))
        cursor = items[-1].content_end
    return items


def _entries(body: str, mapping: yaml.MappingNode) -> list[Slot]:
    slots: list[Slot] = []
    for key_node, node in mapping.value:
        # Merge keys, numbers and complex keys cannot be addressed by name (key None), but
        # they are still located so that their neighbours know where they end.
        is_str = isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR_TAG
        head = key_node.start_mark.index
        after = colon_end(body, key_node)
        flow = bool(mapping.flow_style)
        slots.append(_slot(body, node, key_node.value if is_str else None, flow, head, after))
    return slots


def children(tree: Tree, node: yaml.Node) -> list[Slot]:
    """The located entries of a mapping node or items of a sequence node."""
    if isinstance(node, yaml.MappingNode):
        return _entries(tree.body, node)
    if isinstance(node, yaml.SequenceNode):
        if node.flow_style:
            return _flow_items(tree.body, node)
        return _block_items(tree.body, node)
    return []


def owned_start(tree: Tree, slot: Slot, floor: int) -> int:
    """Start of a block slot's lines, with the comment lines directly above it (from floor)."""
    start = slot.line_start
    body = tree.body
    while start > floor:
        previous = line_start(body, start - 1)
        if previous < floor or not body[previous:start].strip().startswith("#"):
            break
        start = previous
    return start


def _check_node(tree: Tree, node: yaml.Node, slot: Slot | None, where: str) -> None:
    # An anchor that no alias uses is harmless: only values reached twice are refused.
    if (slot is not None and slot.is_alias) or id(node) in tree.shared:
        raise PatchError(
            f"“{where}” is shared through an anchor and alias (&/*) in the frontmatter; "
            "edit it in the text."
        )
    check_merge(tree, node, where)


def check_merge(tree: Tree, node: yaml.Node, where: str) -> None:
    """PatchError if the mapping took keys from a merge (<<): its text is not its data."""
    if id(node) in tree.merged:
        raise PatchError(
            f"“{where or 'The frontmatter'}” uses a merge key (<<); edit it in the text."
        )


def _find_key(slots: list[Slot], key: str, where: str) -> Slot | None:
    found = [slot for slot in slots if slot.key == key]
    if len(found) > 1:
        raise PatchError(
            f"The key “{where}” appears more than once in the frontmatter; "
            "remove the duplicate in the text first."
        )
    return found[0] if found else None


@dataclass(frozen=True)
class Resolved:
    """The walk down a path: the slots found, and the node and data where it stopped."""

    slots: list[Slot]  # one per path part found
    node: yaml.Node | None  # the node at path[:len(slots)] (the root for an empty walk)
    value: Any  # the data at that node


def resolve(tree: Tree, path: FieldPath) -> Resolved:
    """Walk as far down `path` as the document goes; PathError on a wrong container type."""
    node: yaml.Node | None = tree.root
    value: Any = tree.data
    slots: list[Slot] = []
    if node is not None:
        _check_node(tree, node, None, "")
    for depth, part in enumerate(path):
        where = format_path(path[: depth + 1])
        parent = format_path(path[:depth]) or "the frontmatter"
        if isinstance(part, int) and not isinstance(part, bool):
            if not isinstance(node, yaml.SequenceNode) or not isinstance(value, list):
                raise PathError(f"“{parent}” is not a list, so “{where}” cannot be reached.")
            kids = children(tree, node)
            index = part + len(kids) if part < 0 else part
            if not 0 <= index < len(kids):
                raise PathError(f"“{where}” does not exist (the list has {len(kids)} items).")
            slot = kids[index]
            value = value[index]
        elif isinstance(part, str):
            if node is None and depth == 0:
                return Resolved(slots, None, value)
            if isinstance(node, yaml.ScalarNode) and value is None:
                return Resolved(slots, node, value)
            if not isinstance(node, yaml.MappingNode) or not isinstance(value, dict):
                raise PathError(f"“{parent}” is not a mapping, so “{where}” cannot be reached.")
            kids = children(tree, node)
            found = _find_key(kids, part, where)
            if found is None:
                return Resolved(slots, node, value)
            slot = found
            value = value[part]
        else:
            raise PathError(f"A field path holds keys (str) and indexes (int), not {part!r}.")
        slots.append(slot)
        node = slot.node
        _check_node(tree, node, slot, where)
    return Resolved(slots, node, value)


def is_flow(node: yaml.Node) -> bool:
    """True for a […] list or {…} mapping."""
    return bool(getattr(node, "flow_style", False))


def scalar_style(node: yaml.Node) -> str | None:
    """The scalar's style: None (plain), "'", '"', "|" or ">"."""
    return _style(node)
