"""The pass after sanitizing, for an export: images inlined, Mermaid blocks tidied.

It reads HTML that clean_html already cleaned and copies it token by token as written; what
it changes is <img> (its src becomes a data:image/ URI from the inliner, or the whole tag a
placeholder), a drawn diagram's source (dropped) and an undrawn diagram's note (added).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from urllib.parse import unquote

from editor.core.render.assets import AssetProblem, has_scheme
from editor.core.render.rules import missing_image_html
from editor.core.render.sanitize import Token, clean_html, markup_tokens

MERMAID_NOTE = (
    "Diagram not rendered: Mermaid was not available when this file was exported, "
    "so its source is shown instead."
)

ImageInliner = Callable[[str], str | None]


def _image(token: Token, inline_image: ImageInliner) -> str:
    src = token.attrs.get("src", "")
    data = inline_image(src) if src else None
    if data is None or not data.startswith("data:image/"):
        if "hero-image" in token.classes():
            return f'<div class="hero-missing">Hero image not found: {escape(src)}</div>'
        problem = AssetProblem.UNSUPPORTED if has_scheme(src) else AssetProblem.NOT_FOUND
        return missing_image_html(unquote(src), token.attrs.get("alt", ""), problem)
    # The other attributes stay as the sanitizer wrote them.
    rest = "".join(
        f' {name}="{escape(value)}"' for name, value in token.attrs.items() if name != "src"
    )
    return f'<img src="{escape(data)}"{rest}>'


class _MermaidBlock:
    """A <div class="mermaid-block"> being copied: its nesting and what it holds so far."""

    def __init__(self, token: Token) -> None:
        self.rendered = "rendered" in token.classes()
        self.divs = 1
        self.drawn = False


def finish_export_html(clean: str, inline_image: ImageInliner) -> str:
    """Cleaned HTML with its images inlined (or placeholders) and its diagrams tidied."""
    out: list[str] = []
    block: _MermaidBlock | None = None
    skipped_pres = 0
    for token in markup_tokens(clean):
        if skipped_pres:
            if token.name == "pre" and not token.svg:
                skipped_pres += -1 if token.closing else 1
            continue
        if token.name == "img" and not token.closing:
            out.append(_image(token, inline_image))
            continue
        if block is None:
            if token.name == "div" and not token.closing and "mermaid-block" in token.classes():
                block = _MermaidBlock(token)
            out.append(token.raw)
            continue
        if token.name == "div" and not token.svg:
            block.divs += -1 if token.closing else 1
            if block.divs == 0:
                if not block.drawn:
                    out.append(f'<p class="mermaid-note">{escape(MERMAID_NOTE)}</p>')
                block = None
            elif "mermaid-error" in token.classes():
                block.drawn = True  # the page's own note: Mermaid missing or failed
        elif token.name == "svg" and not token.closing:
            block.drawn = True
        elif token.name == "pre" and block.rendered and "mermaid-source" in token.classes():
            # A drawn diagram's source only shows while Mermaid works; the export needs none.
            skipped_pres = 1
            continue
        out.append(token.raw)
    return "".join(out)


def export_fragment(fragment: str, inline_image: ImageInliner) -> str:
    """A post's HTML fragment as an export holds it: sanitized, images inlined, tidied."""
    return finish_export_html(clean_html(fragment), inline_image)
