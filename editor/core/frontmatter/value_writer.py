"""Learn how a file writes its YAML, and write new values (scalars, lists, mappings) that way.

`Habits` is read once from the node tree: quote style, how dates are written, mapping and
list indentation, the dash, flow or block lists. `Renderer` turns a Python value into text
for a given place (after `key:`, after `-`, inside […]) and says what it will read back as:
a date written in quotes reads back as its ISO string, and the caller verifies exactly that.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from editor.core.frontmatter.tree import Tree, scalar_style
from editor.core.frontmatter.yaml_values import (
    BlockStyle,
    format_non_string,
    is_date,
    looks_like_date,
    plain_ok,
    render_block_scalar,
    render_key,
    render_string,
)

__all__ = ["Habits", "Rendered", "Renderer", "check_value", "read_habits"]

_QUOTES = ("'", '"')
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_SCALARS = (str, bool, int, float, datetime.date, type(None))


def check_value(value: Any) -> None:
    """Raise TypeError unless `value` is a YAML-representable value (scalars, lists, dicts)."""
    if isinstance(value, list | tuple):
        for item in value:
            check_value(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"mapping keys must be str, not {key!r}")
            check_value(item)
    elif not isinstance(value, _SCALARS):
        raise TypeError(f"not a YAML value: {value!r}")


@dataclass(frozen=True)
class Habits:
    """How this file writes YAML, for values that have no style of their own yet."""

    quote: str = "'"  # quote for strings that need quoting
    date_quote: str = ""  # "" (plain dates), "'" or '"'
    map_indent: int = 2  # a nested mapping's keys, relative to its parent key
    seq_indent: int = 2  # a list's dashes, relative to its parent key
    dash: str = "- "  # the dash and the spaces after it
    flow_lists: bool = False  # the file writes its lists as […]


def _walk(root: yaml.Node | None) -> Iterator[tuple[yaml.Node | None, yaml.Node]]:
    """(key node or None, value node) for every node, each node once."""
    seen: set[int] = set()
    pending: list[tuple[yaml.Node | None, yaml.Node]] = [(None, root)] if root else []
    while pending:
        key, node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        yield key, node
        if isinstance(node, yaml.SequenceNode):
            pending.extend((None, child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            pending.extend((k, v) for k, v in node.value)


def read_habits(tree: Tree) -> Habits:
    """Read the file's habits from its node tree."""
    quotes: Counter[str] = Counter()
    dates: Counter[str] = Counter()
    map_indents: Counter[int] = Counter()
    seq_indents: Counter[int] = Counter()
    dashes: Counter[str] = Counter()
    flow = block = 0
    body = tree.body
    for key, node in _walk(tree.root):
        if isinstance(node, yaml.ScalarNode):
            style = scalar_style(node)
            if style in _QUOTES:
                quotes[style] += 1
                if looks_like_date(node.value):
                    dates[style] += 1
            elif style is None and node.tag == _TIMESTAMP_TAG:
                dates[""] += 1
            continue
        if node.flow_style or not node.value:
            flow += isinstance(node, yaml.SequenceNode) and bool(node.value)
            continue
        below_key = key is not None and node.start_mark.line > key.start_mark.line
        if isinstance(node, yaml.MappingNode) and below_key:
            map_indents[node.value[0][0].start_mark.column - key.start_mark.column] += 1
        elif isinstance(node, yaml.SequenceNode):
            block += 1
            if below_key:
                seq_indents[node.start_mark.column - key.start_mark.column] += 1
            first = node.value[0]
            written = body[node.start_mark.index : first.start_mark.index]
            if first.start_mark.line == node.start_mark.line and written.strip() == "-":
                dashes[written] += 1
    return Habits(
        # A tie goes to single quotes: they need no escapes for backslashes.
        quote="'" if quotes["'"] >= quotes['"'] else '"',
        date_quote=dates.most_common(1)[0][0] if dates else "",
        map_indent=max(map_indents.most_common(1)[0][0], 1) if map_indents else 2,
        seq_indent=seq_indents.most_common(1)[0][0] if seq_indents else 2,
        dash=dashes.most_common(1)[0][0] if dashes else "- ",
        flow_lists=flow > block,
    )


@dataclass(frozen=True)
class Rendered:
    """YAML text and the value it reads back as."""

    text: str
    value: Any


class Renderer:
    """Render values for one file, in its habits."""

    def __init__(self, habits: Habits) -> None:
        self.habits = habits

    # -- scalars ----------------------------------------------------------------------

    def new_scalar(self, value: Any, *, flow: bool) -> Rendered:
        """A scalar with no previous style: plain when safe, else the file's quote."""
        if is_date(value):
            if self.habits.date_quote:
                text = render_string(value.isoformat(), self.habits.date_quote, allow_plain=False)
                return Rendered(text, value.isoformat())
            return Rendered(value.isoformat(), value)
        if isinstance(value, str):
            return Rendered(
                render_string(value, self.habits.quote, allow_plain=True, flow=flow), value
            )
        return Rendered(format_non_string(value), value)

    def restyled_scalar(
        self, value: Any, style: str | None, written: str, column: int, *, flow: bool
    ) -> Rendered:
        """A scalar replacing one written in `style`, keeping that style when it can."""
        if isinstance(value, str) and style in ("|", ">"):
            text = render_block_scalar(value, BlockStyle.of(style, written, column))
            if text is not None:
                return Rendered(text, value)
        if style in _QUOTES:
            if is_date(value):
                return Rendered(
                    render_string(value.isoformat(), style, allow_plain=False), value.isoformat()
                )
            if isinstance(value, str):
                return Rendered(render_string(value, style, allow_plain=False), value)
        if is_date(value):
            return Rendered(value.isoformat(), value)
        return self.new_scalar(value, flow=flow)

    def _multiline(self, value: str, indent: int) -> str | None:
        if "\n" not in value:
            return None
        # A block scalar takes its indentation from its first non-empty line, and reads
        # lines of only blanks as empty: text with leading blank lines or lines that begin
        # with whitespace is safer double-quoted (the caller falls back to quoting).
        lines = value.split("\n")
        if not lines[0].strip() or any(line[:1].isspace() for line in lines):
            return None
        return render_block_scalar(value, BlockStyle("|", indent, 80, ""))

    # -- flow -------------------------------------------------------------------------

    def flow_key(self, key: str) -> str:
        """A key for a {…} mapping."""
        plain = render_key(key)
        if plain == key and plain_ok(key, flow=True):
            return key
        return render_string(key, self.habits.quote, allow_plain=False)

    def flow(self, value: Any) -> Rendered:
        """`value` on one line, in flow style."""
        if isinstance(value, list | tuple):
            parts = [self.flow(item) for item in value]
            return Rendered("[" + ", ".join(p.text for p in parts) + "]", [p.value for p in parts])
        if isinstance(value, dict):
            pairs = [(key, self.flow(item)) for key, item in value.items()]
            text = ", ".join(f"{self.flow_key(k)}: {p.text}" for k, p in pairs)
            return Rendered("{" + text + "}", {k: p.value for k, p in pairs})
        return self.new_scalar(value, flow=True)

    # -- block ------------------------------------------------------------------------

    def after_key(self, value: Any, column: int) -> Rendered:
        """Text after `key:` for a key at `column`: " scalar" or "\\n" + indented lines."""
        if isinstance(value, dict) and value:
            lines, got = self.mapping_lines(value, column + self.habits.map_indent)
            return Rendered("\n" + "\n".join(lines), got)
        if isinstance(value, list | tuple) and value and not self.habits.flow_lists:
            lines, got = self.list_lines(list(value), column + self.habits.seq_indent)
            return Rendered("\n" + "\n".join(lines), got)
        return self._inline(value, column + self.habits.map_indent)

    def after_dash(self, value: Any, column: int) -> Rendered:
        """Text after the "-" of an item whose dash is at `column`."""
        spacing = self.habits.dash[1:] or " "
        inner = column + 1 + len(spacing)
        if isinstance(value, dict) and value:
            lines, got = self.mapping_lines(value, inner)
            return Rendered(spacing + "\n".join(lines)[inner:], got)
        if isinstance(value, list | tuple) and value:
            lines, got = self.list_lines(list(value), inner)
            return Rendered(spacing + "\n".join(lines)[inner:], got)
        rendered = self._inline(value, inner)
        return Rendered(spacing + rendered.text[1:], rendered.value)

    def _inline(self, value: Any, block_indent: int) -> Rendered:
        """ " value" on the same line (empty collections, scalars, flow lists)."""
        if isinstance(value, list | tuple | dict):
            flowed = self.flow(value)
            return Rendered(" " + flowed.text, flowed.value)
        if isinstance(value, str):
            block = self._multiline(value, block_indent)
            if block is not None:
                return Rendered(" " + block, value)
        rendered = self.new_scalar(value, flow=False)
        return Rendered(" " + rendered.text, rendered.value)

    def mapping_lines(self, value: dict[str, Any], column: int) -> tuple[list[str], dict[str, Any]]:
        """Lines of a block mapping whose keys sit at `column`."""
        lines: list[str] = []
        got: dict[str, Any] = {}
        for key, item in value.items():
            rendered = self.after_key(item, column)
            lines.append(" " * column + render_key(key) + ":" + rendered.text)
            got[key] = rendered.value
        return lines, got

    def list_lines(self, value: list[Any], column: int) -> tuple[list[str], list[Any]]:
        """Lines of a block list whose dashes sit at `column`."""
        lines: list[str] = []
        got: list[Any] = []
        for item in value:
            rendered = self.after_dash(item, column)
            lines.append(" " * column + "-" + rendered.text)
            got.append(rendered.value)
        return lines, got
