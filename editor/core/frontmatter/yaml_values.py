"""Write single YAML values as text in a chosen style, and check that they read back.

Every rendering is checked by parsing it back with PyYAML's SafeLoader (the reference the
rest of the editor uses), so a style is only used when it round-trips.
"""

from __future__ import annotations

import datetime
import itertools
import math
import re
from dataclasses import dataclass
from typing import Any

import yaml

__all__ = [
    "BlockStyle",
    "double_quoted",
    "format_non_string",
    "is_date",
    "looks_like_date",
    "plain_ok",
    "read_back",
    "render_block_scalar",
    "render_key",
    "render_string",
    "same_value",
    "single_quoted",
    "strict_equal",
]

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
    if is_date(old) and isinstance(new, str):
        return old.isoformat() == new
    if is_date(new) and isinstance(old, str):
        return new.isoformat() == old
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


def is_date(value: Any) -> bool:
    """True for a date that is not a datetime (what a plain `2026-02-18` reads as)."""
    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def looks_like_date(value: str) -> bool:
    """True for a string in ISO form `YYYY-MM-DD` that names a real day."""
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


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
    if date_ok and is_date(got) and isinstance(wanted, str):
        return got.isoformat() == wanted
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
