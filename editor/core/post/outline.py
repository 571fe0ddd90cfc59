"""The open post's outline: its top-level headings, their levels and document lines.

A line scan, not a Markdown parse: a 3 MB post is scanned in a fraction of what markdown-it
needs to parse it. It follows CommonMark (as markdown-it reads it, with GFM tables) for
what decides whether a line is a heading at the top level: fenced and indented code, HTML
blocks, tables, paragraphs (which a Setext underline turns into a heading), and block
quotes and list items with their lazy continuation lines, whose own headings are not
listed. A differential test holds it to markdown-it's `heading_open` tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_block.html_block import HTML_SEQUENCES

from editor.core.frontmatter import find_block

__all__ = ["Heading", "OutlineScanner", "heading_at", "outline"]


@dataclass(frozen=True)
class Heading:
    """One heading: its level (1-6), plain text and 0-based first line in the document."""

    level: int
    text: str
    line: int


_ATX_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_ATX_CLOSING_RE = re.compile(r"(?:^|[ \t]+)#+$")
_FENCE_RE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC_RE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_LIST_RE = re.compile(r"^( {0,3})([-+*]|(\d{1,9})[.)])(?=[ \t]|$)")
_QUOTE_RE = re.compile(r"^ {0,3}>")
_DELIMITER_CELL_RE = re.compile(r"^:?-+:?$")
_DELIMITER_ROW_RE = re.compile(r"^[-:|][-:|\s]*$")


def _expand(line: str) -> str:
    """The line with tabs expanded to 4-column stops (CommonMark's indentation rule)."""
    if "\t" not in line:
        return line
    out: list[str] = []
    column = 0
    for char in line:
        if char == "\t":
            pad = 4 - column % 4
            out.append(" " * pad)
            column += pad
        else:
            out.append(char)
            column += 1
    return "".join(out)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _split_cells(row: str) -> list[str]:
    """Cells of a table row split on unescaped pipes, outer empty cells dropped."""
    cells = re.split(r"(?<!\\)\|", row.strip())
    if cells and cells[0] == "":
        cells.pop(0)
    if cells and cells[-1] == "":
        cells.pop()
    return cells


def _table_starts(header: str, delimiter: str | None) -> bool:
    """Whether `header` with `delimiter` under it opens a GFM table (as markdown-it decides)."""
    if delimiter is None or "|" not in header or _indent(delimiter) >= 4:
        return False
    row = delimiter.strip()
    if len(row) < 2 or not _DELIMITER_ROW_RE.match(row) or (row[0] == "-" and row[1] in " \t"):
        return False
    aligns = row.split("|")
    count = 0
    for index, cell in enumerate(aligns):
        cell = cell.strip()
        if not cell:
            if index in (0, len(aligns) - 1):
                continue
            return False
        if not _DELIMITER_CELL_RE.match(cell):
            return False
        count += 1
    columns = _split_cells(header)
    return bool(columns) and len(columns) == count


def _html_start(stripped: str, in_paragraph: bool) -> re.Pattern[str] | None:
    """The closing pattern of the HTML block `stripped` opens, or None."""
    if not stripped.startswith("<"):
        return None
    for opening, closing, interrupts in HTML_SEQUENCES:
        if opening.search(stripped):
            return closing if interrupts or not in_paragraph else None
    return None


class _Scan:
    """The state of one scan: which construct the current line sits in."""

    def __init__(self, lines: Sequence[str], first_line: int) -> None:
        self.lines = lines
        self.first_line = first_line
        self.headings: list[tuple[int, str, int]] = []  # (level, raw text, line)
        self.fence: tuple[str, int] | None = None  # (char, length) of an open fence
        self.html_end: re.Pattern[str] | None = None
        self.paragraph: list[str] = []
        self.paragraph_line = 0
        self.in_table = False
        self.container: int | None = None  # content column of a list item; -1: a block quote
        self.lazy = False  # the previous container line was text a line may lazily continue

    def run(self) -> list[tuple[int, str, int]]:
        for index, raw in enumerate(self.lines):
            self.line(index, _expand(raw))
        return self.headings

    def next_line(self, index: int) -> str | None:
        return _expand(self.lines[index + 1]) if index + 1 < len(self.lines) else None

    def starts_block(self, line: str, index: int, in_paragraph: bool, tables: bool = True) -> bool:
        """Whether `line` opens a block that ends a paragraph (or a container's lazy text)."""
        stripped = line.lstrip(" ")
        if _indent(line) >= 4 or not stripped:
            return False
        if _ATX_RE.match(line) or (_FENCE_RE.match(line) and "`" not in _fence_info(line)):
            return True
        if _THEMATIC_RE.match(line) or _QUOTE_RE.match(line):
            return True
        if _html_start(stripped, in_paragraph) is not None:
            return True
        if _interrupting_list(line):
            return True
        return tables and _table_starts(line, self.next_line(index))

    def ends_table(self, line: str) -> bool:
        """Whether a line ends a table body (markdown-it's blockquote terminators)."""
        # Unlike a paragraph, a table ends at any list item, even an empty one or one not
        # numbered from 1; an HTML line ends it only where it could end a paragraph.
        stripped = line.lstrip(" ")
        return bool(
            _ATX_RE.match(line)
            or (_FENCE_RE.match(line) and "`" not in _fence_info(line))
            or _THEMATIC_RE.match(line)
            or _QUOTE_RE.match(line)
            or _LIST_RE.match(line)
            or _html_start(stripped, True) is not None
        )

    def opens_text(self, content: str, index: int) -> bool:
        """Whether a container line's content is paragraph text (which lazy lines continue)."""
        content = content.lstrip(" ")
        # Nested containers on one line ("1. - > text"): the innermost content decides.
        while content:
            if item := _LIST_RE.match(content):
                if _THEMATIC_RE.match(content):
                    return False
                content = content[item.end() :].lstrip(" ")
            elif content.startswith(">"):
                content = content[1:].lstrip(" ")
            else:
                return not self.starts_block(content, index, False)
        return False

    def line(self, index: int, line: str) -> None:
        if self.fence is not None:
            char, length = self.fence
            close = line.strip()
            if _indent(line) < 4 and len(close) >= length and close == char * len(close):
                self.fence = None
            return
        if self.html_end is not None:
            if self.html_end.pattern == "^$":
                if not line.strip():
                    self.html_end = None
            elif self.html_end.search(line):
                self.html_end = None
            return
        if not line.strip():
            self.end_paragraph()
            self.in_table = False
            self.lazy = False
            if self.container == -1:
                self.container = None
            return
        if self.container is not None:
            if self.in_container(index, line):
                return
            self.container = None
        indent = _indent(line)
        if self.paragraph:
            if indent < 4 and (match := _SETEXT_RE.match(line)):
                level = 1 if match.group(1)[0] == "=" else 2
                text = "\n".join(part.strip() for part in self.paragraph)
                self.headings.append((level, text, self.paragraph_line))
                self.paragraph = []
                return
            if not self.starts_block(line, index, True):
                self.paragraph.append(line)
                return
            self.end_paragraph()
        if self.in_table:
            if indent < 4 and not self.ends_table(line):
                return
            self.in_table = False
        self.block_start(index, line, indent)

    def in_container(self, index: int, line: str) -> bool:
        """Whether a non-blank line stays in the open list item or block quote."""
        if self.container is not None and self.container >= 0:
            if _indent(line) >= self.container:
                self.lazy = self.opens_text(line[self.container :], index)
                return True
        elif _QUOTE_RE.match(line):
            self.lazy = self.opens_text(line.lstrip(" ")[1:], index)
            return True
        # A lazy continuation line joins the container's paragraph, even an underline-like
        # one: the container's own lines decide what it is.
        # Any list item ends it, even one that could not interrupt a top-level paragraph.
        # A table cannot start there either: its delimiter row would sit outside the item.
        return (
            self.lazy
            and not _LIST_RE.match(line)
            and not self.starts_block(line, index, True, tables=False)
        )

    def block_start(self, index: int, line: str, indent: int) -> None:
        if indent >= 4:
            return  # indented code: no paragraph is open here
        stripped = line.lstrip(" ")
        if atx := _ATX_RE.match(line):
            text = _ATX_CLOSING_RE.sub("", atx.group(2) or "").strip()
            self.headings.append((len(atx.group(1)), text, index))
            return
        if (fence := _FENCE_RE.match(line)) and "`" not in _fence_info(line):
            marker = fence.group(2)
            self.fence = (marker[0], len(marker))
            return
        if _THEMATIC_RE.match(line):
            return
        if (closing := _html_start(stripped, False)) is not None:
            # A block may close on the line that opens it (<!-- one line -->).
            if closing.pattern == "^$" or not closing.search(stripped):
                self.html_end = closing
            return
        if _QUOTE_RE.match(line):
            self.container = -1
            self.lazy = self.opens_text(stripped[1:], index)
            return
        if item := _LIST_RE.match(line):
            self.container = _content_column(line, item.end())
            self.lazy = self.opens_text(line[item.end() :], index)
            return
        if _table_starts(line, self.next_line(index)):
            self.in_table = True
            return
        self.paragraph = [line]
        self.paragraph_line = index

    def end_paragraph(self) -> None:
        self.paragraph = []


def _fence_info(line: str) -> str:
    match = _FENCE_RE.match(line)
    return match.group(3) if match is not None and match.group(2)[0] == "`" else ""


def _content_column(line: str, marker_end: int) -> int:
    """The column a list item's content starts at (CommonMark's 1-4 spaces after the marker)."""
    rest = line[marker_end:]
    spaces = len(rest) - len(rest.lstrip(" "))
    if not rest.strip() or spaces > 4:
        return marker_end + 1
    return marker_end + spaces


def _interrupting_list(line: str) -> bool:
    """Whether a list item on this line may interrupt a paragraph (non-empty; ordered from 1)."""
    item = _LIST_RE.match(line)
    if item is None or not line[item.end() :].strip():
        return False
    return item.group(3) is None or int(item.group(3)) == 1


class OutlineScanner:
    """Finds a post's headings; holds the inline parser that turns heading text to plain text."""

    def __init__(self) -> None:
        # Inline markup only; typographer off, so the outline shows what the writer typed.
        self._inline = MarkdownIt("commonmark").enable("strikethrough")

    def plain_text(self, markup: str) -> str:
        """Heading markup as the reader sees it: `**x**` -> x, `[a](b)` -> a, code kept."""
        if not any(char in markup for char in "*_`[]<&\\~!"):
            return markup
        parts: list[str] = []
        for token in self._inline.parseInline(markup)[0].children or []:
            if token.type in ("text", "code_inline"):
                parts.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif token.type == "image":
                parts.append(token.content)
        return "".join(parts).strip()

    def headings(self, text: str) -> list[Heading]:
        """The top-level headings of a post (frontmatter skipped), with document lines."""
        text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
        block = find_block(text)
        first_line = text.count("\n", 0, block.end) if block is not None else 0
        body = text[block.end :] if block is not None else text
        found = _Scan(body.split("\n"), first_line).run()
        return [
            Heading(level, self.plain_text(raw.replace("\n", " ")), line + first_line)
            for level, raw, line in found
        ]


def outline(text: str) -> list[Heading]:
    """The headings of a post's text (a fresh scanner; keep one to scan repeatedly)."""
    return OutlineScanner().headings(text)


def heading_at(headings: Sequence[Heading], line: int) -> int | None:
    """Index of the heading whose section holds a 0-based line, or None above the first."""
    index = bisect_right([heading.line for heading in headings], line) - 1
    return index if index >= 0 else None
