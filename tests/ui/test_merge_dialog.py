"""The merge dialog: each conflict side by side, and the writer's choice for each."""

from __future__ import annotations

import pytest

from editor.core.merge import merge_post
from editor.ui.merge_dialog import MergeDialog
from tests.qt_support import named

BASE = """---
title: 첫 제목
tags:
  - ai
---
# 본문

첫 문단입니다.

둘째 문단입니다.
"""
MINE = BASE.replace("첫 제목", "내 제목").replace("둘째 문단", "내가 쓴 둘째 문단")
THEIRS = BASE.replace("첫 제목", "ディスクの題").replace("둘째 문단", "디스크의 둘째 문단")


@pytest.fixture
def dialog(qtbot) -> MergeDialog:
    result = merge_post(BASE, MINE, THEIRS)
    assert len(result.conflicts) == 2
    widget = MergeDialog(result, "post.md")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_first_conflict_shows_mine_and_theirs_side_by_side(dialog):
    assert named(dialog, "Your version").toPlainText() == "title: 내 제목\n"
    assert named(dialog, "Version on disk").toPlainText() == "title: ディスクの題\n"
    assert named(dialog, "Result").toPlainText() == "title: 내 제목\n", "mine until chosen"
    assert named(dialog, "Conflict").text() == "Conflict 1 of 2: frontmatter field title"
    assert not dialog.base.isVisibleTo(dialog)


def test_show_base_reveals_the_last_read_version(dialog):
    named(dialog, "Show base").click()
    assert named(dialog, "Last read version").toPlainText() == "title: 첫 제목\n"


def test_each_conflict_takes_mine_theirs_or_an_edit(dialog):
    named(dialog, "Use theirs").click()
    dialog.show_conflict(1)
    assert named(dialog, "Conflict").text().startswith("Conflict 2 of 2: text at line ")
    named(dialog, "Result").setPlainText("둘이 합친 둘째 문단입니다.")
    assert [dialog.list.item(i).text() for i in range(2)] == ["title — theirs", "line 10 — edited"]
    text = dialog.merged_text()
    assert "title: ディスクの題\n" in text
    assert "\n둘이 합친 둘째 문단입니다.\n" in text
    dialog.show_conflict(0)
    named(dialog, "Use mine").click()
    assert "title: 내 제목\n" in dialog.merged_text()


def test_an_emptied_result_removes_the_lines(dialog):
    dialog.show_conflict(1)
    named(dialog, "Result").setPlainText("")
    assert dialog.resolutions()[1] == ""
    assert "둘째 문단" not in dialog.merged_text()
