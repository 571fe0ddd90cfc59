"""An allow-list HTML sanitizer for exported posts: no scripts, handlers, frames or loads.

The live preview does not need it (its page has a Content-Security-Policy and loads only
through postdesk://); a file written by `postdesk render` is opened anywhere, so what it
holds must be harmless by itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser
from urllib.parse import unquote

from editor.core.render.assets import AssetProblem, has_scheme
from editor.core.render.rules import missing_image_html

MERMAID_NOTE = (
    "Diagram not rendered: Mermaid was not available when this file was exported, "
    "so its source is shown instead."
)

ImageInliner = Callable[[str], str | None]


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


_HTML_TAGS = _names(
    "a abbr article aside b bdi bdo blockquote br caption center cite code col colgroup dd "
    "del details dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img "
    "input ins kbd li main mark nav ol p pre q rp rt ruby s samp section small span strong "
    "sub summary sup table tbody td tfoot th thead time tr tt u ul var wbr"
)
_SVG_TAGS = _names(
    "svg g defs symbol use path rect circle ellipse line polyline polygon text tspan textpath "
    "marker lineargradient radialgradient stop clippath mask pattern filter fedropshadow "
    "fegaussianblur feoffset feblend feflood fecomposite femerge femergenode fecolormatrix "
    "foreignobject title desc switch"
)
_ALLOWED_TAGS = _HTML_TAGS | _SVG_TAGS
_VOID_TAGS = _names("area base br col embed hr img input link meta param source track wbr")
# Dropped together with everything inside them. Other unknown tags (object, embed, form,
# button, video, ...) lose only the tag: their fallback content is sanitized and kept.
_DROP_WITH_CONTENT = _names(
    "script style iframe frame frameset noframes noembed noscript template textarea select "
    "xmp plaintext title head math"
)
_GLOBAL_ATTRS = _names(
    "class id title lang dir role style align valign width height alt colspan rowspan scope "
    "headers start reversed type value checked disabled datetime open abbr span rel hreflang "
    "xmlns xmlns:xlink"
)
_SVG_ATTRS = _names(
    "d x y x1 y1 x2 y2 cx cy r rx ry dx dy points transform fill fill-opacity fill-rule "
    "stroke stroke-width stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin "
    "stroke-opacity stroke-miterlimit opacity viewbox preserveaspectratio version marker-start "
    "marker-mid marker-end markerwidth markerheight markerunits refx refy orient font-family "
    "font-size font-weight font-style text-anchor dominant-baseline alignment-baseline "
    "baseline-shift offset stop-color stop-opacity gradientunits gradienttransform "
    "patternunits clippathunits clip-path clip-rule mask filter pathlength stddeviation "
    "flood-color flood-opacity in in2 result mode operator values textlength lengthadjust "
    "startoffset visibility display overflow"
)
# html.parser lowercases names; these are the SVG names whose case matters to XML readers.
_SVG_CASE = {
    name.lower(): name
    for name in _names(
        "foreignObject clipPath linearGradient radialGradient textPath feDropShadow "
        "feGaussianBlur feOffset feBlend feFlood feComposite feMerge feMergeNode feColorMatrix "
        "viewBox preserveAspectRatio markerWidth markerHeight markerUnits refX refY "
        "stdDeviation gradientUnits gradientTransform patternUnits clipPathUnits textLength "
        "lengthAdjust startOffset pathLength"
    )
}
_SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_URL_JUNK_RE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_CSS_FORBIDDEN_RE = re.compile(
    r"expression\s*\(|javascript:|vbscript:|@import|behavior\s*:|-moz-binding|image-set|\\|</",
    re.IGNORECASE,
)
_CSS_URL_RE = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)


def safe_url(value: str, *, fragment_only: bool = False) -> str | None:
    """The URL if following it runs no script (http, https, mailto, tel, relative), else None."""
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    compact = _URL_JUNK_RE.sub("", value).lower()
    if fragment_only:
        return value if compact.startswith("#") else None
    match = _SCHEME_RE.match(compact)
    if match and match.group(1) not in _SAFE_SCHEMES:
        return None
    return value


def safe_css(css: str) -> str | None:
    """The CSS if it can run nothing and load nothing (only url(#fragment)), else None."""
    if _CSS_FORBIDDEN_RE.search(css):
        return None
    for match in _CSS_URL_RE.finditer(css):
        if not match.group(2).strip().startswith("#"):
            return None
    return css


def _classes(attrs: dict[str, str | None]) -> set[str]:
    return set((attrs.get("class") or "").split())


class _Sanitizer(HTMLParser):
    """Rebuilds HTML from an allow-list; inlines images; tidies Mermaid blocks for export."""

    def __init__(self, inline_image: ImageInliner | None) -> None:
        super().__init__(convert_charrefs=True)
        self._inline_image = inline_image
        self.out: list[str] = []
        self._skip_tag: str | None = None
        self._skip_depth = 0
        self._svg_depth = 0
        self._in_style = False
        # Mermaid block being copied: nesting of <div> inside it, and what it holds so far.
        self._mermaid_divs = 0
        self._mermaid_rendered = False
        self._mermaid_drawn = False

    def close(self) -> None:
        """Finish parsing; a <style> left open by the fragment is closed."""
        super().close()
        if self._in_style:
            self.out.append("</style>")

    # html.parser calls these; names are lowercase, values unescaped (None when bare).
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag:
                self._skip_depth -= 1
                if self._skip_depth == 0:
                    self._skip_tag = None
            return
        if tag == "style" and self._in_style:
            self._in_style = False
            self.out.append("</style>")
            return
        if tag in _VOID_TAGS or tag not in _ALLOWED_TAGS:
            return
        if tag == "svg" and self._svg_depth:
            self._svg_depth -= 1
        if self._mermaid_divs and tag == "div":
            self._mermaid_divs -= 1
            if self._mermaid_divs == 0:
                if not self._mermaid_drawn:
                    self.out.append(f'<p class="mermaid-note">{escape(MERMAID_NOTE)}</p>')
                self._mermaid_rendered = False
        self.out.append(f"</{self._name(tag)}>")

    def handle_data(self, data: str) -> None:
        if self._skip_tag is not None:
            return
        if self._in_style:
            # CSS is raw text: escaping it would break selectors such as "a > b".
            self.out.append(safe_css(data) or "")
            return
        self.out.append(escape(data, quote=False))

    # Comments, doctypes, processing instructions and CDATA are dropped (no handlers).

    def _start(self, tag: str, raw: list[tuple[str, str | None]], self_closing: bool) -> None:
        if self._skip_tag is not None:
            if tag == self._skip_tag and not self_closing:
                self._skip_depth += 1
            return
        attrs = dict(raw)
        if tag == "style" and self._svg_depth and not self_closing:
            # Mermaid scopes its diagram's CSS in a <style> inside the <svg>.
            self._in_style = True
            self.out.append("<style>")
            return
        dropped = tag in _DROP_WITH_CONTENT and not (tag == "title" and self._svg_depth)
        if dropped or (self._mermaid_rendered and self._is_source(tag, attrs)):
            if not self_closing and tag not in _VOID_TAGS:
                self._skip_tag, self._skip_depth = tag, 1
            return
        if tag == "img":
            self.out.append(self._image(attrs))
            return
        if tag not in _ALLOWED_TAGS:
            return
        if tag == "input" and (attrs.get("type") or "").lower() != "checkbox":
            return
        self._track_mermaid(tag, attrs)
        if tag == "svg":
            self._svg_depth += 1
        kept = self._attributes(tag, raw)
        if tag == "input":
            kept.append(("disabled", None))  # a task list box the reader cannot tick
        text = "".join(
            f" {self._name(n)}" if v is None else f' {self._name(n)}="{escape(v)}"' for n, v in kept
        )
        if self_closing and tag not in _VOID_TAGS:
            if self._svg_depth:
                if tag == "svg":
                    self._svg_depth -= 1
                self.out.append(f"<{self._name(tag)}{text}/>")
                return
            self.out.append(f"<{tag}{text}></{tag}>")
            return
        self.out.append(f"<{self._name(tag)}{text}>")

    def _name(self, name: str) -> str:
        return _SVG_CASE.get(name, name) if self._svg_depth else name

    def _is_source(self, tag: str, attrs: dict[str, str | None]) -> bool:
        # A drawn diagram's source only shows while Mermaid works; the export needs none.
        return bool(self._mermaid_divs) and tag == "pre" and "mermaid-source" in _classes(attrs)

    def _track_mermaid(self, tag: str, attrs: dict[str, str | None]) -> None:
        if self._mermaid_divs:
            if tag == "div":
                self._mermaid_divs += 1
            if tag == "svg" or (tag == "div" and "mermaid-error" in _classes(attrs)):
                # A drawn diagram, or the page's own note (Mermaid missing or failed).
                self._mermaid_drawn = True
            return
        if tag == "div" and "mermaid-block" in _classes(attrs):
            self._mermaid_divs = 1
            self._mermaid_rendered = "rendered" in _classes(attrs)
            self._mermaid_drawn = False

    def _attributes(
        self, tag: str, attrs: list[tuple[str, str | None]]
    ) -> list[tuple[str, str | None]]:
        kept: list[tuple[str, str | None]] = []
        for name, value in attrs:
            if name.startswith("on"):
                continue
            if name in ("href", "xlink:href"):
                # In SVG a link may only point inside the document (markers, <use>).
                url = safe_url(value or "", fragment_only=bool(self._svg_depth) and tag != "a")
                if url is not None:
                    kept.append((name, url))
                continue
            if name == "style":
                css = safe_css(value or "")
                if css is not None:
                    kept.append((name, css))
                continue
            if (
                name in _GLOBAL_ATTRS
                or name.startswith(("data-", "aria-"))
                or (self._svg_depth and name in _SVG_ATTRS)
            ):
                if value is not None and "url(" in value.lower() and safe_css(value) is None:
                    continue  # fill="url(https://…)" would load a remote resource
                kept.append((name, value))
        return kept

    def _image(self, attrs: dict[str, str | None]) -> str:
        src = attrs.get("src") or ""
        alt = attrs.get("alt") or ""
        data = self._inline_image(src) if self._inline_image else None
        if data is None:
            if "hero-image" in _classes(attrs):
                return f'<div class="hero-missing">Hero image not found: {escape(src)}</div>'
            problem = AssetProblem.UNSUPPORTED if has_scheme(src) else AssetProblem.NOT_FOUND
            return missing_image_html(unquote(src), alt, problem)
        kept = [
            (n, v) for n, v in self._attributes("img", list(attrs.items())) if n not in ("src",)
        ]
        text = "".join(f" {n}" if v is None else f' {n}="{escape(v)}"' for n, v in kept)
        return f'<img src="{escape(data)}"{text}>'


def sanitize_html(fragment: str, inline_image: ImageInliner | None = None) -> str:
    """Allow-listed copy of an HTML fragment: no scripts, handlers, frames or remote loads."""
    sanitizer = _Sanitizer(inline_image)
    sanitizer.feed(fragment)
    sanitizer.close()
    return "".join(sanitizer.out)
