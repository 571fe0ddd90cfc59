"""Find in the workspace from the real window: Ctrl+Shift+F, type, click a match, see its line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.core.find import SearchResult
from editor.ui.main_window import MainWindow
from tests.qt_support import named, shown_text, type_text

PIPELINE = "src/content/blog/ko/astro-build-pipeline.md"
GIT = "src/content/blog/ko/git-branching-workflow.md"


@pytest.fixture
def window(qtbot, make_window, sample_site) -> MainWindow:
    window = make_window()
    with qtbot.waitSignal(window.workspaceLoaded, timeout=10_000):
        window.open_workspace(sample_site, sample_site / GIT)
    return window


def find(qtbot, window: MainWindow, text: str) -> SearchResult:
    """Press Ctrl+Shift+F, type text as an input method commits it, wait for the answer."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    QTest.keySequence(window, "Ctrl+Shift+F")
    query = named(window, "Search text")
    assert query.hasFocus()
    with qtbot.waitSignal(window.search.finished, timeout=10_000) as answer:
        type_text(query, text)
    return answer.args[0]


def match_rows(window: MainWindow) -> dict[str, list[QModelIndex]]:
    model = window.search.model
    rows: dict[str, list[QModelIndex]] = {}
    for row in range(model.rowCount()):
        post = model.index(row, 0)
        title = post.data()
        rows[title] = [model.index(r, 0, post) for r in range(model.rowCount(post))]
    return rows


def click(window: MainWindow, index: QModelIndex) -> None:
    view = window.search.results
    view.scrollTo(index)
    QTest.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def test_a_korean_word_found_and_clicked_opens_its_post_at_that_line(qtbot, window, sample_site):
    result = find(qtbot, window, "지루하고")
    assert named(window, "Search results").isVisible()
    assert shown_text(window, "Search status") == "1 match in 1 post"
    [(title, [row])] = match_rows(window).items()
    assert title == f"GitHub Actions로 만드는 Astro 정적 사이트 빌드 파이프라인 (1) — {PIPELINE}"
    assert row.data().startswith("119: - 파이프라인은 <strong>지루하고 짧게</strong>")
    assert result.posts[0].matches[0].line == 119

    click(window, row)

    assert window.session.path == (sample_site / PIPELINE).resolve()
    cursor = window.editor.textCursor()
    assert cursor.blockNumber() + 1 == 119
    assert cursor.selectedText() == "지루하고"
    assert "정적 사이트 빌드 파이프라인" in window.windowTitle()


def test_matches_are_grouped_by_post_across_languages(qtbot, window):
    result = find(qtbot, window, "파이프라인")
    rows = match_rows(window)
    assert len(rows) == len(result.posts) > 3
    assert sum(len(r) for r in rows.values()) == result.total
    status = shown_text(window, "Search status")
    assert status == f"{result.total} matches in {len(result.posts)} posts"


def test_unsaved_text_of_the_open_post_is_what_is_searched(qtbot, window, sample_site):
    cursor = window.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.insertText("\n아직저장안한문장\n")
    result = find(qtbot, window, "아직저장안한")
    assert [p.path for p in result.posts] == [(sample_site / GIT).resolve()]
    [(_, [row])] = match_rows(window).items()
    click(window, row)
    assert window.editor.textCursor().selectedText() == "아직저장안한"


def test_a_bad_regex_says_why_in_the_status_line(qtbot, window):
    window.find_in_posts()
    named(window, "Regex").click()
    result = find(qtbot, window, "(빌드")
    assert result.error is not None
    assert shown_text(window, "Search status").startswith("regex error: missing )")
    assert window.search.model.rowCount() == 0


def test_a_runaway_regex_is_stopped_by_the_next_query(qtbot, window):
    window.find_in_posts()
    named(window, "Regex").click()
    shown: list[SearchResult] = []
    window.search.finished.connect(shown.append)
    # Exponential backtracking on any line of words that ends in punctuation.
    window.search.query.setText(r"^(\w+\s?)*$")
    window.search.search()
    qtbot.waitUntil(lambda: "Searching" in shown_text(window, "Search status"), timeout=5_000)
    with qtbot.waitSignal(window.search.finished, timeout=10_000) as answer:
        window.search.query.setText("브랜치")
        window.search.search()
    assert answer.args[0].total > 0 and shown == [answer.args[0]]
    assert shown_text(window, "Search status").endswith("posts")


def test_the_newest_query_wins_over_an_older_one_still_running(qtbot, window):
    shown: list[SearchResult] = []
    window.search.finished.connect(shown.append)
    window.search.query.setText("astro")
    window.search.search()
    window.search.query.setText("브랜치")
    window.search.search()
    qtbot.waitUntil(lambda: len(shown) >= 1, timeout=10_000)
    window.tasks.wait(10_000)
    QApplication.processEvents()  # deliver what is queued: nothing older may show after
    assert len(shown) == 1
    assert all("브랜치" in m.context for p in shown[0].posts for m in p.matches)


def test_search_dock_is_named_and_hidden_until_asked(window):
    assert not window.search_dock.isVisible()
    window.find_in_posts()
    assert window.search_dock.isVisible()
    for name in ("Search text", "Regex", "Match case", "Whole word", "Search results"):
        assert named(window, name).isVisible()
    assert window.search_dock.widget() is window.search


def test_a_match_in_another_post_stays_in_view_once_the_preview_shows_that_post(qtbot, window):
    window.settings.set_sync_scrolling(True)
    window.sync_action.setChecked(True)
    find(qtbot, window, "지루하고")
    [(_, [row])] = match_rows(window).items()
    with qtbot.waitSignal(window.preview.rendered, timeout=10_000):
        click(window, row)
    # The page follows the editor to the match; the editor is not sent back to the top.
    qtbot.waitUntil(lambda: window.preview.page().scrollPosition().y() > 0, timeout=10_000)
    # (Scroll sync maps page and editor lines only roughly: the view may drift a few lines.)
    qtbot.waitUntil(lambda: 60 < window.editor.firstVisibleBlock().blockNumber() < 119)
    assert window.editor.textCursor().blockNumber() + 1 == 119


def test_a_query_typed_before_the_workspace_loads_is_searched_once_it_has(
    qtbot, make_window, sample_site
):
    window = make_window()
    window.find_in_posts()
    with qtbot.waitSignal(window.search.finished, timeout=10_000) as before:
        window.search.query.setText("지루하고")
        window.search.search()
    assert before.args[0].total == 0
    assert shown_text(window, "Search status") == "No matches in 0 posts"
    with qtbot.waitSignal(window.search.finished, timeout=10_000) as after:
        window.open_workspace(sample_site)
    assert after.args[0].total == 1
    assert shown_text(window, "Search status") == "1 match in 1 post"
