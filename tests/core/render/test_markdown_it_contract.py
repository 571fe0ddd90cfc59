"""The markdown-it-py / mdit-py-plugins internals the renderers rely on keep their shape.

Postdesk reaches past markdown-it's public API: the incremental renderer runs the core rule
chain in two phases over StateCore objects it builds, seeds and reads the footnote plugin's
env layout, the guard wraps the block parser's tokenize, and the flavour rewrites tokens and
overrides render rules by token type. An upgrade that changes any of these would not raise:
it would quietly render a wrong preview. Each test checks one internal on the installed
versions and, if it changed, says what changed and where Postdesk uses it.

Third-party internals are imported through `internal()` and Postdesk's modules inside the
fixtures, so a moved name fails one test with that message instead of the whole collection.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator, Sequence
from dataclasses import fields
from importlib.metadata import version
from typing import Any

import pytest
from markdown_it import MarkdownIt

VERSIONS = ", ".join(
    f"{name} {version(name)}" for name in ("markdown-it-py", "mdit-py-plugins", "linkify-it-py")
)


def changed(what: str, where: str) -> str:
    """The failure message: what no longer holds, on which versions, and who relies on it."""
    return f"{what} (installed: {VERSIONS}). Postdesk relies on it in {where}."


def internal(module: str, name: str) -> Any:
    """`module.name`, or a failure that says it moved."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        pytest.fail(changed(f"{module}.{name} is gone ({error})", "the import list below"))


def walk(tokens: Sequence[Any]) -> Iterator[Any]:
    """Every token, with the children of inline tokens after their parent."""
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


@pytest.fixture(scope="module")
def md() -> MarkdownIt:
    """The parser exactly as the renderers configure it."""
    from editor.core.render.markdown import MarkdownRenderer

    return MarkdownRenderer().markdown_it


@pytest.fixture
def bare() -> MarkdownIt:
    """markdown-it with the plugins as Postdesk loads them, without Postdesk's own rules."""
    footnote_plugin = internal("mdit_py_plugins.footnote", "footnote_plugin")
    tasklists_plugin = internal("mdit_py_plugins.tasklists", "tasklists_plugin")
    bare = MarkdownIt("commonmark", {"linkify": True, "typographer": True})
    bare.use(tasklists_plugin, enabled=False)
    bare.use(footnote_plugin, inline=False)
    bare.enable(["table", "strikethrough", "linkify"])
    return bare


def core_phases(md: MarkdownIt) -> tuple[list[Any], list[Any], Any]:
    """The core rules as IncrementalRenderer splits them: block phase, inline phase, tail."""
    rules = [(rule.name, rule.fn) for rule in md.core.ruler.__rules__ if rule.enabled]
    names = [name for name, _ in rules]
    split = names.index("block") + 1
    inline = [fn for name, fn in rules[split:] if name != "footnote_tail"]
    tail = next(fn for name, fn in rules if name == "footnote_tail")
    return [fn for _, fn in rules[:split]], inline, tail


IMPORTED = [
    ("markdown_it.token", "Token", "every render module"),
    ("markdown_it.renderer", "RendererHTML", "flavour.py and rules.py (render rules)"),
    ("markdown_it.rules_core", "StateCore", "flavour.py, footnotes.py, incremental.py"),
    ("markdown_it.rules_block", "StateBlock", "guard.py (note_nesting_cap)"),
    ("markdown_it.utils", "EnvType", "flavour.py and rules.py (render rule signatures)"),
    ("markdown_it.utils", "OptionsDict", "flavour.py and rules.py (render rule signatures)"),
    ("markdown_it.common.utils", "escapeHtml", "highlight.py (mermaid_html)"),
    ("markdown_it.common.utils", "unescapeAll", "highlight.py (fence_language)"),
    ("mdit_py_plugins.footnote", "footnote_plugin", "markdown.py (MarkdownRenderer)"),
    ("mdit_py_plugins.tasklists", "tasklists_plugin", "markdown.py (MarkdownRenderer)"),
    ("mdurl", "encode", "flavour.py (footnote_slug)"),
    ("linkify_it", "LinkifyIt", "flavour.py (GfmLinkify)"),
]


@pytest.mark.parametrize(
    ("module", "name", "where"), IMPORTED, ids=[f"{m}.{n}" for m, n, _ in IMPORTED]
)
def test_every_imported_internal_still_exists(module: str, name: str, where: str) -> None:
    """The non-top-level names the render modules import are where they import them from."""
    try:
        getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as error:
        pytest.fail(changed(f"{module}.{name} is gone ({error})", f"editor/core/render: {where}"))


def test_plugins_take_the_options_postdesk_passes() -> None:
    """footnote_plugin(inline=False) and tasklists_plugin(enabled=False) are still options."""
    footnote = inspect.signature(internal("mdit_py_plugins.footnote", "footnote_plugin"))
    tasklists = inspect.signature(internal("mdit_py_plugins.tasklists", "tasklists_plugin"))
    where = "markdown.py (MarkdownRenderer.__init__)"
    assert "inline" in footnote.parameters, changed("footnote_plugin lost `inline`", where)
    assert "enabled" in tasklists.parameters, changed("tasklists_plugin lost `enabled`", where)


def test_rules_postdesk_enables_exist() -> None:
    """Every rule name use_astro_flavour enables is in one of markdown-it's chains."""
    md = MarkdownIt("commonmark")
    known = {
        *md.core.ruler.get_all_rules(),
        *md.block.ruler.get_all_rules(),
        *md.inline.ruler.get_all_rules(),
        *md.inline.ruler2.get_all_rules(),
    }
    for name in ("table", "strikethrough", "linkify", "smartquotes", "replacements"):
        assert name in known, changed(
            f'no rule "{name}" any more', "flavour.py (use_astro_flavour)"
        )


def test_options_postdesk_reads_and_sets() -> None:
    """typographer and maxNesting read as attributes; strikethrough_single_tilde still works."""
    from editor.core.render.flavour import FLAVOUR_OPTIONS

    md = MarkdownIt("commonmark", dict(FLAVOUR_OPTIONS)).enable("strikethrough")
    assert md.options.typographer is True, changed(
        "md.options.typographer no longer reads the option", "flavour.py (smartypants_rule)"
    )
    assert isinstance(md.options.maxNesting, int), changed(
        "md.options.maxNesting is no int", "guard.py (note_nesting_cap)"
    )
    single = {token.type for token in walk(md.parse("~one~"))}
    strict = MarkdownIt("commonmark", {**FLAVOUR_OPTIONS, "strikethrough_single_tilde": False})
    double_only = {token.type for token in walk(strict.enable("strikethrough").parse("~one~"))}
    assert "s_open" in single and "s_open" not in double_only, changed(
        'the option "strikethrough_single_tilde" no longer decides whether ~one~ strikes',
        "flavour.py (FLAVOUR_OPTIONS: GFM strikes ~one~)",
    )


def test_core_chain_splits_into_the_phases_the_incremental_renderer_runs(md: MarkdownIt) -> None:
    """Ruler.__rules__ holds name/fn/enabled, and the chain is normalize, block, then the rest."""
    where = "incremental.py (IncrementalRenderer.__init__ reads md.core.ruler.__rules__)"
    rules = getattr(md.core.ruler, "__rules__", None)
    assert isinstance(rules, list), changed("Ruler.__rules__ is no list", where)
    for rule in rules:
        for attribute in ("name", "fn", "enabled"):
            assert hasattr(rule, attribute), changed(f"a core Rule has no .{attribute}", where)
    names = [rule.name for rule in rules if rule.enabled]
    assert names[:2] == ["normalize", "block"], changed(
        f"the core chain no longer starts with normalize, block: {names}",
        f"{where}: per chunk, the rules up to block run before the document's references"
        " are known; the rest run after",
    )
    assert "footnote_tail" in names and names.index("footnote_tail") > names.index("inline"), (
        changed(
            f'the footnote plugin\'s "footnote_tail" core rule is not after "inline": {names}',
            "incremental.py (runs it once, via footnotes.footnote_section)",
        )
    )
    assert names.index("linkify") < names.index("replacements"), changed(
        f'"linkify" no longer runs before "replacements": {names}',
        "flavour.py (smartypants_rule, in replacements' place, skips text inside autolinks)",
    )
    assert names.index("github-tasklists") < names.index("postdesk_gfm_tasks"), changed(
        f'the tasklists plugin\'s core rule "github-tasklists" is gone or moved: {names}',
        "flavour.py (gfm_task_rule rewrites its checkboxes after it)",
    )
    from editor.core.render.flavour import smartypants_rule

    replaced = next(rule.fn for rule in rules if rule.name == "replacements")
    assert replaced is smartypants_rule, changed(
        "Ruler.at no longer replaces a rule's function in place", "flavour.py (use_astro_flavour)"
    )


def test_render_rules_postdesk_overrides_are_token_types_markdown_it_produces(
    md: MarkdownIt,
) -> None:
    """add_render_rule is keyed by token type: each overridden type still occurs."""
    source = (
        "| a | b |\n|:-|:-:|\n| 1 | 2 |\n\n~gone~ cited[^n]\n\n[^n]: the note\n\n"
        "```py\nx = 1\n```\n\n![alt](hero.png)\n"
    )
    types = {token.type for token in walk(md.parse(source, {}))}
    overridden = {
        "th_open": "flavour.py (_cell_open)",
        "td_open": "flavour.py (_cell_open)",
        "s_open": "flavour.py (_del_open)",
        "s_close": "flavour.py (_del_close)",
        "footnote_ref": "flavour.py (_footnote_ref)",
        "footnote_block_open": "flavour.py (_footnote_block_open)",
        "footnote_block_close": "flavour.py (_footnote_block_close)",
        "footnote_open": "flavour.py (_footnote_open)",
        "footnote_close": "flavour.py (_footnote_close)",
        "footnote_anchor": "flavour.py (_footnote_anchor)",
        "fence": "rules.py (make_fence_rule)",
        "image": "rules.py (render_image)",
    }
    for token_type, where in overridden.items():
        assert token_type in types, changed(f'no "{token_type}" token any more', where)


def test_render_rules_are_called_bound_to_the_renderer() -> None:
    """A rule added by add_render_rule gets (renderer, tokens, idx, options, env)."""
    md = MarkdownIt("commonmark")
    calls: list[tuple[Any, ...]] = []

    def rule(self: Any, tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
        calls.append((self, tokens[idx].type, options, env))
        return ""

    md.add_render_rule("text", rule)
    env = {"postdesk": True}
    md.render("word", env)
    assert calls == [(md.renderer, "text", md.options, env)], changed(
        f"a render rule is called otherwise: {calls}", "flavour.py and rules.py (every rule)"
    )


def test_renderer_methods_postdesk_calls_keep_their_parameters() -> None:
    """fence, image, renderInlineAsText, renderAttrs and render take what Postdesk passes."""
    renderer = internal("markdown_it.renderer", "RendererHTML")
    expected = {
        "fence": (["self", "tokens", "idx", "options", "env"], "rules.py (make_fence_rule)"),
        "image": (["self", "tokens", "idx", "options", "env"], "rules.py (render_image)"),
        "renderInlineAsText": (["self", "tokens", "options", "env"], "rules.py (render_image)"),
        "renderAttrs": (["token"], "flavour.py (_cell_open)"),
        "render": (["self", "tokens", "options", "env"], "markdown.py and incremental.py"),
    }
    for method, (parameters, where) in expected.items():
        found = list(inspect.signature(getattr(renderer, method)).parameters)
        assert found == parameters, changed(f"RendererHTML.{method}{found}", where)


def test_token_has_the_fields_and_methods_postdesk_reads() -> None:
    """Token's fields, attrs as a dict, attrGet/attrSet, and copy(attrs=...) as a new token."""
    token_class = internal("markdown_it.token", "Token")
    where = "flavour.py, rules.py, markdown.py, footnotes.py, chunk_state.py, incremental.py"
    names = {field.name for field in fields(token_class)}
    for name in ("type", "tag", "nesting", "attrs", "map", "level", "children", "content"):
        assert name in names, changed(f"Token has no field {name}", where)
    for name in ("info", "meta"):
        assert name in names, changed(f"Token has no field {name}", where)
    token = token_class("image", "img", 0, attrs={"src": "a.png", "alt": ""})
    token.attrSet("id", "x")
    assert token.attrGet("src") == "a.png" and token.attrs["id"] == "x", changed(
        "Token.attrGet/attrSet/attrs disagree", "rules.py (add_heading_ids, render_image)"
    )
    copy = token.copy(attrs={**token.attrs, "src": "b.png"})
    assert (copy.attrGet("src"), token.attrGet("src")) == ("b.png", "a.png"), changed(
        "Token.copy(attrs=...) no longer makes an independent copy",
        "rules.py (render_image) and flavour.py (_cell_open)",
    )


def test_table_cells_carry_their_alignment_as_a_style(md: MarkdownIt) -> None:
    """An aligned column's cells hold style="text-align:..." (hast wants align= instead)."""
    tokens = md.parse("| a |\n|:-:|\n| 1 |\n")
    styles = {t.attrGet("style") for t in tokens if t.type in ("th_open", "td_open")}
    assert styles == {"text-align:center"}, changed(
        f"table cell alignment is now {styles}", "flavour.py (_cell_open)"
    )


def test_autolinks_are_marked_with_info_auto(md: MarkdownIt) -> None:
    """Links made by linkify and by <...> autolinks have link_open/close.info == "auto"."""
    tokens = list(walk(md.parse("see www.example.com and <https://example.org>\n")))
    infos = [t.info for t in tokens if t.type in ("link_open", "link_close")]
    assert infos == ["auto"] * 4, changed(
        f"autolink tokens' info is now {infos}", "flavour.py (smartypants_rule)"
    )


def test_markdown_it_calls_only_the_linkify_methods_gfm_linkify_has() -> None:
    """md.linkify is asked pretest/test/match/match_at_start only, and matches keep their fields."""
    linkify_it = internal("linkify_it", "LinkifyIt")()
    called: set[str] = set()

    class Recording:
        # No __getattr__: a method markdown-it starts calling fails here, by name.
        def pretest(self, text: str) -> Any:
            called.add("pretest")
            return linkify_it.pretest(text)

        def test(self, text: str) -> Any:
            called.add("test")
            return linkify_it.test(text)

        def match(self, text: str) -> Any:
            called.add("match")
            return linkify_it.match(text)

        def match_at_start(self, text: str) -> Any:
            called.add("match_at_start")
            return linkify_it.match_at_start(text)

    md = MarkdownIt("commonmark", {"linkify": True}).enable("linkify")
    md.linkify = Recording()
    where = "flavour.py (GfmLinkify replaces md.linkify)"
    try:
        html = md.render("www.example.com and https://example.org/x\n")
    except AttributeError as error:
        pytest.fail(changed(f"markdown-it asks md.linkify for more ({error})", where))
    assert html.count("<a ") == 2 and called, changed(
        "linkify no longer goes through md.linkify", where
    )
    matches = linkify_it.match("example.com www.example.com https://example.org")
    kept = [(m.schema, m.raw) for m in matches]
    assert kept == [
        ("", "example.com"),
        ("", "www.example.com"),
        ("https:", "https://example.org"),
    ], changed(f"linkify-it's matches now read {kept}", "flavour.py (GfmLinkify._keep)")


def test_tasklists_plugin_writes_the_checkboxes_the_flavour_rewrites(bare: MarkdownIt) -> None:
    """The plugin's checkbox is html_inline, first in the inline two tokens after list_item_open."""
    from editor.core.render.flavour import _GFM_TASK

    tokens = bare.parse("- [ ] open\n- [x] done\n")
    boxes = [
        (tokens[index - 2].type, token.children[0].type, token.children[0].content)
        for index, token in enumerate(tokens)
        if token.type == "inline" and token.children
    ]
    expected = [("list_item_open", "html_inline", box) for box in _GFM_TASK]
    assert boxes == expected, changed(
        f"the tasklists plugin's checkboxes are now {boxes}", "flavour.py (gfm_task_rule)"
    )


def test_nested_blocks_go_through_the_instance_tokenize_and_stop_at_max_nesting() -> None:
    """block.tokenize(state, startLine, endLine) is looked up per call; too deep is dropped."""
    state_block = internal("markdown_it.rules_block", "StateBlock")
    parser_block = internal("markdown_it.parser_block", "ParserBlock")
    where = "guard.py (note_nesting_cap wraps md.block.tokenize; TOO_DEEP_KEY)"
    parameters = list(inspect.signature(parser_block.tokenize).parameters)
    assert parameters == ["self", "state", "startLine", "endLine"], changed(
        f"ParserBlock.tokenize{parameters}", where
    )
    md = MarkdownIt("commonmark")
    tokenize = md.block.tokenize
    seen: list[tuple[int, bool]] = []
    env: dict[str, Any] = {}

    def recording(state: Any, start_line: int, end_line: int) -> None:
        assert isinstance(state, state_block), changed("tokenize gets no StateBlock", where)
        seen.append((state.level, state.env is env))
        tokenize(state, start_line, end_line)

    md.block.tokenize = recording  # type: ignore[method-assign, assignment]
    md.parse("> > quoted\n", env)
    assert seen == [(0, True), (1, True), (2, True)], changed(
        f"nested blocks no longer call state.md.block.tokenize with level and env: {seen}", where
    )
    deep = ">" * (md.options.maxNesting + 5) + " deep\n"
    contents = [token.content for token in walk(MarkdownIt("commonmark").parse(deep))]
    assert not any("deep" in content for content in contents), changed(
        "markdown-it no longer drops what is nested deeper than maxNesting", where
    )


def test_two_phase_parse_collects_references_first_and_resolves_them_after(md: MarkdownIt) -> None:
    """Block rules fill env["references"]; inline rules look labels up through it as a mapping."""
    state_core = internal("markdown_it.rules_core", "StateCore")
    block_rules, inline_rules, _ = core_phases(md)
    where = "incremental.py (_parse_blocks, _finish) and chunk_state.py (RecordingRefs)"

    env: dict[str, Any] = {"references": {}}
    definitions = state_core("[Label]: /target 'Title'\n", md, env)
    for rule in block_rules:
        rule(definitions)
    reference = env["references"].get("LABEL")
    assert reference is not None and reference["href"] == "/target", changed(
        f"block rules leave references as {env['references']}", where
    )

    class Recording(dict[str, Any]):
        def __init__(self, refs: dict[str, Any]) -> None:
            super().__init__(refs)
            self.looked_up: set[str] = set()

        def get(self, key: str, default: Any = None) -> Any:
            self.looked_up.add(key)
            return super().get(key, default)

        def __contains__(self, key: object) -> bool:
            self.looked_up.add(str(key))
            return super().__contains__(key)

        def __getitem__(self, key: str) -> Any:
            self.looked_up.add(key)
            return super().__getitem__(key)

    citing = state_core("see [it][label]\n", md, {"references": {}})
    for rule in block_rules:
        rule(citing)
    assert all(not t.children for t in citing.tokens), changed(
        "the block phase already parses inline content", where
    )
    refs = Recording(env["references"])
    resolved = state_core("see [it][label]\n", md, {"references": refs})
    resolved.tokens = citing.tokens
    for rule in inline_rules:
        rule(resolved)
    hrefs = [t.attrGet("href") for t in walk(resolved.tokens) if t.type == "link_open"]
    assert hrefs == ["/target"] and "LABEL" in refs.looked_up, changed(
        f"inline rules resolve references otherwise (links {hrefs}, lookups {refs.looked_up})",
        where,
    )


def test_footnote_plugin_env_layout_and_tail(md: MarkdownIt) -> None:
    """env["footnotes"]: refs ":label" -> id, list id -> {label, count}; the tail reads it."""
    state_core = internal("markdown_it.rules_core", "StateCore")
    block_rules, inline_rules, tail = core_phases(md)
    where = "incremental.py (_render_all seeds env['footnotes'], _footnotes_block) and footnotes.py"

    env: dict[str, Any] = {"references": {}}
    definition = state_core("[^a]: the note\n", md, env)
    for rule in block_rules:
        rule(definition)
    assert env.get("footnotes", {}).get("refs") == {":a": -1}, changed(
        f"a footnote definition leaves env['footnotes'] as {env.get('footnotes')}", where
    )
    opening = definition.tokens[0]
    assert (opening.type, opening.meta.get("label")) == ("footnote_reference_open", "a"), changed(
        f"a definition now opens with {opening.type} {opening.meta}",
        "footnotes.py (take_definitions)",
    )

    # As the incremental renderer does: the numbering shared by chunks, seeded with the labels.
    footnotes: dict[str, Any] = {"refs": {":a": -1}, "list": {}}
    citing = state_core("cited[^a]\n", md, {"references": {}, "footnotes": footnotes})
    for rule in block_rules:
        rule(citing)
    for rule in inline_rules:
        rule(citing)
    refs = [t.meta for t in walk(citing.tokens) if t.type == "footnote_ref"]
    assert refs == [{"id": 0, "subId": 0, "label": "a"}], changed(
        f"footnote_ref meta is now {refs}", f"{where}, rules.py (heading_text), flavour.py"
    )
    assert footnotes == {"refs": {":a": 0}, "list": {0: {"label": "a", "count": 1}}}, changed(
        f"citing a footnote leaves env['footnotes'] as {footnotes}", where
    )

    for rule in inline_rules:
        rule(definition)
    section = state_core("", md, {"references": {}, "footnotes": footnotes})
    section.tokens = list(definition.tokens)
    tail(section)
    types = [t.type for t in section.tokens]
    assert types[0] == "footnote_block_open" and types[-1] == "footnote_block_close", changed(
        f"footnote_tail now builds {types}", "footnotes.py (footnote_section)"
    )
    assert "footnote_reference_open" not in types, changed(
        "footnote_tail no longer takes the definitions out of the flow",
        "footnotes.py (take_definitions mirrors it)",
    )
    metas = [t.meta for t in section.tokens if t.type in ("footnote_open", "footnote_anchor")]
    assert metas == [{"id": 0, "label": "a"}, {"id": 0, "subId": 0, "label": "a"}], changed(
        f"footnote_open/footnote_anchor meta is now {metas}", "flavour.py (footnote render rules)"
    )
    untouched = state_core("", md, {"references": {}})
    untouched.tokens = list(definition.tokens)
    tail(untouched)
    assert untouched.tokens == definition.tokens, changed(
        "footnote_tail acts without env['footnotes']", "incremental.py (_finish)"
    )


@pytest.mark.parametrize(
    ("source", "kind", "end"),
    [
        ("```\ncode\n\nmore\n", "fence", 4),
        ("```\ncode\n```\n\nafter\n", "fence", 3),
        ("<!--\nnote\n\nmore\n", "html_block", 4),
        ("<!--\nnote\n-->\n\nafter\n", "html_block", 3),
    ],
    ids=["open-fence", "closed-fence", "open-comment", "closed-comment"],
)
def test_an_open_fence_or_html_block_maps_to_the_end_of_the_source(
    md: MarkdownIt, source: str, kind: str, end: int
) -> None:
    """A block left open runs to the last line; a closed one ends after its closing line."""
    first = md.parse(source)[0]
    assert (first.type, first.level, first.map) == (kind, 0, [0, end]), changed(
        f"{kind} now maps to {first.map} at level {first.level}", "chunk_state.py (ends_open)"
    )


def test_mdurl_encodes_like_remark() -> None:
    """mdurl.encode percent-encodes spaces and keeps existing escapes (footnote ids)."""
    encode = internal("mdurl", "encode")
    assert encode("a b%20é") == "a%20b%20%C3%A9", changed(
        f"mdurl.encode gives {encode('a b%20é')!r}", "flavour.py (footnote_slug)"
    )
