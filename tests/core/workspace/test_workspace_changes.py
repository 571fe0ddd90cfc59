"""Watcher changes applied to the index: created, edited, moved and deleted posts and folders."""

from __future__ import annotations

import shutil
from pathlib import Path

from editor.core.workspace import PostIndex
from editor.core.workspace.changes import apply_changes


def make_site(root: Path) -> PostIndex:
    (root / "astro.config.mjs").write_text("export default {}\n", encoding="utf-8")
    for lang in ("ko", "en"):
        folder = root / "src" / "content" / "blog" / lang
        folder.mkdir(parents=True)
        (folder / "a.md").write_text(f"---\ntitle: A {lang}\n---\n", encoding="utf-8")
    index = PostIndex(root)
    index.scan()
    return index


def test_new_and_edited_posts_are_read_again(tmp_path):
    index = make_site(tmp_path)
    new = tmp_path / "src/content/blog/ko/b.md"
    new.write_text("---\ntitle: 새 글\n---\n", encoding="utf-8")
    edited = tmp_path / "src/content/blog/en/a.md"
    edited.write_text("---\ntitle: A edited\n---\n", encoding="utf-8")
    delta = apply_changes(index, [new, edited])
    assert {e.title for e in delta.updated} == {"새 글", "A edited"}
    assert index.get(new).title == "새 글"
    assert not delta.removed


def test_a_deleted_folder_removes_every_post_below_it(tmp_path):
    index = make_site(tmp_path)
    folder = tmp_path / "src/content/blog/ko"
    shutil.rmtree(folder)
    delta = apply_changes(index, [folder])
    assert delta.removed == [folder / "a.md"]
    assert len(index) == 1


def test_a_folder_moved_in_is_scanned_whole(tmp_path):
    index = make_site(tmp_path)
    outside = tmp_path / "drafts" / "ja"
    outside.mkdir(parents=True)
    (outside / "x.md").write_text("---\ntitle: 下書き\n---\n", encoding="utf-8")
    target = tmp_path / "src/content/blog/ja"
    outside.rename(target)
    delta = apply_changes(index, [outside, target])
    assert [e.title for e in delta.updated] == ["下書き"]
    assert index.get(target / "x.md") is not None


def test_changes_outside_content_and_in_skipped_folders_are_ignored(tmp_path):
    index = make_site(tmp_path)
    stray = tmp_path / "README.md"
    stray.write_text("# readme\n", encoding="utf-8")
    hidden = tmp_path / "src/content/blog/.trash/old.md"
    hidden.parent.mkdir()
    hidden.write_text("---\ntitle: old\n---\n", encoding="utf-8")
    not_post = tmp_path / "src/content/blog/ko/notes.txt"
    not_post.write_text("x", encoding="utf-8")
    delta = apply_changes(index, [stray, hidden, not_post])
    assert not delta
    assert len(index) == 2
