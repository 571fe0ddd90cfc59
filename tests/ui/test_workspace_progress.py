"""Opening a workspace: the status bar counts the posts read, and a reopen uses the cache."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from editor.ui.main_window import MainWindow
from tests.bench.workspace_gen import generate_site
from tests.qt_support import open_site


@pytest.fixture
def big_site(tmp_path: Path) -> Path:
    root = tmp_path / "big"
    generate_site(root, 120)  # 480 posts in ko, ja, en, zh
    return root


def test_the_status_bar_counts_posts_while_they_are_read(qtbot, make_window, big_site) -> None:
    window: MainWindow = make_window()
    shown: list[str] = []
    label = window.statusBar().findChild(QLabel)
    assert label is not None
    window.site.progress.connect(lambda _n: shown.append(label.text()))
    open_site(qtbot, window, big_site)
    assert shown[0] == "Reading posts… 200"
    assert shown[-1] == "Reading posts… 480"
    assert label.text() == "480 posts"
    assert window.site.index is not None
    assert window.site.index.last_scan.misses == 480


def test_reopening_a_workspace_reads_it_from_the_disk_cache(qtbot, make_window, big_site) -> None:
    first: MainWindow = make_window()
    open_site(qtbot, first, big_site)
    second: MainWindow = make_window()
    open_site(qtbot, second, big_site)
    assert second.site.index is not None
    scan = second.site.index.last_scan
    assert (scan.hits, scan.misses) == (480, 0)
    assert [e.title for e in second.site.entries()] == [e.title for e in first.site.entries()]


def test_a_large_first_scan_lists_the_posts_before_reading_them(
    qtbot, make_window, big_site
) -> None:
    """The tree shows every family by its slug first; titles arrive when the posts are read."""
    window: MainWindow = make_window()
    listed: list[tuple[int, int, bool]] = []
    window.site.listed.connect(
        lambda entries, families, _prepared: listed.append(
            (len(entries), len(families.families), any(e.title for e in entries))
        )
    )
    open_site(qtbot, window, big_site)
    assert listed == [(480, 120, False)]  # every post, grouped, no frontmatter read yet
    assert all(e.title for e in window.site.entries())
    reopened: MainWindow = make_window()
    reopened.site.listed.connect(
        lambda entries, families, _prepared: listed.append(
            (len(entries), len(families.families), all(e.title for e in entries))
        )
    )
    open_site(qtbot, reopened, big_site)
    assert listed[1] == (480, 120, True)  # from the cache: titles already
