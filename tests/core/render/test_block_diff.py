"""Block splices: the page gets one run of changed blocks and a line shift, never the post."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from editor.core.render import MarkdownRenderer
from editor.core.render.block_diff import splice_between

renderer = MarkdownRenderer()
paragraphs = st.lists(
    st.sampled_from(["Alpha.", "Beta.", "## Head", "- item", "Alpha.", "```\ncode\n```"]),
    min_size=1,
    max_size=12,
)


def test_typing_in_one_paragraph_is_one_block_and_no_shift():
    old = renderer.render("One.\n\nTwo.\n\nThree.\n").blocks
    new = renderer.render("One.\n\nTwo!\n\nThree.\n").blocks
    splice = splice_between(old, new)
    assert (splice.start, splice.remove, splice.shift) == (1, 1, 0)
    assert [b.key for b in splice.insert] == [new[1].key]


def test_a_new_line_shifts_the_blocks_after_it():
    old = renderer.render("One.\n\nTwo.\n\nThree.\n").blocks
    new = renderer.render("One.\n\nTwo\nand more.\n\nThree.\n").blocks
    splice = splice_between(old, new)
    assert (splice.start, splice.remove, splice.shift) == (1, 1, 1)


@given(before=paragraphs, after=paragraphs)
def test_applying_the_splice_gives_the_new_blocks(before, after):
    old = renderer.render("\n\n".join(before) + "\n").blocks
    new = renderer.render("\n\n".join(after) + "\n").blocks
    splice = splice_between(old, new)

    # The page keeps a moved block's node and rewrites its line attributes: compare the
    # keys and lines (the html of a kept block still carries its old lines).
    def shape(blocks):
        return [(b.key, b.line_start, b.line_end) for b in blocks]

    assert shape(splice.apply(old)) == shape(new)
    assert splice.total == len(new)
