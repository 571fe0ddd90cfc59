"""Quick open in the real window on the sample site: Ctrl+P, type, Enter opens the post."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListView

from editor.core.workspace import PostEntry
from editor.core.workspace.quick_open import QuickOpenMatch
from editor.ui.main_window import MainWindow
from editor.ui.quick_open import MATCH_ROLE, QuickOpenSearch
from tests.qt_support import named, type_text
from tests.qt_support import open_site as open_workspace

PG_KO = "src/content/blog/ko/postgresql-index-tuning.md"
PG_KO_TITLE = "EXPLAIN ANALYZE로 시작하는 PostgreSQL 인덱스 튜닝"


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def open_site(qtbot, window: MainWindow, site: Path, post: Path | None = None) -> None:
    """Open the site and wait until its first post is in the editor too."""
    open_workspace(qtbot, window, site, post)
    qtbot.waitUntil(lambda: window.session.path is not None, timeout=5000)


def press_ctrl_p(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.quick_open.isVisible, timeout=5000)


def shown(window: MainWindow) -> list[QuickOpenMatch]:
    """The matches the results list shows, top to bottom."""
    model = named(window.quick_open, "Quick open results", QListView).model()
    return [model.index(row, 0).data(MATCH_ROLE) for row in range(model.rowCount())]


def shown_paths(window: MainWindow, site: Path) -> list[str]:
    return [m.entry.path.relative_to(site.resolve()).as_posix() for m in shown(window)]


def test_ctrl_p_korean_query_and_enter_open_that_post_in_the_editor(qtbot, window, sample_site):
    open_site(qtbot, window, sample_site)
    press_ctrl_p(qtbot, window)
    query = named(window.quick_open, "Quick open query", QLineEdit)
    assert query.hasFocus()
    type_text(query, "인덱스")
    qtbot.waitUntil(lambda: shown_paths(window, sample_site) == [PG_KO], timeout=5000)
    match = shown(window)[0]
    assert match.title == PG_KO_TITLE
    assert "".join(match.title[i] for i in match.title_hits) == "인덱스"
    assert named(window.quick_open, "Quick open status", QLabel).text() == "1 of 20 posts"
    qtbot.keyClick(query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.path == (sample_site / PG_KO).resolve(), timeout=5000)
    assert f"title: {PG_KO_TITLE}\n" in window.editor.text()
    assert not window.quick_open.isVisible()


def test_down_arrow_then_enter_opens_the_second_result(qtbot, window, sample_site):
    open_site(
        qtbot, window, sample_site, sample_site / "src/content/blog/en/git-branching-workflow.md"
    )
    press_ctrl_p(qtbot, window)
    query = named(window.quick_open, "Quick open query", QLineEdit)
    type_text(query, "pg idx")
    qtbot.waitUntil(lambda: len(shown(window)) == 4, timeout=5000)
    paths = shown_paths(window, sample_site)
    assert paths[0] == "src/content/blog/en/postgresql-index-tuning.md", "the open post's language"
    assert {Path(p).name for p in paths} == {"postgresql-index-tuning.md"}
    qtbot.keyClick(query, Qt.Key.Key_Down)
    qtbot.keyClick(query, Qt.Key.Key_Down)
    qtbot.keyClick(query, Qt.Key.Key_Up)
    qtbot.keyClick(query, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: window.session.path == (sample_site / paths[1]).resolve(), timeout=5000)


def test_escape_closes_without_opening_anything(qtbot, window, sample_site):
    open_site(qtbot, window, sample_site)
    before = window.session.path
    press_ctrl_p(qtbot, window)
    query = named(window.quick_open, "Quick open query", QLineEdit)
    qtbot.keyClicks(query, "ollama")
    qtbot.waitUntil(lambda: len(shown(window)) == 4, timeout=5000)
    qtbot.keyClick(query, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.quick_open.isVisible(), timeout=5000)
    assert window.session.path == before


def test_empty_query_lists_every_post_with_the_open_posts_language_first(
    qtbot, window, sample_site
):
    open_site(qtbot, window, sample_site, sample_site / PG_KO)
    press_ctrl_p(qtbot, window)
    qtbot.waitUntil(lambda: len(shown(window)) == 20, timeout=5000)
    langs = [m.entry.lang for m in shown(window)]
    assert langs[:5] == ["ko"] * 5 and "ko" not in langs[5:]
    status = named(window.quick_open, "Quick open status", QLabel)
    assert status.text() == "20 posts, newest first"


def test_a_query_typed_before_the_workspace_is_read_is_answered_when_it_is(
    qtbot, window, sample_site
):
    window.quick_open.popup()
    query = named(window.quick_open, "Quick open query", QLineEdit)
    qtbot.keyClicks(query, "astro")
    status = named(window.quick_open, "Quick open status", QLabel)
    qtbot.waitUntil(lambda: status.text() == "No posts known yet", timeout=5000)
    assert shown(window) == []
    with qtbot.waitSignal(window.workspaceLoaded, timeout=10_000):
        window.open_workspace(sample_site)
    assert window.quick_open.isVisible()
    qtbot.waitUntil(lambda: len(shown(window)) == 4, timeout=5000)
    assert {m.entry.slug for m in shown(window)} == {"astro-build-pipeline"}


def test_a_post_written_by_another_program_shows_while_the_popup_is_open(
    qtbot, window, sample_site
):
    open_site(qtbot, window, sample_site)
    press_ctrl_p(qtbot, window)
    query = named(window.quick_open, "Quick open query", QLineEdit)
    type_text(query, "퀵오픈")
    status = named(window.quick_open, "Quick open status", QLabel)
    qtbot.waitUntil(lambda: status.text() == "No post matches “퀵오픈”", timeout=5000)
    post = sample_site / "src/content/blog/ko/quick-open-notes.md"
    post.write_text("---\ntitle: 퀵오픈 메모\n---\n\n본문.\n", encoding="utf-8")
    qtbot.waitUntil(
        lambda: [m.entry.slug for m in shown(window)] == ["quick-open-notes"], timeout=10_000
    )
    assert status.text() == "1 of 21 posts"


def test_only_the_newest_query_is_answered(qtbot, tasks):
    """Queries typed while one runs are not answered one by one: only the newest is shown."""
    site = Path("/site")
    entries = [
        PostEntry(site / f"{slug}.md", f"{slug}.md", slug, "en", slug.title(), None, 0, 0)
        for slug in ("alpha", "beta", "gamma")
    ]
    search = QuickOpenSearch(tasks, lambda: entries)
    answered: list[tuple[str, list[str]]] = []
    search.results.connect(lambda q, ms: answered.append((q, [m.entry.slug for m in ms])))
    search.request("a", None)
    search.request("al", None)
    search.request("gam", None)
    qtbot.waitUntil(lambda: answered != [], timeout=5000)
    tasks.wait(5000)
    QApplication.processEvents()  # deliver anything still queued before the list is checked
    assert answered == [("gam", ["gamma"])]


def test_focus_moving_to_the_editor_hides_it(qtbot, window, sample_site):
    open_site(qtbot, window, sample_site)
    press_ctrl_p(qtbot, window)
    qtbot.waitUntil(lambda: len(shown(window)) == 20, timeout=5000)
    window.editor.setFocus()
    qtbot.waitUntil(lambda: not window.quick_open.isVisible(), timeout=5000)
    press_ctrl_p(qtbot, window)
    assert named(window.quick_open, "Quick open query", QLineEdit).hasFocus()
