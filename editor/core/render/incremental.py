"""Re-render only the chunks of a body that changed since the last render, with equal output."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, deque
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate, islice
from typing import Any

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from editor.core.field_roles import DEFAULT_ROLES, FieldRoles
from editor.core.frontmatter.text_patch import trimmed_patch
from editor.core.render.assets import AssetResolver
from editor.core.render.block_diff import (
    BlockSplice,
    RenderOutcome,
    splice_between,
    splice_window,
)
from editor.core.render.chunk_state import (
    MISSING,
    Block,
    Chunk,
    Layout,
    RecordingRefs,
    ends_open,
    line_count,
    local_refs,
    recount,
    shifted,
    slug_bases,
    window_ids,
)
from editor.core.render.chunks import iter_cuts
from editor.core.render.footnotes import (
    FOOTNOTE_MARK,
    footnote_section,
    has_heading,
    take_definitions,
)
from editor.core.render.guard import MAX_BRACKETS, TOO_DEEP_KEY, guard_spans
from editor.core.render.markdown import (
    MarkdownRenderer,
    RenderedBlock,
    RenderedPost,
    content_digest,
    group_lines,
    keyed_digest,
    normalize_newlines,
    source_html,
    split_groups,
    wrap_block,
)
from editor.core.render.rules import ASSETS_ENV_KEY, heading_text
from editor.core.render.slugger import Slugger, slugify

# Whether a chunk boundary is one depends on up to ~12 characters after it (a list marker
# such as "123456789."): an edit closer than this to a boundary may move it.
_CUT_CONTEXT = 16

CoreRule = Callable[[StateCore], None]


def _resolver_identity(assets: AssetResolver | None) -> tuple[Any, ...] | None:
    if assets is None:
        return None
    return (assets.site_root, assets.post_path, assets.base_url)


class IncrementalRenderer:
    """Keeps the last body's chunks and re-renders only changed ones; output equals a full render.

    An edit is rendered from the chunks around it when nothing it changed reaches further
    (heading ids, reference definitions, keys of repeated blocks): then the work depends
    on the edit, not on the length of the post. Otherwise every chunk is walked again,
    parsing only the changed ones. One instance per open document; not for use from two
    threads at once.
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
        # The footnotes section is built once, after every chunk (_footnotes_block).
        self._inline_rules: list[CoreRule] = [
            fn for name, fn in rules[split:] if name != "footnote_tail"
        ]
        self._footnote_tail = next(fn for name, fn in rules if name == "footnote_tail")
        # Parsed chunks by source, for the walk over every chunk; rebuilt from the layout
        # when None (an edit's render changes the layout without keeping this up to date).
        self._chunks: dict[str, deque[Chunk]] | None = {}
        self._layout: Layout | None = None
        self._assets_identity: tuple[Any, ...] | None = None
        self._repeat_keys: dict[tuple[str, int], str] = {}
        # What the last render returned: the next outcome's splice starts from it.
        self._previous: tuple[RenderedBlock, ...] | None = None

    def reset(self) -> None:
        """Forget every cached chunk (the next render parses everything)."""
        self._forget()
        self._repeat_keys = {}

    def _forget(self) -> None:
        self._chunks = {}
        self._layout = None

    def render(
        self,
        body_text: str,
        *,
        data: Mapping[str, Any] | None = None,
        body_first_line: int = 0,
        assets: AssetResolver | None = None,
        roles: FieldRoles = DEFAULT_ROLES,
    ) -> RenderOutcome:
        """Same post as MarkdownRenderer.render, re-parsing only the chunks that changed,
        with the splice from the previous render's blocks to these."""
        header = self._renderer.render_header(data, assets, roles)
        identity = _resolver_identity(assets)
        if identity != self._assets_identity:
            # Image URLs depend on the resolver: nothing rendered with another one is reusable.
            self._forget()
            self._assets_identity = identity
        try:
            blocks, splice = self._render_blocks(body_text, body_first_line, assets)
        # Never raise on input; a full render has its own fallbacks for every failure.
        except Exception:
            self._forget()
            blocks, splice = self._renderer.render_blocks(body_text, body_first_line, assets), None
        base, self._previous = self._previous, blocks
        edit_only = splice is not None
        if splice is None and base is not None:
            # Compared here, on the renderer's thread: a whole post's blocks are too many
            # to compare on the UI thread within a frame.
            splice = splice_between(base, blocks)
        return RenderOutcome(RenderedPost(header, blocks), splice, base, edit_only)

    def _render_blocks(
        self, body_text: str, first_line: int, assets: AssetResolver | None
    ) -> tuple[tuple[RenderedBlock, ...], BlockSplice | None]:
        """The blocks, and their splice when the edit was rendered on its own."""
        text = normalize_newlines(body_text)
        if text.count("[") > MAX_BRACKETS and guard_spans(text):
            # Rare, pathological input: the full renderer's cut-off decides, so both agree.
            self._forget()
            return self._renderer.render_blocks(body_text, first_line, assets), None
        env: dict[str, Any] = {ASSETS_ENV_KEY: assets}
        edited = self._render_edit(text, first_line, env)
        if edited is not None:
            return edited
        return self._render_all(text, first_line, env, body_text, assets), None

    # -- an edit on its own ------------------------------------------------------------------

    def _render_edit(
        self, text: str, first_line: int, env: dict[str, Any]
    ) -> tuple[tuple[RenderedBlock, ...], BlockSplice] | None:
        """The blocks from re-rendering the chunks around the edit only, and their splice;
        None when the edit changes something outside them (then every chunk is walked)."""
        layout = self._layout
        if layout is None or layout.first_line != first_line:
            return None
        patch = trimmed_patch(layout.text, text)
        if patch is None:
            return layout.blocks, BlockSplice(0, 0, (), 0, len(layout.blocks))
        delta = len(text) - len(layout.text)
        starts = list(accumulate(layout.lengths, initial=0))
        count = len(layout.chunks)
        first = min(bisect_right(starts, patch.start) - 1, count - 1)
        while first > 0 and starts[first] + _CUT_CONTEXT > patch.start:
            first -= 1  # the boundary at its start may depend on the edited characters
        # Old chunks the new ones may reuse: those before any boundary the window can stop at.
        reusable = min(bisect_left(starts, patch.end + _CUT_CONTEXT), count)
        pool: dict[str, deque[Chunk]] = {}
        for chunk in layout.chunks[first:reusable]:
            pool.setdefault(chunk.text, deque()).append(chunk)
        window, stop = self._rechunk(text, starts, first, patch.end + delta, delta, pool)
        old_window = layout.chunks[first:stop]
        if any(chunk.too_deep for chunk in window):
            return None  # shown as text by the full renderer (see _render_all)
        if any(FOOTNOTE_MARK in chunk.text for chunk in (*old_window, *window)):
            return None  # footnote numbers or the footnotes section may change
        if local_refs(old_window) != local_refs(window):
            return None  # another chunk's links may resolve differently now
        for chunk in window:
            if self._stale(chunk, layout.refs):
                self._finish(chunk, layout.refs)
        old_slugs = [slug for chunk in old_window for _, slug in chunk.headings]
        new_slugs = [slug for chunk in window for _, slug in chunk.headings]
        old_ids = [heading_id for chunk in old_window for heading_id in chunk.ids or ()]
        new_ids = window_ids(layout, old_slugs, old_ids, new_slugs)
        if new_ids is None:
            return None  # heading ids after the edit may change ("a", "a-1", ...)
        ids = iter(new_ids)
        for chunk in window:
            self._set_ids(chunk, tuple(islice(ids, len(chunk.headings))), env)
        old_digests = Counter(block.digest for chunk in old_window for block in chunk.blocks or ())
        new_digests = Counter(block.digest for chunk in window for block in chunk.blocks or ())
        digests = layout.digests
        # Keys number repeated blocks in document order. A digest the window holds as often
        # as before keeps its keys, in order; one whose count changed must occur nowhere
        # else, or the keys of its copies after the window would change.
        changed = {
            d for d in old_digests.keys() | new_digests.keys() if old_digests[d] != new_digests[d]
        }
        if any(digests[d] != old_digests[d] for d in changed):
            return None
        before = sum(layout.block_counts[:first])
        removed = sum(layout.block_counts[first:stop])
        kept: dict[str, deque[str]] = {}
        for block in layout.blocks[before : before + removed]:
            kept.setdefault(block.key[:16], deque()).append(block.key)
        seen: dict[str, int] = {}

        def key_of(block: Block) -> str:
            if block.digest in changed:
                return self._next_key(block, seen)
            return kept[block.digest].popleft()

        line = first_line + sum(layout.line_counts[:first])
        window_blocks: list[RenderedBlock] = []
        for chunk in window:
            self._emit(chunk, line, key_of, window_blocks)
            line += chunk.line_count
        shift = sum(chunk.line_count for chunk in window) - sum(layout.line_counts[first:stop])
        if shift and layout.footnoted:
            return None  # the footnotes section's lines may move in part
        after = layout.blocks[before + removed :]
        if shift:
            after = tuple(shifted(layout.chunks[stop:], line))
        blocks = layout.blocks[:before] + tuple(window_blocks) + after
        splice = splice_window(
            layout.blocks[before : before + removed], window_blocks, shift, before, len(blocks)
        )

        recount(digests, old_digests, new_digests)
        recount(layout.slugs, Counter(old_slugs), Counter(new_slugs))
        recount(layout.bases, slug_bases(old_slugs), slug_bases(new_slugs))
        self._layout = Layout(
            text=text,
            first_line=first_line,
            chunks=[*layout.chunks[:first], *window, *layout.chunks[stop:]],
            lengths=[
                *layout.lengths[:first],
                *(len(c.text) for c in window),
                *layout.lengths[stop:],
            ],
            line_counts=[
                *layout.line_counts[:first],
                *(c.line_count for c in window),
                *layout.line_counts[stop:],
            ],
            block_counts=[
                *layout.block_counts[:first],
                *(len(c.blocks or ()) for c in window),
                *layout.block_counts[stop:],
            ],
            blocks=blocks,
            refs=layout.refs,
            digests=digests,
            footnoted=layout.footnoted,
            slugs=layout.slugs,
            bases=layout.bases,
        )
        self._chunks = None
        return blocks, splice

    def _rechunk(
        self,
        text: str,
        old_starts: Sequence[int],
        first: int,
        edit_end: int,
        delta: int,
        pool: dict[str, deque[Chunk]],
    ) -> tuple[list[Chunk], int]:
        """The chunks from old chunk `first` until the boundaries agree with the old ones
        again past the edit; returns them and the index of the first old chunk kept."""
        start = old_starts[first]
        cuts = iter_cuts(text, start)
        window: list[Chunk] = []
        count = len(old_starts) - 1
        while True:
            cut = next(cuts, None)
            stop = cut[0] if cut else len(text)
            chunk = self._take(pool, None, text[start:stop])
            while chunk.open_end and cut is not None:
                cut = next(cuts, None)
                stop = cut[0] if cut else len(text)
                chunk = self._take(pool, None, text[start:stop])
            window.append(chunk)
            if cut is None:
                return window, count
            # Past the edit and its context, a boundary the old text had at the same place
            # means the rest is cut as before.
            if stop >= edit_end + _CUT_CONTEXT and cut[1] >= edit_end:
                old = bisect_left(old_starts, stop - delta)
                if old < count and old_starts[old] == stop - delta:
                    return window, old
            start = stop

    # -- every chunk -------------------------------------------------------------------------

    def _render_all(
        self,
        text: str,
        first_line: int,
        env: dict[str, Any],
        body_text: str,
        assets: AssetResolver | None,
    ) -> tuple[RenderedBlock, ...]:
        chunks = self._split(text)
        if any(chunk.too_deep for chunk in chunks):
            # Rare: nesting markdown-it cuts short. The full renderer shows those chunks as
            # text, deciding as it does for every post, so both agree.
            self._layout = None
            return self._renderer.render_blocks(body_text, first_line, assets)
        refs = local_refs([chunk for chunk in chunks if chunk.local_refs])
        labels = [label for chunk in chunks for label in chunk.footnote_labels]
        # Footnotes are numbered in the order they are cited in the whole body: with any
        # defined, every chunk that cites or defines one is parsed again, in order, sharing
        # one numbering; the section is built after the last chunk.
        footnotes = {"refs": dict.fromkeys(labels, -1), "list": {}} if labels else None

        slugger = Slugger()
        seen: dict[str, int] = {}
        out: list[RenderedBlock] = []
        line = first_line
        for chunk in chunks:
            # A citation's rendering depends on the definitions of the whole body (and on
            # their absence): such chunks are parsed again on every walk.
            if FOOTNOTE_MARK in chunk.text or self._stale(chunk, refs):
                self._finish(chunk, refs, footnotes)
            ids = (
                tuple(slugger.heading_id_for_slug(slug) for _, slug in chunk.headings)
                if chunk.headings
                else ()
            )
            self._set_ids(chunk, ids, env)
            self._emit(chunk, line, lambda block: self._next_key(block, seen), out)
            line += chunk.line_count
        if footnotes is not None:
            if any(has_heading(chunk.definitions) for chunk in chunks):
                # Rare: its id would be given after every body heading's. Render whole.
                self._layout = None
                return self._renderer.render_blocks(body_text, first_line, assets)
            # Without lines of its own (empty definitions), it sits after the last block.
            after = max((block.line_end for block in out), default=first_line)
            section = self._footnotes_block(chunks, footnotes, first_line, after, seen, env)
        else:
            section = None
        blocks = (*out, section) if section is not None else tuple(out)
        all_slugs = [slug for chunk in chunks for _, slug in chunk.headings]
        self._layout = Layout(
            text=text,
            first_line=first_line,
            chunks=chunks,
            lengths=[len(chunk.text) for chunk in chunks],
            line_counts=[chunk.line_count for chunk in chunks],
            block_counts=[len(chunk.blocks or ()) for chunk in chunks],
            blocks=blocks,
            refs=refs,
            digests=Counter(block.key[:16] for block in blocks),
            footnoted=section is not None,
            slugs=Counter(all_slugs),
            bases=slug_bases(all_slugs),
        )
        return blocks

    def _footnotes_block(
        self,
        chunks: list[Chunk],
        footnotes: dict[str, Any],
        first_line: int,
        fallback_line: int,
        seen: dict[str, int],
        env: dict[str, Any],
    ) -> RenderedBlock | None:
        """The footnotes section as a whole-body render draws it, last; None if none is cited."""
        md = self._renderer.markdown_it
        definitions: list[Token] = []
        offsets: dict[int, int] = {}  # id(token) -> first line of its chunk in the document
        line = first_line
        for chunk in chunks:
            definitions.extend(chunk.definitions)
            offsets.update((id(token), line) for token in chunk.definitions)
            line += chunk.line_count
        tokens = footnote_section(
            md, self._footnote_tail, {**env, "footnotes": footnotes}, definitions
        )
        if not tokens:
            return None
        # Its lines: those of the cited definitions' content, wherever they stand.
        spans = [
            (token.map[0] + offsets[id(token)], token.map[1] + offsets[id(token)])
            for token in tokens
            if token.map and id(token) in offsets
        ]
        start = min((a for a, _ in spans), default=fallback_line)
        end = max((b for _, b in spans), default=fallback_line)
        inner = md.renderer.render(tokens, md.options, env)
        digest = content_digest(inner)
        key = keyed_digest(inner, digest, seen)
        return RenderedBlock(key, wrap_block(inner, start, end), start, end)

    def _split(self, text: str) -> list[Chunk]:
        """The text cut into chunks, reusing cached ones with the same source."""
        old = self._chunks
        if old is None:
            old = {}
            for chunk in self._layout.chunks if self._layout is not None else ():
                old.setdefault(chunk.text, deque()).append(chunk)
        fresh: dict[str, deque[Chunk]] = {}
        chunks: list[Chunk] = []
        starts = [0, *(offset for offset, _ in iter_cuts(text))]
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
        self,
        old: dict[str, deque[Chunk]],
        fresh: dict[str, deque[Chunk]] | None,
        source: str,
    ) -> Chunk:
        candidates = old.get(source)
        # In document order, so repeated chunks keep their own heading ids and stay valid.
        chunk = candidates.popleft() if candidates else self._parse_blocks(source)
        if fresh is not None:
            queue = fresh.get(source)
            if queue is None:
                fresh[source] = deque((chunk,))
            else:
                queue.append(chunk)
        return chunk

    # -- one chunk ---------------------------------------------------------------------------

    def _parse_blocks(self, source: str) -> Chunk:
        """Phase one for a new chunk: block structure and its own reference definitions."""
        lines = line_count(source)
        env: dict[str, Any] = {"references": {}}
        state = StateCore(source, self._renderer.markdown_it, env)
        for rule in self._block_rules:
            rule(state)
        chunk = Chunk(
            text=source,
            line_count=lines,
            local_refs=dict(env["references"]),
            footnote_labels=tuple(env.get("footnotes", {}).get("refs", {})),
            open_end=ends_open(state.tokens, lines),
            too_deep=TOO_DEEP_KEY in env,
        )
        chunk.tokens = state.tokens
        return chunk

    @staticmethod
    def _stale(chunk: Chunk, refs: dict[str, Any]) -> bool:
        """Whether the chunk must be inline-parsed (again) against these references."""
        return chunk.blocks is None or any(
            refs.get(label, MISSING) != value for label, value in chunk.used_refs.items()
        )

    def _finish(
        self, chunk: Chunk, refs: dict[str, Any], footnotes: dict[str, Any] | None = None
    ) -> None:
        """Phase two: inline parsing with the document's references (and footnote numbering,
        shared by the chunks in order), then heading texts; definitions are set aside."""
        if chunk.blocks is not None:
            # Rendered before: parse again from the source, as the tokens were already
            # through the inline rules.
            fresh = self._parse_blocks(chunk.text)
            chunk.tokens = fresh.tokens
        recording = RecordingRefs(refs)
        env: dict[str, Any] = {"references": recording}
        if footnotes is not None:
            env["footnotes"] = footnotes
        state = StateCore(chunk.text, self._renderer.markdown_it, env)
        state.tokens = chunk.tokens
        for rule in self._inline_rules:
            rule(state)
        state.tokens, chunk.definitions = take_definitions(state.tokens)
        chunk.tokens = state.tokens
        chunk.used_refs = {label: refs.get(label, MISSING) for label in recording.used}
        chunk.headings = [
            (token, slugify(heading_text(state.tokens[i + 1].children or [])))
            for i, token in enumerate(state.tokens[:-1])
            if token.type == "heading_open" and state.tokens[i + 1].type == "inline"
        ]
        chunk.ids = None
        chunk.blocks = None

    def _set_ids(self, chunk: Chunk, ids: tuple[str, ...], env: dict[str, Any]) -> None:
        """Give the chunk's headings these ids, rendering its blocks again if they change."""
        if ids == chunk.ids and chunk.blocks is not None:
            return
        for (token, _), heading_id in zip(chunk.headings, ids, strict=True):
            if heading_id:
                token.attrSet("id", heading_id)
            else:
                token.attrs.pop("id", None)
        chunk.ids = ids
        chunk.blocks = self._render_chunk(chunk, env)

    def _next_key(self, block: Block, seen: dict[str, int]) -> str:
        """The block's key after the blocks counted in `seen` (which it joins)."""
        if block.digest in seen:
            return self._key(block, seen)
        seen[block.digest] = 1
        return block.digest

    def _emit(
        self,
        chunk: Chunk,
        line: int,
        key_of: Callable[[Block], str],
        out: list[RenderedBlock],
    ) -> None:
        """Append the chunk's blocks, keyed and placed at document line `line`."""
        for block in chunk.blocks or ():
            key = key_of(block)
            start, end = block.start + line, block.end + line
            last = block.last
            if last is None or last.key != key or last.line_start != start:
                last = RenderedBlock(key, wrap_block(block.inner, start, end), start, end)
                block.last = last
            out.append(last)

    def _key(self, block: Block, seen: dict[str, int]) -> str:
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

    def _render_chunk(self, chunk: Chunk, env: dict[str, Any]) -> list[Block]:
        """Each top-level block of a parsed chunk as HTML, in chunk-local lines."""
        md = self._renderer.markdown_it
        blocks: list[Block] = []
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
            blocks.append(Block(line_start, line_end, inner, content_digest(inner)))
        return blocks
