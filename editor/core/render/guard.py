"""Deterministic cut-off for input that markdown-it would take too long on."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from editor.core.render.chunks import chunk_starts

# markdown-it-py spends 12-32 µs on each "[" of an unclosed run (100,000 "[" take 1.3 s,
# 50,000 "![" 1.6 s), so a chunk with more than this many is shown as text: at most ~0.3 s.
MAX_BRACKETS = 10_000

# Deep nesting is fast (10,000 ">" parse in < 1 ms) because markdown-it stops at maxNesting
# levels (20: 19 quotes, 9 lists) - and drops what is deeper without a word. The lines where
# it stopped are noted in the env under this key, and their chunk is shown as text instead.
TOO_DEEP_KEY = "postdesk_too_deep"

NOTICE = "This block is too deeply nested to preview; it is shown as text."


def _chunk_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Each chunk of `text` (normalised) with its line range [start, end)."""
    starts = chunk_starts(text)
    line = 0
    for index, start in enumerate(starts):
        stop = starts[index + 1] if index + 1 < len(starts) else len(text)
        chunk = text[start:stop]
        count = chunk.count("\n") + (0 if chunk.endswith("\n") else 1)
        yield line, line + count, chunk
        line += count


def guard_spans(text: str) -> list[tuple[int, int]]:
    """Line ranges [start, end) of the chunks of `text` (normalised) too costly to parse."""
    if text.count("[") <= MAX_BRACKETS:
        return []
    return [(a, b) for a, b, chunk in _chunk_lines(text) if chunk.count("[") > MAX_BRACKETS]


def chunks_holding(text: str, lines: Iterable[int]) -> list[tuple[int, int]]:
    """Line ranges of the chunks of `text` (normalised) that hold any of these lines."""
    wanted = sorted(set(lines))
    return [(a, b) for a, b, _ in _chunk_lines(text) if any(a <= line < b for line in wanted)]


def guarded_html(source: str) -> str:
    """The notice and the chunk's source, escaped, in place of its rendering."""
    return (
        f'<div class="render-guard"><p class="render-guard-notice">{NOTICE}</p>'
        f"<pre>{escape(source)}</pre></div>\n"
    )


def note_nesting_cap(md: MarkdownIt) -> None:
    """Make md's block parser note in env[TOO_DEEP_KEY] each line where it stops nesting."""
    tokenize: Callable[[StateBlock, int, int], None] = md.block.tokenize
    limit = md.options.maxNesting

    def tokenize_noting(state: StateBlock, start_line: int, end_line: int) -> None:
        # At this depth markdown-it's loop breaks before its first line: content is lost.
        if state.level >= limit and start_line < end_line:
            state.env.setdefault(TOO_DEEP_KEY, []).append(start_line)
        tokenize(state, start_line, end_line)

    # Replacing the bound method on this one instance is the point: nested block rules
    # (blockquote, list, footnote) call state.md.block.tokenize and so come through here.
    # mypy types the slot as the class's function (self included), hence "assignment" too.
    md.block.tokenize = tokenize_noting  # type: ignore[method-assign, assignment]
