"""Re-render only the chunks of a body that changed since the last render, with equal output."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from editor.core.render.assets import AssetResolver
from editor.core.render.chunks import chunk_starts
from editor.core.render.guard import MAX_BRACKETS, guard_spans
from editor.core.render.markdown import (
    MarkdownRenderer,
    RenderedBlock,
    RenderedPost,
    content_digest,
    group_lines,
    keyed_digest,
    source_html,
    split_groups,
    wrap_block,
)
from editor.core.render.rules import ASSETS_ENV_KEY, heading_text
from editor.core.render.slugger import Slugger, slugify

_NEWLINE_RE = re.compile(r"\r\n?")
_MISSING = object()

CoreRule = Callable[[StateCore], None]


class _RecordingRefs(dict[str, Any]):
    """The document's reference definitions; remembers which labels a chunk looked up."""

    def __init__(self, refs: Mapping[str, Any]) -> None:
        super().__init__(refs)
        self.used: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        """Look up a label and remember that this chunk depends on it."""
        self.used.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.used.add(key)
        return super().__contains__(key)

    def __getitem__(self, key: str) -> Any:
        self.used.add(key)
        return super().__getitem__(key)


@dataclass
class _Block:
    """One top-level block of a chunk, in chunk-local lines."""

    start: int
    end: int
    inner: str
    digest: str
    last: RenderedBlock | None = None  # reused when key and document lines are unchanged


@dataclass
class _Chunk:
    """A run of whole lines parsed on its own, and what its output depends on."""

    text: str
    line_count: int
    local_refs: dict[str, Any]
    has_footnotes: bool
    open_end: bool  # ends inside a fence or HTML block that the next chunk would continue
    tokens: list[Token] = field(default_factory=list)
    used_refs: dict[str, Any] = field(default_factory=dict)  # label -> value seen (or _MISSING)
    headings: list[tuple[Token, str]] = field(default_factory=list)  # heading_open, its slug
    ids: tuple[str, ...] | None = None  # heading ids its blocks were rendered with
    blocks: list[_Block] | None = None


def _line_count(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1)


def _resolver_identity(assets: AssetResolver | None) -> tuple[Any, ...] | None:
    if assets is None:
        return None
    return (assets.site_root, assets.post_path, assets.base_url)


class IncrementalRenderer:
    """Keeps the last body's chunks and re-renders only changed ones; output equals a full render.

    One instance per open document; not for use from two threads at once.
    """

    def __init__(self, renderer: MarkdownRenderer) -> None:
        self._renderer = renderer
        md = renderer.markdown_it
        rules = [(rule.name, rule.fn) for rule in md.core.ruler.__rules__ if rule.enabled]
        names = [name for name, _ in rules]
        # Block parsing (which collects reference definitions) and the rest (inline parsing,
        # which resolves them) run as two phases, so every chunk sees the whole document's refs.
        split = names.index("block") + 1
        self._block_rules: list[CoreRule] = [fn for _, fn in rules[:split]]
        self._inline_rules: list[CoreRule] = [fn for _, fn in rules[split:]]
        self._chunks: dict[str, deque[_Chunk]] = {}
        self._assets_identity: tuple[Any, ...] | None = None
        self._repeat_keys: dict[tuple[str, int], str] = {}

    def reset(self) -> None:
        """Forget every cached chunk (the next render parses everything)."""
        self._chunks = {}
        self._repeat_keys = {}

    def render(
        self,
        body_text: str,
        *,
        data: Mapping[str, Any] | None = None,
        body_first_line: int = 0,
        assets: AssetResolver | None = None,
    ) -> RenderedPost:
        """Same result as MarkdownRenderer.render, re-parsing only the chunks that changed."""
        header = self._renderer.render_header(data, assets)
        identity = _resolver_identity(assets)
        if identity != self._assets_identity:
            # Image URLs depend on the resolver: nothing rendered with another one is reusable.
            self._chunks = {}
            self._assets_identity = identity
        try:
            blocks = self._render_blocks(body_text, body_first_line, assets)
        # Never raise on input; a full render has its own fallbacks for every failure.
        except Exception:
            self._chunks = {}
            blocks = self._renderer.render_blocks(body_text, body_first_line, assets)
        return RenderedPost(header, blocks)

    def _split(self, text: str) -> list[_Chunk]:
        """The text cut into chunks, reusing cached ones with the same source."""
        old = self._chunks
        fresh: dict[str, deque[_Chunk]] = {}
        chunks: list[_Chunk] = []
        starts = chunk_starts(text)
        index, count = 0, len(starts)
        while index < count:
            start = starts[index]
            index += 1
            stop = starts[index] if index < count else len(text)
            chunk = self._take(old, fresh, text[start:stop])
            # The scanner guesses; the parse knows. A chunk that ends inside an open fence or
            # HTML block is joined with the next until it does not.
            while chunk.open_end and index < count:
                index += 1
                stop = starts[index] if index < count else len(text)
                chunk = self._take(old, fresh, text[start:stop])
            chunks.append(chunk)
        self._chunks = fresh
        return chunks

    def _take(
        self, old: dict[str, deque[_Chunk]], fresh: dict[str, deque[_Chunk]], source: str
    ) -> _Chunk:
        candidates = old.get(source)
        # In document order, so repeated chunks keep their own heading ids and stay valid.
        chunk = candidates.popleft() if candidates else self._parse_blocks(source)
        queue = fresh.get(source)
        if queue is None:
            fresh[source] = deque((chunk,))
        else:
            queue.append(chunk)
        return chunk

    def _parse_blocks(self, source: str) -> _Chunk:
        """Phase one for a new chunk: block structure and its own reference definitions."""
        line_count = _line_count(source)
        env: dict[str, Any] = {"references": {}}
        state = StateCore(source, self._renderer.markdown_it, env)
        for rule in self._block_rules:
            rule(state)
        chunk = _Chunk(
            text=source,
            line_count=line_count,
            local_refs=dict(env["references"]),
            has_footnotes="footnotes" in env,
            open_end=_ends_open(state.tokens, line_count),
        )
        chunk.tokens = state.tokens
        return chunk

    def _finish(self, chunk: _Chunk, refs: dict[str, Any]) -> None:
        """Phase two: inline parsing with the document's references, then heading texts."""
        if chunk.blocks is not None:
            # Rendered before: parse again from the source, as the tokens were already
            # through the inline rules.
            fresh = self._parse_blocks(chunk.text)
            chunk.tokens = fresh.tokens
        recording = _RecordingRefs(refs)
        env: dict[str, Any] = {"references": recording}
        state = StateCore(chunk.text, self._renderer.markdown_it, env)
        state.tokens = chunk.tokens
        for rule in self._inline_rules:
            rule(state)
        chunk.tokens = state.tokens
        chunk.used_refs = {label: refs.get(label, _MISSING) for label in recording.used}
        chunk.headings = [
            (token, slugify(heading_text(state.tokens[i + 1].children or [])))
            for i, token in enumerate(state.tokens[:-1])
            if token.type == "heading_open" and state.tokens[i + 1].type == "inline"
        ]
        chunk.ids = None
        chunk.blocks = None

    def _render_blocks(
        self, body_text: str, first_line: int, assets: AssetResolver | None
    ) -> tuple[RenderedBlock, ...]:
        text = _NEWLINE_RE.sub("\n", body_text)
        if text.count("[") > MAX_BRACKETS and guard_spans(text):
            # Rare, pathological input: the full renderer's cut-off decides, so both agree.
            return self._renderer.render_blocks(body_text, first_line, assets)
        chunks = self._split(text)
        # Only chunks that define something take part in these two document-wide passes.
        defining = [chunk for chunk in chunks if chunk.local_refs or chunk.has_footnotes]
        if any(chunk.has_footnotes for chunk in defining):
            # Footnote numbers and the footnotes section depend on the order of every
            # reference in the document: such a body is rendered whole.
            return self._renderer.render_blocks(body_text, first_line, assets)

        refs: dict[str, Any] = {}
        for chunk in defining:
            for label, value in chunk.local_refs.items():
                refs.setdefault(label, value)  # the first definition wins, as in markdown-it

        slugger = Slugger()
        env: dict[str, Any] = {ASSETS_ENV_KEY: assets}
        seen: dict[str, int] = {}
        out: list[RenderedBlock] = []
        line = first_line
        for chunk in chunks:
            stale = chunk.blocks is None or (
                chunk.used_refs
                and any(
                    refs.get(label, _MISSING) != value for label, value in chunk.used_refs.items()
                )
            )
            if stale:
                self._finish(chunk, refs)
            ids = (
                tuple(slugger.heading_id_for_slug(slug) for _, slug in chunk.headings)
                if chunk.headings
                else ()
            )
            if ids != chunk.ids:
                for (token, _), heading_id in zip(chunk.headings, ids, strict=True):
                    if heading_id:
                        token.attrSet("id", heading_id)
                    else:
                        token.attrs.pop("id", None)
                chunk.ids = ids
                chunk.blocks = self._render_chunk(chunk, env)
            assert chunk.blocks is not None
            for block in chunk.blocks:
                digest = block.digest
                if digest in seen:
                    key = self._key(block, seen)
                else:
                    seen[digest] = 1
                    key = digest
                start, end = block.start + line, block.end + line
                last = block.last
                if last is None or last.key != key or last.line_start != start:
                    last = RenderedBlock(key, wrap_block(block.inner, start, end), start, end)
                    block.last = last
                out.append(last)
            line += chunk.line_count
        return tuple(out)

    def _key(self, block: _Block, seen: dict[str, int]) -> str:
        """keyed_digest, with the keys of repeated blocks cached (long posts repeat a lot)."""
        repeats = seen.get(block.digest, 0)
        if not repeats:
            seen[block.digest] = 1
            return block.digest
        if len(self._repeat_keys) > 500_000:
            self._repeat_keys = {}  # bounded: a long session edits many repeated blocks
        cache_key = (block.digest, repeats)
        key = self._repeat_keys.get(cache_key)
        if key is None:
            key = keyed_digest(block.inner, block.digest, seen)
            self._repeat_keys[cache_key] = key
        else:
            seen[block.digest] = repeats + 1
        return key

    def _render_chunk(self, chunk: _Chunk, env: dict[str, Any]) -> list[_Block]:
        """Each top-level block of a parsed chunk as HTML, in chunk-local lines."""
        md = self._renderer.markdown_it
        blocks: list[_Block] = []
        previous_end = 0
        lines: list[str] | None = None
        for start, stop in split_groups(chunk.tokens):
            group = chunk.tokens[start:stop]
            line_start, line_end = group_lines(group, previous_end)
            try:
                inner = md.renderer.render(group, md.options, env)
            except Exception:
                if lines is None:
                    lines = chunk.text.split("\n")
                inner = source_html("\n".join(lines[line_start:line_end]))
            previous_end = max(previous_end, line_end)
            blocks.append(_Block(line_start, line_end, inner, content_digest(inner)))
        return blocks


def _ends_open(tokens: list[Token], line_count: int) -> bool:
    """Whether the chunk's last top-level block is a fence or HTML block cut off by its end."""
    if not tokens:
        return False
    last = tokens[-1]
    # A closed fence or HTML block ends before the blank line that precedes every cut; one
    # that swallowed it through to the end of the chunk was still open there.
    return (
        last.level == 0
        and last.type in ("fence", "html_block")
        and last.map is not None
        and last.map[1] >= line_count
    )
