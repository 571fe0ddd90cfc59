"""Write values as YAML text the way this file writes them, and check that they read back.

`Habits` is read once from the node tree: quote style, how dates are written, mapping and
list indentation, the dash, flow or block lists. `Renderer` turns a Python value into text
for a given place (after `key:`, after `-`, inside […]) and says what it will read back as:
this is where the type a value is written in is decided (a date written into a quoted
scalar, or into a file that quotes its dates, stays a quoted ISO string; a number is
written as a number). The scalar writers below check every rendering by parsing it back
with PyYAML's SafeLoader (the reference the rest of the editor uses), so a style is only
used when it round-trips.
"""

from __future__ import annotations

import datetime
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from editor.core.dates import is_iso_day, is_plain_date, timestamp_text
from editor.core.frontmatter.locate import Tree, scalar_style

__all__ = [
    "YAML11_BOOLEAN_WORDS",
    "BlockStyle",
    "Habits",
    "Rendered",
    "Renderer",
    "check_value",
    "double_quoted",
    "format_non_string",
    "plain_ok",
    "read_back",
    "read_habits",
    "render_block_scalar",
    "render_key",
    "render_string",
    "same_value",
    "single_quoted",
    "strict_equal",
]

# --- single values: equality, and scalars in a chosen style ---------------------------------

# Plain words PyYAML (YAML 1.1) reads as booleans and YAML 1.2 readers (js-yaml in Astro,
# Hugo's Go YAML) as text: written as strings they are quoted; `fm set` refuses them bare.
YAML11_BOOLEAN_WORDS = frozenset(
    ["yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]
)
# Strings that YAML 1.2 readers (js-yaml in Astro, Hugo's Go YAML) take for numbers,
# booleans or nulls although PyYAML (YAML 1.1) reads them as strings: quote them too.
_YAML12_NON_STRING = re.compile(
    r"""^(?:
        [-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)
      | [-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?
      | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
      | ~ | null | Null | NULL | true | True | TRUE | false | False | FALSE
      | y | Y | n | N | yes | Yes | YES | no | No | NO | on | On | ON | off | Off | OFF
    )$""",
    re.VERBOSE,
)
# Characters a single-quoted or block scalar cannot hold literally.
_NEEDS_ESCAPE = re.compile(
    "[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]"
)
_ESCAPES = {
    "\0": "\\0",
    "\x07": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}


def same_value(old: Any, new: Any) -> bool:
    """Equality that tells bool from int and int from float; a date equals its ISO string."""
    if is_plain_date(old) and isinstance(new, str):
        return bool(old.isoformat() == new)
    if is_plain_date(new) and isinstance(old, str):
        return bool(new.isoformat() == old)
    return strict_equal(old, new)


def strict_equal(a: Any, b: Any) -> bool:
    """Deep equality that tells bool, int and float apart and treats NaN as equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(strict_equal(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(strict_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


_FAILED = object()


def read_back(snippet: str) -> Any:
    """Parse a `k: ...` snippet and return the value of k, or a sentinel on failure."""
    try:
        data = yaml.load(snippet, Loader=yaml.SafeLoader)
    except Exception:
        return _FAILED
    if not isinstance(data, dict) or list(data) != ["k"]:
        return _FAILED
    return data["k"]


def _reads_as(snippet: str, wanted: Any, *, date_ok: bool = False) -> bool:
    got = read_back(snippet)
    if got is _FAILED:
        return False
    if date_ok and is_plain_date(got) and isinstance(wanted, str):
        return bool(got.isoformat() == wanted)
    return strict_equal(got, wanted)


def single_quoted(value: str) -> str | None:
    """`'value'` with quotes doubled, or None when the value needs escapes."""
    if _NEEDS_ESCAPE.search(value) or "\n" in value:
        return None
    return "'" + value.replace("'", "''") + "'"


def double_quoted(value: str) -> str:
    """`"value"` with backslash escapes for quotes, backslashes and invisible characters."""
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _NEEDS_ESCAPE.match(char):
            code = ord(char)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def plain_ok(value: str, *, flow: bool = False, date_ok: bool = False) -> bool:
    """True if `value` can be written unquoted and still read back as that string."""
    if not value or value != value.strip() or "\n" in value or _NEEDS_ESCAPE.search(value):
        return False
    if _YAML12_NON_STRING.match(value) and not date_ok:
        return False
    if flow:
        snippet = f"k: [{value}]"
        got = read_back(snippet)
        return got is not _FAILED and isinstance(got, list) and strict_equal(got, [value])
    return _reads_as(f"k: {value}", value, date_ok=date_ok)


def render_string(
    value: str, quote: str, *, allow_plain: bool, flow: bool = False, date_ok: bool = False
) -> str:
    """A one-line string: plain when allowed and safe, else in `quote` (' or "), else double."""
    if allow_plain and plain_ok(value, flow=flow, date_ok=date_ok):
        return value
    if quote == "'":
        single = single_quoted(value)
        if single is not None:
            return single
    return double_quoted(value)


def render_key(key: str) -> str:
    """A mapping key, quoted only when it would not read back as the same string."""
    if plain_ok(key) and not key.startswith(("?", "<<")):
        try:
            data = yaml.load(f"{key}: 1", Loader=yaml.SafeLoader)
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict) and list(data) == [key]:
            return key
    return render_string(key, "'", allow_plain=False)


def _plain_datetime(value: datetime.datetime) -> datetime.datetime:
    """The datetime a timestamp reads back as (not a WrittenTimestamp)."""
    return datetime.datetime.combine(value.date(), value.timetz())


def format_non_string(value: bool | int | float | datetime.date | None) -> str:
    """YAML text for null, booleans, numbers and dates (unquoted)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        # PyYAML's float pattern needs a dot ("1e+20" would read back as a string).
        if "." not in text:
            mantissa, _, exponent = text.partition("e")
            text = f"{mantissa}.0" + (f"e{exponent}" if exponent else "")
        return text
    if isinstance(value, datetime.datetime):
        return timestamp_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"not a YAML scalar: {value!r}")


@dataclass(frozen=True)
class BlockStyle:
    """How an existing block scalar is written: kind, indentation and fold width."""

    kind: str  # "|" (literal) or ">" (folded)
    indent: int  # spaces before each content line
    width: int  # folded lines are wrapped to at most this many columns (indent included)
    header_suffix: str  # text after the indicators (a comment), kept as it was

    @classmethod
    def of(cls, kind: str, written: str, key_column: int) -> BlockStyle:
        """Read the style of an existing block scalar from its text (header line first)."""
        header, _, content = written.partition("\n")
        indicators = re.match(r"(?:[&!]\S*[ \t]+)*[|>][-+0-9]*", header)
        suffix = header[indicators.end() :] if indicators else ""
        lines = content.split("\n") if content else []
        filled = [line for line in lines if line.strip()]
        indent = (len(filled[0]) - len(filled[0].lstrip(" "))) if filled else key_column + 2
        longest = max((len(line.rstrip()) for line in filled), default=0)
        folds = any(a.strip() and b.strip() for a, b in itertools.pairwise(lines))
        # Lines that were folded show the width the author (or their tool) wrapped at;
        # re-wrapping greedily at that width reproduces their unchanged lines exactly.
        width = longest if folds else max(80, longest)
        return cls(kind, max(indent, key_column + 1), max(width, 20), suffix)


def _fold_paragraph(paragraph: str, available: int) -> list[str]:
    # Break only at a single space between two non-spaces: elsewhere a break would
    # change the value when the folded lines are joined again.
    words: list[str] = []
    start = 0
    for index in range(1, len(paragraph) - 1):
        if paragraph[index] == " " and paragraph[index - 1] != " " and paragraph[index + 1] != " ":
            words.append(paragraph[start:index])
            start = index + 1
    words.append(paragraph[start:])
    lines = [words[0]]
    for word in words[1:]:
        if len(lines[-1]) + 1 + len(word) <= available:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def render_block_scalar(value: str, style: BlockStyle) -> str | None:
    """Header line plus content lines for `value` in the block style, or None if impossible."""
    if _NEEDS_ESCAPE.search(value.replace("\n", "")):
        return None
    core = value.rstrip("\n")
    trailing = len(value) - len(core)
    chomp = "-" if trailing == 0 else ("" if trailing == 1 else "+")
    pad = " " * style.indent
    lines: list[str] = []
    if style.kind == "|":
        lines = core.split("\n") if core else []
    else:
        for number, paragraph in enumerate(core.split("\n") if core else []):
            # In a folded scalar one line break reads as a space, so each "\n" of the
            # value is written as an empty line.
            if number:
                lines.append("")
            if paragraph:
                lines.extend(_fold_paragraph(paragraph, style.width - style.indent))
    lines.extend([""] * max(trailing - 1, 0))
    content = [pad + line if line else "" for line in lines]
    text = style.kind + chomp + style.header_suffix
    if content:
        text += "\n" + "\n".join(content)
    # The indentation is taken from the first content line, so a value whose first line
    # starts with a space (or other oddities) cannot be written this way: check.
    snippet = "k: " + style.kind + chomp + ("\n" + "\n".join(content) if content else "")
    return text if _reads_as(snippet + "\n", value) else None


# --- the file's habits, and values written in them ------------------------------------------

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
                if is_iso_day(node.value):
                    dates[style] += 1
            elif style is None and node.tag == _TIMESTAMP_TAG:
                dates[""] += 1
            continue
        assert isinstance(node, yaml.CollectionNode)
        if node.flow_style or not node.value:
            flow += isinstance(node, yaml.SequenceNode) and bool(node.value)
            continue
        column = key.start_mark.column if key is not None else 0
        below_key = key is not None and node.start_mark.line > key.start_mark.line
        if isinstance(node, yaml.MappingNode) and below_key:
            map_indents[node.value[0][0].start_mark.column - column] += 1
        elif isinstance(node, yaml.SequenceNode):
            block += 1
            if below_key:
                seq_indents[node.start_mark.column - column] += 1
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
        if is_plain_date(value):
            if self.habits.date_quote:
                text = render_string(value.isoformat(), self.habits.date_quote, allow_plain=False)
                return Rendered(text, value.isoformat())
            return Rendered(value.isoformat(), value)
        if isinstance(value, str):
            return Rendered(
                render_string(value, self.habits.quote, allow_plain=True, flow=flow), value
            )
        if isinstance(value, datetime.datetime):
            return Rendered(timestamp_text(value), _plain_datetime(value))
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
            if is_plain_date(value):
                return Rendered(
                    render_string(value.isoformat(), style, allow_plain=False), value.isoformat()
                )
            if isinstance(value, str):
                return Rendered(render_string(value, style, allow_plain=False), value)
        if is_plain_date(value):
            return Rendered(value.isoformat(), value)
        if isinstance(value, datetime.datetime) and style is None:
            return Rendered(timestamp_text(value, written), _plain_datetime(value))
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
            lines, items = self.list_lines(list(value), column + self.habits.seq_indent)
            return Rendered("\n" + "\n".join(lines), items)
        return self._inline(value, column + self.habits.map_indent)

    def after_dash(self, value: Any, column: int) -> Rendered:
        """Text after the "-" of an item whose dash is at `column`."""
        spacing = self.habits.dash[1:] or " "
        inner = column + 1 + len(spacing)
        if isinstance(value, dict) and value:
            lines, got = self.mapping_lines(value, inner)
            return Rendered(spacing + "\n".join(lines)[inner:], got)
        if isinstance(value, list | tuple) and value:
            lines, items = self.list_lines(list(value), inner)
            return Rendered(spacing + "\n".join(lines)[inner:], items)
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
