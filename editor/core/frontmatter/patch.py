"""Minimal text patches on top-level keys of a YAML frontmatter block.

A patch replaces only the lines of the key it changes (its key line and continuation
lines) and keeps the style the author used: quoting, block scalars, list style. Every
patch is checked by parsing the patched text: the data must be the old data with exactly
the requested change, or PatchError is raised instead of returning a patch.
"""

from __future__ import annotations

import datetime
import difflib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from editor.core.frontmatter.locate import (
    Entry,
    PatchError,
    YamlDoc,
    content_end,
    find_entry,
    line_end,
    load_doc,
)
from editor.core.frontmatter.parse import parse_frontmatter
from editor.core.frontmatter.yaml_values import (
    BlockStyle,
    format_non_string,
    render_block_scalar,
    render_key,
    render_string,
    same_value,
    strict_equal,
)

__all__ = ["PatchError", "Scalar", "TextPatch", "delete_key", "set_scalar", "set_string_list"]

Scalar = str | bool | int | float | datetime.date | None

_QUOTES = ("'", '"')
_MISSING = object()


@dataclass(frozen=True)
class TextPatch:
    """Replace text[start:end] by `text` (str offsets into the editor text)."""

    start: int
    end: int
    text: str

    def apply(self, text: str) -> str:
        """Return `text` with the patch applied."""
        return text[: self.start] + self.text + text[self.end :]


# --- reading the author's habits ------------------------------------------------------


def _walk(node: yaml.Node | None) -> Iterator[yaml.Node]:
    seen: set[int] = set()
    pending = [node] if node is not None else []
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            pending.extend(part for pair in current.value for part in pair)


def _most_common_quote(nodes: Iterator[yaml.Node], default: str) -> str:
    counts = Counter(
        node.style for node in nodes if isinstance(node, yaml.ScalarNode) and node.style in _QUOTES
    )
    if not counts:
        return default
    # A tie goes to single quotes: they need no escapes for backslashes.
    return "'" if counts["'"] >= counts['"'] else '"'


def _file_quote(doc: YamlDoc) -> str:
    return _most_common_quote(_walk(doc.root), "'")


def _date_quote(doc: YamlDoc) -> str:
    """How the file writes its dates: "" (plain), "'" or '"'; for a new date key."""
    styles: Counter[str] = Counter()
    for entry in doc.entries:
        node = entry.value_node
        value = doc.data.get(entry.key) if entry.key is not None else None
        if not isinstance(node, yaml.ScalarNode) or entry.is_alias:
            continue
        if isinstance(value, datetime.date):
            styles[""] += 1
        elif isinstance(value, str) and node.style in _QUOTES and _looks_like_date(value):
            styles[node.style] += 1
    return styles.most_common(1)[0][0] if styles else ""


def _looks_like_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


@dataclass(frozen=True)
class _ListStyle:
    flow: bool
    indent: int  # column of the dash
    dash: str  # the dash and the spaces after it, e.g. "- "
    quote: str  # quote used for items that need quoting
    padded: bool = False  # flow lists written `[ a, b ]`
    separator: str = ", "


def _block_geometry(doc: YamlDoc, entry: Entry) -> tuple[int, str] | None:
    """(dash column, dash text) of an existing block sequence, from its first item."""
    seq = entry.value_node
    if not isinstance(seq, yaml.SequenceNode) or seq.flow_style or not seq.value:
        return None
    item_start = seq.value[0].start_mark.index
    if item_start < entry.colon_end:
        return None
    dash = doc.body.rfind("-", 0, item_start)
    begin = doc.body.rfind("\n", 0, item_start) + 1
    if dash < begin or doc.body[begin:dash].strip():
        return None
    return dash - begin, doc.body[dash:item_start]


def _list_style(doc: YamlDoc, entry: Entry | None) -> _ListStyle:
    """The list style to use for `entry`'s value (or a new key) given the file's habits."""
    key_column = doc.key_column
    own = entry.value_node if entry is not None else None
    if isinstance(own, yaml.SequenceNode) and own.value and not entry.is_alias:
        quote = _most_common_quote(iter(own.value), _file_quote(doc))
        if own.flow_style:
            written = doc.body[entry.value_start : entry.content_end]
            inner = written[1:-1]
            separator = "," if "," in inner and ", " not in inner else ", "
            padded = inner.startswith(" ") and inner.endswith(" ")
            return _ListStyle(True, key_column + 2, "- ", quote, padded, separator)
        indent, dash = _block_geometry(doc, entry) or (key_column + 2, "- ")
        return _ListStyle(False, indent, dash, quote)
    # No items to learn from (new key, empty `[]`, a scalar): follow the file's other lists.
    flow = block = 0
    geometry: tuple[int, str] | None = None
    for other in doc.entries:
        node = other.value_node
        if other is entry or not isinstance(node, yaml.SequenceNode) or not node.value:
            continue
        if node.flow_style:
            flow += 1
        else:
            block += 1
            geometry = geometry or _block_geometry(doc, other)
    indent, dash = geometry or (key_column + 2, "- ")
    return _ListStyle(flow > block, indent, dash, _file_quote(doc))


# --- building and checking patches ----------------------------------------------------


def _line_text_end(body: str, index: int) -> int:
    """Index of the "\\n" ending the line holding `index` (or the body's end)."""
    found = body.find("\n", index)
    return len(body) if found < 0 else found


def _minimal(doc: YamlDoc, start: int, end: int, new: str) -> TextPatch | None:
    """A patch for body[start:end] -> new, trimmed to the characters that really change."""
    old = doc.body[start:end]
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    if prefix == len(old) == len(new):
        return None
    return TextPatch(
        doc.offset(start + prefix), doc.offset(end - suffix), new[prefix : len(new) - suffix]
    )


def _checked(doc: YamlDoc, patch: TextPatch | None, expected: dict[str, Any]) -> TextPatch | None:
    """Return the patch if the patched text parses to `expected`, else raise PatchError."""
    if patch is None:
        if strict_equal(doc.data, expected):
            return None
        raise PatchError("The change could not be written as a minimal edit of the frontmatter.")
    patched = parse_frontmatter(patch.apply(doc.text))
    shift = len(patch.text) - (patch.end - patch.start)
    if (
        patched.block is None
        or patched.error is not None
        or patched.block.end != doc.block.end + shift
        or not strict_equal(patched.data, expected)
    ):
        raise PatchError(
            "The change could not be written without touching other fields "
            "(the frontmatter uses a construct the editor cannot patch); edit it in the text."
        )
    return patch


def _append(doc: YamlDoc, key: str, rest: str) -> TextPatch:
    """Add `key:` + rest as new lines at the end of the block."""
    # A later step inserts at the schema's position; for now new keys go last.
    line = " " * doc.key_column + render_key(key) + ":" + rest + "\n"
    return TextPatch(doc.block.body_end, doc.block.body_end, line)


# --- scalars --------------------------------------------------------------------------


def _check_scalar(value: object) -> None:
    if value is not None and not isinstance(value, str | bool | int | float | datetime.date):
        raise TypeError(f"set_scalar() takes a str, bool, int, float, date or None, not {value!r}")


def _one_line(doc: YamlDoc, value: Scalar, old_style: str | None, old: Any) -> str:
    """`value` as a one-line scalar, keeping the old quoting where the value allows it."""
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        # A new date key follows the file's other dates; an existing one keeps its quotes.
        same_as_before = old_style if old_style in _QUOTES else ""
        quote = _date_quote(doc) if old is _MISSING else same_as_before
        if quote:
            return render_string(value.isoformat(), quote, allow_plain=False)
        return value.isoformat()
    if not isinstance(value, str):
        return format_non_string(value)
    if old_style in _QUOTES:
        return render_string(value, old_style, allow_plain=False)
    # A plain date may take a new date-like string and stay a date (no quotes appear).
    date_ok = isinstance(old, datetime.date)
    return render_string(value, _file_quote(doc), allow_plain=True, date_ok=date_ok)


def _kept_anchor(doc: YamlDoc, entry: Entry) -> str:
    # An anchor is kept so that aliases elsewhere still resolve; a tag is dropped because
    # the new text is rendered to read back as the new value's own type.
    props = doc.body[entry.props_start : entry.value_start].split()
    anchors = [prop for prop in props if prop.startswith("&")]
    return " ".join(anchors) + " " if anchors else ""


def _replace_value(doc: YamlDoc, entry: Entry, value: Scalar) -> tuple[int, int, str]:
    """(start, end, text) replacing an existing entry's value by a scalar."""
    node = entry.value_node
    body = doc.body
    written_here = isinstance(node, yaml.ScalarNode) and not entry.is_alias
    old = doc.data[entry.key] if entry.key is not None else None
    if written_here and node.style in ("|", ">") and isinstance(value, str):
        style = BlockStyle.of(
            node.style,
            body[entry.value_start : entry.content_end],
            entry.key_node.start_mark.column,
        )
        block = render_block_scalar(value, style)
        if block is not None:
            return entry.props_start, entry.content_end, _kept_anchor(doc, entry) + block
    if written_here:
        style_now = node.style if node.style in _QUOTES else None
        text = _kept_anchor(doc, entry) + _one_line(doc, value, style_now, old)
        start, end = entry.props_start, entry.content_end
    elif entry.is_alias:
        text = _one_line(doc, value, None, old)
        start, end = entry.props_start, entry.content_end
    else:
        # A collection becomes a scalar: its lines go, with a comment on its last line.
        text = _one_line(doc, value, None, old)
        start, end = entry.colon_end, _line_text_end(body, entry.content_end)
    if start == entry.colon_end:
        text = " " + text
    return start, end, text


def set_scalar(text: str, key: str, value: Scalar) -> TextPatch | None:
    """Patch a top-level key to a scalar value, keeping its style; None if already equal."""
    _check_scalar(value)
    doc = load_doc(text)
    entry = find_entry(doc, key)
    if entry is None:
        if key in doc.data and same_value(doc.data[key], value):
            return None  # provided by a merge key (`<<: *base`) and already equal
        patch: TextPatch | None = _append(doc, key, " " + _one_line(doc, value, None, _MISSING))
    else:
        if same_value(doc.data[key], value):
            return None
        patch = _minimal(doc, *_replace_value(doc, entry, value))
    patched_value = _value_after(doc, patch, key)
    if not same_value(patched_value, value):
        raise PatchError(f"The value for “{key}” could not be written so that it reads back.")
    return _checked(doc, patch, {**doc.data, key: patched_value})


def _value_after(doc: YamlDoc, patch: TextPatch | None, key: str) -> Any:
    if patch is None:
        return doc.data.get(key)
    patched = parse_frontmatter(patch.apply(doc.text))
    if patched.error is not None or key not in patched.data:
        raise PatchError(
            f"The value for “{key}” could not be written without breaking the frontmatter."
        )
    return patched.data[key]


# --- string lists ---------------------------------------------------------------------


def _render_item(item: str, style: _ListStyle) -> str:
    return render_string(item, style.quote, allow_plain=True, flow=style.flow)


def _flow_text(items: list[str], style: _ListStyle) -> str:
    if not items:
        return "[]"
    pad = " " if style.padded else ""
    return "[" + pad + style.separator.join(_render_item(i, style) for i in items) + pad + "]"


def _block_lines(items: list[str], style: _ListStyle) -> list[str]:
    return [" " * style.indent + style.dash + _render_item(item, style) for item in items]


def _diff_block_list(
    doc: YamlDoc, entry: Entry, items: list[str], style: _ListStyle
) -> tuple[int, int, str] | None:
    """Rewrite only the items that change; untouched items keep their lines and comments."""
    body = doc.body
    seq = entry.value_node
    old_values = doc.data[entry.key]
    starts: list[int] = []
    ends: list[int] = []
    previous_end = line_end(body, entry.colon_end)
    for node in seq.value:
        node_end = line_end(body, content_end(body, node))
        if node.start_mark.index < previous_end or node_end <= previous_end:
            return None  # an alias or odd layout: let the caller rewrite the whole list
        # Comment lines before an item travel with it: they usually describe it.
        starts.append(previous_end)
        ends.append(node_end)
        previous_end = node_end
    keys: list[object] = [
        value if isinstance(value, str) and isinstance(node, yaml.ScalarNode) else ("#", n)
        for n, (node, value) in enumerate(zip(seq.value, old_values, strict=True))
    ]
    matcher = difflib.SequenceMatcher(None, keys, list(items), autojunk=False)
    pieces: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(body[starts[i1] : ends[i2 - 1]])
        else:
            pieces.extend(line + "\n" for line in _block_lines(items[j1:j2], style))
    return starts[0], ends[-1], "".join(pieces)


def _replace_list(
    doc: YamlDoc, entry: Entry, items: list[str], style: _ListStyle
) -> tuple[int, int, str]:
    node = entry.value_node
    body = doc.body
    is_seq = isinstance(node, yaml.SequenceNode) and not entry.is_alias
    if is_seq and node.flow_style and (node.value or style.flow or not items):
        return entry.value_start, entry.content_end, _flow_text(items, style)
    if is_seq and not node.flow_style and items:
        diffed = _diff_block_list(doc, entry, items, style)
        if diffed is not None:
            return diffed
    one_line_scalar = (
        isinstance(node, yaml.ScalarNode) and not entry.is_alias and node.style not in ("|", ">")
    )
    if not items or style.flow:
        # A one-line scalar is replaced in place, so a trailing comment after it stays.
        if one_line_scalar:
            start, end = entry.props_start, entry.content_end
        else:
            start, end = entry.colon_end, _line_text_end(body, entry.content_end)
        new = _flow_text(items, style)
        return start, end, (" " + new if start == entry.colon_end else new)
    end = _line_text_end(body, entry.content_end)
    return entry.colon_end, end, "\n" + "\n".join(_block_lines(items, style))


def set_string_list(text: str, key: str, items: list[str]) -> TextPatch | None:
    """Patch a top-level key to a list of strings, keeping the list's style."""
    items = list(items)
    if not all(isinstance(item, str) for item in items):
        raise TypeError("set_string_list() takes a list of str")
    doc = load_doc(text)
    entry = find_entry(doc, key)
    if entry is None:
        if key in doc.data and strict_equal(doc.data[key], items):
            return None
        style = _list_style(doc, None)
        if not items or style.flow:
            rest = " " + _flow_text(items, style)
        else:
            rest = "\n" + "\n".join(_block_lines(items, style))
        return _checked(doc, _append(doc, key, rest), {**doc.data, key: items})
    if strict_equal(doc.data[entry.key], items):
        return None
    start, end, new = _replace_list(doc, entry, items, _list_style(doc, entry))
    return _checked(doc, _minimal(doc, start, end, new), {**doc.data, key: items})


# --- deleting -------------------------------------------------------------------------


def delete_key(text: str, key: str) -> TextPatch | None:
    """Remove a top-level key and its value's lines; None if the key is not there."""
    doc = load_doc(text)
    entry = find_entry(doc, key)
    if entry is None:
        if key in doc.data:
            raise PatchError(
                f"“{key}” comes from a merge (<<) in the frontmatter; edit it in the text."
            )
        return None
    expected = {k: v for k, v in doc.data.items() if k != key}
    return _checked(doc, _minimal(doc, entry.line_start, entry.line_end, ""), expected)
