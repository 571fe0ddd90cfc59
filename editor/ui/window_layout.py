"""The main window's layout: the editor column, the docks around it, and the menus.

Functions of plain arguments, so this module knows the window only as a QMainWindow: what
the menus trigger comes in as callables (MenuSlots), and what others need later comes back
(Layout, Menus).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QSplitter, QVBoxLayout, QWidget

from editor.ui.settings import Settings


@dataclass(frozen=True)
class Panes:
    """The widgets the layout places."""

    language_bar: QWidget
    notice: QWidget
    editor: QWidget
    beside: QWidget
    preview: QWidget
    posts: QWidget
    form: QWidget  # the frontmatter form with its shared-field bar
    outline: QWidget
    search: QWidget
    tags: QWidget


@dataclass(frozen=True)
class Layout:
    """The central splitter and the docks, which the window shows, raises and saves."""

    splitter: QSplitter
    tree_dock: QDockWidget
    form_dock: QDockWidget
    outline_dock: QDockWidget
    search_dock: QDockWidget
    tags_dock: QDockWidget


@dataclass(frozen=True)
class MenuSlots:
    """What the menu entries do."""

    choose_folder: Callable[[], object]
    open_workspace: Callable[[Path], object]
    save: Callable[[], object]
    reload_from_disk: Callable[[], object]
    export_html: Callable[[], object]
    quit: Callable[[], object]
    set_remote_content: Callable[[bool], object]
    find_in_posts: Callable[[], object]
    quick_open: Callable[[], object]
    show_tags: Callable[[], object]
    language_actions: Iterable[QAction]
    fill_post_menu: Callable[[QMenu], object]


@dataclass(frozen=True)
class Menus:
    """The actions whose state the window reads or sets."""

    save_action: QAction
    sync_action: QAction
    remote_action: QAction
    recent_menu: QMenu


def lay_out_panes(window: QMainWindow, panes: Panes) -> Layout:
    """The editor column, the splitter with the preview, and the docks."""
    window.setDockOptions(
        QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
    )
    editor_column = QWidget()
    column = QVBoxLayout(editor_column)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(panes.language_bar)
    column.addWidget(panes.notice)
    column.addWidget(panes.editor, 1)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(editor_column)
    splitter.addWidget(panes.beside)  # source | translation while comparing
    splitter.addWidget(panes.preview)
    for pane in range(3):
        splitter.setStretchFactor(pane, 1)
    splitter.setChildrenCollapsible(False)
    # Equal halves: the web view's size hint would otherwise squeeze the editor.
    splitter.setSizes([10_000, 10_000, 10_000])
    window.setCentralWidget(splitter)
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    tree_dock = _dock(window, "Posts", panes.posts, left)
    form_dock = _dock(window, "Frontmatter", panes.form, Qt.DockWidgetArea.RightDockWidgetArea)
    # Outline under Posts; Search and Tags tabbed with Posts, shown by their shortcuts.
    outline_dock = _dock(window, "Outline", panes.outline, left)
    window.splitDockWidget(tree_dock, outline_dock, Qt.Orientation.Vertical)
    search_dock = _dock(window, "Search", panes.search, left)
    window.tabifyDockWidget(tree_dock, search_dock)
    tags_dock = _dock(window, "Tags", panes.tags, left)
    window.tabifyDockWidget(tree_dock, tags_dock)
    tree_dock.raise_()
    search_dock.hide()
    tags_dock.hide()
    window.resizeDocks([tree_dock, form_dock], [300, 440], Qt.Orientation.Horizontal)
    return Layout(splitter, tree_dock, form_dock, outline_dock, search_dock, tags_dock)


def _dock(window: QMainWindow, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(f"dock-{title.lower()}")
    dock.setWidget(widget)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )
    window.addDockWidget(area, dock)
    return dock


def create_menus(
    window: QMainWindow, layout: Layout, settings: Settings, slots: MenuSlots
) -> Menus:
    """File, View, Go and Post menus, with their shortcuts."""
    file_menu = window.menuBar().addMenu("&File")
    _add_action(file_menu, "Open &Folder…", slots.choose_folder, QKeySequence("Ctrl+Shift+O"))
    recent_menu = file_menu.addMenu("Open &Recent")
    recent_menu.aboutToShow.connect(
        lambda: _fill_recent_menu(recent_menu, settings, slots.open_workspace)
    )
    file_menu.addSeparator()
    save_action = _add_action(file_menu, "&Save", slots.save, QKeySequence.StandardKey.Save)
    _add_action(file_menu, "Re&load from Disk", slots.reload_from_disk)
    _add_action(file_menu, "&Export as HTML…", slots.export_html, QKeySequence("Ctrl+Shift+E"))
    file_menu.addSeparator()
    _add_action(file_menu, "&Quit", slots.quit, QKeySequence.StandardKey.Quit)
    view_menu = window.menuBar().addMenu("&View")
    for dock in (
        layout.tree_dock,
        layout.outline_dock,
        layout.search_dock,
        layout.tags_dock,
        layout.form_dock,
    ):
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addSeparator()
    sync_action = QAction("&Sync Scrolling", window, checkable=True)
    sync_action.setChecked(settings.sync_scrolling())
    sync_action.toggled.connect(settings.set_sync_scrolling)
    view_menu.addAction(sync_action)
    remote_action = QAction("Load &Remote Content (this site)", window, checkable=True)
    remote_action.setToolTip(
        "Let the preview load images, styles and fonts from the web for this site. "
        "Scripts never run."
    )
    remote_action.toggled.connect(slots.set_remote_content)
    view_menu.addAction(remote_action)
    view_menu.addSeparator()
    _add_action(view_menu, "&Find in Posts…", slots.find_in_posts, QKeySequence("Ctrl+Shift+F"))
    go_menu = window.menuBar().addMenu("&Go")
    _add_action(go_menu, "&Quick Open…", slots.quick_open, QKeySequence("Ctrl+P"))
    go_menu.addSeparator()
    go_menu.addActions(list(slots.language_actions))
    _add_action(go_menu, "&Tags…", slots.show_tags, QKeySequence("Ctrl+Shift+T"))
    slots.fill_post_menu(window.menuBar().addMenu("&Post"))
    return Menus(save_action, sync_action, remote_action, recent_menu)


def _add_action(
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
) -> QAction:
    action = QAction(text, menu.parent())
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def _fill_recent_menu(
    menu: QMenu, settings: Settings, open_workspace: Callable[[Path], object]
) -> None:
    menu.clear()
    recent = settings.recent_workspaces()
    for path in recent:
        action = menu.addAction(str(path))
        action.triggered.connect(lambda _c=False, p=path: open_workspace(p))
    if not recent:
        menu.addAction("No recent folders").setEnabled(False)
        return
    menu.addSeparator()
    menu.addAction("Clear List", settings.clear_recent_workspaces)
