"""The main window's layout: the editor column, the docks around it, and the menus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QVBoxLayout, QWidget

from editor.ui.shared_field_offer import form_with_bar

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow


def lay_out_panes(window: MainWindow) -> None:
    """The editor column, the splitter with the preview, the docks and the status bar."""
    window.setDockOptions(
        QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
    )
    editor_column = QWidget()
    column = QVBoxLayout(editor_column)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(window.language_bar)
    column.addWidget(window.notice)
    column.addWidget(window.editor, 1)
    window.splitter = QSplitter(Qt.Orientation.Horizontal)
    window.splitter.addWidget(editor_column)
    window.splitter.addWidget(window.beside)  # source | translation while comparing
    window.splitter.addWidget(window.preview)
    for pane in range(3):
        window.splitter.setStretchFactor(pane, 1)
    window.splitter.setChildrenCollapsible(False)
    # Equal halves: the web view's size hint would otherwise squeeze the editor.
    window.splitter.setSizes([10_000, 10_000, 10_000])
    window.setCentralWidget(window.splitter)
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    window.tree_dock = _dock(window, "Posts", window.posts, left)
    window.form_dock = _dock(
        window,
        "Frontmatter",
        form_with_bar(window.form, window.shared_bar),
        Qt.DockWidgetArea.RightDockWidgetArea,
    )
    # Outline under Posts; Search tabbed with Posts, shown by Ctrl+Shift+F.
    window.outline_dock = _dock(window, "Outline", window.outline, left)
    window.splitDockWidget(window.tree_dock, window.outline_dock, Qt.Orientation.Vertical)
    window.search_dock = _dock(window, "Search", window.search, left)
    window.tabifyDockWidget(window.tree_dock, window.search_dock)
    window.tags_dock = _dock(window, "Tags", window.tag_browser, left)
    window.tabifyDockWidget(window.tree_dock, window.tags_dock)
    window.tree_dock.raise_()
    window.search_dock.hide()
    window.tags_dock.hide()
    window.resizeDocks([window.tree_dock, window.form_dock], [300, 440], Qt.Orientation.Horizontal)
    window.statusBar().addPermanentWidget(window._status_label)


def _dock(window: MainWindow, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(f"dock-{title.lower()}")
    dock.setWidget(widget)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )
    window.addDockWidget(area, dock)
    return dock


def create_menus(window: MainWindow) -> None:
    """File, View, Go and Post menus, with their shortcuts."""
    file_menu = window.menuBar().addMenu("&File")
    _add_action(
        window, file_menu, "Open &Folder…", window.choose_folder, QKeySequence("Ctrl+Shift+O")
    )
    window.recent_menu = file_menu.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(lambda: _fill_recent_menu(window))
    file_menu.addSeparator()
    window.save_action = _add_action(
        window, file_menu, "&Save", window.save, QKeySequence.StandardKey.Save
    )
    _add_action(window, file_menu, "Re&load from Disk", window.reload_from_disk)
    _add_action(
        window, file_menu, "&Export as HTML…", window.export_html, QKeySequence("Ctrl+Shift+E")
    )
    file_menu.addSeparator()
    _add_action(window, file_menu, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    view_menu = window.menuBar().addMenu("&View")
    docks = (window.tree_dock, window.outline_dock, window.search_dock, window.tags_dock)
    for dock in (*docks, window.form_dock):
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addSeparator()
    window.sync_action = QAction("&Sync Scrolling", window, checkable=True)
    window.sync_action.setChecked(window.settings.sync_scrolling())
    window.sync_action.toggled.connect(window.settings.set_sync_scrolling)
    view_menu.addAction(window.sync_action)
    window.remote_action = QAction("Load &Remote Content (this site)", window, checkable=True)
    window.remote_action.setToolTip(
        "Let the preview load images, styles and fonts from the web for this site. "
        "Scripts never run."
    )
    window.remote_action.toggled.connect(window.set_remote_content)
    view_menu.addAction(window.remote_action)
    view_menu.addSeparator()
    _add_action(window, view_menu, "&Find in Posts…", window.find_in_posts, "Ctrl+Shift+F")
    go_menu = window.menuBar().addMenu("&Go")
    _add_action(window, go_menu, "&Quick Open…", window.quick_open.popup, QKeySequence("Ctrl+P"))
    go_menu.addSeparator()
    go_menu.addActions(window.language_bar.menu_actions())
    _add_action(window, go_menu, "&Tags…", window.show_tags, QKeySequence("Ctrl+Shift+T"))
    window.post_actions.fill_menu(window.menuBar().addMenu("&Post"))


def _add_action(window: MainWindow, menu, text: str, slot, shortcut=None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def _fill_recent_menu(window: MainWindow) -> None:
    window.recent_menu.clear()
    recent = window.settings.recent_workspaces()
    for path in recent:
        action = window.recent_menu.addAction(str(path))
        action.triggered.connect(lambda _c=False, p=path: window.open_workspace(p))
    if not recent:
        window.recent_menu.addAction("No recent folders").setEnabled(False)
        return
    window.recent_menu.addSeparator()
    window.recent_menu.addAction("Clear List", window.settings.clear_recent_workspaces)
