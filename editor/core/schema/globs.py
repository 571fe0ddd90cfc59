"""Glob patterns as Astro's glob() loader writes them (`**`, `*`, `?`, `{a,b}`, `[...]`)."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["glob_matches", "glob_regex"]


def _split_alternatives(text: str) -> list[str]:
    """Split a brace body on the commas that are not inside nested braces."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        current.append(char)
    parts.append("".join(current))
    return parts


def _closing_brace(pattern: str, start: int) -> int:
    depth = 0
    for index in range(start, len(pattern)):
        if pattern[index] == "{":
            depth += 1
        elif pattern[index] == "}":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _translate(pattern: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif char == "*":
            out.append("[^/]*")
            index += 1
        elif char == "?":
            out.append("[^/]")
            index += 1
        elif char == "{" and (end := _closing_brace(pattern, index)) > 0:
            options = _split_alternatives(pattern[index + 1 : end])
            out.append("(?:" + "|".join(_translate(option) for option in options) + ")")
            index = end + 1
        elif char == "[" and (end := pattern.find("]", index + 1)) > 0:
            body = pattern[index + 1 : end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            index = end + 1
        else:
            out.append(re.escape(char))
            index += 1
    return "".join(out)


@lru_cache(maxsize=64)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """Compile a glob pattern to a regex that matches whole posix relative paths."""
    return re.compile(_translate(pattern.removeprefix("./")) + r"\Z")


def glob_matches(pattern: str, rel_path: str) -> bool:
    """True if a posix path relative to the glob's base matches the pattern."""
    return glob_regex(pattern).match(rel_path) is not None
