"""Markdown body -> HTML blocks that carry their source lines, for a DOM patched by block."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from hashlib import blake2b
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from editor.core.field_roles import DEFAULT_ROLES, FieldRoles
from editor.core.render.assets import AssetResolver
from editor.core.render.flavour import FLAVOUR_OPTIONS, use_astro_flavour
from editor.core.render.guard import (
    TOO_DEEP_KEY,
    chunks_holding,
    guard_spans,
    guarded_html,
    note_nesting_cap,
)
from editor.core.render.header import render_post_header
from editor.core.render.highlight import make_code_formatter
from editor.core.render.rules import (
    ASSETS_ENV_KEY,
    add_heading_ids,
    make_fence_rule,
    render_image,
)

_NEWLINE_RE = re.compile(r"\r\n?")


@dataclass(frozen=True)
class RenderedBlock:
    """One top-level block of the body: its wrapped HTML and the document lines it came from."""

    key: str  # blake2b (16 hex chars) of the block's inner HTML; unique within one post
    html: str  # <div class="pd-block" data-line="S" data-line-end="E">…</div>
    line_start: int  # 0-based first source line in the DOCUMENT (frontmatter lines counted)
    line_end: int  # 0-based line after the block (exclusive)


@dataclass(frozen=True)
class RenderedPost:
    """A rendered post: the site's post header and the body's blocks, in order."""

    header_html: str  # "" when there is no frontmatter data
    blocks: tuple[RenderedBlock, ...]

    def body_html(self) -> str:
        """The whole body: every block's wrapped HTML, in order."""
        return "".join(block.html for block in self.blocks)


def split_groups(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Index ranges [start, stop) of the top-level blocks in a markdown-it token stream."""
    groups: list[tuple[int, int]] = []
    index, count = 0, len(tokens)
    while index < count:
        start = index
        # Depth by nesting, not by token.level: the footnote plugin appends its tokens with
        # levels that do not match their nesting.
        depth: int = tokens[index].nesting
        index += 1
        while depth > 0 and index < count:
            depth += tokens[index].nesting
            index += 1
        groups.append((start, index))
    return groups


def group_lines(group: Sequence[Token], fallback: int) -> tuple[int, int]:
    """Body lines [start, end) of a group: its opening token's map, else the union of its maps."""
    first = group[0].map if group else None
    if first:
        return first[0], first[1]
    # The footnote block has no map of its own; its definitions' paragraphs do.
    maps = [token.map for token in group if token.map]
    if not maps:
        return fallback, fallback
    return min(m[0] for m in maps), max(m[1] for m in maps)


def _digest(text: str) -> str:
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def block_key(inner_html: str, seen: dict[str, int]) -> str:
    """Content key of a block, made unique within one post by counting repeats in `seen`."""
    return keyed_digest(inner_html, _digest(inner_html), seen)


def content_digest(inner_html: str) -> str:
    """The 16-hex-char digest a block's key starts from."""
    return _digest(inner_html)


def keyed_digest(inner_html: str, digest: str, seen: dict[str, int]) -> str:
    """block_key from an already computed `content_digest` (the incremental renderer caches it)."""
    # Keys hash the inner HTML only, so a block keeps its key when lines above it move; the
    # page updates data-line on kept blocks instead of re-rendering them (Mermaid, images).
    repeats = seen.get(digest, 0)
    seen[digest] = repeats + 1
    if repeats:
        # Identical blocks (two "---", two equal paragraphs) still need distinct DOM keys;
        # the digest stays the key's first 16 characters, so the page can tell that two
        # keys hold the same content and keep a node in place instead of moving another.
        return f"{digest}-{repeats}"
    return digest


def wrap_block(inner_html: str, line_start: int, line_end: int) -> str:
    """A block's inner HTML in the wrapper the page patches by, with its document lines."""
    opening = f'<div class="pd-block" data-line="{line_start}" data-line-end="{line_end}">'
    return f"{opening}{inner_html}</div>"


def normalize_newlines(text: str) -> str:
    """The text as markdown-it reads it: \r\n and \r become \n, nothing more."""
    return _NEWLINE_RE.sub("\n", text) if "\r" in text else text


def _source_lines(text: str) -> list[str]:
    return normalize_newlines(text).split("\n")


def source_html(text: str) -> str:
    """A block's source, escaped, for when it cannot be rendered."""
    return f'<pre class="render-error">{escape(text)}</pre>\n'


class MarkdownRenderer:
    """Renders a post body as Astro does (CommonMark + remark-gfm + smartypants)."""

    def __init__(self) -> None:
        # One instance, configured once. Rendering never mutates it (per-render state lives
        # in the env dict), so renders on worker threads can share it.
        md = MarkdownIt("commonmark", dict(FLAVOUR_OPTIONS))
        md.use(tasklists_plugin, enabled=False)
        # GFM has no inline footnotes (^[...]); they stay text, as on the site.
        md.use(footnote_plugin, inline=False)
        use_astro_flavour(md)
        md.core.ruler.push("postdesk_heading_ids", add_heading_ids)
        md.add_render_rule("fence", make_fence_rule(make_code_formatter()))
        md.add_render_rule("image", render_image)
        note_nesting_cap(md)
        self._md = md

    def render(
        self,
        body_text: str,
        *,
        data: Mapping[str, Any] | None = None,
        body_first_line: int = 0,
        assets: AssetResolver | None = None,
        roles: FieldRoles = DEFAULT_ROLES,
    ) -> RenderedPost:
        """Render the body as blocks with DOCUMENT line numbers, plus the post header."""
        header = self.render_header(data, assets, roles)
        return RenderedPost(header, self.render_blocks(body_text, body_first_line, assets))

    @property
    def markdown_it(self) -> MarkdownIt:
        """The configured parser (shared, never mutated by a render)."""
        return self._md

    def render_header(
        self,
        data: Mapping[str, Any] | None,
        assets: AssetResolver | None,
        roles: FieldRoles = DEFAULT_ROLES,
    ) -> str:
        """The site's post header from frontmatter data; "" when it cannot be built."""
        try:
            return render_post_header(data, assets, roles)
        # Frontmatter is user data of any shape; a header that cannot be built is left out
        # rather than costing the whole preview.
        except Exception:
            return ""

    def render_html(self, body_text: str, *, assets: AssetResolver | None = None) -> str:
        """The body as one HTML string, without block wrappers (exports, the CLI, tests)."""
        try:
            # MarkdownIt.render is typed Any (its renderer class is pluggable); ours is HTML.
            html: str = self._md.render(body_text, {ASSETS_ENV_KEY: assets})
            return html
        # Never raise on input: show the source rather than nothing.
        except Exception:
            return source_html(body_text)

    def _parse_guarded(
        self, body_text: str, guards: list[tuple[int, int]], assets: AssetResolver | None
    ) -> tuple[dict[str, Any], list[Token]]:
        """Parse the body with the guarded chunks as blank lines (they are shown as text)."""
        env: dict[str, Any] = {ASSETS_ENV_KEY: assets}
        parse_text = body_text
        if guards:
            masked = _source_lines(body_text)
            for start, stop in guards:
                masked[start:stop] = [""] * (stop - start)
            parse_text = "\n".join(masked)
        return env, self._md.parse(parse_text, env)

    def render_blocks(
        self, body_text: str, first_line: int, assets: AssetResolver | None
    ) -> tuple[RenderedBlock, ...]:
        """The body's blocks from one parse of the whole body (no header)."""
        text = normalize_newlines(body_text)
        guards = guard_spans(text) if "[" in body_text else []
        source_lines: list[str] | None = None
        try:
            # One parse of the whole body, so reference links and footnotes resolve across
            # blocks; each block is then rendered from its slice of the token stream.
            env, tokens = self._parse_guarded(body_text, guards, assets)
            while too_deep := env.get(TOO_DEEP_KEY):
                # Nesting markdown-it cut short: those chunks are shown as text too.
                guards = sorted({*guards, *chunks_holding(text, too_deep)})
                env, tokens = self._parse_guarded(body_text, guards, assets)
            if guards:
                source_lines = _source_lines(body_text)
        except Exception:
            lines = _source_lines(body_text)
            end = first_line + len(lines) - (1 if lines[-1] == "" else 0)
            inner = source_html(body_text)
            wrapped = wrap_block(inner, first_line, end)
            return (RenderedBlock(block_key(inner, {}), wrapped, first_line, end),)

        parts: list[tuple[int, int, str]] = []
        tail: list[tuple[int, int, str]] = []
        previous_end = 0
        for start, stop in split_groups(tokens):
            group = tokens[start:stop]
            line_start, line_end = group_lines(group, previous_end)
            try:
                inner = self._md.renderer.render(group, self._md.options, env)
            except Exception:
                if source_lines is None:
                    source_lines = _source_lines(body_text)
                inner = source_html("\n".join(source_lines[line_start:line_end]))
            previous_end = max(previous_end, line_end)
            # The footnotes section stays last whatever lines its definitions came from.
            target = tail if group[0].type == "footnote_block_open" else parts
            target.append((line_start, line_end, inner))
        if guards and source_lines is not None:
            for start, stop in guards:
                parts.append((start, stop, guarded_html("\n".join(source_lines[start:stop]))))
            parts.sort(key=lambda part: part[0])

        blocks: list[RenderedBlock] = []
        seen: dict[str, int] = {}
        for line_start, line_end, inner in parts + tail:
            doc_start, doc_end = line_start + first_line, line_end + first_line
            blocks.append(
                RenderedBlock(
                    key=block_key(inner, seen),
                    html=wrap_block(inner, doc_start, doc_end),
                    line_start=doc_start,
                    line_end=doc_end,
                )
            )
        return tuple(blocks)
