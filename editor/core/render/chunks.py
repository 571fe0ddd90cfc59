"""A cheap line scanner that cuts a Markdown body where top-level blocks may start."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

# A blank line (spaces and tabs only, as markdown-it's isEmpty) followed by a line that starts
# in column 0 and is not a list marker. After such a blank line every container (list item,
# blockquote, footnote) and every block that ends at a blank line is closed, so the only
# constructs that can run across it are top-level fences and HTML blocks of types 1-5.
# List markers are excluded because a blank line between items keeps one (loose) list; "* * *"
# and "- x" are excluded alike, which only costs a cut.
_CANDIDATE_RE = re.compile(
    r"\n(?:[ \t]*\n)+(?![ \t\n]|[-+*](?:[ \t\n]|$)|\d{1,9}[.)](?:[ \t\n]|$))", re.M
)

# Openers of the constructs that span blank lines, in column 0 only: a fence or an HTML block
# indented 1-3 spaces is usually inside a list item (a wrong guess here is caught later, when
# the chunk's own parse shows it ends inside an open fence or HTML block).
_OPENER_RE = re.compile(
    r"^(?:(?P<fence>`{3,}(?=[^`\n]*$)|~{3,})"
    r"|(?P<html><(?:script|pre|style|textarea)(?=[ \t>]|$)|<!--|<\?|<![A-Za-z]|<!\[CDATA\[))",
    re.M | re.I,
)

_HTML_ENDS = {
    "<!--": re.compile("-->"),
    "<?": re.compile(r"\?>"),
    "<![CDATA[": re.compile(r"\]\]>"),
}
_TAG_END_RE = re.compile(r"</(?:script|pre|style|textarea)>", re.I)
_DECLARATION_END_RE = re.compile(">")


@lru_cache(maxsize=64)
def _fence_closer(char: str, length: int) -> re.Pattern[str]:
    return re.compile(rf"^ {{0,3}}{re.escape(char)}{{{length},}}[ \t]*$", re.M)


def _html_end(opener: str) -> re.Pattern[str]:
    if opener in _HTML_ENDS:
        return _HTML_ENDS[opener]
    if opener.startswith("<!") and not opener.startswith("<!["):
        return _DECLARATION_END_RE
    return _TAG_END_RE


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end + 1


def _span_at(text: str, pos: int) -> tuple[int, int] | None:
    """The first column-0 fence or HTML block 1-5 at or after pos: [start, end), whole lines."""
    match = _OPENER_RE.search(text, pos)
    if match is None:
        return None
    start = match.start()
    fence = match.group("fence")
    if fence:
        closer = _fence_closer(fence[0], len(fence)).search(text, _line_end(text, start))
    else:
        # The end marker may sit on the opening line itself, as markdown-it checks it.
        closer = _html_end(match.group("html")).search(text, start)
    end = len(text) if closer is None else _line_end(text, closer.end())
    return start, end


def iter_cuts(text: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """Safe block boundaries after `start` (itself one, or 0), lazily, in order.

    Yields (offset, context): the chunk boundary and where the blank lines that make it
    begin; whether a boundary is one depends on the text from its context to ~12
    characters after it, and on no fence or HTML block being open there.
    """
    span = _span_at(text, start)
    length = len(text)
    for match in _CANDIDATE_RE.finditer(text, start):
        offset = match.end()
        if offset >= length:
            return
        while span is not None and span[1] <= offset:
            span = _span_at(text, span[1])
        if span is not None and span[0] < offset:
            continue  # inside a fence or an HTML block: blank lines there are content
        yield offset, match.start()


def chunk_starts(text: str) -> list[int]:
    """Character offsets where chunks start: 0, then every safe block boundary, in order."""
    return [0, *(offset for offset, _ in iter_cuts(text))]
