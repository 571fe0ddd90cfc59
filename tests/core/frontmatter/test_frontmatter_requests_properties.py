"""Property tests: on generated frontmatter, a top-level request changes one field's lines."""

from __future__ import annotations

import datetime
import json
import math
from dataclasses import dataclass
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from editor.core.frontmatter import (
    DeleteValue,
    SetValue,
    TextPatch,
    apply_request,
    parse_frontmatter,
)
from tests.core.frontmatter.support import assert_outside_lines_unchanged

KEYS = ["title", "description", "pubDate", "heroImage", "tags", "draft", "score", "lang", "note"]
WORDS = ["DeepSeek", "V4", "출시", "모델", "open-source", "a:b", "C#", "it's", "3.5", "—", "日本語"]
KINDS = ["plain", "single", "double", "folded", "literal", "int", "bool", "date", "quoted-date"]
KINDS += ["block-list", "flow-list", "empty"]
WORDS += ["x", "Qwen3.5,", "GLM-5", "(beta)", "100%", "AI/ML", "e.g.", "vs."]


@dataclass
class Entry:
    key: str
    lines: list[str]


def _reads_back(snippet: str, expected: Any) -> bool:
    try:
        got = yaml.safe_load(snippet)
    except yaml.YAMLError:
        return False
    return isinstance(got, dict) and got.get("k") == expected and type(got["k"]) is type(expected)


def _one_line_string(value: str, style: str) -> str:
    if style == "plain" and _reads_back(f"k: {value}", value) and value == value.strip():
        return value
    if style == "double":
        return json.dumps(value, ensure_ascii=False)
    return "'" + value.replace("'", "''") + "'"


def _wrap(words: list[str], width: int) -> list[str]:
    lines = [words[0]]
    for word in words[1:]:
        if len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


@st.composite
def entries(draw: st.DrawFn, key: str) -> Entry:
    """One top-level entry in one of the styles authors use."""
    kind = draw(st.sampled_from(KINDS))
    comment = draw(st.sampled_from(["", "", "  # note", " # 메모"]))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
    sentence = " ".join(words)
    if kind in ("plain", "single", "double"):
        return Entry(key, [f"{key}: {_one_line_string(sentence, kind)}{comment}"])
    if kind == "folded":
        width = draw(st.integers(10, 60))
        header = draw(st.sampled_from([">-", ">"]))
        return Entry(key, [f"{key}: {header}"] + ["  " + line for line in _wrap(words, width)])
    if kind == "literal":
        header = draw(st.sampled_from(["|", "|-"]))
        return Entry(key, [f"{key}: {header}"] + ["    " + word for word in words])
    if kind == "int":
        return Entry(key, [f"{key}: {draw(st.integers(-1000, 10**6))}{comment}"])
    if kind == "bool":
        return Entry(key, [f"{key}: {draw(st.sampled_from(['true', 'false']))}{comment}"])
    if kind in ("date", "quoted-date"):
        day = draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2040, 1, 1))).isoformat()
        return Entry(key, [f"{key}: {day if kind == 'date' else repr(day)}{comment}"])
    if kind == "empty":
        return Entry(key, [f"{key}:{comment}"])
    items = [_one_line_string(word, "plain") for word in words[:5]]
    if kind == "flow-list":
        flow_items = [i if "," not in i else "'" + i.replace("'", "''") + "'" for i in items]
        return Entry(key, [f"{key}: [{', '.join(flow_items)}]{comment}"])
    dash = draw(st.sampled_from(["  - ", "- ", "    - "]))
    return Entry(key, [f"{key}:"] + [dash + item for item in items])


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[Entry], list[tuple[int, int]]]:
    """A post with generated frontmatter; also each entry's (first, last) document line."""
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=6, unique=True))
    lines = ["---"]
    ranges: list[tuple[int, int]] = []
    made: list[Entry] = []
    for key in keys:
        lines.extend(draw(st.lists(st.sampled_from(["", "# comment", "#"]), max_size=2)))
        entry = draw(entries(key))
        ranges.append((len(lines), len(lines) + len(entry.lines) - 1))
        lines.extend(entry.lines)
        made.append(entry)
    lines.extend(draw(st.lists(st.sampled_from(["", "# trailing"]), max_size=2)))
    lines += ["---", "", "# Body", ""]
    text = "\n".join(lines)
    assume(parse_frontmatter(text).error is None)
    return text, made, ranges


_tricky_text = st.text(
    alphabet=st.sampled_from([*"ab 한:#-'\"\\[]{},&*!|>%@`\n\t", "\x07", "—", "\u2028"]),
    max_size=25,
)
_new_strings = st.one_of(
    _tricky_text,
    st.sampled_from(["true", "123", "2026-02-18", " a", "a ", "", "null", "~", "- x", "a: b"]),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join),
)
_new_values = st.one_of(
    _new_strings,
    st.integers(-(10**9), 10**9),
    st.floats(allow_infinity=True, allow_nan=True),
    st.booleans(),
    st.none(),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2050, 1, 1)),
)

_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _set(text: str, key: str, value: Any) -> TextPatch | None:
    return apply_request(text, SetValue((key,), value))


def _same(got: Any, wanted: Any) -> bool:
    """`got` is `wanted`; a date may read back as its ISO string (where dates are quoted)."""
    if isinstance(wanted, datetime.date) and isinstance(got, str):
        return wanted.isoformat() == got
    if isinstance(wanted, float) and isinstance(got, float) and math.isnan(wanted):
        return math.isnan(got)
    return type(got) is type(wanted) and got == wanted


@_SETTINGS
@given(doc=documents(), pick=st.integers(0, 10), value=_new_values)
def test_setting_a_scalar_changes_exactly_one_field_and_only_its_lines(
    doc: tuple[str, list[Entry], list[tuple[int, int]]], pick: int, value: Any
) -> None:
    text, made, ranges = doc
    old = parse_frontmatter(text).data
    if pick < len(made):
        key, (first, last) = made[pick].key, ranges[pick]
    else:
        key = "newKey"
        first = last = text.split("\n").index("---", 1)  # inserted before the closing fence
        last -= 1
    patch = _set(text, key, value)
    if key in old and _same(old[key], value):
        assert patch is None
        return
    assert patch is not None
    patched = patch.apply(text)
    new = parse_frontmatter(patched).data
    assert set(new) == set(old) | {key}
    assert all(_same(new[k], old[k]) for k in old if k != key)
    assert _same(new[key], value)
    assert_outside_lines_unchanged(text, patched, first, last)
    assert _set(patched, key, value) is None


@_SETTINGS
@given(doc=documents(), pick=st.integers(0, 5))
def test_setting_a_scalar_to_its_current_value_returns_none(
    doc: tuple[str, list[Entry], list[tuple[int, int]]], pick: int
) -> None:
    text, made, _ = doc
    assume(pick < len(made))
    current = parse_frontmatter(text).data[made[pick].key]
    assume(current is None or isinstance(current, str | int | float | bool | datetime.date))
    assert _set(text, made[pick].key, current) is None


@_SETTINGS
@given(
    doc=documents(),
    pick=st.integers(0, 6),
    items=st.lists(st.one_of(st.sampled_from(WORDS), _tricky_text), max_size=6),
)
def test_setting_a_string_list_changes_exactly_one_field_and_only_its_lines(
    doc: tuple[str, list[Entry], list[tuple[int, int]]], pick: int, items: list[str]
) -> None:
    text, made, ranges = doc
    assume(pick < len(made))
    key, (first, last) = made[pick].key, ranges[pick]
    old = parse_frontmatter(text).data
    patch = _set(text, key, items)
    if old[key] == items and isinstance(old[key], list):
        assert patch is None
        return
    assert patch is not None
    patched = patch.apply(text)
    new = parse_frontmatter(patched).data
    assert new == {**old, key: items}
    assert_outside_lines_unchanged(text, patched, first, last)
    assert _set(patched, key, items) is None


@_SETTINGS
@given(doc=documents(), pick=st.integers(0, 5))
def test_deleting_a_key_removes_exactly_that_key_s_lines(
    doc: tuple[str, list[Entry], list[tuple[int, int]]], pick: int
) -> None:
    text, made, ranges = doc
    assume(pick < len(made))
    key, (first, last) = made[pick].key, ranges[pick]
    old = parse_frontmatter(text).data
    patched = apply_request(text, DeleteValue((key,)))
    assert patched is not None
    result = patched.apply(text)
    assert parse_frontmatter(result).data == {k: v for k, v in old.items() if k != key}
    a = text.split("\n")
    assert result.split("\n") == a[:first] + a[last + 1 :]
