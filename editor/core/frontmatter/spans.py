"""Text spans in a frontmatter body: line bounds, where a node's content ends, token ends.

All indices are str indices into the block *body* (the text between the fences).
"""

from __future__ import annotations

import yaml

__all__ = [
    "colon_end",
    "content_end",
    "line_end",
    "line_start",
    "line_text_end",
    "skip_space",
    "token_end",
    "value_start",
]


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
