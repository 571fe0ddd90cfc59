"""Property tests: on generated frontmatter, one path edit changes exactly one node's lines."""

from __future__ import annotations

import datetime
import json
import math
from dataclasses import dataclass, field
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from editor.core.frontmatter import (
    PatchError,
    delete_path,
    get_value,
    insert_item,
    move_item,
    parse_frontmatter,
    remove_item,
    set_value,
)
from tests.core.frontmatter.support import assert_outside_lines_unchanged

KEYS = ["title", "description", "pubDate", "tags", "relatedPosts", "faq", "seo", "score"]
SUBKEYS = ["slug", "score", "reason", "ko", "ja", "en", "answer"]
WORDS = ["DeepSeek", "V4", "출시", "모델", "open-source", "a:b", "C#", "it's", "3.5", "—"]
WORDS += ["x", "Qwen3.5,", "GLM-5", "(beta)", "100%", "AI/ML", "e.g.", "日本語"]
SCALAR_KINDS = ["plain", "single", "double", "folded", "int", "float", "bool", "date"]
SCALAR_KINDS += ["quoted-date", "empty"]
COLLECTION_KINDS = ["map", "flow-map", "block-list", "flow-list", "list-of-maps"]

_SETTINGS = settings(deadline=None, suppress_health_check=list(HealthCheck))


@dataclass
class Doc:
    """A generated post and the (first, last) line of every node, by path."""

    lines: list[str] = field(default_factory=list)
    ranges: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    compact: set[tuple] = field(default_factory=set)  # first keys written on a dash line

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _reads_back(snippet: str, expected: Any) -> bool:
    try:
        got = yaml.safe_load(snippet)
    except yaml.YAMLError:
        return False
    return isinstance(got, dict) and got.get("k") == expected and type(got["k"]) is type(expected)


def _one_line(value: str, style: str, *, flow: bool = False) -> str:
    snippet = f"k: [{value}]" if flow else f"k: {value}"
    wanted: Any = [value] if flow else value
    if style == "plain" and value == value.strip() and _reads_back(snippet, wanted):
        return value
    if style == "double":
        return json.dumps(value, ensure_ascii=False)
    return "'" + value.replace("'", "''") + "'"


def _scalar(draw: st.DrawFn, column: int, *, flow: bool = False) -> list[str]:
    """A scalar's text: its first line (after "key: ") and any continuation lines."""
    kinds = SCALAR_KINDS[:3] + SCALAR_KINDS[4:] if flow else SCALAR_KINDS
    kind = draw(st.sampled_from(kinds))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
    sentence = " ".join(words)
    if kind in ("plain", "single", "double"):
        return [_one_line(sentence, kind, flow=flow)]
    if kind == "folded":
        header = draw(st.sampled_from([">-", ">"]))
        return [header] + [" " * (column + 2) + word for word in words]
    if kind == "int":
        return [str(draw(st.integers(-1000, 10**6)))]
    if kind == "float":
        return [repr(draw(st.sampled_from([0.5, 0.95, 1.25, -3.0])))]
    if kind == "bool":
        return [draw(st.sampled_from(["true", "false"]))]
    if kind in ("date", "quoted-date"):
        day = draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2040, 1, 1))).isoformat()
        return [day if kind == "date" else repr(day)]
    return [""]


def _emit_entry(draw: st.DrawFn, doc: Doc, path: tuple, column: int, prefix: str | None) -> None:
    first = len(doc.lines)
    head = (prefix if prefix is not None else " " * column) + str(path[-1]) + ":"
    if prefix is not None and prefix.strip():
        doc.compact.add(path)
    depth = len([p for p in path if isinstance(p, str)])
    kinds = SCALAR_KINDS if depth >= 3 else SCALAR_KINDS + COLLECTION_KINDS * 2
    kind = draw(st.sampled_from(kinds))
    comment = draw(st.sampled_from(["", "", "  # note"]))
    if kind in SCALAR_KINDS:
        text = _scalar(draw, column)
        multi = text[0] in (">-", ">")
        first_line = head + (" " + text[0] if text[0] else "")
        doc.lines.append(first_line + ("" if multi or not text[0] else comment))
        doc.lines.extend(text[1:])
    elif kind == "map":
        doc.lines.append(head + comment)
        keys = draw(st.lists(st.sampled_from(SUBKEYS), min_size=1, max_size=3, unique=True))
        for key in keys:
            _emit_entry(draw, doc, (*path, key), column + 2, None)
    elif kind in ("flow-map", "flow-list"):
        count = draw(st.integers(0 if kind == "flow-list" else 1, 3))
        values = [_scalar(draw, column, flow=True)[0] or "null" for _ in range(count)]
        if kind == "flow-map":
            keys = SUBKEYS[:count]
            inner = ", ".join(f"{k}: {v}" for k, v in zip(keys, values, strict=True))
            doc.lines.append(head + " {" + inner + "}" + comment)
            subpaths = [(*path, key) for key in keys]
        else:
            doc.lines.append(head + " [" + ", ".join(values) + "]" + comment)
            subpaths = [(*path, n) for n in range(count)]
        for sub in subpaths:
            doc.ranges[sub] = (first, first)
    else:
        doc.lines.append(head)
        dash = column + draw(st.sampled_from([0, 2]))
        count = draw(st.integers(1, 4))
        for n in range(count):
            _emit_item(draw, doc, (*path, n), dash, maps=kind == "list-of-maps")
    doc.ranges[path] = (first, len(doc.lines) - 1)


def _emit_item(draw: st.DrawFn, doc: Doc, path: tuple, dash: int, *, maps: bool) -> None:
    first = len(doc.lines)
    doc.lines.extend(draw(st.lists(st.just(" " * dash + "# about the next item"), max_size=1)))
    prefix = " " * dash + "- "
    if maps:
        keys = draw(st.lists(st.sampled_from(SUBKEYS), min_size=1, max_size=3, unique=True))
        for number, key in enumerate(keys):
            _emit_entry(draw, doc, (*path, key), dash + 2, prefix if number == 0 else None)
    else:
        text = _scalar(draw, dash)
        doc.lines.append(prefix + (text[0] or "null"))
        doc.lines.extend(text[1:])
    doc.ranges[path] = (first, len(doc.lines) - 1)


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    """A post whose frontmatter mixes every style the editor must keep."""
    doc = Doc(lines=["---"])
    for key in draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=5, unique=True)):
        doc.lines.extend(draw(st.lists(st.sampled_from(["", "# comment"]), max_size=2)))
        _emit_entry(draw, doc, (key,), 0, None)
    doc.lines.extend(draw(st.lists(st.sampled_from(["", "# trailing"]), max_size=2)))
    doc.lines += ["---", "", "# Body", ""]
    assume(parse_frontmatter(doc.text).error is None)
    return doc


_strings = st.one_of(
    st.sampled_from(WORDS),
    st.text(alphabet=st.sampled_from([*"ab 한:#-'\"\\[]{},&*!|>%@`\n"]), max_size=12),
    st.sampled_from(["true", "123", "2026-02-18", " a", "", "null", "- x", "a: b", "y"]),
)
_scalars = st.one_of(
    _strings,
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.none(),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2050, 1, 1)),
)
_values = st.one_of(
    _scalars,
    st.lists(_scalars, max_size=3),
    st.dictionaries(st.sampled_from(SUBKEYS), _scalars, max_size=3),
    st.lists(
        st.dictionaries(st.sampled_from(SUBKEYS), _scalars, min_size=1, max_size=2), max_size=2
    ),
)


def _same(got: Any, wanted: Any) -> bool:
    """Deep equality; a date set into the file may come back as its ISO string (quoted)."""
    if isinstance(wanted, datetime.date) and isinstance(got, str):
        return wanted.isoformat() == got
    if isinstance(wanted, dict):
        return (
            isinstance(got, dict)
            and got.keys() == wanted.keys()
            and all(_same(got[k], wanted[k]) for k in wanted)
        )
    if isinstance(wanted, list):
        return (
            isinstance(got, list)
            and len(got) == len(wanted)
            and all(_same(a, b) for a, b in zip(got, wanted, strict=True))
        )
    if isinstance(wanted, float) and math.isnan(wanted):
        return isinstance(got, float) and math.isnan(got)
    return type(got) is type(wanted) and got == wanted


def _replaced(data: Any, path: tuple, change: Any) -> Any:
    if not path:
        return change(data)
    copy = list(data) if isinstance(data, list) else dict(data)
    inner = data.get(path[0]) if isinstance(data, dict) else data[path[0]]
    copy[path[0]] = _replaced(inner, path[1:], change)
    return copy


def _pick(doc: Doc, number: int, want_list: bool = False) -> tuple | None:
    data = parse_frontmatter(doc.text).data
    paths = sorted(doc.ranges, key=str)
    if want_list:
        paths = [p for p in paths if isinstance(get_value(data, p), list)]
    return paths[number % len(paths)] if paths else None


def _apply(text: str, patch: Any) -> tuple[str, dict[str, Any]]:
    assert patch is not None
    new = patch.apply(text)
    parsed = parse_frontmatter(new)
    assert parsed.error is None
    return new, parsed.data


@_SETTINGS
@given(doc=documents(), number=st.integers(0, 200))
def test_setting_any_path_to_its_current_value_changes_no_byte(doc: Doc, number: int) -> None:
    path = _pick(doc, number)
    current = get_value(parse_frontmatter(doc.text).data, path)
    assert set_value(doc.text, path, current) is None


def _list_of_maps(indent: str) -> Doc:
    """relatedPosts with two `{slug, score}` items, the dashes indented by `indent`."""
    lines = ["---", "relatedPosts:"]
    for slug, score in (("a", "0.5"), ("b", "0.7")):
        lines += [f"{indent}- slug: {slug}", f"{indent}  score: {score}"]
    return Doc(lines=[*lines, "---", "", "# Body", ""], ranges={("relatedPosts", 1): (4, 5)})


# Failures that fresh random examples found, kept as explicit examples:
# a list item set to a mapping with other keys (its first key shares the dash's line),
# and an empty […] with a comment set to a list holding a block scalar.
@example(doc=_list_of_maps("  "), number=0, value={"reason": "x"})
@example(doc=_list_of_maps(""), number=0, value={"reason": "x"})
@example(
    doc=Doc(
        lines=["---", "title: []  # note", "---", "", "# Body", ""], ranges={("title",): (1, 1)}
    ),
    number=0,
    value=[":\n"],
)
@_SETTINGS
@given(doc=documents(), number=st.integers(0, 200), value=_values)
def test_set_value_changes_exactly_that_value_and_only_its_lines(
    doc: Doc, number: int, value: Any
) -> None:
    path = _pick(doc, number)
    text, old = doc.text, parse_frontmatter(doc.text).data
    try:
        patch = set_value(text, path, value)
    except PatchError as exc:
        # Only a flow collection holding a comment-free multi-line rewrite may refuse.
        raise AssertionError(f"set {path} = {value!r} refused: {exc}") from exc
    if patch is None:
        assert _same(get_value(old, path), value)
        return
    new, data = _apply(text, patch)
    assert _same(data, _replaced(old, path, lambda _: value))
    assert _same(get_value(data, path), value)
    assert_outside_lines_unchanged(text, new, *doc.ranges[path])
    assert set_value(new, path, get_value(data, path)) is None


# Found by fresh examples (the check, not the engine, was wrong): a key added to a one-line
# block mapping is a new line, even when the next line holds a {…}.
@example(
    doc=Doc(
        lines=["---", "description:", "- slug: []", "title: {slug: x}", "---", "", "# Body", ""],
        ranges={("description", 0): (2, 2)},
    ),
    number=0,
    value=None,
    at_root=False,
)
@_SETTINGS
@given(doc=documents(), number=st.integers(0, 200), value=_values, at_root=st.booleans())
def test_set_value_of_a_new_key_inserts_lines_only(
    doc: Doc, number: int, value: Any, at_root: bool
) -> None:
    text, old = doc.text, parse_frontmatter(doc.text).data
    parent: tuple = () if at_root else _pick(doc, number)
    assume(isinstance(get_value(old, parent) if parent else old, dict))
    path = (*parent, "newKey", "inner") if at_root else (*parent, "newKey")
    wanted = {"inner": value} if at_root else value
    new, data = _apply(text, set_value(text, path, value))
    assert _same(data, _replaced(old, path[: len(parent) + 1], lambda _: wanted))
    a, b = text.split("\n"), new.split("\n")
    # Pure insertion: the old lines are the new lines minus one contiguous run.
    prefix = 0
    while a[prefix] == b[prefix]:
        prefix += 1
    inserted = len(b) - len(a)
    on_one_line = parent and doc.ranges[parent][0] == doc.ranges[parent][1] == prefix
    if on_one_line and "{" in a[prefix]:
        assert a[prefix + 1 :] == b[prefix + 1 :]  # a {…} mapping grew on its line
    else:
        assert inserted > 0 and b[prefix + inserted :] == a[prefix:]


@_SETTINGS
@given(doc=documents(), number=st.integers(0, 200))
def test_delete_path_removes_exactly_that_node(doc: Doc, number: int) -> None:
    path = _pick(doc, number)
    text, old = doc.text, parse_frontmatter(doc.text).data
    new, data = _apply(text, delete_path(text, path))
    parent_value = get_value(old, path[:-1]) if len(path) > 1 else old

    def without(container: Any) -> Any:
        if isinstance(container, list):
            return [v for n, v in enumerate(container) if n != path[-1]]
        return {k: v for k, v in container.items() if k != path[-1]}

    assert _same(data, _replaced(old, path[:-1], without))
    first, last = doc.ranges[path]
    if len(parent_value) == 1 and len(path) > 1:
        first, last = doc.ranges[path[:-1]]  # written `[]` or `{}` on the parent's line
    elif path in doc.compact:
        sibling = next(p for p in doc.ranges if p[:-1] == path[:-1] and doc.ranges[p][0] > last)
        last = doc.ranges[sibling][1]  # the next key moves up onto the dash line
    assert_outside_lines_unchanged(text, new, first, last)
    if first != last and path not in doc.compact and len(parent_value) > 1:
        a = text.split("\n")
        if not isinstance(path[-1], int) or first != doc.ranges[path[:-1]][0]:
            assert new.split("\n") == a[:first] + a[last + 1 :]


@_SETTINGS
@given(
    doc=documents(),
    number=st.integers(0, 200),
    op=st.sampled_from(["insert", "remove", "move"]),
    i=st.integers(0, 10),
    j=st.integers(0, 10),
    value=_values,
)
def test_list_operations_change_exactly_that_list(
    doc: Doc, number: int, op: str, i: int, j: int, value: Any
) -> None:
    path = _pick(doc, number, want_list=True)
    assume(path is not None)
    text, old = doc.text, parse_frontmatter(doc.text).data
    items = get_value(old, path)
    if op == "insert":
        at = i % (len(items) + 1)
        new, data = _apply(text, insert_item(text, path, at, value))
        wanted = [*items[:at], value, *items[at:]]
    elif op == "remove":
        assume(items)
        at = i % len(items)
        new, data = _apply(text, remove_item(text, path, at))
        wanted = [*items[:at], *items[at + 1 :]]
    else:
        assume(items)
        source, target = i % len(items), j % len(items)
        patch = move_item(text, path, source, target)
        wanted = list(items)
        wanted.insert(target, wanted.pop(source))
        if patch is None:
            # Nothing to move, or equal items trading places: no byte changes.
            assert source == target or _same(wanted, items)
            return
        new, data = _apply(text, patch)
        if doc.ranges[path][0] != doc.ranges.get((*path, 0), (-1, -1))[0]:
            # A block list: its lines are the same lines, reordered.
            assert sorted(new.split("\n")) == sorted(text.split("\n"))
    assert _same(data, _replaced(old, path, lambda _: wanted))
    assert_outside_lines_unchanged(text, new, *doc.ranges[path])
