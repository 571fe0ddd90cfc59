"""The main window: creates the panes and routes their signals. Composition only."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow

from editor.core.post import PostState
from editor.core.render.page_sync import post_id_of
from editor.core.workspace import PostEntry
from editor.core.workspace.changes import IndexDelta
from editor.core.workspace.family_tags import SiblingTag, add_sibling_tags, describe_sibling_tags
from editor.ui.dialogs import Dialogs, UnsavedChoice
from editor.ui.disk_merge import MergeFromDisk
from editor.ui.document_session import DocumentSession
from editor.ui.frontmatter_form.base import FormContext
from editor.ui.frontmatter_form.form import FrontmatterForm
from editor.ui.language_bar import LanguageBar
from editor.ui.language_switcher import LanguageSwitcher
from editor.ui.markdown_editor import MarkdownEditor
from editor.ui.notice_bar import NoticeBar
from editor.ui.outline_panel import OutlinePanel
from editor.ui.post_actions import PostActions
from editor.ui.posts_pane import PostsPane
from editor.ui.preview.export_action import ExportAction, ExportJob
from editor.ui.preview.preview_view import PreviewView, create_preview_profile
from editor.ui.preview.render_service import RenderService
from editor.ui.preview.request_guard import RequestGuard
from editor.ui.preview.scheme import PostdeskSchemeHandler
from editor.ui.quick_open import QuickOpenDialog
from editor.ui.search_panel import SearchPanel
from editor.ui.settings import Settings
from editor.ui.shared_field_offer import SharedFieldOffer, form_with_bar
from editor.ui.tag_browser import TagBrowser
from editor.ui.tasks import TaskRunner
from editor.ui.translation_pane import TranslationPane
from editor.ui.window_layout import MenuSlots, Panes, create_menus, lay_out_panes
from editor.ui.workspace_session import WorkspaceSession

log = logging.getLogger(__name__)


# No debounce: the render service already runs one render at a time and keeps only the
# newest request, so the preview follows as fast as rendering allows; the zero-delay timer
# only folds the changes of one event-loop pass (a paste, an undo) into one request.
PREVIEW_DELAY_MS = 0


class MainWindow(QMainWindow):
    """Postdesk's window: Posts tree | editor | preview, and the frontmatter form."""

    workspaceLoaded = Signal(Path)
    treeChanged = Signal()

    def __init__(
        self,
        settings: Settings,
        tasks: TaskRunner,
        dialogs: Dialogs | None = None,
        render_service: RenderService | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.tasks = tasks
        self.dialogs = dialogs or Dialogs(self)
        self.workspace: Path | None = None
        self._post_to_open: Path | None = None
        self._post_title: str | None = None
        self._scrolling_from_preview = False

        # Panes
        self.posts = PostsPane(settings)
        self.tree = self.posts.tree
        self.editor = MarkdownEditor()
        self.session = DocumentSession(self.editor, self)
        self.form = FrontmatterForm()
        self.notice = NoticeBar()
        self.scheme_handler = PostdeskSchemeHandler(self)
        self.request_guard = RequestGuard(self)
        self.preview = PreviewView(create_preview_profile(self.scheme_handler, self.request_guard))
        self.renderer = render_service or RenderService(tasks, self)
        self.site = WorkspaceSession(tasks, self)
        self.site.prepare_view = self.tree.prepare
        self.html_export = ExportAction(self.preview, self.renderer, tasks, self)
        self.outline = OutlinePanel(tasks, self.session.text, self.editor.cursor_line)
        self.search = SearchPanel(tasks, self.site.entries, self._unsaved_texts, self)
        self.quick_open = QuickOpenDialog(tasks, self.site.entries, self._open_entry, self)
        self.language_bar = LanguageBar()
        self.beside = TranslationPane(
            tasks,
            self.session.text,
            lambda: (self.editor.cursor_line(), self.editor.firstVisibleBlock().blockNumber()),
        )
        self.language_switcher = LanguageSwitcher(
            tasks,
            self.editor,
            lambda: self.session.path,
            self.open_post,
            self.language_bar,
            self.beside,
            self,
        )
        # Shared fields: a form edit of one offers (under the form) to go to the other languages.
        self.shared_bar = NoticeBar()
        self.shared_offer = SharedFieldOffer(
            self.session, self.site, tasks, self.shared_bar, self.form.field, self
        )
        self.shared_offer.message.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.disk_merge = MergeFromDisk(self.session, tasks, self.dialogs, self)
        self.tag_browser = TagBrowser(
            tasks, self.site.entries, lambda: self.site.config.languages, self._open_entry, self
        )
        self.post_actions = PostActions(
            self.site, self.session, tasks, lambda: self.dialogs, self.confirm_discard_or_save, self
        )
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._status_label = QLabel()
        self.statusBar().addPermanentWidget(self._status_label)
        self._lay_out()

        # Routing: every connection between panes is here.
        self.tree.postActivated.connect(self.open_post)
        self.session.opened.connect(self._on_post_opened)
        self.session.closed.connect(self._update_title)
        self.session.saved.connect(self._on_saved)
        self.session.reloaded.connect(
            lambda p: self.statusBar().showMessage(f"Reloaded {p.name} from disk", 5000)
        )
        self.session.modifiedChanged.connect(self._update_title)
        self.session.parsed.connect(self.form.show_state)
        self.session.parsed.connect(self._on_parsed)
        self.session.textChanged.connect(self._preview_timer.start)
        self.session.problem.connect(self._show_problem)
        self.session.changedOnDisk.connect(self._on_changed_on_disk)
        self.disk_merge.merged.connect(lambda line: self.statusBar().showMessage(line, 8000))
        self.disk_merge.cancelled.connect(self._on_changed_on_disk)
        self.disk_merge.failed.connect(self._show_problem)
        self.form.editRequested.connect(self.session.apply_edit)
        self.form.errorClicked.connect(self.editor.go_to_line)
        self._preview_timer.timeout.connect(self._request_preview)
        self.renderer.rendered.connect(self.preview.show_result)
        self.renderer.failed.connect(self._show_problem)
        self.site.loaded.connect(self._on_workspace_loaded)
        self.site.changed.connect(self._on_workspace_changed)
        self.site.failed.connect(self._on_workspace_failed)
        self.site.watchNotice.connect(lambda text: self.statusBar().showMessage(text, 30000))
        self.session.renamed.connect(self._on_post_renamed)
        self.site.progress.connect(lambda n: self._status_label.setText(f"Reading posts… {n:,}"))
        self.site.listed.connect(
            lambda entries, families, prepared: self.tree.set_entries(
                self.site.content_roots(), entries, families, prepared
            )
        )
        self.editor.verticalScrollBar().valueChanged.connect(self._editor_scrolled)
        self.preview.scrolled.connect(self._preview_scrolled)
        self.preview.blockClicked.connect(lambda line: self.editor.go_to_line(line + 1))
        self.preview.linkActivated.connect(self._open_link)
        self.html_export.finished.connect(
            lambda out: self.statusBar().showMessage(f"Exported {out}", 8000)
        )
        self.html_export.failed.connect(lambda why: self.dialogs.error("Export as HTML", why))
        self.outline.lineActivated.connect(lambda line: self.editor.go_to_line(line + 1))
        self.session.textChanged.connect(self.outline.schedule)
        self.session.opened.connect(lambda _path: self.outline.refresh())
        self.session.closed.connect(self.outline.clear)
        self.editor.cursorPositionChanged.connect(self.outline.cursor_moved)
        self.search.matchActivated.connect(self._show_search_match)
        self.workspaceLoaded.connect(lambda _root: self.search.search())
        self.quick_open.postChosen.connect(self.open_post)
        self.site.loaded.connect(lambda _root: self.quick_open.refresh())
        self.site.changed.connect(lambda _delta, _paths: self.quick_open.refresh())
        switcher = self.language_switcher
        self.language_bar.siblingRequested.connect(switcher.switch_to)
        self.language_bar.besideRequested.connect(switcher.open_beside)
        self.beside.editRequested.connect(switcher.edit_beside)
        self.beside.closeRequested.connect(switcher.close_beside)
        switcher.besideShown.connect(lambda shown: self.preview.setVisible(not shown))
        self.session.opened.connect(switcher.post_opened)
        self.session.closed.connect(switcher.post_opened)
        for regroup_on in (self.site.loaded, self.site.changed):
            regroup_on.connect(lambda *_: switcher.set_families(self.site.families()))
        self.site.changed.connect(lambda _delta, paths: self.beside.files_changed(paths))
        self.session.textChanged.connect(self.beside.source_changed)
        self.editor.cursorPositionChanged.connect(self.beside.cursor_moved)
        self.tag_browser.postActivated.connect(self.open_post)
        self.site.loaded.connect(lambda _root: self.tag_browser.refresh())
        self.site.changed.connect(lambda _delta, _paths: self.tag_browser.refresh())
        self.session.opened.connect(lambda _path: self.tag_browser.follow_open_post())
        self.post_actions.openRequested.connect(self.open_post)
        self.language_bar.createTranslationRequested.connect(self.create_translation)
        self.tree.createTranslationRequested.connect(self.create_translation)
        self.post_actions.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self._update_title()

    # -- layout ---------------------------------------------------------------------------

    def _lay_out(self) -> None:
        panes = Panes(
            self.language_bar,
            self.notice,
            self.editor,
            self.beside,
            self.preview,
            self.posts,
            form_with_bar(self.form, self.shared_bar),
            self.outline,
            self.search,
            self.tag_browser,
        )
        layout = lay_out_panes(self, panes)
        self.splitter = layout.splitter
        self.tree_dock, self.form_dock = layout.tree_dock, layout.form_dock
        self.outline_dock, self.search_dock = layout.outline_dock, layout.search_dock
        self.tags_dock = layout.tags_dock
        slots = MenuSlots(
            choose_folder=self.choose_folder,
            open_workspace=self.open_workspace,
            save=self.save,
            reload_from_disk=self.reload_from_disk,
            export_html=self.export_html,
            quit=self.close,
            set_remote_content=self.set_remote_content,
            find_in_posts=self.find_in_posts,
            quick_open=self.quick_open.popup,
            show_tags=self.show_tags,
            language_actions=self.language_bar.menu_actions(),
            fill_post_menu=self.post_actions.fill_menu,
        )
        menus = create_menus(self, layout, self.settings, slots)
        self.save_action, self.sync_action = menus.save_action, menus.sync_action
        self.remote_action, self.recent_menu = menus.remote_action, menus.recent_menu

    # -- workspace --------------------------------------------------------------------------

    def open_workspace(self, root: Path, post: Path | None = None) -> bool:
        """Open a folder as the workspace (and then post, or the last post used there)."""
        root = root.resolve()
        if not root.is_dir():
            self._show_problem(f"{root} is not a folder.")
            return False
        if not self.confirm_discard_or_save():
            return False
        self.session.close()
        self.workspace = root
        self.scheme_handler.set_workspace(root)
        allow = self.settings.remote_content(root)
        if allow != self.remote_action.isChecked():
            self.remote_action.setChecked(allow)  # reloads the page with that policy
        self.settings.add_recent_workspace(root)
        self._post_to_open = post.resolve() if post else self.settings.last_post(root)
        self.tree.set_entries([], [])
        self._status_label.setText(f"Scanning {root.name}…")
        self.site.open(root)
        self._update_title()
        return True

    def _on_workspace_loaded(self, root: Path) -> None:
        if self.site.config.problem:
            self.statusBar().showMessage(self.site.config.problem, 15000)
        entries = self.site.entries()
        self.tree.set_entries(
            self.site.content_roots(), entries, self.site.families(), self.site.prepared_view()
        )
        self._status_label.setText(f"{len(entries)} posts")
        target = self._post_to_open
        if target is None or (self.site.entry(target) is None and not target.is_file()):
            target = entries[0].path if entries else None
        if target is not None:
            self.open_post(target)
        else:
            self.preview.clear()
        self.workspaceLoaded.emit(root)

    def _on_workspace_failed(self, message: str) -> None:
        self._status_label.setText("")
        self._show_problem(message)

    def _on_workspace_changed(self, delta: IndexDelta, paths: list[Path]) -> None:
        self.tree.apply_changes(
            delta, self.site.entries(), self.site.families(), self.site.prepared_view()
        )
        self._status_label.setText(f"{self.site.post_count()} posts")
        self._follow_rename(delta)
        # rescanned first: a burst's thousands of paths are not compared one by one.
        if self.session.path is not None and (delta.rescanned or self.session.path in paths):
            self.session.on_disk_change(self.session.path)
        self.treeChanged.emit()

    def _follow_rename(self, delta: IndexDelta) -> None:
        size = self.session.file_size()
        created = [entry.path for entry in delta.updated if entry.size == size]
        target = self.session.rename_target(delta.moves, created)
        if target is not None:
            self.session.follow_rename(target)

    def _on_post_renamed(self, old: Path, new: Path) -> None:
        self.tree.select_path(new)
        if self.workspace is not None:
            self.settings.set_last_post(self.workspace, new)
        self._update_title()
        self._request_preview()
        self.statusBar().showMessage(f"{old.name} was renamed to {new.name}", 8000)

    def choose_folder(self) -> None:
        """Ask for a folder and open it as the workspace (Ctrl+Shift+O)."""
        folder = self.dialogs.choose_folder(self.workspace)
        if folder is not None:
            self.open_workspace(folder)

    # -- the open post ---------------------------------------------------------------------

    def open_post(self, path: Path) -> bool:
        """Open a post in the editor, asking first about unsaved edits to the current one."""
        path = path.resolve()
        if path == self.session.path:
            return True
        if not self.confirm_discard_or_save():
            self.tree.select_path(self.session.path) if self.session.path else None
            return False
        self.notice.hide()
        collection = self.site.collection_for(path)
        self.form.set_collection(collection)
        context = FormContext.for_post(
            self.site.post_context(path), self.dialogs.choose_image, self._add_sibling_tags
        )
        self.form.set_context(context)
        self.session.set_collection(collection)
        return self.session.open(path)

    def _on_post_opened(self, path: Path) -> None:
        self.tree.select_path(path)
        if self.workspace is not None:
            self.settings.set_last_post(self.workspace, path)
        self._request_preview()
        self._update_title()

    def create_translation(self, sibling: Path, lang: str) -> bool:
        """Write the missing lang version of sibling's post (shared fields copied) and open it."""
        return self.post_actions.create_translation(sibling, lang)

    def save(self) -> bool:
        """Save the open post (Ctrl+S)."""
        if self.session.path is None:
            return False
        changed_elsewhere = self.session.disk_differs() and self.session.path.exists()
        if changed_elsewhere and not self.dialogs.confirm_overwrite(self.session.path.name):
            return False
        self.notice.hide()
        return self.session.save()

    def _on_saved(self, path: Path) -> None:
        self.statusBar().showMessage(f"Saved {path.name}", 4000)
        self._update_title()

    def export_html(self) -> None:
        """Write the open post's preview as one self-contained HTML file."""
        path = self.session.path
        if path is None:
            self.statusBar().showMessage("Open a post to export it.", 5000)
            return
        out = self.dialogs.choose_export_file(Path.home() / f"{path.stem}.html")
        if out is None:
            return
        if out.resolve() == path.resolve():
            self.dialogs.error(
                "Export as HTML", f"{out.name} is the post itself; choose another file."
            )
            return
        if self._preview_timer.isActive():
            self._request_preview()  # the export waits for the preview of the newest text
        entry = self.site.entry(path)
        lang = entry.lang if entry is not None and entry.lang else "und"
        title = self._post_title or path.stem
        self.html_export.export(ExportJob(out, path, self.workspace, title, lang))

    def reload_from_disk(self) -> None:
        """Read the open post again from disk, asking first about unsaved edits."""
        if self.session.path is None:
            return
        if self.session.is_modified():
            choice = self.dialogs.ask_unsaved(self.session.path.name)
            if choice is UnsavedChoice.CANCEL:
                return
            if choice is UnsavedChoice.SAVE:
                self.save()
                return
        self.session.reload()

    def _on_changed_on_disk(self, path: Path) -> None:
        self.notice.show_notice(
            f"{path.name} was changed by another program. You have unsaved edits.",
            [
                ("Merge", self.disk_merge.start),
                ("Reload from disk (discard my edits)", self.session.reload),
                ("Keep my version", lambda: None),
            ],
        )

    def confirm_discard_or_save(self) -> bool:
        """Deal with unsaved edits before they would be lost; False means stay."""
        if not self.session.is_modified():
            return True
        choice = self.dialogs.ask_unsaved(
            self.session.path.name if self.session.path else "This post"
        )
        if choice is UnsavedChoice.SAVE:
            return self.save()
        return choice is UnsavedChoice.DISCARD

    def _request_preview(self) -> None:
        self._preview_timer.stop()
        if self.session.path is None:
            self.preview.clear()
            return
        self.renderer.request(self.session.text(), self.session.path, self.workspace)

    # -- find in the workspace ----------------------------------------------------------------

    def find_in_posts(self) -> None:
        """Show the Search dock and put the cursor in its query field (Ctrl+Shift+F)."""
        self.search_dock.show()
        self.search_dock.raise_()
        self.search.focus_query()

    def show_tags(self) -> None:
        """Show the Tags dock with the cursor in its filter (Go › Tags…)."""
        self.tags_dock.show()
        self.tags_dock.raise_()
        self.tag_browser.focus_filter()

    def _add_sibling_tags(self, planned: Sequence[SiblingTag]) -> None:
        # The siblings are other files than the open post: patched on disk, the watcher
        # brings the index (and the tree, the Tags dock) up to date.
        self.statusBar().showMessage(describe_sibling_tags(add_sibling_tags(planned)), 10000)

    def _open_entry(self) -> PostEntry | None:
        # Quick open ranks the open post's language first.
        return self.site.entry(self.session.path) if self.session.path is not None else None

    def _unsaved_texts(self) -> dict[Path, str]:
        # The open post is searched as typed, not as last saved.
        path = self.session.path
        return {path: self.session.text()} if path is not None else {}

    def _show_search_match(self, path: Path, line: int, start16: int, end16: int) -> None:
        path = path.resolve()
        other_post = path != self.session.path
        if not self.open_post(path):
            return
        self.editor.select_in_line(line, start16, end16)
        if other_post:
            # The page shows the new post later, at its top: bring it to the editor's line then.
            target = post_id_of(self.session.path)

            def follow(_seq: int) -> None:
                shown = self.preview.shown()
                if shown is not None and shown.post_id != target and self.session.path == path:
                    return  # an older render of the post before
                self.preview.rendered.disconnect(follow)
                if self.session.path == path:
                    self._editor_scrolled(0)

            self.preview.rendered.connect(follow)

    # -- preview <-> editor ------------------------------------------------------------------

    def set_remote_content(self, allow: bool) -> None:
        """Allow or block remote images/styles in the preview, remembered for this site."""
        if self.workspace is not None:
            self.settings.set_remote_content(self.workspace, allow)
        self.scheme_handler.set_allow_remote(allow)
        self.request_guard.set_allow_remote(allow)
        if self.remote_action.isChecked() != allow:
            self.remote_action.setChecked(allow)
            return
        self.preview.reload_page()

    def _editor_scrolled(self, _value: int) -> None:
        if self.sync_action.isChecked() and not self._scrolling_from_preview:
            self.preview.scroll_to_line(self.editor.firstVisibleBlock().blockNumber())

    def _preview_scrolled(self, line: int) -> None:
        if not self.sync_action.isChecked():
            return
        self._scrolling_from_preview = True
        try:
            self.editor.scroll_to_line(line)
        finally:
            self._scrolling_from_preview = False

    def _open_link(self, href: str) -> None:
        if self.session.path is None:
            return
        target = self.site.resolve_link(href, self.session.path)
        if target.kind == "web" and target.url:
            self.dialogs.open_external(target.url)
        elif target.kind == "post" and target.path is not None:
            self.open_post(target.path)
        else:
            self.statusBar().showMessage(f"Link {href}: {target.why}", 8000)

    # -- feedback ---------------------------------------------------------------------------

    def _update_title(self, *_args) -> None:
        path = self.session.path
        if path is None:
            name = self.workspace.name if self.workspace else "Postdesk"
            self.setWindowTitle(f"{name} — Postdesk" if self.workspace else "Postdesk")
            self.setWindowModified(False)
            return
        label = f"{self._post_title} — {path.name}" if self._post_title else path.name
        self.setWindowTitle(f"{label}[*] — Postdesk")
        self.setWindowModified(self.session.is_modified())

    def _on_parsed(self, state: PostState) -> None:
        parsed = state.parsed
        title = parsed.data.get("title") if parsed is not None else None
        self._post_title = title.strip() if isinstance(title, str) else None
        self._update_title()

    def _show_problem(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        self.notice.show_notice(message, [("Dismiss", lambda: None)])

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard_or_save():
            event.ignore()
            return
        self.settings.set_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.site.stop()
        self.search.stop()
        event.accept()

    def restore_window_state(self) -> None:
        """Restore the saved geometry and dock layout, if any."""
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
