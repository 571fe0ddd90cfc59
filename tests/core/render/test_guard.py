"""Pathological input renders within a second, and chunks past the cut-off are shown as text."""

from __future__ import annotations

import time

import pytest

from editor.core.render import MarkdownRenderer
from editor.core.render.guard import MAX_BRACKETS, NOTICE
from editor.core.render.incremental import IncrementalRenderer

_RENDERER = MarkdownRenderer()


@pytest.mark.parametrize(
    "text",
    [
        ">" * 10_000 + " deep\n",
        "> " * 10_000 + "deep\n",
        "[" * 100_000,
        "![" * 50_000,
        "[\n" * 100_000,
        "intro\n\n" + "[a](" * 30_000 + "\n\nafter [x]\n",
    ],
    ids=["gt", "gt-spaced", "brackets", "image-brackets", "bracket-lines", "link-openers"],
)
def test_pathological_input_renders_within_a_second(text: str) -> None:
    """Full and incremental renders each finish in under 1 s, and agree."""
    started = time.perf_counter()
    full = _RENDERER.render(text)
    assert time.perf_counter() - started < 1.0
    started = time.perf_counter()
    incremental = IncrementalRenderer(_RENDERER).render(text).post
    assert time.perf_counter() - started < 1.0
    assert incremental == full


def test_chunk_over_the_bracket_limit_is_shown_as_text_with_a_notice() -> None:
    """Only the offending chunk becomes an escaped <pre>; its neighbours render normally."""
    text = "# Before\n\n" + "[<b>" * (MAX_BRACKETS + 1) + "\n\nAfter *this*.\n"
    blocks = _RENDERER.render(text).blocks
    assert [b.line_start for b in blocks] == [0, 2, 4]
    assert '<h1 id="before">Before</h1>' in blocks[0].html
    assert NOTICE in blocks[1].html
    assert "[&lt;b&gt;[&lt;b&gt;" in blocks[1].html
    assert "<p>After <em>this</em>.</p>" in blocks[2].html


def test_a_chunk_at_the_limit_is_still_rendered() -> None:
    """Exactly MAX_BRACKETS brackets is parsed as Markdown; the rule is a count, not a timer."""
    html = _RENDERER.render("[" * MAX_BRACKETS + "\n").body_html()
    assert NOTICE not in html
    assert "<p>[[[" in html


def test_nesting_markdown_it_renders_is_rendered() -> None:
    """19 quotes and 8 lists deep: within markdown-it's nesting limit, no notice."""
    html = _RENDERER.render(">" * 19 + " deep\n").body_html()
    assert NOTICE not in html and html.count("<blockquote>") == 19 and "deep" in html
    lists = "".join("  " * i + "- x\n" for i in range(8)) + "  " * 8 + "- deep\n"
    html = _RENDERER.render(lists).body_html()
    assert NOTICE not in html and "<li>deep</li>" in html


@pytest.mark.parametrize(
    "deep",
    [
        ">" * 10_000 + " deep\n",
        "> " * 20 + "deep\n",
        "".join("  " * i + "- x\n" for i in range(9)) + "  " * 9 + "- deep\n",
    ],
    ids=["10000-quotes", "20-quotes", "9-lists"],
)
def test_nesting_past_markdown_its_limit_is_shown_as_text_with_a_notice(deep: str) -> None:
    """markdown-it drops what is nested deeper than it goes, without a word: the chunk is
    shown as text with the notice instead (as the bracket cut-off does; a chunk that starts
    with a list reaches back to the paragraph before it), nothing of the source is lost,
    and both renderers agree."""
    text = "Before *that*.\n\n" + deep + "\nAfter.\n"
    blocks = _RENDERER.render(text).blocks
    html = "".join(b.html for b in blocks)
    assert NOTICE in html and "deep" in html and "Before" in html
    assert "<p>After.</p>" in blocks[-1].html
    assert IncrementalRenderer(_RENDERER).render(text).post.blocks == blocks


def test_a_deep_quote_is_cut_to_its_own_chunk() -> None:
    text = "Before *that*.\n\n" + ">" * 10_000 + " deep\n\nAfter.\n"
    blocks = _RENDERER.render(text).blocks
    assert [b.line_start for b in blocks] == [0, 2, 4]
    assert "<p>Before <em>that</em>.</p>" in blocks[0].html
    assert NOTICE in blocks[1].html and "deep" in blocks[1].html
