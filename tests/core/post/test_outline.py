"""The outline scanner: top-level headings with levels, plain text and document lines."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from editor.core.frontmatter import parse_frontmatter
from editor.core.post.outline import Heading, OutlineScanner, heading_at, outline
from editor.core.render.markdown import MarkdownRenderer

ROOT = Path(__file__).resolve().parents[3]
FIXTURE = ROOT / "tests" / "fixtures" / "deepseek-v4-release.ko.md"
SAMPLE_POSTS = sorted((ROOT / "resources" / "sample-site").rglob("*.md"))

_RENDERER = MarkdownRenderer()


def markdown_it_headings(text: str) -> list[tuple[int, int]]:
    """(level, document line) of each top-level heading markdown-it finds, as the preview does."""
    parsed = parse_frontmatter(text)
    tokens = _RENDERER.markdown_it.parse(text[parsed.body_start :])
    return [
        (int(token.tag[1]), token.map[0] + parsed.body_first_line)
        for token in tokens
        if token.type == "heading_open" and token.level == 0 and token.map
    ]


def scanned(text: str) -> list[tuple[int, int]]:
    return [(heading.level, heading.line) for heading in outline(text)]


def test_fixture_post_outline_matches_its_headings() -> None:
    """The real post's outline: its ## and ### headings in order, at their lines."""
    headings = outline(FIXTURE.read_text(encoding="utf-8"))
    assert headings[0] == Heading(2, "개요", 53)
    assert headings[2] == Heading(3, "V3에서 V4로의 도약", 59)
    assert [h.level for h in headings].count(2) >= 5
    assert scanned(FIXTURE.read_text(encoding="utf-8")) == markdown_it_headings(
        FIXTURE.read_text(encoding="utf-8")
    )


def test_sample_site_outlines_match_markdown_it() -> None:
    """Every sample post in four languages: the same heading lines markdown-it finds."""
    assert len(SAMPLE_POSTS) >= 20
    for path in SAMPLE_POSTS:
        text = path.read_text(encoding="utf-8")
        assert scanned(text) == markdown_it_headings(text), path.name
        assert outline(text), path.name


def test_frontmatter_fence_is_not_a_setext_underline() -> None:
    """The closing `---` of the frontmatter does not make its last line a heading."""
    text = "---\ntitle: x\n---\nBody text\n---\n\n# Real\n"
    assert outline(text) == [Heading(2, "Body text", 3), Heading(1, "Real", 6)]


def test_atx_forms() -> None:
    """Up to three spaces of indent, closing #s stripped, a # without a space is text."""
    text = "   ### Three ###\n#NoSpace\n## Closing#not\n####### seven\n# \n## a # b ##   \n"
    assert outline(text) == [
        Heading(3, "Three", 0),
        Heading(2, "Closing#not", 2),
        Heading(1, "", 4),
        Heading(2, "a # b", 5),
    ]


def test_setext_headings_take_their_paragraph_line() -> None:
    """A multi-line paragraph underlined by === is one h1 at its first line."""
    text = "intro\n\nFirst line\nsecond line\n===\n\n次の段落\n---\n"
    assert outline(text) == [
        Heading(1, "First line second line", 2),
        Heading(2, "次の段落", 6),
    ]


def test_code_and_comments_hide_headings() -> None:
    """Fenced (with longer closers), indented code and HTML comments hold no headings."""
    text = (
        "````md\n# not\n```\n# still not\n````\n"
        "~~~\n## no\n~~~\n\n"
        "    # indented code\n\n"
        "<!--\n# commented out\n-->\n"
        "<div>\n# inside html\n</div>\n\n"
        "## 本当の見出し\n"
    )
    assert outline(text) == [Heading(2, "本当の見出し", 18)]
    assert scanned(text) == markdown_it_headings(text)


def test_quotes_and_lists_keep_their_headings() -> None:
    """Headings inside a block quote or list item are not top-level sections."""
    text = "> # quoted\n\n- # in a list\n  ## still in it\n\n# top\n"
    assert outline(text) == [Heading(1, "top", 5)]


def test_heading_text_is_plain() -> None:
    """Inline markup is stripped: emphasis, code, links, images, HTML."""
    text = "## **굵게** and `code` with [링크](https://x.dev) ![그림](a.png) <em>x</em>\n"
    assert outline(text)[0].text == "굵게 and code with 링크 그림 x"


def test_crlf_text_keeps_lines() -> None:
    """\\r\\n newlines give the same lines as \\n."""
    assert outline("a\r\n\r\n# 标题\r\n") == [Heading(1, "标题", 2)]


def test_heading_at_picks_the_section_above() -> None:
    """The section holding a line is the last heading at or above it."""
    headings = [Heading(1, "a", 2), Heading(2, "b", 5), Heading(2, "c", 9)]
    assert heading_at(headings, 0) is None
    assert heading_at(headings, 2) == 0
    assert heading_at(headings, 8) == 1
    assert heading_at(headings, 100) == 2
    assert heading_at([], 3) is None


def test_scanner_is_reusable() -> None:
    """One scanner scans many posts with the same results as a fresh one."""
    scanner = OutlineScanner()
    for path in SAMPLE_POSTS[:4]:
        text = path.read_text(encoding="utf-8")
        assert scanner.headings(text) == outline(text)


# -- differential: the scanner against markdown-it on generated posts ----------------------

_WORDS = st.sampled_from(
    ["DeepSeek", "개요", "見出し", "标题", "**bold**", "`code`", "[link](/a)", "x | y", "a_b", "1."]
)
_INLINE = st.lists(_WORDS, min_size=1, max_size=4).map(" ".join)
_INDENT = st.sampled_from(["", " ", "  ", "   "])


@st.composite
def _block(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 12))
    text = draw(_INLINE)
    if kind == 0:
        closing = draw(st.sampled_from(["", " #", " ###", "#"]))
        return f"{draw(_INDENT)}{'#' * draw(st.integers(1, 7))} {text}{closing}"
    if kind == 1:
        lines = draw(st.lists(_INLINE, min_size=1, max_size=3))
        underline = draw(st.sampled_from(["===", "---", "-", "  ==", "----   "]))
        return "\n".join([*lines, underline])
    if kind == 2:
        marker = draw(st.sampled_from(["```", "~~~", "````", "~~~~"]))
        closer = draw(st.sampled_from([marker, marker + marker[0], marker[:3], ""]))
        inner = draw(st.sampled_from(["# not", "---", "title\n===", "```"]))
        return f"{marker}lang\n{inner}\n{closer}"
    if kind == 3:
        return f"    # indented {text}"
    if kind == 4:
        return f"<!--\n# {text}\n-->"
    if kind == 5:
        return f"<div>\n# {text}\n</div>"
    if kind == 6:
        return draw(st.sampled_from(["---", "***", "- - -", "___"]))
    if kind == 7:
        return f"- {text}\n  # nested\n- {draw(_INLINE)}"
    if kind == 8:
        return f"> {text}\n> ## quoted\n{draw(_INLINE)}"
    if kind == 9:
        return f"| a | b |\n|---|:-:|\n| {text} | 2 |"
    if kind == 10:
        return f"1. {text}"
    return "\n".join(draw(st.lists(_INLINE, min_size=1, max_size=3)))


@st.composite
def _post(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(_block(), max_size=10))
    separators = draw(st.lists(st.sampled_from(["\n\n", "\n"]), min_size=len(blocks)))
    body = "".join(block + sep for block, sep in zip(blocks, separators, strict=False))
    if draw(st.booleans()):
        return f"---\ntitle: 'x'\ntags: [a]\n---\n{body}"
    return body


@given(_post())
@example("para\n# h\n---\n")
@example("1. 1.\nDeepSeek\n===\n\n")
@example("1. 1. DeepSeek\nDeepSeek\n===\n\n")
@example("# DeepSeek\n\n1. DeepSeek\n1.\nDeepSeek\n===\n\n")
@example("1. DeepSeek\n| a | b |\n|---|:-:|\n| DeepSeek | 2 |\n\n   # DeepSeek\n")
@example("| a | b |\n|---|:-:|\n| DeepSeek | 2 |\n1.\nDeepSeek\n===\n\n")
@example("| a | b |\n|---|:-:|\n| x | 2 |\n3) x\n<span>\nDeepSeek\n===\n")
@example("| a | b |\n|---|:-:|\n| x | 2 |\n<span>\nDeepSeek\n===\n")
def test_scanner_finds_the_headings_markdown_it_finds(text: str) -> None:
    """On generated posts the heading levels and lines equal markdown-it's heading_open tokens."""
    assert scanned(text) == markdown_it_headings(text)
