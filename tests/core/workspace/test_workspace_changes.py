"""Watcher changes applied to the index: created, edited, moved and deleted posts and folders."""

from __future__ import annotations

import shutil
from pathlib import Path

from editor.core.workspace import PostIndex
from editor.core.workspace.changes import ChangeBatch, apply_batch, apply_changes


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


def test_many_deleted_posts_and_a_deleted_folder_go_in_one_batch(tmp_path):
    """Posts deleted one by one and a whole language folder, reported together, all go."""
    index = make_site(tmp_path)
    ko = tmp_path / "src/content/blog/ko"
    en = tmp_path / "src/content/blog/en"
    posts = [en / f"글-{i}.md" for i in range(300)]
    for post in posts:
        post.write_text(f"---\ntitle: {post.stem}\n---\n", encoding="utf-8")
    index.scan()
    for post in posts[:200]:
        post.unlink()
    shutil.rmtree(ko)
    stray = en / "cover.png"  # a deleted non-post file is no folder of posts
    delta = apply_changes(index, [*posts[:200], ko, stray])
    assert delta.removed == sorted([*posts[:200], ko / "a.md"])
    assert {entry.path for entry in index.entries()} == {*posts[200:], en / "a.md"}


def test_a_large_batch_is_one_rescan_whose_delta_lists_what_changed(tmp_path):
    """Past the threshold the index is read again; the delta still names each change."""
    index = make_site(tmp_path)
    en = tmp_path / "src/content/blog/en"
    kept = tmp_path / "src/content/blog/ko/a.md"
    kept_entry = index.get(kept)
    (en / "a.md").unlink()
    created = [en / f"post-{i}.md" for i in range(5)]
    for i, post in enumerate(created):
        post.write_text(f"---\ntitle: ポスト {i}\n---\n", encoding="utf-8")
    batch = ChangeBatch([en / "a.md", *created])
    delta = apply_batch(index, batch, threshold=3)
    assert delta.rescanned
    assert delta.removed == [en / "a.md"]
    assert sorted(entry.path for entry in delta.updated) == sorted(created)
    assert index.get(kept) is kept_entry  # unchanged entries are reused, not listed


def test_an_overflow_rescans_and_finds_changes_no_path_named(tmp_path):
    """Lost events: a rescan finds the edit even though the batch names no path."""
    index = make_site(tmp_path)
    edited = tmp_path / "src/content/blog/ko/a.md"
    edited.write_text("---\ntitle: 고친 제목 (longer)\n---\n", encoding="utf-8")
    delta = apply_batch(index, ChangeBatch(overflow=True))
    assert delta.rescanned
    assert [entry.title for entry in delta.updated] == ["고친 제목 (longer)"]
    assert not delta.removed


def test_a_small_batch_is_applied_per_path_and_carries_its_moves(tmp_path):
    """Under the threshold only the named paths are read; the moves pass through."""
    index = make_site(tmp_path)
    old = tmp_path / "src/content/blog/ko/a.md"
    new = tmp_path / "src/content/blog/ko/renamed.md"
    old.rename(new)
    delta = apply_batch(index, ChangeBatch([old, new], [(old, new)]))
    assert not delta.rescanned
    assert delta.removed == [old]
    assert [entry.path for entry in delta.updated] == [new]
    assert delta.moves == [(old, new)]


def test_merged_batches_keep_each_path_once_and_every_move():
    """Batches waiting for the worker merge without repeating paths."""
    a, b, c = Path("/s/a.md"), Path("/s/b.md"), Path("/s/c.md")
    merged = ChangeBatch([a, b], [(a, b)]).merge(ChangeBatch([b, c], [(b, c)], overflow=True))
    assert merged.paths == [a, b, c]
    assert merged.moves == [(a, b), (b, c)]
    assert merged.overflow
    assert not ChangeBatch()
