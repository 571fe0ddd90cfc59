"""Deterministic cut-off for input that markdown-it would take too long on."""

from __future__ import annotations

from html import escape

from editor.core.render.chunks import chunk_starts

# markdown-it-py spends 12-32 µs on each "[" of an unclosed run (100,000 "[" take 1.3 s,
# 50,000 "![" 1.6 s), so a chunk with more than this many is shown as text: at most ~0.3 s.
# Deep ">" nesting needs no cap: markdown-it stops nesting at maxNesting (10,000 ">" < 1 ms).
MAX_BRACKETS = 10_000

NOTICE = "This block is too deeply nested to preview; it is shown as text."


def guard_spans(text: str) -> list[tuple[int, int]]:
    """Line ranges [start, end) of the chunks of `text` (normalised) too costly to parse."""
    if text.count("[") <= MAX_BRACKETS:
        return []
    starts = chunk_starts(text)
    spans: list[tuple[int, int]] = []
    line = 0
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else len(text)
        chunk = text[start:stop]
        count = chunk.count("\n") + (0 if chunk.endswith("\n") else 1)
        if chunk.count("[") > MAX_BRACKETS:
            spans.append((line, line + count))
        line += count
    return spans


def guarded_html(source: str) -> str:
    """The notice and the chunk's source, escaped, in place of its rendering."""
    return (
        f'<div class="render-guard"><p class="render-guard-notice">{NOTICE}</p>'
        f"<pre>{escape(source)}</pre></div>\n"
    )
