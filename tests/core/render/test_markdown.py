"""Each Markdown construct the reference user writes renders as the site shows it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from editor.core.render import AssetResolver, MarkdownRenderer


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    """One renderer for the module, as the app keeps one."""
    return MarkdownRenderer()


@pytest.fixture
def assets(tmp_path: Path) -> AssetResolver:
    """A site with one Korean post and one image beside it."""
    post_dir = tmp_path / "site/src/content/blog/ko"
    post_dir.mkdir(parents=True)
    (post_dir / "diagram.png").write_bytes(b"png")
    (tmp_path / "outside.png").write_bytes(b"png")
    return AssetResolver(tmp_path / "site", post_dir / "post.md")


def test_table_keeps_alignment_and_raw_br_in_a_cell(renderer: MarkdownRenderer) -> None:
    """GFM tables: alignment becomes align= (as hast writes it); <br/> in a cell passes through."""
    html = renderer.render_html("| L | C | R |\n|:--|:-:|--:|\n| a<br/>b | c | d |\n")
    assert '<th align="left">L</th>' in html
    assert '<th align="center">C</th>' in html
    assert '<td align="right">d</td>' in html
    assert '<td align="left">a<br/>b</td>' in html


def test_strikethrough(renderer: MarkdownRenderer) -> None:
    """~~text~~ and ~text~ become <del>, as remark-gfm makes them; ~~~x~~~ stays text."""
    assert renderer.render_html("~~gone~~\n") == "<p><del>gone</del></p>\n"
    assert renderer.render_html("~gone~\n") == "<p><del>gone</del></p>\n"
    assert renderer.render_html("a ~~~no~~~\n") == "<p>a ~~~no~~~</p>\n"


def test_task_list_renders_disabled_checkboxes(renderer: MarkdownRenderer) -> None:
    """[ ] and [x] items become disabled checkboxes, the done one checked."""
    html = renderer.render_html("- [ ] todo\n- [x] done\n")
    assert '<ul class="contains-task-list">' in html
    assert '<li class="task-list-item"><input type="checkbox" disabled> todo</li>' in html
    assert '<li class="task-list-item"><input type="checkbox" checked disabled> done</li>' in html


def test_raw_inline_html_passes_through(renderer: MarkdownRenderer) -> None:
    """The fixture's <strong> in a paragraph stays raw HTML."""
    html = renderer.render_html("A <strong>bold</strong> claim.\n")
    assert html == "<p>A <strong>bold</strong> claim.</p>\n"


def test_raw_script_is_not_sanitized_here(renderer: MarkdownRenderer) -> None:
    """Sanitizing is the page CSP's job; the renderer shows what the site would emit."""
    assert "<script>alert(1)</script>" in renderer.render_html("<script>alert(1)</script>\n")


def test_fenced_code_with_language_is_highlighted_with_classes(renderer: MarkdownRenderer) -> None:
    """A python fence gets Pygments spans with classes and no inline styles."""
    html = renderer.render_html("```python\ndef f():\n    return 1\n```\n")
    assert html.startswith('<div class="highlight"><pre>')
    assert '<span class="k">def</span>' in html
    assert "style=" not in html


@pytest.mark.parametrize("language", ["ts", "sh", "yml", "rs", "jsonc", "TS"])
def test_fence_language_aliases_are_highlighted(renderer: MarkdownRenderer, language: str) -> None:
    """Aliases the site uses (ts, sh, yml, rs...) find a lexer, case-insensitively."""
    html = renderer.render_html(f"```{language}\nx: 1\n```\n")
    assert html.startswith('<div class="highlight">')


def test_fence_with_unknown_language_is_escaped_with_a_language_class(
    renderer: MarkdownRenderer,
) -> None:
    """An unknown language keeps markdown-it's <pre><code class="language-x">, escaped."""
    html = renderer.render_html("```nosuchlang\n<b>&</b>\n```\n")
    assert html == (
        '<pre><code class="language-nosuchlang">&lt;b&gt;&amp;&lt;/b&gt;\n</code></pre>\n'
    )


def test_fence_without_language_is_plain_escaped_code(renderer: MarkdownRenderer) -> None:
    """No info string: a plain escaped <pre><code>."""
    assert renderer.render_html("```\na < b\n```\n") == "<pre><code>a &lt; b\n</code></pre>\n"


@pytest.mark.parametrize(
    "info", ["{python}", "python {.numberLines}", "<script>", "\x00", "` `", "a\"b'c", "🐍"]
)
def test_weird_fence_info_strings_never_raise(renderer: MarkdownRenderer, info: str) -> None:
    """Odd info strings render as code; anything in the class attribute is escaped."""
    html = renderer.render_html(f"```{info}\ncode\n```\n")
    assert "code" in html
    assert "<script>" not in html


def test_mermaid_fence_becomes_a_mermaid_block_with_a_visible_fallback(
    renderer: MarkdownRenderer,
) -> None:
    """The page turns data-source into an SVG; the escaped <pre> shows until then."""
    source = "graph TD\n    A[a<br/>b] --> B\n"
    html = renderer.render_html(f"```mermaid\n{source}```\n")
    escaped = "graph TD\n    A[a&lt;br/&gt;b] --&gt; B\n"
    assert html == (
        f'<div class="mermaid-block" data-source="{escaped}">'
        f'<pre class="mermaid-source">{escaped}</pre></div>\n'
    )


def test_footnote_reference_and_definition(renderer: MarkdownRenderer) -> None:
    """[^1] links to a footnotes section at the end, with a back-link, in remark-gfm's shape."""
    html = renderer.render_html("Claim.[^1]\n\n[^1]: Source.\n")
    assert (
        '<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref'
        ' aria-describedby="footnote-label">1</a></sup>'
    ) in html
    assert '<section data-footnotes class="footnotes">' in html
    assert '<li id="user-content-fn-1">\n<p>Source. <a href="#user-content-fnref-1"' in html


def test_image_inside_the_site_gets_a_workspace_url(
    renderer: MarkdownRenderer, assets: AssetResolver
) -> None:
    """A relative image src is rewritten to the resolver's URL; alt and title are kept."""
    html = renderer.render_html('![A diagram](./diagram.png "Title")\n', assets=assets)
    assert html == (
        '<p><img src="postdesk://workspace/src/content/blog/ko/diagram.png"'
        ' alt="A diagram" title="Title"></p>\n'
    )


def test_missing_image_is_a_visible_placeholder(
    renderer: MarkdownRenderer, assets: AssetResolver
) -> None:
    """A broken reference shows its alt text and the path the writer typed."""
    html = renderer.render_html("![다이어그램](./없음.png)\n", assets=assets)
    assert "<img" not in html
    assert '<span class="missing-image" data-missing="./없음.png" data-problem="not-found"' in html
    assert ">다이어그램 (image not found: ./없음.png)</span>" in html


def test_image_outside_the_site_is_refused_with_a_placeholder(
    renderer: MarkdownRenderer, assets: AssetResolver
) -> None:
    """ ".." out of the site never becomes an <img>."""
    html = renderer.render_html("![x](../../../../../outside.png)\n", assets=assets)
    assert "<img" not in html
    assert 'data-problem="outside-site"' in html
    assert "image outside the site: ../../../../../outside.png" in html


def test_remote_image_is_kept_as_written(renderer: MarkdownRenderer, assets: AssetResolver) -> None:
    """http(s) images keep their src (the page's CSP decides whether they load)."""
    html = renderer.render_html("![r](https://example.com/r.png)\n", assets=assets)
    assert '<img src="https://example.com/r.png" alt="r">' in html


def test_data_uri_image_is_a_placeholder(renderer: MarkdownRenderer, assets: AssetResolver) -> None:
    """Only http(s) is kept; other schemes are shown as not loaded."""
    html = renderer.render_html("![d](data:image/png;base64,AAAA)\n", assets=assets)
    assert "<img" not in html
    assert 'data-problem="unsupported"' in html


def test_without_a_resolver_images_are_left_as_written(renderer: MarkdownRenderer) -> None:
    """No resolver (CLI export, tests): plain markdown-it output."""
    html = renderer.render_html("![a](./a.png)\n")
    assert html == '<p><img src="./a.png" alt="a"></p>\n'


def test_placeholder_escapes_alt_and_src(renderer: MarkdownRenderer, assets: AssetResolver) -> None:
    """Quotes and angle brackets in alt or src cannot break out of the placeholder."""
    html = renderer.render_html('![<b>"x"</b>](./a%22b%3Cc%3E.png)\n', assets=assets)
    assert "<b>" not in html
    assert 'data-missing="./a&quot;b&lt;c&gt;.png"' in html


def test_headings_get_github_slugger_ids_including_korean(renderer: MarkdownRenderer) -> None:
    """Korean headings keep their letters; repeats are numbered."""
    html = renderer.render_html("## 개요\n\n## 개요\n\n### V3에서 V4로의 도약\n")
    assert '<h2 id="개요">개요</h2>' in html
    assert '<h2 id="개요-1">개요</h2>' in html
    assert '<h3 id="v3에서-v4로의-도약">' in html


def test_heading_id_uses_text_and_code_but_not_tags_or_alt(renderer: MarkdownRenderer) -> None:
    """Inline code text counts; raw tags and image alt text do not (as on the site)."""
    html = renderer.render_html("# Use `git <cmd>` <em>now</em> ![logo](x.png) 🚀\n")
    assert '<h1 id="use-git-cmd-now-">' in html


def test_setext_and_emoji_headings(renderer: MarkdownRenderer) -> None:
    """A setext heading is slugged too; a trailing emoji leaves no trailing dash."""
    html = renderer.render_html("Ship it 🚀\n=========\n")
    assert '<h1 id="ship-it">' in html


def test_in_page_link_targets_the_korean_heading_id(renderer: MarkdownRenderer) -> None:
    """[개요](#개요): the href (percent-encoded) decodes to the heading's id."""
    html = renderer.render_html("## 개요\n\n[위로](#개요)\n")
    href = re.search(r'href="#([^"]+)"', html)
    assert href is not None
    from urllib.parse import unquote

    assert unquote(href.group(1)) == "개요"


def test_reference_links_resolve(renderer: MarkdownRenderer) -> None:
    """A reference definition anywhere in the body resolves the link."""
    html = renderer.render_html("[site][s]\n\n[s]: https://example.com\n")
    assert '<a href="https://example.com">site</a>' in html


@pytest.mark.parametrize(
    "text",
    [
        ">" * 5000 + " deep\n",
        "[" * 5000,
        "*a" * 5000,
        "- " * 3000 + "x\n",
        "\x00\ufffe\ud800 odd\n",
        "|" * 2000 + "\n" + "|-" * 1000 + "\n",
        "```\n" * 501,
        "",
        "\r\n\r\n",
    ],
)
def test_pathological_input_never_raises(renderer: MarkdownRenderer, text: str) -> None:
    """Whatever the text, render returns blocks (or none), never an exception."""
    post = renderer.render(text, body_first_line=3)
    assert isinstance(post.body_html(), str)
    assert isinstance(renderer.render_html(text), str)


def test_rendering_twice_gives_the_same_html(
    renderer: MarkdownRenderer, assets: AssetResolver
) -> None:
    """The renderer keeps no state between renders (images resolved once, ids restarted)."""
    text = "# A\n\n![d](./diagram.png)\n\n# A\n"
    first = renderer.render(text, assets=assets)
    second = renderer.render(text, assets=assets)
    assert first == second
    assert 'id="a-1"' in first.body_html()


def test_render_package_does_not_import_qt() -> None:
    """editor.core.render stays pure Python: importing it loads no PySide6."""
    code = (
        "import sys, editor.core.render; "
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)"
    )
    root = Path(__file__).resolve().parents[3]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0
