"""Markdown highlighting in the editor: frontmatter, headings, emphasis, code, links, HTML."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

# Block states carried from line to line.
NORMAL, FRONTMATTER, FENCE = 0, 1, 2

FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING_RE = re.compile(r"^ {0,3}#{1,6}(\s.*|$)")
INLINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("html", re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->")),
    ("link", re.compile(r"!?\[[^\]\n]*\]\([^)\n]*\)|<https?://[^>\s]+>")),
    ("strong", re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")),
    ("emphasis", re.compile(r"(?<![*_\w])([*_])(?=\S)(.+?)(?<=\S)\1(?![*_\w])")),
    ("strike", re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")),
    ("code", re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")),
)


def _format(color: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights one line at a time; fences and the frontmatter span lines via block states."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.formats = {
            "frontmatter": _format("#6a737d"),
            "frontmatter_key": _format("#005cc5", bold=True),
            "heading": _format("#1f3fbf", bold=True),
            "fence": _format("#b35900"),
            "code": _format("#b35900"),
            "link": _format("#0366d6"),
            "html": _format("#22863a"),
            "strong": _format("#24292e", bold=True),
            "emphasis": _format("#24292e", italic=True),
            "strike": _format("#6a737d"),
            "quote": _format("#6a737d", italic=True),
        }
        code_bg = self.formats["code"]
        code_bg.setBackground(QColor("#f6f8fa"))

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        previous = self.previousBlockState()
        if block.blockNumber() == 0 and text.rstrip() == "---":
            self.setFormat(0, len(text), self.formats["frontmatter"])
            self.setCurrentBlockState(FRONTMATTER)
            return
        if previous == FRONTMATTER:
            self._frontmatter_line(text)
            return
        if previous == FENCE:
            self.setFormat(0, len(text), self.formats["fence"])
            self.setCurrentBlockState(NORMAL if FENCE_RE.match(text) else FENCE)
            return
        if FENCE_RE.match(text):
            self.setFormat(0, len(text), self.formats["fence"])
            self.setCurrentBlockState(FENCE)
            return
        self.setCurrentBlockState(NORMAL)
        if HEADING_RE.match(text):
            self.setFormat(0, len(text), self.formats["heading"])
            return
        if text.lstrip().startswith(">"):
            self.setFormat(0, len(text), self.formats["quote"])
        for name, pattern in INLINE_RULES:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), self.formats[name])

    def _frontmatter_line(self, text: str) -> None:
        self.setFormat(0, len(text), self.formats["frontmatter"])
        if text.rstrip() in ("---", "..."):
            self.setCurrentBlockState(NORMAL)
            return
        key = re.match(r"^\s*(?:-\s+)?([^\s:#'\"][^:#]*?):(\s|$)", text)
        if key:
            self.setFormat(key.start(1), key.end(1) - key.start(1), self.formats["frontmatter_key"])
        self.setCurrentBlockState(FRONTMATTER)
