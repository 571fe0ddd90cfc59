"""The body splits into top-level blocks that carry document lines and content keys."""

from __future__ import annotations

import itertools
import re

import pytest

from editor.core.render import MarkdownRenderer, RenderedBlock, RenderedPost

EVERY_CONSTRUCT = """\
# Title

Intro with a [reference link][ref], a footnote[^note], ~~strike~~ and <strong>raw</strong>.
A second line of the same paragraph.

[ref]: https://example.com "Example"

| Left | Center | Right |
|:-----|:------:|------:|
| a<br/>b | `code` | 3 |

- [ ] todo
- [x] done

1. one
2. two

   nested paragraph

> quote
> > nested quote

```python
print("hi")
```

```
plain fence
```

```mermaid
graph TD; A-->B
```

    indented code

<div class="note">
raw html block
</div>

***

Setext heading
--------------

![alt text](./img.png "t")

- loose item

- another item

Inline footnote^[inline note] here.

[^note]: The footnote text.

    Its second paragraph.
"""

_WRAPPER_RE = re.compile(
    r'^<div class="pd-block" data-line="(\d+)" data-line-end="(\d+)">(.*)</div>$', re.S
)


def unwrap(block: RenderedBlock) -> str:
    """The inner HTML of a block, checking the wrapper's attributes on the way."""
    match = _WRAPPER_RE.match(block.html)
    assert match is not None, block.html
    assert (int(match.group(1)), int(match.group(2))) == (block.line_start, block.line_end)
    return match.group(3)


def inner_body(post: RenderedPost) -> str:
    """The body with every block wrapper removed."""
    return "".join(unwrap(block) for block in post.blocks)


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    """One renderer for the module."""
    return MarkdownRenderer()


def test_blocks_concatenate_to_the_whole_document_render(renderer: MarkdownRenderer) -> None:
    """Splitting loses and adds nothing: blocks, unwrapped, equal one whole render."""
    post = renderer.render(EVERY_CONSTRUCT)
    assert inner_body(post) == renderer.render_html(EVERY_CONSTRUCT)


def test_every_construct_is_its_own_block(renderer: MarkdownRenderer) -> None:
    """Each top-level construct starts a block at the line where it starts."""
    lines = EVERY_CONSTRUCT.splitlines()
    starts = {block.line_start for block in renderer.render(EVERY_CONSTRUCT).blocks}
    for marker in [
        "# Title",
        "Intro with",
        "| Left",
        "- [ ] todo",
        "1. one",
        "> quote",
        "```python",
        "```mermaid",
        "    indented code",
        '<div class="note">',
        "***",
        "Setext heading",
        "![alt text]",
        "- loose item",
    ]:
        line = next(i for i, text in enumerate(lines) if text.startswith(marker))
        assert line in starts, marker


def test_block_lines_are_offset_by_body_first_line(renderer: MarkdownRenderer) -> None:
    """With a 10-line frontmatter, the first body line is document line 10."""
    post = renderer.render("# A\n\npara\n", body_first_line=10)
    assert [(b.line_start, b.line_end) for b in post.blocks] == [(10, 11), (12, 13)]
    assert post.blocks[0].html.startswith(
        '<div class="pd-block" data-line="10" data-line-end="11">'
    )


def test_block_ranges_are_ordered_and_do_not_overlap(renderer: MarkdownRenderer) -> None:
    """Apart from the footnotes block, ranges follow each other without overlap."""
    blocks = renderer.render(EVERY_CONSTRUCT).blocks[:-1]
    for before, after in itertools.pairwise(blocks):
        assert before.line_start < before.line_end <= after.line_start


def test_every_line_that_produces_output_is_in_exactly_one_block(
    renderer: MarkdownRenderer,
) -> None:
    """Non-blank lines, except reference definitions, fall inside exactly one block."""
    lines = EVERY_CONSTRUCT.splitlines()
    blocks = renderer.render(EVERY_CONSTRUCT).blocks
    for number, line in enumerate(lines):
        if not line.strip() or line.startswith("[ref]:"):
            continue
        owners = [b for b in blocks if b.line_start <= number < b.line_end]
        assert len(owners) == 1, (number, line)


def test_footnotes_become_one_final_block_spanning_their_definitions(
    renderer: MarkdownRenderer,
) -> None:
    """The footnotes section is the last block and points at the definitions' lines."""
    lines = EVERY_CONSTRUCT.splitlines()
    last = renderer.render(EVERY_CONSTRUCT).blocks[-1]
    assert '<section data-footnotes class="footnotes">' in last.html
    assert "The footnote text." in last.html
    assert last.line_start == lines.index("[^note]: The footnote text.")
    assert last.line_end == len(lines)


def test_reference_link_and_footnote_resolve_across_blocks(renderer: MarkdownRenderer) -> None:
    """The whole body is parsed once, so a block links to definitions in other blocks."""
    intro = renderer.render(EVERY_CONSTRUCT).blocks[1].html
    assert '<a href="https://example.com" title="Example">reference link</a>' in intro
    assert 'href="#user-content-fn-note"' in intro


def test_keys_are_16_hex_chars_of_the_inner_html(renderer: MarkdownRenderer) -> None:
    """A key is blake2b of the block's content, independent of its line numbers."""
    first = renderer.render("para\n").blocks[0]
    moved = renderer.render("\n\n\npara\n", body_first_line=7).blocks[0]
    assert re.fullmatch(r"[0-9a-f]{16}", first.key)
    assert first.key == moved.key
    assert first.line_start != moved.line_start


def test_identical_blocks_get_distinct_keys(renderer: MarkdownRenderer) -> None:
    """Two "---" rules or two equal paragraphs still have unique keys within a post."""
    blocks = renderer.render("same\n\n***\n\nsame\n\n***\n").blocks
    assert len({block.key for block in blocks}) == 4


def test_keys_stable_across_renders_and_only_the_edited_block_changes(
    renderer: MarkdownRenderer,
) -> None:
    """Editing one paragraph (even adding a line) changes that block's key only."""
    before = renderer.render(EVERY_CONSTRUCT)
    assert renderer.render(EVERY_CONSTRUCT) == before
    edited_text = EVERY_CONSTRUCT.replace(
        "A second line of the same paragraph.", "A changed line.\nAnd one more line."
    )
    after = renderer.render(edited_text)
    changed = [
        i
        for i, (b, a) in enumerate(zip(before.blocks, after.blocks, strict=True))
        if b.key != a.key
    ]
    assert changed == [1]
    # Blocks below moved down one line but kept their keys.
    assert after.blocks[2].line_start == before.blocks[2].line_start + 1


def test_empty_body_has_no_blocks(renderer: MarkdownRenderer) -> None:
    """Nothing to show: no blocks, empty body."""
    post = renderer.render("\n\n")
    assert post.blocks == ()
    assert post.body_html() == ""


def test_a_block_that_fails_to_render_shows_its_source() -> None:
    """One broken block costs only itself: it shows its escaped source, the rest renders."""
    renderer = MarkdownRenderer()

    def boom(*_args: object) -> str:
        raise RuntimeError("rule bug")

    # Reaches into the instance on purpose: no input makes markdown-it's own rules fail.
    renderer._md.add_render_rule("hr", boom)
    post = renderer.render("before\n\n***\n\n<after>\n", body_first_line=2)
    assert [b.line_start for b in post.blocks] == [2, 4, 6]
    assert post.blocks[1].html.endswith('<pre class="render-error">***</pre>\n</div>')
    assert "<p>before</p>" in post.blocks[0].html
