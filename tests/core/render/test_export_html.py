"""The export file: Mermaid blocks tidied, images inlined from the site only, CSS and title."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from editor.core import resources
from editor.core.render import MarkdownRenderer
from editor.core.render.document import render_document
from editor.core.render.export_html import SiteImages, build_export
from editor.core.render.export_pass import MERMAID_NOTE, export_fragment
from editor.core.render.highlight import DARK_SCOPE, theme_css

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


# --- Mermaid blocks ------------------------------------------------------------------------


def no_image(_src: str) -> str | None:
    return None


def test_drawn_mermaid_loses_its_source_and_gets_no_note():
    block = (
        '<div class="mermaid-block rendered" data-source="graph TD"><pre class="mermaid-source">'
        'graph TD</pre><svg id="m1" viewBox="0 0 10 10"><path d="M1 1"/></svg></div>'
    )
    html = export_fragment(block, no_image)
    assert "mermaid-source" not in html, "a drawn diagram needs no source"
    assert MERMAID_NOTE not in html
    assert html == (
        '<div class="mermaid-block rendered" data-source="graph TD">'
        '<svg id="m1" viewBox="0 0 10 10"><path d="M1 1"></path></svg></div>'
    )


def test_undrawn_mermaid_keeps_its_source_and_gets_a_note():
    block = (
        '<div class="mermaid-block" data-source="x">'
        '<pre class="mermaid-source">graph TD\nA--&gt;B</pre></div>'
    )
    html = export_fragment(block, no_image)
    assert '<pre class="mermaid-source">graph TD\nA--&gt;B</pre>' in html
    assert html.endswith(f'<p class="mermaid-note">{MERMAID_NOTE}</p></div>')


def test_page_error_box_stands_for_the_note():
    block = (
        '<div class="mermaid-block failed"><pre class="mermaid-source">x</pre>'
        '<div class="mermaid-error"><strong>Mermaid error</strong><pre>bad</pre></div></div>'
    )
    html = export_fragment(block, no_image)
    assert "mermaid-error" in html and "mermaid-note" not in html


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


@pytest.mark.parametrize(
    "returned",
    ["https://evil.example/x.png", "data:text/html,<script>x()</script>", "javascript:x()", ""],
)
def test_only_a_data_image_uri_from_the_inliner_is_written(returned: str):
    """Whatever the inliner answers, an <img> is written only with a data:image/ URI."""
    html = export_fragment('<p><img src="pic.png" alt="a" class="c"></p>', lambda _src: returned)
    assert "<img" not in html and 'class="missing-image"' in html
    assert "evil" not in html and "<script" not in html and "javascript" not in html


def test_an_inlined_image_keeps_its_other_attributes(site: Path):
    html = export(site, '<img alt="a &quot;b&quot;" src="../../assets/hero.png" width="9">')
    assert f'<img src="{data_uri()}" alt="a &quot;b&quot;" width="9">' in html


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
