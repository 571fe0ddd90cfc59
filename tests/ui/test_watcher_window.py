"""The window and the watcher at scale: bursts, renames of the open post, own saves."""

from __future__ import annotations

import errno
import os
import shutil

import pytest
from watchdog.observers import Observer

from editor.core.workspace.changes import ChangeBatch
from editor.ui.main_window import MainWindow
from editor.ui.posts_model import PATH_ROLE
from tests.qt_support import open_site, tree_posts, type_text

POST = "src/content/blog/ko/astro-build-pipeline.md"


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def test_a_burst_of_2000_created_then_deleted_posts_ends_in_the_right_tree(
    qtbot, window, sample_site
):
    """A checkout-sized burst shows whole, and its deletes go as surely as its creates."""
    open_site(qtbot, window, sample_site)
    folder = sample_site.resolve() / "src/content/blog/zh"
    before = dict(tree_posts(window.tree))
    created = [folder / f"批量-{i:04}.md" for i in range(2000)]
    for i, post in enumerate(created):
        post.write_text(f"---\ntitle: 批量文章 {i}\n---\n正文\n", encoding="utf-8")
    qtbot.waitUntil(lambda: len(tree_posts(window.tree)) == len(before) + 2000, timeout=20_000)
    assert tree_posts(window.tree)[created[1234]] == "批量文章 1234"
    for post in created:
        post.unlink()
    qtbot.waitUntil(lambda: tree_posts(window.tree) == before, timeout=20_000)
    assert len(window.site.entries()) == len(before)


def test_the_open_post_renamed_on_disk_is_followed_and_saved_under_its_new_name(
    qtbot, window, sample_site
):
    post = (sample_site / POST).resolve()
    open_site(qtbot, window, sample_site, post)
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "mine ")
    new = post.with_name("astro-빌드-파이프라인.md")
    os.rename(post, new)
    qtbot.waitUntil(lambda: window.session.path == new, timeout=3000)
    assert window.editor.text().startswith("mine "), "unsaved edits stay"
    assert window.isWindowModified()
    assert new.name in window.windowTitle()
    assert window.tree.currentIndex().data() == tree_posts(window.tree)[new]
    assert "was renamed to astro-빌드-파이프라인.md" in window.statusBar().currentMessage()
    assert window.save()
    assert new.read_text(encoding="utf-8").startswith("mine ")
    assert not post.exists(), "the old name is never written again"


def test_a_post_moved_as_a_delete_and_a_create_is_followed_by_its_content(
    qtbot, window, sample_site
):
    """A move across folders that shows as delete + create is matched by content hash."""
    post = (sample_site / POST).resolve()
    open_site(qtbot, window, sample_site, post)
    drafts = sample_site.resolve() / "src/content/blog/en/drafts"
    drafts.mkdir()
    target = drafts / post.name
    shutil.copy2(post, target)
    post.unlink()
    qtbot.waitUntil(lambda: window.session.path == target, timeout=3000)
    assert "deleted or moved" not in window.notice.text()
    assert not post.exists()


def test_an_own_save_causes_no_notice_and_no_reload(qtbot, window, sample_site):
    post = (sample_site / POST).resolve()
    open_site(qtbot, window, sample_site, post)
    window.editor.setFocus()
    type_text(window.editor, "저장 ")
    reloads = []
    window.session.reloaded.connect(reloads.append)
    with qtbot.waitSignal(window.site.changed, timeout=3000) as signal:
        assert window.save()
    assert post in signal.args[1]
    # The same bytes written again later (a sync tool, a formatter that changed nothing)
    # carry a new mtime, and are still no change.
    same = post.read_bytes()
    with qtbot.waitSignal(
        window.site.changed, timeout=3000, check_params_cb=lambda _delta, paths: post in paths
    ):
        post.write_bytes(same)
        os.utime(post, ns=(post.stat().st_atime_ns, post.stat().st_mtime_ns + 5_000_000_000))
    assert not reloads
    assert not window.notice.isVisible()
    assert window.editor.text().startswith("저장 ")


def test_an_external_change_with_the_same_size_and_mtime_is_noticed(qtbot, window, sample_site):
    """Stat alone would miss it: the content hash tells."""
    post = (sample_site / POST).resolve()
    open_site(qtbot, window, sample_site, post)
    window.editor.setFocus()
    qtbot.keyClicks(window.editor, "x")
    info = post.stat()
    data = post.read_bytes()
    changed = data.replace("빌드".encode(), "배포".encode(), 1)
    assert len(changed) == len(data) and changed != data
    post.write_bytes(changed)
    os.utime(post, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert post.stat().st_mtime_ns == info.st_mtime_ns
    qtbot.waitUntil(lambda: "changed by another program" in window.notice.text(), timeout=3000)
    assert window.session.disk_differs()


class _LimitedObserver(Observer):
    """A native observer whose every watch hits the inotify watch limit."""

    def schedule(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "inotify watch limit reached")


def test_the_watch_limit_is_shown_and_changes_still_arrive_by_polling(qtbot, window, sample_site):
    window.site.watcher._observer_factory = _LimitedObserver
    open_site(qtbot, window, sample_site)
    assert "fs.inotify.max_user_watches" in window.statusBar().currentMessage()
    new = sample_site.resolve() / "src/content/blog/ja/ポーリング.md"
    new.write_text("---\ntitle: ポーリングで見つかった\n---\n", encoding="utf-8")
    qtbot.waitUntil(
        lambda: tree_posts(window.tree).get(new) == "ポーリングで見つかった", timeout=6000
    )


def test_an_edited_title_refreshes_its_row_in_place_keeping_the_tree_state(
    qtbot, window, sample_site
):
    """A change that moves no row is a dataChanged, not a reset: expansion and scroll stay."""
    post = (sample_site / POST).resolve()
    open_site(qtbot, window, sample_site, post)
    model = window.tree.family_model
    resets: list[bool] = []
    changed: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.dataChanged.connect(lambda *_: changed.append(True))
    title = tree_posts(window.tree)[post]
    other = post.parent.parent / "en" / post.name  # a sibling: the open post stays as it is
    text = other.read_text(encoding="utf-8")
    other.write_text(text.replace("title:", "description: 바뀐 설명\ntitle:", 1), encoding="utf-8")
    qtbot.waitUntil(lambda: bool(changed), timeout=5000)
    assert not resets
    assert tree_posts(window.tree)[post] == title
    assert window.tree.currentIndex().data(PATH_ROLE) == str(post)


def test_batches_of_one_burst_reach_the_window_as_one_change(qtbot, window, sample_site):
    """While the watcher holds more events, applied batches wait and then go out together."""
    open_site(qtbot, window, sample_site)
    folder = sample_site.resolve() / "src/content/blog/ja"
    first, second = folder / "一括-1.md", folder / "一括-2.md"
    heard: list[list] = []
    window.site.changed.connect(lambda _delta, paths: heard.append(paths))
    busy = [True]
    window.site.watcher.busy = lambda: busy[0]  # the burst is still arriving
    first.write_text("---\ntitle: 一括の一\n---\n本文\n", encoding="utf-8")
    window.site._on_batch(ChangeBatch([first]))
    qtbot.waitUntil(lambda: window.site.entry(first) is not None, timeout=5000)
    qtbot.waitUntil(lambda: not window.site._applying, timeout=5000)
    assert not heard
    busy[0] = False
    second.write_text("---\ntitle: 一括の二\n---\n本文\n", encoding="utf-8")
    with qtbot.waitSignal(window.site.changed, timeout=5000) as signal:
        window.site._on_batch(ChangeBatch([second]))
    delta, paths = signal.args
    assert {first, second} <= set(paths)
    assert {entry.path for entry in delta.updated} >= {first, second}
    assert tree_posts(window.tree)[second] == "一括の二"
