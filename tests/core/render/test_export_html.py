"""The export file: sanitized post HTML, images inlined from the site only, CSS and title."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from editor.core import resources
from editor.core.render import MarkdownRenderer
from editor.core.render.document import render_document
from editor.core.render.export_html import SiteImages, build_export
from editor.core.render.highlight import DARK_SCOPE, theme_css
from editor.core.render.sanitize import MERMAID_NOTE, safe_css, safe_url, sanitize_html

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SAMPLE_POST = "src/content/blog/ko/postgresql-index-tuning.md"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A tiny site: one post, one image beside it, one in src/assets, one outside the site."""
    root = tmp_path / "site"
    (root / "src" / "content" / "blog").mkdir(parents=True)
    (root / "src" / "assets").mkdir()
    (root / "src" / "assets" / "hero.png").write_bytes(PNG)
    (root / "src" / "content" / "blog" / "inline.png").write_bytes(PNG)
    (root / "src" / "content" / "blog" / "post.md").write_text("# Post\n", encoding="utf-8")
    (tmp_path / "secret.png").write_bytes(PNG)
    return root


def export(site: Path, body: str, header: str = "", title: str = "T", **kw) -> str:
    post = site / "src" / "content" / "blog" / "post.md"
    return build_export(header, body, title, kw.pop("css", "p{}"), site, post, **kw)


# --- sanitizer -----------------------------------------------------------------------------


def test_script_elements_are_dropped_with_their_content():
    html = sanitize_html('<p>a</p><script>alert("x")</script><SCRIPT src="x.js"></SCRIPT><p>b</p>')
    assert html == "<p>a</p><p>b</p>"


def test_event_handler_attributes_are_dropped():
    html = sanitize_html(
        '<p onclick="x()" class="c">t</p><svg onload="y()"><rect onmouseover="z()"/></svg>'
    )
    assert "on" not in re.sub(r"<[^ >]+|\"[^\"]*\"", "", html)
    assert '<p class="c">t</p>' in html


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:x", " javascript:x", "vbscript:x"],
)
def test_javascript_urls_are_dropped(href: str):
    html = sanitize_html(f'<a href="{href}">link</a>')
    assert html == "<a>link</a>"


def test_safe_links_are_kept():
    html = sanitize_html('<a href="https://example.com/a?b=1&amp;c=2">x</a> <a href="#part">y</a>')
    assert 'href="https://example.com/a?b=1&amp;c=2"' in html
    assert 'href="#part"' in html
    assert safe_url("mailto:me@example.com") == "mailto:me@example.com"
    assert safe_url("data:text/html,<script>") is None


@pytest.mark.parametrize(
    "markup",
    [
        '<iframe src="https://evil.example"><p>inside</p></iframe>',
        '<object data="x.swf"><param name="a" value="b"></object>',
        '<embed src="x.swf">',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<base href="https://evil.example/">',
    ],
)
def test_frames_plugins_and_meta_are_dropped(markup: str):
    html = sanitize_html(f"<p>before</p>{markup}<p>after</p>")
    assert html == "<p>before</p><p>after</p>"


def test_text_that_looks_like_markup_stays_escaped():
    html = sanitize_html("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 한국어</p>")
    assert html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 한국어</p>"


def test_post_markup_survives():
    body = (
        '<table><thead><tr><th style="text-align:right">a</th></tr></thead>'
        "<tbody><tr><td>1</td></tr></tbody></table>"
        '<div class="highlight"><pre><span class="k">SELECT</span></pre></div>'
        '<ul class="contains-task-list"><li><input type="checkbox" checked> done</li></ul>'
        "<blockquote><p>q</p></blockquote><p><strong>b</strong><br>x</p>"
    )
    html = sanitize_html(body)
    assert '<th style="text-align:right">a</th>' in html
    assert '<span class="k">SELECT</span>' in html
    assert '<input type="checkbox" checked disabled>' in html
    assert "<blockquote><p>q</p></blockquote>" in html
    assert "<br>x" in html


def test_css_that_loads_or_runs_something_is_dropped():
    assert safe_css("color: red") == "color: red"
    assert safe_css("marker-end: url(#arrow)") is not None
    assert safe_css("background: url(https://evil.example/x.png)") is None
    assert safe_css("width: expression(alert(1))") is None
    assert safe_css("@import 'x.css'") is None
    html = sanitize_html('<p style="background:url(http://x/y)">t</p>')
    assert html == "<p>t</p>"


def test_mermaid_svg_keeps_its_style_markers_and_svg_names():
    svg = (
        '<div class="mermaid-block rendered" data-source="graph TD"><pre class="mermaid-source">'
        'graph TD</pre><svg id="m1" viewBox="0 0 10 10"><style>#m1 .a>b{fill:#333}</style>'
        '<marker id="p" markerWidth="8" refX="5"><path d="M0 0"/></marker>'
        '<path marker-end="url(#p)" d="M1 1"/><use href="https://evil.example/x.svg#a"/>'
        '<foreignObject width="9"><div xmlns="http://www.w3.org/1999/xhtml"><span>'
        "<p>느린 쿼리<br>둘째 줄</p></span></div></foreignObject></svg></div>"
    )
    html = sanitize_html(svg)
    assert "<style>#m1 .a>b{fill:#333}</style>" in html
    assert 'viewBox="0 0 10 10"' in html and 'markerWidth="8"' in html and 'refX="5"' in html
    assert 'marker-end="url(#p)"' in html
    assert "<foreignObject" in html and "</foreignObject>" in html
    assert "느린 쿼리<br>둘째 줄" in html
    assert "evil.example" not in html
    assert "mermaid-source" not in html, "a drawn diagram needs no source"
    assert MERMAID_NOTE not in html


def test_undrawn_mermaid_keeps_its_source_and_gets_a_note():
    block = (
        '<div class="mermaid-block" data-source="x">'
        '<pre class="mermaid-source">graph TD\nA--&gt;B</pre></div>'
    )
    html = sanitize_html(block)
    assert '<pre class="mermaid-source">graph TD\nA--&gt;B</pre>' in html
    assert html.endswith(f'<p class="mermaid-note">{MERMAID_NOTE}</p></div>')


def test_page_error_box_stands_for_the_note():
    block = (
        '<div class="mermaid-block failed"><pre class="mermaid-source">x</pre>'
        '<div class="mermaid-error"><strong>Mermaid error</strong><pre>bad</pre></div></div>'
    )
    html = sanitize_html(block)
    assert "mermaid-error" in html and "mermaid-note" not in html


def test_svg_style_with_remote_url_is_emptied():
    html = sanitize_html("<svg><style>@import url(https://x/y.css);</style></svg>")
    assert html == "<svg><style></style></svg>"


# --- images --------------------------------------------------------------------------------


def data_uri() -> str:
    return "data:image/png;base64," + base64.b64encode(PNG).decode("ascii")


def test_images_inside_the_site_become_data_uris(site: Path):
    html = export(
        site,
        '<p><img src="postdesk://workspace/src/content/blog/inline.png" alt="a">'
        '<img src="../../assets/hero.png" alt="raw html"></p>',
        header='<img class="hero-image" src="postdesk://workspace/src/assets/hero.png" alt="">',
    )
    assert html.count(f'src="{data_uri()}"') == 3
    assert 'alt="raw html"' in html


@pytest.mark.parametrize(
    "src",
    [
        "postdesk://workspace/../secret.png",
        "postdesk://workspace/%2E%2E/secret.png",
        "../../../../secret.png",
        "postdesk://workspace/src/assets/missing.png",
        "https://example.com/remote.png",
        "file:///etc/passwd",
        "postdesk://workspace/src/content/blog/post.md",
    ],
)
def test_images_outside_the_site_missing_or_remote_become_placeholders(site: Path, src: str):
    html = export(site, f'<p><img src="{src}" alt="pic"></p>')
    assert "<img" not in html
    assert 'class="missing-image"' in html
    assert "base64" not in html


def test_missing_hero_becomes_the_hero_placeholder(site: Path):
    html = export(site, "", header='<img class="hero-image" src="https://example.com/x.png">')
    assert '<div class="hero-missing">Hero image not found: https://example.com/x.png</div>' in html


def test_same_image_is_read_once(site: Path, monkeypatch: pytest.MonkeyPatch):
    images = SiteImages(site, site / "src" / "content" / "blog" / "post.md")
    first = images.data_uri("postdesk://workspace/src/assets/hero.png")
    (site / "src" / "assets" / "hero.png").unlink()
    assert images.data_uri("postdesk://workspace/src/assets/hero.png") == first


# --- the file ------------------------------------------------------------------------------


def test_file_has_charset_title_inlined_css_and_no_script(site: Path):
    html = export(site, "<p>본문</p>", title='A <b> & "C" </title><script>', css=".x{color:red}")
    assert html.startswith("<!DOCTYPE html>\n")
    assert '<meta charset="utf-8">' in html
    assert "<title>A &lt;b&gt; &amp; &quot;C&quot; &lt;/title&gt;&lt;script&gt;</title>" in html
    assert "<style>\n.x{color:red}</style>" in html
    assert "<script" not in html.lower()
    assert "<p>본문</p>" in html


def test_css_cannot_close_its_style_element(site: Path):
    html = export(site, "", css="p{}</style><script>x()</script>")
    assert "<script" not in html.lower()


def test_dark_export_sets_the_theme_attribute(site: Path):
    assert '<html lang="ko" data-theme="dark">' in export(site, "", dark=True, lang="ko")
    assert "data-theme" not in export(site, "")


def test_theme_css_scopes_dark_rules_and_leaves_the_background_to_the_page():
    dark = theme_css(dark=True)
    rules = [line for line in dark.splitlines() if line.strip()]
    assert all(rule.startswith(DARK_SCOPE) for rule in rules)
    assert f"{DARK_SCOPE} .k {{" in dark
    light = theme_css(dark=False)
    assert ".highlight .k {" in light and ":root" not in light
    container = [rule for rule in rules if rule.startswith(DARK_SCOPE + " {")]
    assert container and "background" not in container[0]


def test_python_only_export_of_the_sample_post(tmp_path: Path):
    """Without the page, the post still exports: hero inlined, diagram as source with a note."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(resources.sample_site_dir(), site)
    post_path = site / SAMPLE_POST
    post = render_document(
        MarkdownRenderer(), post_path.read_text(encoding="utf-8"), post_path, site
    )
    html = build_export(post.header_html, post.body_html(), "t", "", site, post_path)
    assert 'class="hero-image"' in html and "data:image/png;base64," in html
    assert MERMAID_NOTE in html
    assert "graph TD" in html
    assert "postdesk://" not in html
    assert html.count("<table>") == 1
