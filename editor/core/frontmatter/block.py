"""Find the frontmatter block (YAML `---` or Hugo TOML `+++`) at the top of a document."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FrontmatterBlock", "find_block"]

_OPENING_FENCES = {"---": "yaml", "+++": "toml"}
# A closing fence is a whole line; a regex finds it at C speed in long documents.
_CLOSING_FENCES = {
    "yaml": re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE),
    "toml": re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE),
}


@dataclass(frozen=True)
class FrontmatterBlock:
    """Where the frontmatter block sits in the editor text (str offsets, "\\n" newlines)."""

    kind: str  # "yaml" (--- fences) or "toml" (+++ fences, Hugo)
    start: int  # offset of the opening fence (always 0: the block must open the document)
    body_start: int  # offset of the first char of the content (just after the opening "\n")
    body_end: int  # offset of the start of the closing fence line
    end: int  # offset just after the closing fence line, including its "\n" if present
    body_first_line: int  # 0-based document line of the first content line (1 normally)
    body_line_count: int  # lines between the fences


def find_block(text: str) -> FrontmatterBlock | None:
    """Return the frontmatter block opening the document, or None if there is none."""
    first_break = text.find("\n")
    if first_break < 0:
        return None
    # Trailing spaces after a fence are common in hand-written posts and harmless.
    kind = _OPENING_FENCES.get(text[:first_break].rstrip(" \t"))
    if kind is None:
        return None
    body_start = first_break + 1
    closing = _CLOSING_FENCES[kind].search(text, body_start)
    if closing is None:
        return None
    body_end = closing.start()
    line_end = text.find("\n", closing.end())
    return FrontmatterBlock(
        kind=kind,
        start=0,
        body_start=body_start,
        body_end=body_end,
        end=len(text) if line_end < 0 else line_end + 1,
        body_first_line=1,
        body_line_count=text.count("\n", body_start, body_end),
    )
