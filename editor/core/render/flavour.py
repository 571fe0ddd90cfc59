"""Astro's default Markdown flavour on markdown-it: remark-gfm output shapes and smartypants."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import mdurl
from linkify_it import LinkifyIt
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

# Options that, with "commonmark", give remark-gfm's parse and hast's HTML serialisation.
FLAVOUR_OPTIONS: dict[str, Any] = {
    "html": True,
    "typographer": True,
    "linkify": True,
    # hast-util-to-html writes <br>, <hr>, <img ...> without the XHTML slash.
    "xhtmlOut": False,
    # GFM (remark-gfm's default singleTilde) strikes ~one~ and ~~two~~ but not ~~~three~~~.
    "strikethrough_single_tilde": True,
}

# retext-smartypants as Astro uses it (remarkSmartypants with no options): dashes=true turns
# "--" into an em dash and leaves "---" alone; ellipses turns "..." and ". . ." into "…".
_DASH_RE = re.compile(r"(?<!-)--(?!-)")
_ELLIPSIS_RE = re.compile(r"(?<!\.)(?:\.\.\.|\. \. \.)(?!\.)")

_TASK_UNCHECKED = '<input class="task-list-item-checkbox" disabled="disabled" type="checkbox">'
_TASK_CHECKED = (
    '<input class="task-list-item-checkbox" checked="checked" disabled="disabled" type="checkbox">'
)
# remark-gfm's checkboxes, as hast-util-to-html writes them.
_GFM_TASK = {
    _TASK_UNCHECKED: '<input type="checkbox" disabled>',
    _TASK_CHECKED: '<input type="checkbox" checked disabled>',
}

_WHITESPACE_RE = re.compile(r"[\t\n\r ]+")


class GfmLinkify:
    """linkify-it restricted to GFM's autolink literals: http(s)://, www., and e-mail."""

    def __init__(self) -> None:
        self._inner = LinkifyIt()

    def _keep(self, match: Any) -> bool:
        # linkify-it's fuzzy links also take bare "example.com"; GFM needs "www." for those.
        return bool(match.schema) or match.raw[:4].lower() == "www."

    def pretest(self, text: str) -> bool:
        """Cheap check that `text` may hold a link."""
        return bool(self._inner.pretest(text))

    def test(self, text: str) -> bool:
        """Whether `text` holds at least one GFM autolink literal."""
        return bool(self.match(text))

    def match(self, text: str) -> list[Any] | None:
        """The GFM autolink literals in `text`, or None."""
        found = [m for m in (self._inner.match(text) or []) if self._keep(m)]
        return found or None

    def match_at_start(self, text: str) -> Any:
        """A link at the very start of `text` (only called after "scheme://")."""
        return self._inner.match_at_start(text)


def _smartypants_text(text: str) -> str:
    return _ELLIPSIS_RE.sub("…", _DASH_RE.sub("—", text))


def smartypants_rule(state: StateCore) -> None:
    """Core rule (in place of "replacements"): smartypants' dashes and ellipses."""
    if not state.md.options.typographer:
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        in_autolink = 0
        for token in block.children:
            # Only "text": code spans, raw HTML and escapes are other token types.
            if (
                token.type == "text"
                and not in_autolink
                and ("--" in token.content or ". ." in token.content or "..." in token.content)
            ):
                token.content = _smartypants_text(token.content)
            elif token.type == "link_open" and token.info == "auto":
                in_autolink += 1
            elif token.type == "link_close" and token.info == "auto":
                in_autolink -= 1


def gfm_task_rule(state: StateCore) -> None:
    """Core rule: the tasklists plugin's checkboxes in remark-gfm's shape."""
    for index, block in enumerate(state.tokens):
        if block.type != "inline" or not block.children or index < 2:
            continue
        if state.tokens[index - 2].type != "list_item_open":
            continue
        first = block.children[0]
        if first.type == "html_inline" and first.content in _GFM_TASK:
            first.content = _GFM_TASK[first.content]


def _cell_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    style = token.attrGet("style")
    if isinstance(style, str) and style.startswith("text-align:"):
        # hast writes a cell's alignment as the align attribute, not a style.
        attrs = {k: v for k, v in token.attrs.items() if k != "style"}
        attrs["align"] = style[len("text-align:") :]
        token = token.copy(attrs=attrs)
    return f"<{token.tag}{self.renderAttrs(token)}>"


def _del_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "<del>"


def _del_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</del>"


def footnote_slug(label: str | None, number: int) -> str:
    """The id part remark-gfm gives a footnote: its label, normalised and URL-encoded."""
    if label is None:
        return str(number)
    collapsed = _WHITESPACE_RE.sub(" ", label).strip(" ").lower()
    return mdurl.encode(collapsed)


def _footnote_ref(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    meta = tokens[idx].meta
    number = meta["id"] + 1
    slug = footnote_slug(meta.get("label"), number)
    repeat = f"-{meta['subId'] + 1}" if meta.get("subId", 0) > 0 else ""
    return (
        f'<sup><a href="#user-content-fn-{slug}" id="user-content-fnref-{slug}{repeat}"'
        f' data-footnote-ref aria-describedby="footnote-label">{number}</a></sup>'
    )


def _footnote_block_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return (
        '<section data-footnotes class="footnotes">'
        '<h2 class="sr-only" id="footnote-label">Footnotes</h2>\n<ol>\n'
    )


def _footnote_block_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</ol>\n</section>\n"


def _footnote_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    meta = tokens[idx].meta
    return f'<li id="user-content-fn-{footnote_slug(meta.get("label"), meta["id"] + 1)}">\n'


def _footnote_close(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return "</li>\n"


def _footnote_anchor(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    meta = tokens[idx].meta
    number = meta["id"] + 1
    slug = footnote_slug(meta.get("label"), number)
    sub = meta.get("subId", 0)
    repeat = f"-{sub + 1}" if sub > 0 else ""
    label = f"{number}{repeat}"
    mark = f"↩<sup>{sub + 1}</sup>" if sub > 0 else "↩"
    return (
        f' <a href="#user-content-fnref-{slug}{repeat}" data-footnote-backref=""'
        f' aria-label="Back to reference {label}" class="data-footnote-backref">{mark}</a>'
    )


def use_astro_flavour(md: MarkdownIt) -> None:
    """Configure `md` (built with FLAVOUR_OPTIONS) to parse and print as Astro's remark does."""
    md.enable(["table", "strikethrough", "linkify", "smartquotes"])
    md.linkify = GfmLinkify()
    md.core.ruler.at("replacements", smartypants_rule)
    md.enable("replacements")
    md.core.ruler.push("postdesk_gfm_tasks", gfm_task_rule)
    for name in ("th_open", "td_open"):
        md.add_render_rule(name, _cell_open)
    md.add_render_rule("s_open", _del_open)
    md.add_render_rule("s_close", _del_close)
    md.add_render_rule("footnote_ref", _footnote_ref)
    md.add_render_rule("footnote_block_open", _footnote_block_open)
    md.add_render_rule("footnote_block_close", _footnote_block_close)
    md.add_render_rule("footnote_open", _footnote_open)
    md.add_render_rule("footnote_close", _footnote_close)
    md.add_render_rule("footnote_anchor", _footnote_anchor)
