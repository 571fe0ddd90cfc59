"""HTML sanitizing for exported posts: nh3 (Ammonia) with Postdesk's allow-list as data.

The live preview does not need it (its page has a Content-Security-Policy and loads only
through postdesk://); a file written by `postdesk render` is opened anywhere, so what it
holds must be harmless by itself. nh3 does the parsing and cleaning; this module holds the
allow-list, the URL and CSS checks nh3 calls back into, and one walk over nh3's output for
what its per-name allow-list cannot say (an HTML <style> versus the <style> in an <svg>).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html import unescape

import nh3


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- the allow-list ------------------------------------------------------------------------

_HTML_TAGS = _names(
    "a abbr article aside b bdi bdo blockquote br caption center cite code col colgroup dd "
    "del details dfn div dl dt em figcaption figure footer h1 h2 h3 h4 h5 h6 header hr i img "
    "input ins kbd li main mark nav ol p pre q rp rt ruby s samp section small span strong "
    "sub summary sup table tbody td tfoot th thead time tr tt u ul var wbr"
)
# SVG names as the HTML parser spells them (camelCase), which is how nh3 compares them.
_SVG_TAGS = _names(
    "svg g defs symbol use path rect circle ellipse line polyline polygon text tspan textPath "
    "marker linearGradient radialGradient stop clipPath mask pattern filter feDropShadow "
    "feGaussianBlur feOffset feBlend feFlood feComposite feMerge feMergeNode feColorMatrix "
    "foreignObject title desc switch style"
)
# Dropped together with everything inside them. Other unknown tags (object, embed, form,
# button, video, ...) lose only the tag: their fallback content is cleaned and kept.
_DROP_WITH_CONTENT = _names(
    "script iframe frame frameset noframes noembed noscript template textarea select xmp "
    "plaintext head math"
)
_GLOBAL_ATTRS = _names(
    "class id title lang dir role style align valign width height alt colspan rowspan scope "
    "headers start reversed value checked datetime open abbr span hreflang xmlns"
)
_SVG_ATTRS = _names(
    "href d x y x1 y1 x2 y2 cx cy r rx ry dx dy points transform fill fill-opacity fill-rule "
    "stroke stroke-width stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin "
    "stroke-opacity stroke-miterlimit opacity viewBox preserveAspectRatio version "
    "marker-start marker-mid marker-end markerWidth markerHeight markerUnits refX refY orient "
    "font-family font-size font-weight font-style text-anchor dominant-baseline "
    "alignment-baseline baseline-shift offset stop-color stop-opacity gradientUnits "
    "gradientTransform patternUnits clipPathUnits clip-path clip-rule mask filter pathLength "
    "stdDeviation flood-color flood-opacity in in2 result mode operator values textLength "
    "lengthAdjust startOffset visibility display overflow type"
)
_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": _GLOBAL_ATTRS,
    **{tag: _SVG_ATTRS for tag in _SVG_TAGS},
    "a": _SVG_ATTRS | _names("href rel type"),
    "ol": _names("type"),
    "ul": _names("type"),
    "li": _names("type"),
    "img": _names("src"),
}
# A task list box: the only input kept, and one the reader cannot tick.
_INPUT_TYPES = {"input": {"type": frozenset({"checkbox"})}}
_INPUT_DISABLED = {"input": {"disabled": ""}}
# postdesk: and data: pass nh3 for <img src> only, where the export pass replaces them with
# an inlined image or a placeholder; every other URL is held to safe_url by the filter.
_NH3_SCHEMES = _names("http https mailto tel postdesk data")
_SAFE_SCHEMES = ("http", "https", "mailto", "tel")

_URL_JUNK_RE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_CSS_FORBIDDEN_RE = re.compile(
    r"expression\s*\(|javascript:|vbscript:|@import|behavior\s*:|-moz-binding|image-set|\\|</",
    re.IGNORECASE,
)
_CSS_URL_RE = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
# nh3 keeps any name that starts with "data-", quotes and "<" included; names outside this
# pattern are dropped so that every tag nh3 writes can be read back unambiguously.
_ATTR_NAME_RE = re.compile(r"[A-Za-z_:][-A-Za-z0-9_:.]*")


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


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    # nh3 calls this for each attribute its allow-list kept (xlink:href arrives as "href").
    if not _ATTR_NAME_RE.fullmatch(name):
        return None
    if name == "href":
        # In SVG a link may only point inside the document (markers, <use>); only <a> leaves.
        return safe_url(value, fragment_only=tag != "a")
    if name == "src":
        return value  # <img> only; the export pass inlines it or shows a placeholder
    if name == "style" or "url(" in value.lower():
        return safe_css(value)  # also fill="url(https://…)", which would load a resource
    return value


def _nh3_clean(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=_HTML_TAGS | _SVG_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        strip_comments=True,
        link_rel=None,  # links keep what the post says; a file has no opener to protect
        generic_attribute_prefixes=_names("data- aria-"),
        tag_attribute_values=_INPUT_TYPES,
        set_tag_attribute_values=_INPUT_DISABLED,
        url_schemes=_NH3_SCHEMES,
    )


# --- reading nh3's output ------------------------------------------------------------------

# nh3 writes `<name a="v">`, `</name>` and escaped text; an HTML <style>'s text is written raw.
_START_RE = re.compile(r'<([A-Za-z][A-Za-z0-9]*)((?: [^\s"=<>/]+="[^"]*")*)>')
_END_RE = re.compile(r"</([A-Za-z][A-Za-z0-9]*)>")
_ATTR_RE = re.compile(r' ([^\s"=<>/]+)="([^"]*)"')
_VOID_TAGS = _names("area base br col embed hr img input keygen link meta param source track wbr")
# Children of these SVG elements are HTML again (the parser's HTML integration points).
_INTEGRATION_POINTS = _names("foreignObject desc title")


@dataclass(frozen=True)
class Token:
    """One piece of cleaned HTML, exactly as written: a start tag, an end tag or text."""

    raw: str
    name: str = ""
    closing: bool = False
    svg: bool = False
    attrs: Mapping[str, str] = field(default_factory=dict)

    def classes(self) -> frozenset[str]:
        """The words of the tag's class attribute."""
        return frozenset(self.attrs.get("class", "").split())


def markup_tokens(clean: str) -> Iterator[Token]:
    """The tokens of HTML as nh3 writes it, each knowing whether it is in an <svg>."""
    open_elements: list[tuple[str, bool]] = []
    pos = 0
    while pos < len(clean):
        end_tag = _END_RE.match(clean, pos)
        if end_tag:
            name, svg = end_tag.group(1), False
            while open_elements:
                opened, svg = open_elements.pop()
                if opened == name:
                    break
            yield Token(end_tag.group(0), name, closing=True, svg=svg)
            pos = end_tag.end()
            continue
        start = _START_RE.match(clean, pos)
        if start:
            name = start.group(1)
            parent = open_elements[-1] if open_elements else ("", False)
            svg = name == "svg" or (parent[1] and parent[0] not in _INTEGRATION_POINTS)
            attrs = {key: unescape(value) for key, value in _ATTR_RE.findall(start.group(2))}
            yield Token(start.group(0), name, svg=svg, attrs=attrs)
            pos = start.end()
            if svg or name not in _VOID_TAGS:
                open_elements.append((name, svg))
            if name == "style" and not svg:
                close = clean.lower().find("</style", pos)
                close = len(clean) if close < 0 else close
                if close > pos:
                    yield Token(clean[pos:close])
                pos = close
            continue
        text_end = clean.find("<", pos + 1)
        text_end = len(clean) if text_end < 0 else text_end
        yield Token(clean[pos:text_end])
        pos = text_end


def _drop_what_names_cannot_tell(clean: str) -> str:
    """nh3's output without HTML <style>/<title>, unsafe SVG CSS or non-checkbox inputs."""
    out: list[str] = []
    skipping: Token | None = None
    depth = 0
    in_svg_style = False
    for token in markup_tokens(clean):
        if skipping is not None:
            if token.name == skipping.name and token.svg == skipping.svg:
                depth += -1 if token.closing else 1
                if depth == 0:
                    skipping = None
            continue
        if token.name in ("style", "title") and not token.svg and not token.closing:
            # Only the ones inside an <svg> are wanted: Mermaid's CSS and a diagram's title.
            skipping, depth = token, 1
            continue
        if token.name == "input" and token.attrs.get("type") != "checkbox":
            continue
        if token.name == "style" and token.svg:
            in_svg_style = not token.closing
        elif in_svg_style and not token.name and safe_css(unescape(token.raw)) is None:
            continue
        out.append(token.raw)
    return "".join(out)


def clean_html(fragment: str) -> str:
    """Allow-listed copy of an HTML fragment: no scripts, handlers, frames or CSS loads.

    <img src> is kept as the post wrote it (a safe scheme, postdesk: or data:): the export
    pass replaces every image by an inlined copy or a placeholder.
    """
    return _drop_what_names_cannot_tell(_nh3_clean(fragment))
