"""The Posts dock: a view switch, a filter bar (text, sort, drafts, languages) and the tree."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor.core.workspace.family_view import DraftFilter, FamilyQuery, LangFilter, SortKey
from editor.ui.settings import Settings
from editor.ui.workspace_tree import BY_FOLDER, BY_POST, WorkspaceTree

SORTS = (("Title", SortKey.TITLE), ("Newest", SortKey.DATE), ("Slug", SortKey.SLUG))
DRAFTS = (
    ("All posts", DraftFilter.ALL),
    ("Drafts only", DraftFilter.ONLY),
    ("Hide drafts", DraftFilter.HIDE),
)


class PostsPane(QWidget):
    """The tree with its view switch and, by post, its sort and filter bar."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.tree = WorkspaceTree(self)
        self.setAccessibleName("Posts pane")

        self.by_post = self._toggle("By post", "Show one row per post, its languages as badges")
        self.by_folder = self._toggle("By folder", "Show the content folders as they are on disk")
        views = QButtonGroup(self)
        views.setExclusive(True)
        views.addButton(self.by_post)
        views.addButton(self.by_folder)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter posts")
        self.filter_edit.setAccessibleName("Filter posts")
        self.filter_edit.setClearButtonEnabled(True)
        self.sort_combo = QComboBox()
        self.sort_combo.setAccessibleName("Sort posts")
        self.sort_combo.setToolTip("Sort posts by title, date (newest first) or slug")
        for label, key in SORTS:
            self.sort_combo.addItem(label, key)
        self.filter_button = QToolButton()
        self.filter_button.setText("Filter")
        self.filter_button.setAccessibleName("Filter by draft and language")
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.filter_menu = QMenu(self.filter_button)
        self.filter_button.setMenu(self.filter_menu)
        self._draft_actions = QActionGroup(self)
        self._lang_actions = QActionGroup(self)
        self._languages: tuple[str, ...] | None = None
        self._build_filter_menu(())

        switch = QHBoxLayout()
        switch.setContentsMargins(0, 0, 0, 0)
        switch.setSpacing(2)
        switch.addWidget(self.by_post)
        switch.addWidget(self.by_folder)
        switch.addStretch(1)
        switch.addWidget(self.sort_combo)
        # The filter menu's button says the filters in effect ("Missing zh"): it gets the
        # second row's spare width, not the first row's.
        self.bar = QWidget()
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.filter_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 0)
        layout.setSpacing(2)
        layout.addLayout(switch)
        layout.addWidget(self.bar)
        layout.addWidget(self.tree, 1)

        self.by_post.clicked.connect(lambda: self._choose(BY_POST))
        self.by_folder.clicked.connect(lambda: self._choose(BY_FOLDER))
        self.filter_edit.textChanged.connect(self._query_changed)
        self.sort_combo.currentIndexChanged.connect(self._query_changed)
        self.tree.viewChanged.connect(self._show_view)
        self.tree.siteChanged.connect(self._site_changed)
        self.tree.set_view_choice(settings.tree_view())
        self._show_view(self.tree.view_mode())

    def query(self) -> FamilyQuery:
        """The sort and filter the bar says."""
        draft = self._draft_actions.checkedAction()
        lang = self._lang_actions.checkedAction()
        return FamilyQuery(
            text=self.filter_edit.text(),
            sort=self.sort_combo.currentData(),
            drafts=draft.data() if draft is not None else DraftFilter.ALL,
            lang=lang.data() if lang is not None else None,
        )

    def filter_action(self, text: str) -> QAction:
        """The filter menu's action with this text (e.g. "Missing zh")."""
        return next(a for a in self.filter_menu.actions() if a.text() == text)

    # -- internals ------------------------------------------------------------------------

    def _toggle(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.setCheckable(True)
        button.setAutoRaise(True)
        return button

    def _choose(self, mode: str) -> None:
        self.settings.set_tree_view(mode)
        self.tree.set_view_choice(mode)

    def _show_view(self, mode: str) -> None:
        self.by_post.setChecked(mode == BY_POST)
        self.by_folder.setChecked(mode == BY_FOLDER)
        self.bar.setVisible(mode == BY_POST)
        self.sort_combo.setVisible(mode == BY_POST)

    def _site_changed(self) -> None:
        languages = self.tree.family_model.site.languages
        if languages != self._languages:
            self._build_filter_menu(languages)

    def _build_filter_menu(self, languages: tuple[str, ...]) -> None:
        query = self.query() if self._languages is not None else FamilyQuery()
        self._languages = languages
        self.filter_menu.clear()
        for group in (self._draft_actions, self._lang_actions):
            for action in group.actions():
                group.removeAction(action)
        for label, value in DRAFTS:
            self._add_choice(self._draft_actions, label, value, value == query.drafts)
        if len(languages) > 1:
            self.filter_menu.addSeparator()
            self._add_choice(self._lang_actions, "Any language", None, query.lang is None)
            for missing in (True, False):
                for lang in languages:
                    choice = LangFilter(lang, missing)
                    label = f"Missing {lang}" if missing else f"Has {lang}"
                    self._add_choice(self._lang_actions, label, choice, choice == query.lang)
            if self._lang_actions.checkedAction() is None:
                self._lang_actions.actions()[0].setChecked(True)
        self._query_changed()

    def _add_choice(self, group: QActionGroup, label: str, value: object, on: bool) -> None:
        action = QAction(label, self.filter_menu)
        action.setCheckable(True)
        action.setChecked(on)
        action.setData(value)
        group.addAction(action)
        self.filter_menu.addAction(action)
        action.triggered.connect(self._query_changed)

    def _query_changed(self) -> None:
        query = self.query()
        active = [a.text() for a in self._draft_actions.actions() if a.isChecked()]
        active = [t for t in active if t != DRAFTS[0][0]]
        active += [a.text() for a in self._lang_actions.actions() if a.isChecked()]
        active = [t for t in active if t != "Any language"]
        self.filter_button.setText(", ".join(active) or "Filter")
        self.tree.set_query(query)
