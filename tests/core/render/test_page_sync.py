"""The page sync: one payload per render, splices while the page holds the previous one."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from editor.core.render import IncrementalRenderer, MarkdownRenderer
from editor.core.render.block_diff import RenderOutcome
from editor.core.render.markdown import RenderedBlock, RenderedPost
from editor.core.render.page_sync import PageRender, PageSync, Payload, post_id_of

_RENDERER = MarkdownRenderer()

LONG = "\n".join(f"## Part {n}\n\nParagraph {n} of a long post.\n" for n in range(200))


@dataclass
class ModelPage:
    """What preview.js does with a payload (applyRun), on a list of (key, line, end)."""

    post_id: str | None = None
    blocks: list[tuple[str, int, int]] = field(default_factory=list)
    html: dict[str, str] = field(default_factory=dict)  # the html each node was made from
    drawn: list[int] = field(default_factory=list)

    def update(self, p: Payload) -> bool:
        """Apply a payload; False when the page would report "missing"."""
        if p["postId"] != self.post_id:
            if p["remove"] is not None:
                return False
            self.post_id, self.blocks, self.html = p["postId"], [], {}
        start = int(p["start"])
        stop = len(self.blocks) if p["remove"] is None else start + int(p["remove"])
        nodes = {key for key, _, _ in self.blocks[start:stop]}
        run = []
        missing = False
        for item in p["blocks"]:
            key = item["key"]
            if key not in nodes:
                if "html" not in item:
                    missing = True
                    continue
                self.html[key] = item["html"]
            run.append((key, item["line"], item["end"]))
        shift = int(p["shift"])
        tail = [(key, a + shift, b + shift) for key, a, b in self.blocks[stop:]]
        self.blocks = [*self.blocks[:start], *run, *tail]
        if missing or len(self.blocks) != p["total"]:
            return False
        self.drawn.append(int(p["seq"]))
        return True

    def holds(self, post: RenderedPost) -> bool:
        """Whether the page shows exactly these blocks, each from its own html."""
        return self.blocks == [(b.key, b.line_start, b.line_end) for b in post.blocks] and all(
            _inner(self.html[b.key]) == _inner(b.html) for b in post.blocks
        )


def _inner(html: str) -> str:
    return html[html.index(">") + 1 :]


class Editor:
    """An open post typed in: renders with the incremental renderer, numbered like requests."""

    def __init__(self, text: str, post_id: str | None = "/site/post.md") -> None:
        self.text = text
        self.post_id = post_id
        self.renderer = IncrementalRenderer(_RENDERER)
        self.seq = 0
        self.outcome: RenderOutcome | None = None

    def render(self, seq: int) -> RenderOutcome:
        self.seq = seq
        self.outcome = self.renderer.render(self.text)
        return self.outcome


def _ready_sync_with(editor: Editor, page: ModelPage) -> PageSync:
    sync = PageSync()
    sync.page_ready()
    assert page.update(sync.payload_for(1, editor.post_id, editor.render(1)))
    return sync


def test_a_loading_page_gets_every_block_with_its_html_and_then_only_splices():
    """Before the page is ready the payload stands alone; once it ran, typing sends a splice
    of the one changed block."""
    sync, page, editor = PageSync(), ModelPage(), Editor(LONG)
    first = sync.payload_for(1, editor.post_id, editor.render(1))
    assert first["remove"] is None and all("html" in item for item in first["blocks"])
    sync.page_ready()
    assert page.update(first)
    editor.text = LONG.replace("Paragraph 100 of", "Paragraph 100 가 of")
    payload = sync.payload_for(2, editor.post_id, editor.render(2))
    assert payload["remove"] == 1 and len(payload["blocks"]) == 1
    assert payload["total"] == 400
    assert page.update(payload) and page.holds(editor.outcome.post)


def test_a_new_line_moves_the_blocks_after_it_and_sends_no_html_for_reused_keys():
    page, editor = ModelPage(), Editor(LONG)
    sync = _ready_sync_with(editor, page)
    at = LONG.index("Paragraph 10 of")
    editor.text = LONG[:at] + "\n" + LONG[at:]
    payload = sync.payload_for(2, editor.post_id, editor.render(2))
    assert payload["shift"] == 1
    assert all("html" not in item for item in payload["blocks"])
    assert page.update(payload) and page.holds(editor.outcome.post)


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_and_page_answers_keep_the_page_equal_to_the_newest_render(seed: int):
    """Edits, "missing" answers, reloads and post switches in any order: after each, the
    model page holds exactly the newest render, and every edit in sync was a splice."""
    rng = random.Random(seed)
    editors = [Editor(LONG), Editor(LONG.replace("Part", "Teil"), "/site/other.md")]
    editor = editors[0]
    page = ModelPage()
    sync = _ready_sync_with(editor, page)
    seq = 1
    for _ in range(60):
        action = rng.choice(["edit"] * 6 + ["missing", "reload", "switch"])
        if action == "missing":
            page.blocks = page.blocks[: rng.randrange(len(page.blocks) + 1)]  # nodes lost
            payload = sync.page_missing()
            assert payload is not None and payload["remove"] is None
            assert all("html" in item for item in payload["blocks"])
            assert page.update(payload)
            continue
        if action == "reload":
            payload = sync.page_reloading()
            assert not sync.is_ready
            page = ModelPage()
            if rng.random() < 0.5:  # the writer types while the page loads
                seq += 1
                payload = sync.payload_for(seq, editor.post_id, editor.render(seq))
            sync.page_ready()
            assert payload is not None and page.update(payload)
            assert page.holds(editor.outcome.post)
            continue
        if action == "switch":
            editor = editors[1] if editor is editors[0] else editors[0]
        else:
            at = rng.randrange(len(editor.text))
            editor.text = (
                editor.text[:at]
                + rng.choice(["가", "\n", "\n\n", "## ", ""])
                + (editor.text[at + rng.choice([0, 0, 1, 5]) :])
            )
        seq += 1
        in_sync = page.post_id == editor.post_id and page.drawn and page.drawn[-1] == seq - 1
        payload = sync.payload_for(seq, editor.post_id, editor.render(seq))
        if action == "edit" and in_sync:
            assert payload["remove"] is not None, "an edit of the post the page holds splices"
        assert page.update(payload)
        assert page.holds(editor.outcome.post)
        sync.page_drew(seq)
        assert sync.drawn() == PageRender(seq, editor.post_id)


def test_a_splice_from_another_render_than_the_page_holds_is_sent_as_keyed_blocks():
    """The page holds render 1; a renderer's outcome spliced from something else: every key
    is sent, html only for keys the page lacks."""
    page, editor = ModelPage(), Editor(LONG)
    sync = _ready_sync_with(editor, page)
    elsewhere = Editor(LONG.replace("Part 5\n", "Part 5 bis\n"))
    elsewhere.render(1)
    elsewhere.text = LONG.replace("Part 7\n", "Part 7 bis\n")
    outcome = elsewhere.render(2)
    payload = sync.payload_for(2, editor.post_id, outcome)
    assert payload["remove"] is None and len(payload["blocks"]) == 400
    with_html = [item["key"] for item in payload["blocks"] if "html" in item]
    assert len(with_html) == 1 and "Part 7 bis" in outcome.post.blocks[14].html
    assert page.update(payload) and page.holds(outcome.post)


def test_a_splice_of_a_post_the_page_does_not_show_is_never_sent():
    """After another post was shown, the first post's next edit comes whole, with html."""
    page, editor = ModelPage(), Editor(LONG)
    sync = _ready_sync_with(editor, page)
    other = Editor("Other post.\n", "/site/other.md")
    assert page.update(sync.payload_for(2, other.post_id, other.render(2)))
    editor.text = LONG + "\nMore.\n"
    payload = sync.payload_for(3, editor.post_id, editor.render(3))
    assert editor.outcome is not None and editor.outcome.splice is not None
    assert payload["remove"] is None and all("html" in i for i in payload["blocks"])
    assert page.update(payload) and page.holds(editor.outcome.post)


def test_a_page_that_did_not_run_the_last_payload_gets_the_next_one_whole():
    """A "missing" answer makes the page's content unknown until it is sent whole again."""
    page, editor = ModelPage(), Editor(LONG)
    sync = _ready_sync_with(editor, page)
    editor.text = LONG + "\nMore.\n"
    lost = sync.payload_for(2, editor.post_id, editor.render(2))
    assert lost["remove"] is not None  # a splice the page never receives
    resend = sync.page_missing()
    assert resend is not None and resend["seq"] == 2 and resend["remove"] is None
    assert page.update(resend) and page.holds(editor.outcome.post)
    editor.text += "\nAnd more.\n"
    assert sync.payload_for(3, editor.post_id, editor.render(3))["remove"] is not None


def test_stale_rendered_reports_do_not_count_as_drawn():
    """Only the newest render sent counts as drawn; an older seq's report is ignored."""
    sync, editor = PageSync(), Editor(LONG)
    sync.page_ready()
    sync.payload_for(1, editor.post_id, editor.render(1))
    editor.text += "\nx\n"
    sync.payload_for(2, editor.post_id, editor.render(2))
    sync.page_drew(1)
    assert sync.drawn() is None
    sync.page_drew(2)
    assert sync.drawn() == PageRender(2, editor.post_id)
    editor.text += "\ny\n"
    sync.payload_for(3, editor.post_id, editor.render(3))
    sync.page_drew(2)
    assert sync.drawn() == PageRender(2, editor.post_id), "drawn stays until 3 is drawn"


def test_clear_empties_the_page_and_the_next_post_comes_whole():
    page, editor = ModelPage(), Editor(LONG)
    sync = _ready_sync_with(editor, page)
    sync.page_drew(1)
    empty = sync.clear()
    assert empty["postId"] is None and empty["blocks"] == [] and empty["remove"] is None
    assert sync.drawn() is None
    assert page.update(empty) and page.blocks == []
    editor.text += "\nMore.\n"
    payload = sync.payload_for(2, editor.post_id, editor.render(2))
    assert payload["remove"] is None and all("html" in i for i in payload["blocks"])


def test_nothing_to_resend_before_the_first_render():
    sync = PageSync()
    assert sync.page_missing() is None
    assert sync.page_reloading() is None


def test_post_ids_are_the_post_paths():
    assert post_id_of(Path("/site/a.md")) == str(Path("/site/a.md"))
    assert post_id_of(None) is None


def test_the_header_travels_with_every_payload():
    sync = PageSync()
    block = RenderedBlock("k" * 16, '<div class="pd-block">x</div>', 0, 1)
    post = RenderedPost("<h1>T</h1>", (block,))
    assert sync.payload_for(1, "p", RenderOutcome(post))["header"] == "<h1>T</h1>"
