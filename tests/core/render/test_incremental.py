"""IncrementalRenderer gives exactly a full render's result, re-rendering only what changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.render import MarkdownRenderer
from editor.core.render.chunks import chunk_starts, iter_cuts
from editor.core.render.incremental import IncrementalRenderer
from editor.core.render.markdown import wrap_block

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "deepseek-v4-release.ko.md"

_RENDERER = MarkdownRenderer()

BLOCKS = [
    "# Title\n",
    "## 개요\n",
    "## 개요\n",
    "Setext\n------\n",
    'A paragraph with [a ref][r1] and [b][r2], "quotes" -- and... www.example.com.\n',
    "Second *line*\nof a ~~struck~~ paragraph.\n",
    "[r1]: https://one.example\n",
    '[r2]: https://two.example "Two"\n',
    "[r1]: https://shadow.example\n",
    "- item\n- item two\n",
    "- loose\n\n- list\n",
    "1. one\n\n   nested para\n\n2. two\n",
    "- [ ] task\n- [x] done\n",
    "> quote\n> > nested\n",
    "> quote\nlazy line\n",
    "```python\nx = 1\n\n\ny = 2\n```\n",
    "```\nopen fence\n\nno close\n",
    "~~~\n\n# not heading\n~~~\n",
    "    indented\n\n    code\n",
    "| a | b |\n|:--|--:|\n| 1<br/>2 | 3 |\n",
    "<div>\nhtml block\n</div>\n",
    "<!--\n\ncomment\n\n-->\n",
    "<pre>\n\nraw\n\n</pre>\n",
    "<script>\nlet a = 1;\n\nlet b = 2;\n",
    "***\n",
    "  ```\n  indented fence\n\ntext\n```\n",
    "Text with `code -- here` and <span>inline--html</span>.\n",
    "![img](./x.png)\n",
    'A note[^1] and another[^n2], "quoted".\n',
    "[^1]: The first note, www.example.com.\n",
    "[^n2]: Second, *styled*.\n\n    Its second paragraph.\n",
    "Cited again[^1]; [^missing] stays text.\n",
    "",
]


def full(text: str, first_line: int = 0) -> tuple:
    """A fresh full render's blocks."""
    return _RENDERER.render(text, body_first_line=first_line).blocks


def document(parts: list[int]) -> str:
    """A body made of the chosen blocks, separated by blank lines."""
    return "\n".join(BLOCKS[i] for i in parts)


edits = st.tuples(
    st.floats(0, 1),
    st.integers(0, 3),
    st.sampled_from(
        ["", "x", "\n", "\n\n", "-", "`", "[", "#", ">", "```\n", "[r1]: /u\n", "[^1]", "[^x]: n\n"]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, len(BLOCKS) - 1), max_size=12), st.lists(edits, max_size=6))
def test_every_edit_gives_the_full_render(parts: list[int], changes: list[tuple]) -> None:
    """After each random edit of a random document, incremental == fresh full render."""
    text = document(parts)
    incremental = IncrementalRenderer(_RENDERER)
    assert incremental.render(text, body_first_line=4).post.blocks == full(text, 4)
    before = full(text, 4)
    for where, cut, insert in changes:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + cut :]
        outcome = incremental.render(text, body_first_line=4)
        after = outcome.post.blocks
        assert after == full(text, 4), text
        # Rendered as an edit or walked: the splice turns the old blocks into these.
        assert outcome.splice is not None and outcome.base == before
        assert _apply(outcome.splice, before) == list(after), text
        before = after


def _apply(splice, blocks) -> list:
    """What the page does with a splice: keep keys, move lines, wrappers rebuilt."""
    moved = splice.apply(blocks)
    return [
        b if b in blocks[: splice.start] or b in splice.insert else _rewrapped(b) for b in moved
    ]


def _rewrapped(block):
    inner = block.html[block.html.index(">") + 1 : -len("</div>")]
    return type(block)(
        block.key,
        wrap_block(inner, block.line_start, block.line_end),
        block.line_start,
        block.line_end,
    )


def test_fixture_post_edits_match_the_full_render() -> None:
    """Typing through the reference user's post keeps the result equal to a full render."""
    body = FIXTURE.read_text(encoding="utf-8")
    incremental = IncrementalRenderer(_RENDERER)
    assert incremental.render(body).post.blocks == full(body)
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.9):
        at = int(len(body) * fraction)
        for insert in ("가", "\n", "\n\n", "```\n", "# "):
            edited = body[:at] + insert + body[at:]
            assert incremental.render(edited).post.blocks == full(edited)


def test_unchanged_blocks_keep_their_keys_and_objects() -> None:
    """An edit in one paragraph re-keys that block only; the others are the same objects."""
    text = "# A\n\none\n\ntwo\n\nthree\n"
    incremental = IncrementalRenderer(_RENDERER)
    before = incremental.render(text).post.blocks
    after = incremental.render(text.replace("two", "TWO")).post.blocks
    assert [b is a for b, a in zip(before, after, strict=True)] == [True, True, False, True]


def test_a_new_reference_definition_updates_the_link_in_another_block() -> None:
    """Adding "[r]: url" at the end turns "[x][r]" at the top into a link."""
    incremental = IncrementalRenderer(_RENDERER)
    text = "[x][r]\n\npara\n"
    assert "<a " not in incremental.render(text).post.blocks[0].html
    post = incremental.render(text + "\n[r]: https://example.com\n").post
    assert '<a href="https://example.com">x</a>' in post.blocks[0].html


def test_duplicate_heading_ids_follow_document_order() -> None:
    """Inserting a same-named heading above renumbers the ids below, as a full render does."""
    incremental = IncrementalRenderer(_RENDERER)
    incremental.render("## A\n\ntext\n\n## A\n")
    post = incremental.render("## A\n\n## A\n\ntext\n\n## A\n").post
    ids = [b.html.split('id="')[1].split('"')[0] for b in post.blocks if "<h2" in b.html]
    assert ids == ["a", "a-1", "a-2"]


def test_documents_with_footnotes_equal_the_full_render() -> None:
    """Footnote numbering is global; such bodies still match a full render after edits."""
    incremental = IncrementalRenderer(_RENDERER)
    text = "a[^1] b[^2]\n\n[^2]: two\n\n[^1]: one\n"
    assert incremental.render(text).post.blocks == full(text)
    edited = "c[^2]\n\n" + text
    assert incremental.render(edited).post.blocks == full(edited)


@pytest.mark.parametrize("seed", range(3))
def test_heading_edits_keep_every_heading_id_as_a_full_render_gives_it(seed: int) -> None:
    """Headings from a small vocabulary of clashing slugs ("a", "a-1", "a 1", "a-"), edited
    where they could clash: each render equals a full one, and so does each splice."""
    import random

    rng = random.Random(seed)
    vocab = ["a", "a-1", "a 1", "b", "a-2", "개요", "a-", "b-1"]
    for _ in range(40):
        lines = [
            f"## {rng.choice(vocab)}\n" if rng.random() < 0.6 else f"Para {rng.randrange(99)}.\n"
            for _ in range(rng.randint(1, 25))
        ]
        text = "\n".join(lines)
        incremental = IncrementalRenderer(_RENDERER)
        before = incremental.render(text).post.blocks
        for _ in range(10):
            marks = [i for i, c in enumerate(text) if c == "#"]
            at = min(rng.choice(marks) + 3, len(text)) if marks else 0
            text = (
                text[:at]
                + rng.choice(["a", "-", "1", "", " ", "b"])
                + text[at + rng.choice([0, 1]) :]
            )
            outcome = incremental.render(text)
            after = outcome.post.blocks
            assert after == full(text), text
            assert outcome.splice is not None
            assert _apply(outcome.splice, before) == list(after), text
            before = after


def test_headings_swapped_by_one_edit_are_numbered_in_their_new_order() -> None:
    # Outside: "a" (so the window's "a" is "a-1"). Swapping the window's "a" and "a-1" keeps
    # every slug's count, but their ids depend on the order: "a-1" first takes "a-1".
    text = "## a\n\nBetween.\n\n## a\n\n## a-1\n\nAfter.\n"
    incremental = IncrementalRenderer(_RENDERER)
    incremental.render(text)
    swapped = text.replace("## a\n\n## a-1\n", "## a-1\n\n## a\n")
    assert incremental.render(swapped).post.blocks == full(swapped)


def test_typing_in_a_unique_heading_of_a_long_post_is_an_edit() -> None:
    incremental = IncrementalRenderer(_RENDERER)
    incremental.render(LONG)
    at = LONG.index("## Part 150") + len("## Part 15")
    text = LONG[:at] + "가" + LONG[at:]
    outcome = incremental.render(text)
    assert outcome.post.blocks == full(text)
    assert outcome.edit_only and outcome.splice is not None and len(outcome.splice.insert) == 1
    assert 'id="part-15가0"' in outcome.splice.insert[0].html


@pytest.mark.parametrize(
    "text",
    [
        "a[^1]\n\n[^1]:\n",  # an empty definition: the section has no lines of its own
        "[^1]:\n\na[^1]\n",
        "a[^1] b[^1]\n\n[^1]: one\n[^1]: two\n",  # defined twice
        "[^a]: x[^b]\n\n[^b]: y[^a]\n\nz[^a]\n",  # cited from inside definitions
        "- a[^1]\n\n  [^1]: in a list\n\nq\n",
        "> [^1]: quoted definition\n\nr[^1]\n",
        "a[^1]\n\n[^1]: one\n\n    [^1]: nested\n\n    more\n",
        "x[^1]\n\n[^1]: # a heading in a definition\n",
    ],
)
def test_footnote_corner_cases_equal_the_full_render(text: str) -> None:
    for first_line in (0, 3):
        rendered = IncrementalRenderer(_RENDERER).render(text, body_first_line=first_line).post
        assert rendered.blocks == full(text, first_line)


def test_typing_in_a_long_post_with_footnotes_is_an_edit_and_citing_renumbers() -> None:
    """Prose away from any footnote leaves numbers and section alone: rendered as an edit.
    A new citation renumbers the ones after it: every chunk that cites is parsed again."""
    notes = "".join(f"Fact {n}[^f{n}].\n\n" for n in range(5))
    defs = "".join(f"[^f{n}]: Source {n}.\n\n" for n in range(5))
    text = LONG + "\n" + notes + defs
    incremental = IncrementalRenderer(_RENDERER)
    before = incremental.render(text).post.blocks
    assert before[-1].html.count("<li id=") == 5
    at = text.index("Paragraph 150") + len("Paragraph")
    edited = text[:at] + " 가" + text[at:]
    outcome = incremental.render(edited)
    after = outcome.post.blocks
    assert after == full(edited)
    assert outcome.edit_only and outcome.splice is not None and len(outcome.splice.insert) == 1
    assert after[-1] is before[-1], "the footnotes section is kept as it was"
    cited = edited.replace("Paragraph 10 of", "Paragraph 10[^f3] of")
    outcome = incremental.render(cited)
    after = outcome.post.blocks
    assert after == full(cited)
    assert not outcome.edit_only
    assert 'id="user-content-fnref-f3"' in after[31].html  # cited first now
    assert ">1</a></sup>" in after[31].html


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_newlines(newline: str) -> None:
    """CRLF and CR bodies are numbered as markdown-it numbers them."""
    text = "# A\n\npara\n\n```\ncode\n\nmore\n```\n".replace("\n", newline)
    rendered = IncrementalRenderer(_RENDERER).render(text, body_first_line=2)
    assert rendered.post.blocks == full(text, 2)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, len(BLOCKS) - 1), max_size=14), st.integers(0, 30))
def test_cuts_found_from_any_boundary_are_the_ones_found_from_the_start(parts, pick) -> None:
    text = document(parts)
    starts = chunk_starts(text)
    start = starts[pick % len(starts)]
    assert [offset for offset, _ in iter_cuts(text, start)] == [s for s in starts if s > start]


LONG = "\n".join(
    f"## Part {n}\n\nParagraph {n} of a long post.\n\n- item {n}\n" for n in range(300)
)


def test_typing_in_a_long_post_re_renders_one_block_and_splices_it() -> None:
    incremental = IncrementalRenderer(_RENDERER)
    before = incremental.render(LONG, body_first_line=3).post.blocks
    at = LONG.index("Paragraph 150") + len("Paragraph")
    text = LONG[:at] + " 가" + LONG[at:]
    outcome = incremental.render(text, body_first_line=3)
    after = outcome.post.blocks
    assert after == full(text, 3)
    splice = outcome.splice
    assert outcome.edit_only and splice is not None
    assert (splice.start, splice.remove, len(splice.insert), splice.shift) == (451, 1, 1, 0)
    assert all(a is b for a, b in zip(before[:451], after[:451], strict=True))
    # The list after the paragraph shares its chunk (no boundary before a list marker): it is
    # rendered again, equal; every block of the other chunks is the very same object.
    assert all(a is b for a, b in zip(before[453:], after[453:], strict=True))


def test_a_new_line_moves_the_blocks_after_it_and_keeps_their_keys() -> None:
    incremental = IncrementalRenderer(_RENDERER)
    before = incremental.render(LONG).post.blocks
    at = LONG.index("Paragraph 10 ") + len("Paragraph 10")
    text = LONG[:at] + "\nmore" + LONG[at:]
    outcome = incremental.render(text)
    after = outcome.post.blocks
    assert after == full(text)
    splice = outcome.splice
    assert outcome.edit_only and splice is not None and splice.shift == 1 and splice.remove == 1
    assert [b.key for b in after[splice.start + 1 :]] == [b.key for b in before[splice.start + 1 :]]


def test_edits_that_reach_further_walk_every_chunk_and_still_match() -> None:
    incremental = IncrementalRenderer(_RENDERER)
    incremental.render(LONG)
    # A heading's slug changes the ids of the same-named headings after it.
    text = LONG.replace("## Part 20\n", "## Part 21\n")
    outcome = incremental.render(text)
    assert outcome.post.blocks == full(text)
    assert not outcome.edit_only
    # A paragraph that becomes a copy of another block: keys count repeats in order.
    text = text.replace("Paragraph 5 of", "Paragraph 6 of", 1)
    outcome = incremental.render(text)
    assert outcome.post.blocks == full(text)
    assert not outcome.edit_only
    # A fence opened halfway swallows the rest.
    at = text.index("## Part 150")
    text = text[:at] + "```\n" + text[at:]
    assert incremental.render(text).post.blocks == full(text)
