"""Search every post of the workspace for a plain string or a regular expression."""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import TYPE_CHECKING

from editor.core.storage import StorageError, decode_text, read_bytes

if TYPE_CHECKING:  # the child process of a regex search does without the index's imports
    from editor.core.workspace.entries import PostEntry

__all__ = [
    "MATCH_CAP",
    "FileScan",
    "PostMatches",
    "SearchMatch",
    "SearchQuery",
    "SearchResult",
    "compile_query",
    "override_texts",
    "scan_files",
    "search_posts",
    "search_result",
    "search_text",
]

MATCH_CAP = 10_000
CONTEXT_CHARS = 160  # a longer line is cut around its match
_CONTEXT_BEFORE = 50
_PROGRESS_EVERY = 500

# Hangul, kana and Han have no spaces between words, so "whole word" must not look at
# them: a Korean particle glued to a Latin word ("Astro를") still ends that word.
_CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"
)
_LATIN_WORD = f"[^\\W{_CJK}]"
_LATIN_WORD_RE = re.compile(_LATIN_WORD)
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")
# What `re` matches beyond ASCII for an ASCII letter when it ignores case (a test checks
# this against every code point): "k" also matches the Kelvin sign.
_ASCII_FOLD_EXTRAS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_LITERAL = _constants.LITERAL


@dataclass(frozen=True)
class SearchQuery:
    """What the user asked for."""

    text: str
    regex: bool = False
    match_case: bool = False
    whole_word: bool = False


@dataclass(frozen=True)
class SearchMatch:
    """One match: its 1-based line, its columns in the line, and the line as context."""

    line: int
    start: int  # 0-based character index in the line
    end: int  # exclusive; a match running past the line end stops at it
    start16: int  # start in UTF-16 code units, where Qt puts a cursor
    end16: int
    context: str  # the line, trimmed around the match when long (with "…")
    context_start: int  # the match inside context
    context_end: int


@dataclass(frozen=True)
class PostMatches:
    """The matches of one post, in text order."""

    path: Path
    rel_path: str
    title: str | None
    matches: tuple[SearchMatch, ...]


@dataclass
class SearchResult:
    """Every post with matches, and how the search ended."""

    posts: list[PostMatches] = field(default_factory=list)
    total: int = 0
    searched: int = 0
    capped: bool = False  # stopped at the cap: more matches exist
    cancelled: bool = False
    error: str | None = None  # the query itself is wrong (bad regex)
    unreadable: list[str] = field(default_factory=list)  # one line per file not read


@dataclass
class FileScan:
    """What a search found, by the index of each file in the list searched."""

    hits: list[tuple[int, tuple[SearchMatch, ...]]] = field(default_factory=list)
    total: int = 0
    searched: int = 0
    capped: bool = False
    cancelled: bool = False
    error: str | None = None
    unreadable: list[str] = field(default_factory=list)


_GLOBAL_FLAGS = re.compile(r"(?:\(\?[aiLmsux]+\))+")


def compile_query(query: SearchQuery) -> re.Pattern[str] | str:
    """The compiled pattern of query, or a message saying why it is not a valid one."""
    if query.regex:
        source = query.text
        try:
            re.compile(source)
        except re.error as exc:
            where = f" at position {exc.pos}" if exc.pos is not None else ""
            return f"regex error: {exc.msg}{where}"
        if query.whole_word:
            # Global flags (`(?i)`) must stay at the very start of the pattern.
            lead = _GLOBAL_FLAGS.match(source)
            flags_first = lead.group(0) if lead else ""
            body = source[len(flags_first) :]
            source = f"{flags_first}(?<!{_LATIN_WORD})(?:{body})(?!{_LATIN_WORD})"
    else:
        source = re.escape(query.text)
        if query.whole_word and query.text:
            # Only a Latin end of the needle needs a boundary; a CJK end matches as is.
            if _LATIN_WORD_RE.fullmatch(query.text[0]):
                source = f"(?<!{_LATIN_WORD})" + source
            if _LATIN_WORD_RE.fullmatch(query.text[-1]):
                source += f"(?!{_LATIN_WORD})"
    flags = re.MULTILINE | (0 if query.match_case else re.IGNORECASE)
    return re.compile(source, flags)


def _required_literals(query: SearchQuery) -> tuple[list[str], bool]:
    """Runs of characters every match of query contains, and whether case is ignored."""
    flags = re.MULTILINE | (0 if query.match_case else re.IGNORECASE)
    if not query.regex:
        return [query.text], bool(flags & re.IGNORECASE)
    try:
        parsed = _parser.parse(query.text, flags)
    except Exception:  # a private parser: on any surprise, no filter is always correct
        return [], False
    # A literal in the top-level sequence is part of every match; one inside a group,
    # a repeat or an alternative is not.
    runs: list[str] = []
    run: list[str] = []
    for op, value in parsed.data:
        if op is _LITERAL:
            run.append(chr(value))
        elif run:
            runs.append("".join(run))
            run = []
    if run:
        runs.append("".join(run))
    return runs, bool(parsed.state.flags & re.IGNORECASE)


def _byte_filter(query: SearchQuery) -> Callable[[bytes], bool] | None:
    """A test of a UTF-8 file's bytes, false only when query cannot match its text; or None.

    `re` ignoring case tries a pair of letters at every position of every file, and a regex
    that starts with a class does the same; bytes.lower and a substring search of a literal
    every match holds run at memory speed.
    """
    runs, ignore_case = _required_literals(query)
    # Newlines in the file are not the text's ("\r\n" became "\n"); ignoring case, a
    # non-ASCII letter has case variants of other lengths in UTF-8.
    unusable = "[^\x00-\x7f]|[\r\n]" if ignore_case else "[\r\n]"
    pieces = [piece for run in runs for piece in re.split(unusable, run)]
    piece = max(pieces, key=len, default="")
    if len(piece) < 2:
        return None  # a single character is in nearly every file: filtering costs more
    if not ignore_case:
        needle = piece.encode("utf-8")
        return lambda data: needle in data
    lowered = piece.lower().encode("ascii")
    extras = tuple({x.encode() for c in piece.lower() for x in _ASCII_FOLD_EXTRAS.get(c, "")})

    def may_match(data: bytes) -> bool:
        return lowered in data.lower() or any(extra in data for extra in extras)

    return may_match


def _utf16(line: str, index: int) -> int:
    head = line[:index]
    return index + len(_ASTRAL_RE.findall(head))


def _context(line: str, start: int, end: int) -> tuple[str, int, int]:
    if len(line) <= CONTEXT_CHARS:
        return line, start, end
    left = max(0, start - _CONTEXT_BEFORE)
    right = min(len(line), max(end, left + CONTEXT_CHARS))
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line) else ""
    shown_end = min(end, right)
    return (
        prefix + line[left:right] + suffix,
        start - left + len(prefix),
        shown_end - left + len(prefix),
    )


def search_text(pattern: re.Pattern[str], text: str, limit: int = MATCH_CAP) -> list[SearchMatch]:
    """Up to limit non-empty matches of pattern in text ("\\n" newlines), in order."""
    found: list[SearchMatch] = []
    line_no = 1
    line_start = 0
    line_end = -1
    line = ""
    astral = False  # the line holds a character beyond the BMP: UTF-16 columns differ
    counted_to = 0
    for m in pattern.finditer(text):
        start, end = m.span()
        if start == end:
            continue  # an empty match has nothing to show or select
        if start > line_end >= 0 or line_end < 0:
            line_no += text.count("\n", counted_to, start)
            counted_to = start
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", start)
            if line_end < 0:
                line_end = len(text)
            line = text[line_start:line_end]
            astral = _ASTRAL_RE.search(line) is not None
        col, col_end = start - line_start, min(end, line_end) - line_start
        context, c_start, c_end = _context(line, col, col_end)
        s16, e16 = (_utf16(line, col), _utf16(line, col_end)) if astral else (col, col_end)
        found.append(SearchMatch(line_no, col, col_end, s16, e16, context, c_start, c_end))
        if len(found) >= limit:
            break
    return found


def override_texts(entries: Sequence[PostEntry], overrides: Mapping[Path, str]) -> dict[int, str]:
    """The override text of each entry that has one, by its index in entries."""
    if not overrides:
        return {}
    # Equal paths have equal normcased strings: testing those first spares hashing every Path.
    keys = {os.path.normcase(os.fspath(path)) for path in overrides}
    found: dict[int, str] = {}
    for number, entry in enumerate(entries):
        if os.path.normcase(os.fspath(entry.path)) in keys:
            text = overrides.get(entry.path)
            if text is not None:
                found[number] = text
    return found


def scan_files(
    query: SearchQuery,
    paths: Sequence[str],
    texts: Mapping[int, str],
    cap: int = MATCH_CAP,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> FileScan:
    """Search each file (texts[i] when given, else the file paths[i]) up to cap matches."""
    scan = FileScan()
    compiled = compile_query(query)
    if isinstance(compiled, str):
        scan.error = compiled
        return scan
    if not query.text:
        return scan
    may_match = _byte_filter(query)
    count = len(paths)
    done = 0
    for number, path in enumerate(paths):
        if cancelled is not None and cancelled():
            scan.cancelled = True
            break
        if progress is not None and done % _PROGRESS_EVERY == 0:
            progress(done, count)
        done += 1
        text = texts.get(number)
        if text is None:
            try:
                data = read_bytes(path)
                # Decoded even when skipped below: a file that is not text is still reported.
                text = decode_text(data, path)
            except StorageError as exc:
                scan.unreadable.append(str(exc))
                continue
            if may_match is not None and not data.startswith(_UTF16_BOMS) and not may_match(data):
                scan.searched += 1
                continue
        scan.searched += 1
        remaining = cap - scan.total
        # One match more than fits tells "stopped at the cap" from "exactly the cap".
        matches = search_text(compiled, text, remaining + 1)
        if len(matches) > remaining:
            matches = matches[:remaining]
            scan.capped = True
        if matches:
            scan.hits.append((number, tuple(matches)))
            scan.total += len(matches)
        if scan.capped:
            break
    if progress is not None:
        progress(done, count)
    return scan


def search_result(scan: FileScan, entries: Sequence[PostEntry]) -> SearchResult:
    """The result of scan over the files of entries, its matches grouped by post."""
    return SearchResult(
        posts=[
            PostMatches(entries[n].path, entries[n].rel_path, entries[n].title, matches)
            for n, matches in scan.hits
        ],
        total=scan.total,
        searched=scan.searched,
        capped=scan.capped,
        cancelled=scan.cancelled,
        error=scan.error,
        unreadable=scan.unreadable,
    )


def search_posts(
    query: SearchQuery,
    entries: Iterable[PostEntry],
    overrides: Mapping[Path, str] | None = None,
    cap: int = MATCH_CAP,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SearchResult:
    """Search each post (its override text when given, else its file) up to cap matches."""
    posts = list(entries)
    paths = [os.fspath(entry.path) for entry in posts]
    texts = override_texts(posts, overrides or {})
    return search_result(scan_files(query, paths, texts, cap, progress, cancelled), posts)
