"""Locate YAML nodes of a frontmatter block in the document text: line ranges and value spans.

This is the layer patches are built on. It works on any block mapping node, so nested
paths (a later step) only need to walk down from the root mapping with `mapping_entries`.
All indices in this module are str indices into the block *body* unless said otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from editor.core.frontmatter.block import FrontmatterBlock
from editor.core.frontmatter.parse import parse_frontmatter

__all__ = [
    "Entry",
    "PatchError",
    "YamlDoc",
    "content_end",
    "find_entry",
    "line_end",
    "line_start",
    "load_doc",
    "mapping_entries",
]

_STR_TAG = "tag:yaml.org,2002:str"
_PROPERTIES = re.compile(r"(?:[&!][^\s]*[ \t]+)*")


class PatchError(Exception):
    """A frontmatter edit that cannot be made as a minimal patch; message a user can read."""


@dataclass(frozen=True)
class YamlDoc:
    """A document whose YAML frontmatter parsed cleanly, with its node tree."""

    text: str
    block: FrontmatterBlock
    body: str
    root: yaml.MappingNode | None  # None for an empty block (or one with only comments)
    data: dict[str, Any]
    entries: list[Entry] = field(default_factory=list)  # the root mapping's entries

    def offset(self, body_index: int) -> int:
        """Document offset of a body index."""
        return self.block.body_start + body_index

    @property
    def key_column(self) -> int:
        """Column of the root mapping's keys (0 unless the whole block is indented)."""
        return self.entries[0].key_node.start_mark.column if self.entries else 0


@dataclass(frozen=True)
class Entry:
    """One `key: value` pair of a block mapping, located in the body."""

    key: str | None  # None when the key is not a plain string (complex, number, merge)
    key_node: yaml.Node
    value_node: yaml.Node
    line_start: int  # start of the key's line
    colon_end: int  # just after the ":" that separates key and value
    props_start: int  # start of the value, including its anchor/tag properties
    value_start: int  # start of the value itself, after its properties
    content_end: int  # just after the last character of the value's content
    line_end: int  # just after the "\n" ending the value's last content line
    is_alias: bool  # the value is an alias (`*name`), not a node written here


def line_start(body: str, index: int) -> int:
    """Index of the start of the line holding `index`."""
    return body.rfind("\n", 0, index) + 1


def line_end(body: str, index: int) -> int:
    """Index just after the "\\n" ending the line holding `index` (or the body's end)."""
    found = body.find("\n", index)
    return len(body) if found < 0 else found + 1


def content_end(body: str, node: yaml.Node) -> int:
    """Index just after the last character that belongs to the node's content."""
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            header_line_end = body.find("\n", node.start_mark.index)
            if header_line_end < 0:
                header_line_end = len(body)
            header = body[node.start_mark.index : header_line_end]
            if "+" in header.split("#", 1)[0]:
                # Keep chomping: the trailing blank lines are part of the value.
                return max(line_start(body, node.end_mark.index) - 1, header_line_end)
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


def _colon_end(body: str, key_node: yaml.Node) -> int:
    index = key_node.end_mark.index
    while index < len(body) and body[index] in " \t\n":
        index += 1
    if index < len(body) and body[index] == ":":
        return index + 1
    # Only reachable for unusual keys (`? key` with a comment); patches built on this are
    # still checked by re-parsing, so a wrong guess cannot corrupt the document.
    return key_node.end_mark.index


def _alias_span(body: str, colon_end: int) -> tuple[int, int]:
    start = colon_end
    while start < len(body) and body[start] in " \t":
        start += 1
    end = start
    while end < len(body) and not body[end].isspace() and body[end] not in ",]}":
        end += 1
    return start, end


def mapping_entries(body: str, mapping: yaml.MappingNode) -> list[Entry]:
    """Locate every entry of a block mapping node."""
    entries: list[Entry] = []
    for key_node, value_node in mapping.value:
        key = (
            key_node.value
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _STR_TAG
            else None
        )
        # Merge keys, numbers and complex keys cannot be addressed by name (key None), but
        # they are still located so that their neighbours know where they end.
        colon = _colon_end(body, key_node)
        # The composer shares one node between an anchor and its aliases, so an alias
        # value points back to where the anchor was written: locate the `*name` instead.
        is_alias = value_node.start_mark.index < colon
        if is_alias:
            value_begin, end = _alias_span(body, colon)
            props_start = value_start = value_begin
        else:
            props_start = value_node.start_mark.index
            value_start = _PROPERTIES.match(body, props_start).end()
            end = max(content_end(body, value_node), colon)
        entries.append(
            Entry(
                key=key,
                key_node=key_node,
                value_node=value_node,
                line_start=line_start(body, key_node.start_mark.index),
                colon_end=colon,
                props_start=props_start,
                value_start=value_start,
                content_end=end,
                line_end=line_end(body, end),
                is_alias=is_alias,
            )
        )
    return entries


def find_entry(doc: YamlDoc, key: str) -> Entry | None:
    """The entry for a top-level key (the last one if the key is duplicated, as YAML does)."""
    found = [entry for entry in doc.entries if entry.key == key]
    if len(found) > 1:
        raise PatchError(
            f"The key “{key}” appears more than once in the frontmatter; "
            "remove the duplicate in the text first."
        )
    return found[0] if found else None


def load_doc(text: str) -> YamlDoc:
    """Parse a document's YAML frontmatter for patching; raise PatchError if it cannot be."""
    parsed = parse_frontmatter(text)
    block = parsed.block
    if block is None:
        raise PatchError("This post has no frontmatter block (a --- line at the top).")
    if block.kind == "toml":
        raise PatchError("TOML frontmatter (+++) is read-only here; edit it in the text.")
    if parsed.error is not None:
        raise PatchError(
            f"The frontmatter has an error on line {parsed.error.line}: "
            f"{parsed.error.message}. Fix it in the text first."
        )
    body = text[block.body_start : block.body_end]
    # The pure-Python loader gives marks with str indices, which libyaml does not promise.
    root = yaml.compose(body, Loader=yaml.SafeLoader)
    if root is None:
        return YamlDoc(text, block, body, None, parsed.data, [])
    if not isinstance(root, yaml.MappingNode):
        raise PatchError("The frontmatter must be a mapping of keys to values.")
    if root.flow_style:
        raise PatchError(
            "The frontmatter is written as one {…} mapping; the editor cannot change it "
            "field by field."
        )
    return YamlDoc(text, block, body, root, parsed.data, mapping_entries(body, root))
