"""The Posts tree by folder: titles over file names, language folders, live updates, activation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from editor.core.workspace import PostEntry
from editor.ui.workspace_tree import BY_FOLDER, FILE_ROLE, WorkspaceTree
from tests.qt_support import tree_posts


def entry(root: Path, rel: str, title: str | None, error: str | None = None) -> PostEntry:
    path = root / rel
    return PostEntry(
        path=path,
        rel_path=rel,
        slug=path.stem,
        lang=path.parent.name,
        title=title,
        error=error,
        mtime_ns=0,
        size=0,
    )


def test_posts_are_grouped_by_language_folder_and_shown_by_title(qtbot, tmp_path):
    tree = WorkspaceTree()
    qtbot.addWidget(tree)
    tree.set_view_choice(BY_FOLDER)
    content = tmp_path / "src" / "content"
    tree.set_entries(
        [content],
        [
            entry(tmp_path, "src/content/blog/en/a.md", "Alpha"),
            entry(tmp_path, "src/content/blog/ko/a.md", "알파"),
            entry(tmp_path, "src/content/blog/ko/b.md", None),
        ],
    )
    model = tree.model()
    blog = model.index(0, 0)
    assert blog.data() == "blog"
    assert [model.index(i, 0, blog).data() for i in range(model.rowCount(blog))] == ["en", "ko"]
    ko = model.index(1, 0, blog)
    assert model.index(0, 0, ko).data() == "알파"
    assert model.index(0, 0, ko).data(FILE_ROLE) == "a.md"
    assert model.index(1, 0, ko).data() == "b", "a post without title shows its file name"


def test_upsert_updates_title_and_remove_drops_empty_folders(qtbot, tmp_path):
    tree = WorkspaceTree()
    qtbot.addWidget(tree)
    tree.set_view_choice(BY_FOLDER)
    content = tmp_path / "content"
    tree.set_entries([content], [entry(tmp_path, "content/ja/x.md", "旧")])
    tree.upsert(entry(tmp_path, "content/ja/x.md", "新しい"))
    assert tree_posts(tree)[tmp_path / "content/ja/x.md"] == "新しい"
    tree.upsert(entry(tmp_path, "content/zh/y.md", "中文"))
    assert len(tree_posts(tree)) == 2
    tree.remove(tmp_path / "content/ja/x.md")
    assert len(tree_posts(tree)) == 1
    assert tree.model().rowCount() == 1, "the emptied ja folder is gone"


def test_new_posts_are_inserted_in_name_order(qtbot, tmp_path):
    tree = WorkspaceTree()
    qtbot.addWidget(tree)
    tree.set_view_choice(BY_FOLDER)
    content = tmp_path / "content"
    tree.set_entries([content], [entry(tmp_path, f"content/{n}.md", n) for n in ("a", "c")])
    tree.upsert(entry(tmp_path, "content/b.md", "b"))
    model = tree.model()
    assert [model.index(i, 0).data(FILE_ROLE) for i in range(3)] == ["a.md", "b.md", "c.md"]


def test_clicking_a_post_asks_to_open_it(qtbot, tmp_path):
    tree = WorkspaceTree()
    qtbot.addWidget(tree)
    tree.set_view_choice(BY_FOLDER)
    tree.set_entries([tmp_path], [entry(tmp_path, "post.md", "Post")])
    tree.show()
    index = tree.model().index(0, 0)
    with qtbot.waitSignal(tree.postActivated) as signal:
        qtbot.mouseClick(
            tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
        )
    assert signal.args == [tmp_path / "post.md"]
