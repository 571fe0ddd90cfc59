"""The sanitizer of exported posts: nothing from a post runs, loads or pings; diagrams stay."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from editor.core.render.export_pass import export_fragment
from editor.core.render.sanitize import clean_html, markup_tokens, safe_css, safe_url

# A Mermaid block as the preview page draws it (sample post, Mermaid's default theme).
DRAWN_BLOCK = Path(__file__).resolve().parents[2] / "fixtures" / "mermaid_drawn_block.html"
EVIL = "https://evil.example"


def no_image(_src: str) -> str | None:
    return None


def loads_nothing(html: str) -> bool:
    """No element or attribute left that fetches, prefetches or pings anything."""
    lowered = html.lower()
    return "evil.example" not in lowered and not re.search(
        r"<(link|source|area|iframe|object|embed|base|meta)\b|\b(srcset|ping|src)=", lowered
    )


def test_script_elements_are_dropped_with_their_content():
    html = clean_html('<p>a</p><script>alert("x")</script><SCRIPT src="x.js"></SCRIPT><p>b</p>')
    assert html == "<p>a</p><p>b</p>"


def test_event_handler_attributes_are_dropped():
    html = clean_html(
        '<p onclick="x()" class="c">t</p><svg onload="y()"><rect onmouseover="z()"/></svg>'
    )
    assert "on" not in re.sub(r"<[^ >]+|\"[^\"]*\"", "", html)
    assert '<p class="c">t</p>' in html


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:x", " javascript:x", "vbscript:x"],
)
def test_javascript_urls_are_dropped(href: str):
    html = clean_html(f'<a href="{href}">link</a>')
    assert html == "<a>link</a>"


def test_safe_links_are_kept():
    html = clean_html('<a href="https://example.com/a?b=1&amp;c=2">x</a> <a href="#part">y</a>')
    assert 'href="https://example.com/a?b=1&amp;c=2"' in html
    assert 'href="#part"' in html
    assert safe_url("mailto:me@example.com") == "mailto:me@example.com"
    assert safe_url("data:text/html,<script>") is None
    assert clean_html('<a href="data:text/html,x">d</a><a href="postdesk://x">p</a>') == (
        "<a>d</a><a>p</a>"
    )


@pytest.mark.parametrize(
    "markup",
    [
        f'<iframe src="{EVIL}"><p>inside</p></iframe>',
        '<object data="x.swf"><param name="a" value="b"></object>',
        '<embed src="x.swf">',
        f'<meta http-equiv="refresh" content="0;url={EVIL}">',
        f'<link rel="stylesheet" href="{EVIL}/x.css">',
        f'<link rel="prefetch" href="{EVIL}/next.html">',
        f'<link rel="preload" href="{EVIL}/font.woff2" as="font">',
        f'<link rel="dns-prefetch" href="{EVIL}">',
        f'<link rel="preconnect" href="{EVIL}">',
        f'<base href="{EVIL}/">',
        f"<style>@import url({EVIL}/x.css); p {{ color: red }}</style>",
        "<title>a second title</title>",
    ],
)
def test_frames_plugins_links_and_meta_are_dropped(markup: str):
    html = export_fragment(f"<p>before</p>{markup}<p>after</p>", no_image)
    assert html == "<p>before</p><p>after</p>"


@pytest.mark.parametrize(
    "markup",
    [
        f'<img src="x.png" srcset="{EVIL}/big.png 2x, {EVIL}/huge.png 3x" alt="a">',
        f'<picture><source srcset="{EVIL}/a.webp" type="image/webp"><img src="x.png"></picture>',
        f'<video controls><source src="{EVIL}/v.mp4"></video>',
        f'<a href="https://example.com/" ping="{EVIL}/ping">a link</a>',
        f'<map name="m"><area shape="rect" coords="0,0,9,9" href="#x" ping="{EVIL}/p"></map>',
        f'<svg><rect fill="url({EVIL}/x.svg#p)" width="9"/><use href="{EVIL}/s.svg#a"/></svg>',
        f'<svg><image href="{EVIL}/x.png"/><a href="javascript:x()"><text>t</text></a></svg>',
        f'<div style="background-image: url({EVIL}/bg.png)">styled</div>',
    ],
)
def test_nothing_that_loads_or_pings_survives(markup: str):
    assert loads_nothing(export_fragment(markup, no_image))


def test_link_text_stays_when_its_ping_goes():
    html = clean_html(f'<a href="https://example.com/" ping="{EVIL}/ping">a link</a>')
    assert html == '<a href="https://example.com/">a link</a>'


def test_text_that_looks_like_markup_stays_escaped():
    html = clean_html("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 한국어</p>")
    assert html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 한국어</p>"


def test_attribute_names_that_would_break_the_tag_are_dropped():
    """nh3 keeps any data-* name; one holding a quote could not be read back, so it goes."""
    html = clean_html('<p data-a"b=c data-x<y=1 data-ok="1" class="k">t</p>')
    assert html == '<p data-ok="1" class="k">t</p>'


def test_post_markup_survives():
    body = (
        '<table><thead><tr><th style="text-align:right">a</th></tr></thead>'
        "<tbody><tr><td>1</td></tr></tbody></table>"
        '<div class="highlight"><pre><span class="k">SELECT</span></pre></div>'
        '<ul class="contains-task-list"><li><input type="checkbox" checked> done</li></ul>'
        "<blockquote><p>q</p></blockquote><p><strong>b</strong><br>x</p>"
    )
    html = clean_html(body)
    assert '<th style="text-align:right">a</th>' in html
    assert '<span class="k">SELECT</span>' in html
    assert '<input type="checkbox" checked="" disabled="">' in html, "a box nobody can tick"
    assert "<blockquote><p>q</p></blockquote>" in html
    assert "<br>x" in html


def test_inputs_other_than_task_boxes_are_dropped():
    html = clean_html('<p>a<input type="text" value="v"><input type="image" src="x.png">b</p>')
    assert html == "<p>ab</p>"


def test_css_that_loads_or_runs_something_is_dropped():
    assert safe_css("color: red") == "color: red"
    assert safe_css("marker-end: url(#arrow)") is not None
    assert safe_css("background: url(https://evil.example/x.png)") is None
    assert safe_css("width: expression(alert(1))") is None
    assert safe_css("@import 'x.css'") is None
    html = clean_html('<p style="background:url(http://x/y)">t</p>')
    assert html == "<p>t</p>"


def test_svg_style_with_remote_url_is_emptied():
    html = clean_html("<svg><style>@import url(https://x/y.css);</style></svg>")
    assert html == "<svg><style></style></svg>"


def test_svg_keeps_its_style_markers_and_svg_names():
    svg = (
        '<svg id="m1" viewBox="0 0 10 10"><style>#m1 .a>b{fill:#333}</style>'
        '<marker id="p" markerWidth="8" refX="5"><path d="M0 0"/></marker>'
        '<path marker-end="url(#p)" d="M1 1"/><use href="https://evil.example/x.svg#a"/>'
        '<use xlink:href="#p"/><title>Diagram</title>'
        '<foreignObject width="9"><div xmlns="http://www.w3.org/1999/xhtml"><span>'
        "<p>느린 쿼리<br>둘째 줄</p></span></div></foreignObject></svg>"
    )
    html = clean_html(svg)
    # Inside <svg> the HTML parser decodes "&gt;" in <style> text: the rule reads "a>b".
    assert "<style>#m1 .a&gt;b{fill:#333}</style>" in html
    assert 'viewBox="0 0 10 10"' in html and 'markerWidth="8"' in html and 'refX="5"' in html
    assert 'marker-end="url(#p)"' in html and 'xlink:href="#p"' in html
    assert "<title>Diagram</title>" in html
    assert "<foreignObject" in html and "</foreignObject>" in html
    assert "느린 쿼리<br>둘째 줄" in html
    assert "evil.example" not in html


class _Elements(HTMLParser):
    """Every element with its attributes, and the text of <style> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: Counter[tuple[str, tuple[tuple[str, str | None], ...]]] = Counter()
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements[(tag, tuple(sorted(attrs)))] += 1
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            # html.parser reads <style> as raw text; the browser decodes it inside <svg>.
            self.css.append(unescape(data))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def svg_elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html[html.index("<svg") : html.rindex("</svg>")])
    return parser


def test_a_real_mermaid_diagram_survives_whole():
    """Every element, attribute and style rule of a diagram Mermaid drew is exported."""
    drawn = DRAWN_BLOCK.read_text(encoding="utf-8")
    exported = export_fragment(drawn, no_image)
    before, after = svg_elements(drawn), svg_elements(exported)
    assert sum(before.elements.values()) > 50, "the fixture is a whole diagram"
    assert after.elements == before.elements
    assert after.css == before.css and "#pd-mermaid-1 .node rect" in "".join(after.css)


def test_tokens_know_which_elements_are_svg():
    html = clean_html(
        "<style>p{}</style><svg><style>g{}</style><foreignObject><div>x</div>"
        "</foreignObject><title>t</title></svg><div>y</div>"
    )
    named = [(t.name, t.svg) for t in markup_tokens(html) if t.name and not t.closing]
    assert named == [
        ("svg", True),
        ("style", True),
        ("foreignObject", True),
        ("div", False),
        ("title", True),
        ("div", False),
    ]
