"""Markdown highlighting in the editor: frontmatter, headings, emphasis, code, links, HTML."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

# Block states carried from line to line.
NORMAL, FRONTMATTER, FENCE = 0, 1, 2

FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING_RE = re.compile(r"^ {0,3}#{1,6}(\s.*|$)")
# Inline spans are looked for within SPAN characters, and not at all on lines longer than
# MAX_INLINE_LINE: a regex that meets no closing mark rescans the rest of the line from
# every opening one, and a pasted line of 100,000 "[" took 23 s to highlight. Real prose
# lines are far shorter; a longer one keeps its line-level colour (heading, quote, fence).
SPAN = 300
MAX_INLINE_LINE = 5_000
INLINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "html",
        re.compile(
            rf"</?[A-Za-z][A-Za-z0-9-]{{0,64}}(?:\s[^<>]{{0,{SPAN}}})?/?>|<!--.{{0,{SPAN}}}?-->"
        ),
    ),
    (
        "link",
        re.compile(
            rf"!?\[[^\]\n]{{0,{SPAN}}}\]\([^)\n]{{0,{SPAN}}}\)|<https?://[^>\s]{{1,{SPAN}}}>"
        ),
    ),
    ("strong", re.compile(rf"(\*\*|__)(?=\S)(.{{1,{SPAN}}}?)(?<=\S)\1")),
    ("emphasis", re.compile(rf"(?<![*_\w])([*_])(?=\S)(.{{1,{SPAN}}}?)(?<=\S)\1(?![*_\w])")),
    ("strike", re.compile(rf"~~(?=\S)(.{{1,{SPAN}}}?)(?<=\S)~~")),
    ("code", re.compile(rf"(`{{1,16}})(?!`).{{1,{SPAN}}}?(?<!`)\1(?!`)")),
)


LIGHT = {
    "muted": "#6a737d",
    "key": "#005cc5",
    "heading": "#1f3fbf",
    "code": "#b35900",
    "code_bg": "#f6f8fa",
    "link": "#0366d6",
    "html": "#22863a",
    "text": "#24292e",
}
DARK = {
    "muted": "#8b949e",
    "key": "#79c0ff",
    "heading": "#6cb6ff",
    "code": "#ffa657",
    "code_bg": "#2d333b",
    "link": "#58a6ff",
    "html": "#7ee787",
    "text": "#e6edf3",
}


def _format(color: str, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights one line at a time; fences and the frontmatter span lines via block states."""

    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        self.set_dark(dark)

    def set_dark(self, dark: bool) -> None:
        """Pick the colours for a light or a dark editor background, and re-highlight."""
        c = DARK if dark else LIGHT
        self.formats = {
            "frontmatter": _format(c["muted"]),
            "frontmatter_key": _format(c["key"], bold=True),
            "heading": _format(c["heading"], bold=True),
            "fence": _format(c["code"]),
            "code": _format(c["code"]),
            "link": _format(c["link"]),
            "html": _format(c["html"]),
            "strong": _format(c["text"], bold=True),
            "emphasis": _format(c["text"], italic=True),
            "strike": _format(c["muted"]),
            "quote": _format(c["muted"], italic=True),
        }
        self.formats["code"].setBackground(QColor(c["code_bg"]))
        self.rehighlight()

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
        if len(text) > MAX_INLINE_LINE:
            return
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
