"""Shared fixtures of the GUI and end-to-end tests (imported by their conftest files)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
import shiboken6

from editor.core import resources
from editor.ui.application import create_application, prepare_qt_environment

# The scheme and WebEngine flags must be set before pytest-qt creates the QApplication.
prepare_qt_environment()

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QSettings  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QTreeView, QWidget  # noqa: E402

from editor.core.merge import MergeResult  # noqa: E402
from editor.ui.dialogs import UnsavedChoice  # noqa: E402
from editor.ui.merge_dialog import MergeDialog  # noqa: E402
from editor.ui.settings import Settings  # noqa: E402
from editor.ui.tasks import TaskRunner  # noqa: E402
from editor.ui.workspace_tree import PATH_ROLE  # noqa: E402

W = TypeVar("W", bound=QWidget)


@pytest.fixture(scope="session")
def qapp():
    """The application as Postdesk creates it (its names, its choice of scene graph)."""
    return create_application(["postdesk-tests"])


def type_text(widget: QWidget, text: str) -> None:
    """Type text as an input method commits it, one character at a time.

    QTest.keyClicks only knows ASCII; Korean, Japanese and Chinese reach a widget as input
    method commits, so this is how a writer's CJK typing arrives.
    """
    for char in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(char)
        QApplication.sendEvent(widget, event)


def drop_deleted() -> None:
    """Delete now the widgets the app let go of (deleteLater), as the next event loop turn would."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def widgets(root: QWidget, kind: type[W]) -> list[W]:
    """root and every widget under it of this kind, without the ones the app let go of."""
    drop_deleted()
    own = [root] if isinstance(root, kind) else []
    return own + root.findChildren(kind)


def named(root: QWidget, name: str, kind: type[W] = QWidget) -> W:  # type: ignore[assignment]
    """The one widget under root that shows and that a screen reader announces as name."""
    found = [w for w in widgets(root, kind) if w.accessibleName() == name and w.isVisibleTo(root)]
    assert len(found) == 1, f"{len(found)} shown widgets named {name!r}"
    return found[0]


def shown_text(root: QWidget, name: str) -> str:
    """The text of the label named name under root, or "" while no such label shows."""
    found = [w for w in widgets(root, QWidget) if w.accessibleName() == name]
    assert len(found) == 1, f"{len(found)} widgets named {name!r}"
    label = found[0]
    return str(label.text()) if label.isVisibleTo(root) else ""  # type: ignore[attr-defined]


def tree_posts(tree: QTreeView) -> dict[Path, str]:
    """Every post row the tree shows, at any depth: its file's path and the text it displays."""
    model: QAbstractItemModel = tree.model()
    rows: dict[Path, str] = {}

    def walk(parent: QModelIndex) -> None:
        while model.canFetchMore(parent):  # a model may give its rows as they are needed
            model.fetchMore(parent)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(PATH_ROLE):
                rows[Path(index.data(PATH_ROLE))] = index.data()
            walk(index)

    walk(QModelIndex())
    return rows


def open_site(qtbot, window, site: Path, post: Path | None = None) -> None:
    """Open a workspace in the window (and a post of it) and wait until it is read."""
    with qtbot.waitSignal(window.workspaceLoaded, timeout=10_000):
        window.open_workspace(site, post)


def watchdog_threads() -> set[threading.Thread]:
    """The running threads of watchdog (observers and their emitters)."""
    return {t for t in threading.enumerate() if type(t).__module__.startswith("watchdog")}


class StubDialogs:
    """Answers the window's questions from a script; an unscripted question fails the test."""

    def __init__(self) -> None:
        self.unsaved_answers: list[UnsavedChoice] = []
        self.overwrite_answers: list[bool] = []
        self.folders: list[Path | None] = []
        self.images: list[Path | None] = []
        self.opened: list[str] = []
        self.export_files: list[Path | None] = []
        # Each answer acts on the real merge dialog (not shown) and returns its text or None.
        self.merge_answers: list[Callable[[MergeDialog], str | None]] = []
        self.errors: list[str] | None = None  # a list to collect error dialogs in
        self.asked: list[str] = []

    def ask_unsaved(self, name: str) -> UnsavedChoice:
        self.asked.append(f"unsaved:{name}")
        assert self.unsaved_answers, f"unexpected question about unsaved edits to {name}"
        return self.unsaved_answers.pop(0)

    def confirm_overwrite(self, name: str) -> bool:
        self.asked.append(f"overwrite:{name}")
        assert self.overwrite_answers, f"unexpected question about overwriting {name}"
        return self.overwrite_answers.pop(0)

    def resolve_merge(self, name: str, result: MergeResult) -> str | None:
        self.asked.append(f"merge:{name}")
        assert self.merge_answers, f"unexpected merge dialog for {name}"
        dialog = MergeDialog(result, name)
        try:
            return self.merge_answers.pop(0)(dialog)
        finally:
            shiboken6.delete(dialog)

    def choose_folder(self, start: Path | None) -> Path | None:
        self.asked.append("folder")
        assert self.folders, "unexpected folder dialog"
        return self.folders.pop(0)

    def choose_image(self, folder: Path) -> Path | None:
        self.asked.append(f"image:{folder}")
        assert self.images, "unexpected image dialog"
        return self.images.pop(0)

    def open_external(self, url: str) -> None:
        self.asked.append(f"external:{url}")
        self.opened.append(url)

    def choose_export_file(self, suggested: Path) -> Path | None:
        self.asked.append(f"export:{suggested.name}")
        assert self.export_files, "unexpected export dialog"
        return self.export_files.pop(0)

    def error(self, title: str, message: str) -> None:
        if self.errors is None:
            raise AssertionError(f"unexpected error dialog: {title}: {message}")
        self.errors.append(f"{title}: {message}")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings stored in a file of the test's own, never the user's."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def dialogs() -> StubDialogs:
    return StubDialogs()


@pytest.fixture
def tasks(qapp: QApplication):
    """A task runner whose work is finished (and delivered) before the test ends."""
    runner = TaskRunner()
    yield runner
    runner.wait(10_000)
    qapp.processEvents()
    runner.deleteLater()


@pytest.fixture
def make_window(qtbot, settings, tasks, dialogs):
    """Build real main windows; each is closed and deleted when the test ends.

    Deleting explicitly matters: WebEngine wants its pages gone before its profiles, and
    a window left to Python's garbage collector at exit is torn down in no fixed order.
    """
    from editor.ui.main_window import MainWindow

    created: list[MainWindow] = []

    def make(width: int = 1400, height: int = 900) -> MainWindow:
        window = MainWindow(settings, tasks, dialogs)
        # Unsaved edits made by a test are not the question when pytest-qt closes it.
        qtbot.addWidget(window, before_close_func=lambda w: w.editor.document().setModified(False))
        window.resize(width, height)
        window.show()
        created.append(window)
        return window

    yield make
    for window in created:
        if shiboken6.isValid(window):
            window.editor.document().setModified(False)
            window.close()
            shiboken6.delete(window)


@pytest.fixture
def sample_site(tmp_path: Path) -> Path:
    """A writable copy of the bundled sample site."""
    target = tmp_path / "site"
    shutil.copytree(resources.sample_site_dir(), target)
    return target


@pytest.fixture(autouse=True)
def no_stray_windows(qapp: QApplication):
    """Fail a test that leaves a visible window behind (after qtbot closed its own)."""
    yield
    qapp.processEvents()
    stray = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
    for widget in stray:
        widget.close()
    names = [type(w).__name__ for w in stray if type(w).__name__ not in ("QMenu",)]
    assert not names, f"windows left open: {names}"
