"""Field paths into frontmatter data: `relatedPosts[1].reason.ja` <-> ("relatedPosts", 1, …)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from editor.core.frontmatter.text_patch import PatchError

__all__ = ["FieldPath", "PathError", "format_path", "get_value", "parse_path"]

FieldPath = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[^.\[\]\"'\s]+")
_INDEX = re.compile(r"-?[0-9]+")


class PathError(PatchError):
    """A path that does not exist, or that goes through the wrong kind of value."""


def _quoted(spec: str, start: int) -> tuple[str, int]:
    """Read a quoted key at spec[start] (a quote); return (key, index after the closing quote)."""
    quote = spec[start]
    out: list[str] = []
    index = start + 1
    while index < len(spec):
        char = spec[index]
        if char == "\\" and index + 1 < len(spec):
            out.append(spec[index + 1])
            index += 2
            continue
        if char == quote:
            return "".join(out), index + 1
        out.append(char)
        index += 1
    raise PathError(f"Unclosed quote in the field path “{spec}”.")


def parse_path(spec: str) -> FieldPath:
    """Parse `a.b[2].c`, `tags[-1]` or `a["x.y"]` into a FieldPath; PathError on bad syntax."""
    parts: list[str | int] = []
    index = 0
    expect_key = True  # at the start and after a "."
    while index < len(spec):
        char = spec[index]
        if char == "[":
            close = spec.find("]", index)
            inner_start = index + 1
            if inner_start < len(spec) and spec[inner_start] in "\"'":
                key, after = _quoted(spec, inner_start)
                if after >= len(spec) or spec[after] != "]":
                    raise PathError(f"Expected “]” in the field path “{spec}”.")
                parts.append(key)
                index = after + 1
            elif close < 0 or not _INDEX.fullmatch(spec[inner_start:close]):
                raise PathError(f"Expected a number in […] in the field path “{spec}”.")
            else:
                parts.append(int(spec[inner_start:close]))
                index = close + 1
            expect_key = False
        elif char == ".":
            if expect_key:
                raise PathError(f"Empty key in the field path “{spec}”.")
            expect_key = True
            index += 1
        elif expect_key:
            if char in "\"'":
                key, index = _quoted(spec, index)
            else:
                found = _BARE_KEY.match(spec, index)
                if found is None:
                    raise PathError(f"Unexpected “{char}” in the field path “{spec}”.")
                key, index = found.group(), found.end()
            parts.append(key)
            expect_key = False
        else:
            raise PathError(f"Unexpected “{char}” in the field path “{spec}”.")
    if expect_key:
        raise PathError(f"The field path “{spec}” is empty or ends with “.”.")
    return tuple(parts)


def format_path(path: FieldPath) -> str:
    """The text form of a path, quoting keys that hold dots, brackets, quotes or spaces."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _BARE_KEY.fullmatch(part) and not _INDEX.fullmatch(part):
            out.append(("." if out else "") + part)
        else:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'["{escaped}"]')
    return "".join(out)


def get_value(data: Mapping[str, Any], path: FieldPath) -> Any:
    """The value at `path` in parsed frontmatter data; PathError when it is not there."""
    current: Any = data
    for depth, part in enumerate(path):
        where = format_path(path[: depth + 1])
        if isinstance(part, int):
            if not isinstance(current, list):
                raise PathError(
                    f"“{format_path(path[:depth]) or 'the frontmatter'}” is not a list."
                )
            if not -len(current) <= part < len(current):
                raise PathError(f"“{where}” does not exist (the list has {len(current)} items).")
            current = current[part]
        else:
            if not isinstance(current, Mapping):
                raise PathError(f"“{format_path(path[:depth])}” is not a mapping.")
            if part not in current:
                raise PathError(f"“{where}” does not exist.")
            current = current[part]
    return current
