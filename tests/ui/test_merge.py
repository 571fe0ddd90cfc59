"""Merge from the notice: the disk's changes join the unsaved edits as one undoable step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton

from editor.core.frontmatter import SetValue, parse_frontmatter
from editor.ui.main_window import MainWindow
from editor.ui.merge_dialog import MergeDialog
from tests.qt_support import open_site, type_text, widgets

POST = "src/content/blog/ko/astro-build-pipeline.md"


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def notice_button(window: MainWindow, label: str) -> QPushButton:
    """The notice bar's button with this label."""
    found = [b for b in widgets(window.notice, QPushButton) if b.text() == label]
    assert len(found) == 1, [b.text() for b in widgets(window.notice, QPushButton)]
    return found[0]


def edit_on_disk(qtbot, window: MainWindow, post: Path, text: str) -> None:
    """Another program writes the post; wait for the notice that offers Merge."""
    post.write_text(text, encoding="utf-8")
    qtbot.waitUntil(lambda: "changed by another program" in window.notice.text(), timeout=3000)


def type_at_line(window: MainWindow, line_text: str, typed: str) -> None:
    """Put the cursor at the start of the line that reads line_text and type there."""
    line = window.editor.text().split("\n").index(line_text) + 1
    window.editor.go_to_line(line)
    window.editor.setFocus()
    type_text(window.editor, typed)


def test_merge_takes_the_disk_changes_into_the_unsaved_edits_and_undo_returns_mine(
    qtbot, window, sample_site, dialogs
):
    post = sample_site / POST
    open_site(qtbot, window, sample_site, post)
    original = post.read_text(encoding="utf-8")
    type_at_line(window, "## 왜 파이프라인이 필요한가", "내 편집 ")
    mine = window.editor.text()
    lines = original.split("\n")
    lines[-3] = "디스크에서 고친 마지막 문단."
    theirs = "\n".join(lines).replace("pubDate: '2026-01-20'", "pubDate: '2026-01-21'")
    edit_on_disk(qtbot, window, post, theirs)

    with qtbot.waitSignal(window.disk_merge.merged, timeout=5000):
        notice_button(window, "Merge").click()

    text = window.editor.text()
    assert "내 편집 ## 왜 파이프라인이 필요한가" in text
    assert "디스크에서 고친 마지막 문단." in text
    assert "pubDate: '2026-01-21'" in text
    assert window.statusBar().currentMessage() == "Merged 2 changes from disk"
    assert window.isWindowModified(), "the merged text is not saved yet"
    assert not window.notice.isVisible()
    assert dialogs.asked == [], "no conflict, no dialog"
    assert parse_frontmatter(text).data["pubDate"] == "2026-01-21", "the form sees the merge"

    window.editor.undo()
    assert window.editor.text() == mine, "one Ctrl+Z gives the writer's version back"
    window.editor.redo()
    assert window.save(), "the disk version is the base now: saving asks nothing"
    assert post.read_text(encoding="utf-8") == text


def test_a_conflict_opens_the_dialog_and_the_disk_version_can_win(
    qtbot, window, sample_site, dialogs
):
    post = sample_site / POST
    open_site(qtbot, window, sample_site, post)
    original = post.read_text(encoding="utf-8")
    assert window.session.apply_edit(SetValue(("title",), "내가 고친 제목"))
    type_at_line(window, "## 왜 파이프라인이 필요한가", "내 편집 ")
    theirs = original.replace(
        "title: GitHub Actions로 만드는 Astro 정적 사이트 빌드 파이프라인", "title: 디스크의 제목"
    )
    edit_on_disk(qtbot, window, post, theirs)
    shown: list[str] = []

    def use_theirs(dialog: MergeDialog) -> str | None:
        shown.append(dialog.mine.toPlainText())
        dialog.use_theirs.click()
        return dialog.merged_text()

    dialogs.merge_answers.append(use_theirs)
    with qtbot.waitSignal(window.disk_merge.merged, timeout=5000):
        notice_button(window, "Merge").click()

    assert dialogs.asked == ["merge:astro-build-pipeline.md"]
    assert shown == ["title: 내가 고친 제목\n"]
    data = parse_frontmatter(window.editor.text()).data
    assert data["title"] == "디스크의 제목"
    assert "내 편집 ## 왜 파이프라인이 필요한가" in window.editor.text()
    assert window.statusBar().currentMessage() == "Merged from disk: resolved 1 conflict"
    assert not window.session.disk_differs()


def test_cancelling_the_dialog_keeps_mine_and_the_choice_open(qtbot, window, sample_site, dialogs):
    post = sample_site / POST
    open_site(qtbot, window, sample_site, post)
    original = post.read_text(encoding="utf-8")
    assert window.session.apply_edit(SetValue(("title",), "내 제목"))
    mine = window.editor.text()
    edit_on_disk(qtbot, window, post, original.replace("title: GitHub", "title: 디스크 GitHub"))
    dialogs.merge_answers.append(lambda dialog: None)

    with qtbot.waitSignal(window.disk_merge.cancelled, timeout=5000):
        notice_button(window, "Merge").click()

    assert window.editor.text() == mine
    assert "changed by another program" in window.notice.text()
    assert window.session.disk_differs(), "saving still warns about the disk's version"


def test_typing_while_the_merge_runs_is_kept_and_merged_again(qtbot, window, sample_site):
    post = sample_site / POST
    open_site(qtbot, window, sample_site, post)
    original = post.read_text(encoding="utf-8")
    type_at_line(window, "## 왜 파이프라인이 필요한가", "첫 ")
    edit_on_disk(
        qtbot, window, post, original.replace("pubDate: '2026-01-20'", "pubDate: '2026-01-22'")
    )

    with qtbot.waitSignal(window.disk_merge.merged, timeout=5000):
        notice_button(window, "Merge").click()
        # The merge's result is delivered by the event loop: this keystroke comes first.
        type_text(window.editor, "둘째 ")

    text = window.editor.text()
    assert "첫 둘째 ## 왜 파이프라인이 필요한가" in text
    assert "pubDate: '2026-01-22'" in text
    assert not window.session.disk_differs()
