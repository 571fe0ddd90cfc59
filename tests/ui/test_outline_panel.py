"""The Outline pane: the open post's headings, following the cursor, jumping on click."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.core.post.outline import Heading, outline
from editor.ui.main_window import MainWindow
from editor.ui.outline_panel import INDEX_ROLE, OutlinePanel
from tests.qt_support import named, shown_text, type_text

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "deepseek-v4-release.ko.md"


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def open_fixture_post(qtbot, window: MainWindow, site: Path) -> Path:
    """Open the sample site with the real fixture post open; wait for its outline."""
    post = site / "src" / "content" / "blog" / "ko" / "deepseek-v4-release.md"
    shutil.copyfile(FIXTURE, post)
    with qtbot.waitSignal(window.workspaceLoaded, timeout=10_000):
        window.open_workspace(site, post)
    qtbot.waitUntil(lambda: len(window.outline.headings()) > 0, timeout=10_000)
    return post


def click(qtbot, panel: OutlinePanel, index: int) -> None:
    item = panel.item_for(index)
    panel.tree.scrollToItem(item)
    rect = panel.tree.visualItemRect(item)
    QTest.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_outline_shows_the_fixture_posts_headings_nested(qtbot, window, sample_site):
    """Every heading of the real post shows, ### under their ##, in document order."""
    open_fixture_post(qtbot, window, sample_site)
    expected = outline(FIXTURE.read_text(encoding="utf-8"))
    panel = window.outline
    assert named(window, "Headings of the open post") is panel.tree
    assert panel.visible_texts() == [h.text for h in expected]
    assert panel.visible_texts()[:3] == ["개요", "DeepSeek의 발자취", "V3에서 V4로의 도약"]
    assert panel.tree.topLevelItem(1).child(0).text(0) == "V3에서 V4로의 도약"
    assert shown_text(window, "Outline empty") == ""


def test_clicking_a_heading_moves_the_editor_there(qtbot, window, sample_site):
    """A click puts the editor's cursor on the heading's line, shown in the view."""
    open_fixture_post(qtbot, window, sample_site)
    panel = window.outline
    target = panel.headings()[8]
    click(qtbot, panel, 8)
    cursor = window.editor.textCursor()
    assert cursor.blockNumber() == target.line
    assert cursor.block().text().lstrip("#").strip() == target.text
    assert window.editor.cursorRect().intersects(window.editor.viewport().rect())


def test_enter_on_a_heading_moves_the_editor_there(qtbot, window, sample_site):
    """Keyboard: select a heading and press Enter to go to it."""
    open_fixture_post(qtbot, window, sample_site)
    panel = window.outline
    panel.tree.setFocus()
    panel.tree.setCurrentItem(panel.item_for(4))
    QTest.keyClick(panel.tree, Qt.Key.Key_Return)
    assert window.editor.textCursor().blockNumber() == panel.headings()[4].line


def test_moving_the_cursor_highlights_its_section(qtbot, window, sample_site):
    """The heading above the cursor is the current item; above the first heading, none."""
    open_fixture_post(qtbot, window, sample_site)
    panel = window.outline
    headings = panel.headings()
    window.editor.go_to_line(headings[5].line + 3)  # 1-based: two lines into section 5
    qtbot.waitUntil(lambda: panel.tree.currentItem() is panel.item_for(5), timeout=2_000)
    window.editor.go_to_line(headings[0].line + 1)
    qtbot.waitUntil(lambda: panel.tree.currentItem() is panel.item_for(0), timeout=2_000)
    window.editor.go_to_line(1)
    qtbot.waitUntil(lambda: panel.tree.currentItem() is None, timeout=2_000)


def test_outline_follows_typing_and_another_post(qtbot, window, sample_site):
    """A heading typed into the post appears after a pause; opening another post replaces all."""
    open_fixture_post(qtbot, window, sample_site)
    panel = window.outline
    count = len(panel.headings())
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    window.editor.setTextCursor(cursor)
    type_text(window.editor, "\n\n## 새 절 추가\n")
    qtbot.waitUntil(lambda: len(panel.headings()) == count + 1, timeout=5_000)
    assert panel.visible_texts()[-1] == "새 절 추가"
    qtbot.waitUntil(lambda: panel.tree.currentItem() is panel.item_for(count), timeout=2_000)

    other = sample_site / "src" / "content" / "blog" / "ja" / "git-branching-workflow.md"
    window.editor.document().setModified(False)
    expected = outline(other.read_text(encoding="utf-8"))
    window.open_post(other)
    qtbot.waitUntil(lambda: panel.headings() == expected, timeout=5_000)
    assert panel.visible_texts() == [h.text for h in expected]


def test_empty_state_says_no_headings(qtbot, tasks):
    """A post without headings (or none open) shows "No headings" instead of an empty tree."""
    text = "---\ntitle: x\n---\n本文だけ。\n"
    panel = OutlinePanel(tasks, lambda: text, lambda: 0)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.updated, timeout=5_000):
        panel.refresh()
    assert shown_text(panel, "Outline empty") == "No headings"
    assert not panel.tree.isVisible()


def test_an_older_scan_never_replaces_a_newer_one(qtbot, tasks):
    """A long post's scan that ends after a newer short text's scan is dropped, not shown."""
    long_post = FIXTURE.read_text(encoding="utf-8") * 200  # ~2 MB: its scan ends last
    texts = [long_post, "# 新しい\n## 子\n"]
    panel = OutlinePanel(tasks, lambda: texts[0], lambda: 0)
    qtbot.addWidget(panel)
    panel.refresh()
    texts.pop(0)
    panel.refresh()
    tasks.wait(10_000)  # both scans are done; their results wait in the event queue
    QApplication.processEvents()  # deliver both, in the order the scans ended
    assert panel.headings() == [Heading(1, "新しい", 0), Heading(2, "子", 1)]
    assert panel.visible_texts() == ["新しい", "子"]


def tree_shape(panel: OutlinePanel) -> list[tuple[str, int, int]]:
    """(text, depth, heading index) of every item, depth first."""
    shape: list[tuple[str, int, int]] = []

    def walk(item, depth: int) -> None:
        shape.append((item.text(0), depth, item.data(0, INDEX_ROLE)))
        for child in range(item.childCount()):
            walk(item.child(child), depth + 1)

    for top in range(panel.tree.topLevelItemCount()):
        walk(panel.tree.topLevelItem(top), 0)
    return shape


def test_a_changed_outline_nests_as_a_fresh_one(qtbot, tasks):
    """Headings added, removed or re-levelled anywhere: the tree nests as if built anew."""
    rng = random.Random(10)
    panel = OutlinePanel(tasks, lambda: "", lambda: 0)
    qtbot.addWidget(panel)
    for round_ in range(60):
        count = rng.randrange(0, 14)
        levels = [rng.randrange(1, 5) for _ in range(count)]
        headings = [Heading(level, f"見出し {round_}.{i}", i * 3) for i, level in enumerate(levels)]
        fresh = OutlinePanel(tasks, lambda: "", lambda: 0)
        qtbot.addWidget(fresh)
        fresh.show_headings(headings)
        panel.show_headings(headings)
        assert tree_shape(panel) == tree_shape(fresh)
        assert [panel.item_for(i).data(0, INDEX_ROLE) for i in range(count)] == list(range(count))
        if count and rng.random() < 0.5:
            # The next round starts from a near neighbour: one heading added at a random place.
            position = rng.randrange(0, count + 1)
            levels.insert(position, rng.randrange(1, 5))
            near = [Heading(level, f"近い {i}", i * 3) for i, level in enumerate(levels)]
            panel.show_headings(near)
            anew = OutlinePanel(tasks, lambda: "", lambda: 0)
            qtbot.addWidget(anew)
            anew.show_headings(near)
            assert tree_shape(panel) == tree_shape(anew)


def test_a_long_outline_changed_near_its_start_nests_as_a_fresh_one(qtbot, tasks):
    """Hundreds of top-level headings after the change: they are rebuilt, nested right."""
    rng = random.Random(4)
    levels = [rng.choice([1, 2, 2, 3]) for _ in range(400)]
    panel = OutlinePanel(tasks, lambda: "", lambda: 0)
    qtbot.addWidget(panel)
    for position in (3, 397, 0):
        levels.insert(position, rng.randrange(1, 4))
        headings = [Heading(level, f"标题 {i}", i) for i, level in enumerate(levels)]
        panel.show_headings(headings)
        fresh = OutlinePanel(tasks, lambda: "", lambda: 0)
        qtbot.addWidget(fresh)
        fresh.show_headings(headings)
        assert tree_shape(panel) == tree_shape(fresh)
        assert all(
            panel.item_for(i).isExpanded()
            for i in range(len(levels))
            if panel.item_for(i).childCount()
        )
