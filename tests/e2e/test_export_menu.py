"""End to end: File › Export as HTML writes what the preview shows, as one script-free file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from editor.core import resources
from editor.core.render.export_pass import MERMAID_NOTE

pytestmark = pytest.mark.e2e

POST = "src/content/blog/ko/postgresql-index-tuning.md"
TITLE = "EXPLAIN ANALYZE로 시작하는 PostgreSQL 인덱스 튜닝"


@pytest.fixture
def window(qtbot, make_window, sample_site: Path):
    """The main window on the sample site's post with a diagram, drawn."""
    window = make_window()
    with qtbot.waitSignal(window.preview.rendered, timeout=60_000):
        window.open_workspace(sample_site, sample_site / POST)
    return window


@pytest.mark.skipif(resources.mermaid_bundle() is None, reason="needs `npm ci --prefix resources`")
def test_export_writes_the_text_as_typed_with_diagram_svg_and_hero(
    qtbot, window, sample_site: Path, dialogs, tmp_path: Path
):
    # Typed just before exporting: the export waits for the preview to show it.
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("\n방금 쓴 마지막 문장.\n")
    out = tmp_path / "out.html"
    dialogs.export_files.append(out)
    with qtbot.waitSignal(window.html_export.finished, timeout=30_000):
        window.export_html()

    html = out.read_text(encoding="utf-8")
    assert dialogs.asked[-1] == "export:postgresql-index-tuning.html"
    assert f"<title>{TITLE}</title>" in html and '<html lang="ko">' in html
    assert "방금 쓴 마지막 문장." in html
    svg = re.search(r"<svg\b.*?</svg>", html, re.DOTALL)
    assert svg and "느린 쿼리" in svg.group(0), "the diagram as drawn, Korean labels included"
    assert MERMAID_NOTE not in html
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]{1000,}"', html)
    assert "<script" not in html.lower()
    body = html[html.index("<body") :]
    assert "pd-group" not in body, "the page's grouping of blocks stays in the page"
    assert window.session.is_modified(), "exporting does not save the post"


def test_export_failures_are_reported_and_leave_nothing_behind(
    qtbot, window, sample_site: Path, dialogs, tmp_path: Path
):
    post = sample_site / POST
    dialogs.errors = []
    # The post itself is refused before anything is written.
    dialogs.export_files.append(post)
    before = post.read_bytes()
    window.export_html()
    assert "is the post itself" in dialogs.errors[-1]
    assert post.read_bytes() == before
    # A folder that does not exist: the writer is told why.
    missing = tmp_path / "no-such-folder" / "out.html"
    dialogs.export_files.append(missing)
    with qtbot.waitSignal(window.html_export.failed, timeout=30_000):
        window.export_html()
    assert "Could not export" in dialogs.errors[-1] and "no-such-folder" in dialogs.errors[-1]
    assert not missing.parent.exists()
    # Cancelling the dialog does nothing: no error, and no export left waiting (the next
    # one is not refused as "already being written").
    dialogs.export_files.append(None)
    errors = len(dialogs.errors)
    window.export_html()
    assert len(dialogs.errors) == errors
    out = tmp_path / "after-cancel.html"
    dialogs.export_files.append(out)
    with qtbot.waitSignal(window.html_export.finished, timeout=30_000):
        window.export_html()
    assert out.exists()


def test_opening_another_post_before_the_export_is_drawn_exports_nothing(
    qtbot, window, sample_site: Path, dialogs, tmp_path: Path
):
    dialogs.errors = []
    window.editor.textCursor().insertText("edited ")  # the export must wait for this render
    out = tmp_path / "out.html"
    dialogs.export_files.append(out)
    window.export_html()
    window.editor.document().setModified(False)
    window.open_post(sample_site / "src/content/blog/en/astro-build-pipeline.md")
    with qtbot.waitSignal(window.html_export.failed, timeout=30_000):
        pass
    assert "Another post was opened" in dialogs.errors[-1]
    assert not out.exists()
