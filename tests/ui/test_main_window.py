"""The main window on a copy of the sample site: open, edit through the form, save, sync."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from editor.ui.dialogs import UnsavedChoice
from editor.ui.main_window import MainWindow
from tests.qt_support import open_site, tree_posts, type_text
from tests.ui.frontmatter_form.support import chip_tags

POST = "src/content/blog/ko/astro-build-pipeline.md"


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new)
    return [(a, b) for a, b in zip(old, new, strict=True) if a != b]


def test_sample_site_lists_every_post_by_title_and_opens_the_first(qtbot, window, sample_site):
    open_site(qtbot, window, sample_site)
    assert len(tree_posts(window.tree)) == 20
    assert window.session.path is not None
    assert tree_posts(window.tree).get(sample_site.resolve() / POST) == (
        "GitHub Actions로 만드는 Astro 정적 사이트 빌드 파이프라인"
    )
    assert window.settings.recent_workspaces()[0] == sample_site.resolve()


def test_form_edit_changes_only_the_title_line_on_save_and_is_undoable(qtbot, window, sample_site):
    post = sample_site / POST
    before = post.read_text(encoding="utf-8")
    open_site(qtbot, window, sample_site, post)
    assert window.session.path == post.resolve()
    title = window.form.field("title").editor()
    title.setFocus()
    title.selectAll()
    type_text(title, "새 제목: 파이프라인")
    assert "title: '새 제목: 파이프라인'\n" in window.editor.text()
    assert window.isWindowModified()
    assert "*" in window.windowTitle() or window.isWindowModified()
    window.editor.undo()
    assert window.editor.text() == before, "one undo step removes the whole form edit"
    window.editor.redo()
    assert window.save()
    after = post.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        (
            next(line for line in before.splitlines() if line.startswith("title:")),
            "title: '새 제목: 파이프라인'",
        )
    ]
    assert not window.isWindowModified()


def test_typing_in_the_frontmatter_text_updates_the_form(qtbot, window, sample_site):
    open_site(qtbot, window, sample_site, sample_site / POST)
    text = window.editor.text()
    start = text.index("  - ci\n")
    cursor = window.editor.textCursor()
    cursor.setPosition(start + len("  - ci"))
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "-cd")
    tags = window.form.field("tags")
    qtbot.waitUntil(lambda: "ci-cd" in chip_tags(tags), timeout=1000)


def test_broken_yaml_locks_the_form_and_the_text_still_saves(qtbot, window, sample_site):
    post = sample_site / POST
    open_site(qtbot, window, sample_site, post)
    cursor = window.editor.textCursor()
    cursor.setPosition(window.editor.text().index("pubDate"))
    window.editor.setTextCursor(cursor)
    qtbot.keyClicks(window.editor, "bad: [")
    qtbot.waitUntil(lambda: window.form.error_button.isVisible(), timeout=1000)
    assert "line" in window.form.error_button.text()
    assert not window.form.field("title").editor().isEnabled()
    assert window.save()
    assert "bad: [pubDate" in post.read_text(encoding="utf-8")


def test_closing_with_unsaved_edits_asks_and_cancel_keeps_the_edits(
    qtbot, window, sample_site, dialogs
):
    open_site(qtbot, window, sample_site, sample_site / POST)
    window.editor.setFocus()
    type_text(window.editor, "초안 ")
    dialogs.unsaved_answers.append(UnsavedChoice.CANCEL)
    assert not window.close()
    assert dialogs.asked == ["unsaved:astro-build-pipeline.md"]
    assert window.editor.text().startswith("초안 ")


def test_switching_posts_with_unsaved_edits_can_save_them_first(
    qtbot, window, sample_site, dialogs
):
    post = sample_site / POST
    open_site(qtbot, window, sample_site, post)
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "x")
    dialogs.unsaved_answers.append(UnsavedChoice.SAVE)
    other = (sample_site / "src/content/blog/ja/git-branching-workflow.md").resolve()
    assert window.open_post(other)
    assert window.session.path == other
    assert post.read_text(encoding="utf-8").startswith("x---")


def test_external_edit_of_a_clean_post_reloads_it(qtbot, window, sample_site):
    post = sample_site / POST
    open_site(qtbot, window, sample_site, post)
    text = post.read_text(encoding="utf-8").replace("## ", "## 바뀐 ", 1)
    post.write_text(text, encoding="utf-8")
    qtbot.waitUntil(lambda: window.editor.text() == text, timeout=2000)
    assert not window.isWindowModified()


def test_external_edit_under_unsaved_edits_warns_and_asks_before_overwriting(
    qtbot, window, sample_site, dialogs
):
    post = sample_site / POST
    open_site(qtbot, window, sample_site, post)
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "mine ")
    post.write_text("---\ntitle: theirs\n---\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "changed by another program" in window.notice.text(), timeout=2000)
    assert window.editor.text().startswith("mine "), "our edits are kept"
    dialogs.overwrite_answers.append(False)
    assert not window.save()
    assert post.read_text(encoding="utf-8") == "---\ntitle: theirs\n---\n"
    dialogs.overwrite_answers.append(True)
    assert window.save()
    assert post.read_text(encoding="utf-8").startswith("mine ")


def test_posts_created_renamed_and_deleted_elsewhere_show_in_the_tree(qtbot, window, sample_site):
    open_site(qtbot, window, sample_site)
    folder = sample_site.resolve() / "src/content/blog/en"
    new = folder / "brand-new.md"
    new.write_text("---\ntitle: Brand new post\n---\nHello\n", encoding="utf-8")
    qtbot.waitUntil(lambda: tree_posts(window.tree).get(new) == "Brand new post", timeout=1000)
    renamed = folder / "renamed.md"
    new.rename(renamed)
    qtbot.waitUntil(lambda: tree_posts(window.tree).get(renamed) == "Brand new post", timeout=1000)
    assert tree_posts(window.tree).get(new) is None
    renamed.write_text("---\ntitle: Edited elsewhere\n---\n", encoding="utf-8")
    qtbot.waitUntil(
        lambda: tree_posts(window.tree).get(renamed) == "Edited elsewhere", timeout=1000
    )
    renamed.unlink()
    qtbot.waitUntil(lambda: tree_posts(window.tree).get(renamed) is None, timeout=1000)
    subprocess.run(["rm", "-r", str(folder.parent / "zh")], check=True)
    qtbot.waitUntil(lambda: len(tree_posts(window.tree)) == 15, timeout=1000)


def test_open_folder_uses_the_folder_dialog_and_records_recent(
    qtbot, window, sample_site, dialogs, tmp_path
):
    other = tmp_path / "plain"
    other.mkdir()
    (other / "note.md").write_text("# Note\n", encoding="utf-8")
    dialogs.folders.append(other)
    with qtbot.waitSignal(window.workspaceLoaded, timeout=10_000):
        window.choose_folder()
    assert len(tree_posts(window.tree)) == 1
    open_site(qtbot, window, sample_site)
    assert window.settings.recent_workspaces()[:2] == [sample_site.resolve(), other.resolve()]


def test_the_fixture_post_takes_korean_japanese_and_chinese_typing_and_saves_only_that_line(
    qtbot, window, tmp_path
):
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "deepseek-v4-release.ko.md"
    site = tmp_path / "site"
    post = site / "src" / "content" / "blog" / "ko" / fixture.name
    post.parent.mkdir(parents=True)
    post.write_bytes(fixture.read_bytes())
    before = post.read_text(encoding="utf-8")
    open_site(qtbot, window, site, post)
    assert window.editor.text() == before
    assert window.form.field("title").editor().text().startswith("DeepSeek V4 출시 임박")
    line = "## 개요"
    cursor = window.editor.textCursor()
    cursor.setPosition(before.index(line) + len(line))
    window.editor.setTextCursor(cursor)
    window.editor.setFocus()
    type_text(window.editor, " 概要 概述")
    assert window.save()
    assert changed_lines(before, post.read_text(encoding="utf-8")) == [(line, "## 개요 概要 概述")]


def test_opening_a_second_workspace_shows_only_its_posts(qtbot, window, sample_site, tmp_path):
    """The tree is rebuilt for the new site (this used to crash PySide6 in the tree's model)."""
    other = tmp_path / "other-site"
    (other / "content").mkdir(parents=True)
    (other / "content" / "only-here.md").write_text("---\ntitle: 다른 사이트의 글\n---\nbody\n")
    open_site(qtbot, window, sample_site)
    assert len(tree_posts(window.tree)) == 20
    open_site(qtbot, window, other)
    assert tree_posts(window.tree) == {
        (other / "content" / "only-here.md").resolve(): "다른 사이트의 글"
    }
    open_site(qtbot, window, sample_site)
    assert len(tree_posts(window.tree)) == 20
