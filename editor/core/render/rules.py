"""The markdown-it rules Postdesk adds: heading ids, fenced code, image resolution."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from urllib.parse import unquote

from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from pygments.formatter import Formatter

from editor.core.render.assets import AssetProblem, AssetResolver, is_remote
from editor.core.render.highlight import fence_language, highlight_code, mermaid_html
from editor.core.render.slugger import Slugger

# The env key under which a render passes its AssetResolver to the image rule; the env is
# per render, so one MarkdownIt instance can serve several renders at once.
ASSETS_ENV_KEY = "postdesk_assets"

RenderRule = Callable[[RendererHTML, Sequence[Token], int, OptionsDict, EnvType], str]

_MISSING_MESSAGES = {
    AssetProblem.NOT_FOUND: "image not found",
    AssetProblem.OUTSIDE_SITE: "image outside the site",
    AssetProblem.UNSUPPORTED: "image not loaded",
    AssetProblem.NO_SITE: "image not resolved, no site folder",
    AssetProblem.EMPTY: "image without a source",
}


def heading_text(children: Sequence[Token]) -> str:
    """The text Astro slugs for a heading: text and code, not tags or image alt text."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            # In the site's HTML tree a line break is a "\n" text node; the slugger drops it.
            parts.append("\n")
        elif child.type == "footnote_ref":
            # The site renders a footnote reference as its number, which is in the text.
            parts.append(str(child.meta.get("id", 0) + 1))
    return "".join(parts)


def add_heading_ids(state: StateCore) -> None:
    """Core rule: give every heading the id the site will give it (one slugger per document)."""
    slugger = Slugger()
    tokens = state.tokens
    for index in range(len(tokens) - 1):
        token = tokens[index]
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        text = heading_text(inline.children or []) if inline.type == "inline" else ""
        heading_id = slugger.heading_id(text)
        # An empty id links nowhere; the slug was still registered, as on the site.
        if heading_id and token.attrGet("id") is None:
            token.attrSet("id", heading_id)


def make_fence_rule(formatter: Formatter[str]) -> RenderRule:
    """Fence rule: Mermaid placeholder, Pygments for known languages, else markdown-it's own."""

    def render_fence(
        self: RendererHTML,
        tokens: Sequence[Token],
        idx: int,
        options: OptionsDict,
        env: EnvType,
    ) -> str:
        token = tokens[idx]
        language = fence_language(token.info)
        if language.lower() == "mermaid":
            return mermaid_html(token.content)
        try:
            highlighted = highlight_code(token.content, language, formatter)
        # A lexer bug must cost the colours of one block, never the preview.
        except Exception:
            highlighted = None
        if highlighted is None:
            return self.fence(tokens, idx, options, env)
        return highlighted

    return render_fence


def missing_image_html(src: str, alt: str, problem: AssetProblem | None) -> str:
    """A visible placeholder for an image reference the preview cannot show."""
    message = _MISSING_MESSAGES.get(problem, "image not found") if problem else "image not found"
    label = f"{alt} ({message}: {src})" if alt else f"({message}: {src})"
    return (
        f'<span class="missing-image" data-missing="{escape(src)}"'
        f' data-problem="{escape(problem.value if problem else "")}"'
        f' role="img" aria-label="{escape(alt)}" title="{escape(message)}: {escape(src)}">'
        f"{escape(label)}</span>"
    )


def render_image(
    self: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    """Image rule: resolve the src through the render's AssetResolver, or show a placeholder."""
    token = tokens[idx]
    assets: AssetResolver | None = env.get(ASSETS_ENV_KEY)
    src = str(token.attrGet("src") or "")
    # Without a resolver there is nothing to resolve against; remote images stay as written
    # (a later setting allows them; until then the page's CSP blocks them).
    if assets is None or is_remote(src):
        return self.image(tokens, idx, options, env)
    lookup = assets.lookup(src)
    if lookup.url is not None:
        # A copy, not attrSet: the same tokens may be rendered again (whole document vs blocks)
        # and must still hold the src the writer wrote.
        resolved = token.copy(attrs={**token.attrs, "src": lookup.url})
        return self.image([resolved], 0, options, env)
    alt = self.renderInlineAsText(token.children or [], options, env)
    # markdown-it percent-encoded the src; show it as the writer typed it.
    return missing_image_html(unquote(src), alt, lookup.problem)
