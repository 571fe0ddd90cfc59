"""The Post menu's actions: new post, create translation, rename slug, delete to the trash."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFile, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from editor.core.storage import StorageError, read_text_file
from editor.core.workspace.families import Family
from editor.core.workspace.habits import SiteHabits, learn_habits, read_samples
from editor.core.workspace.new_post import (
    NewPostFile,
    build_frontmatter,
    new_post_files,
    section_entries,
    section_of,
    sections,
    slug_taken,
    write_new_files,
)
from editor.core.workspace.rename import RenamePlan, apply_rename, plan_rename
from editor.core.workspace.translation import own_fields, translation_file
from editor.ui.dialogs import Dialogs
from editor.ui.document_session import DocumentSession
from editor.ui.new_post_dialog import NewPostAnswer, NewPostForm
from editor.ui.tasks import TaskRunner
from editor.ui.workspace_session import WorkspaceSession


class PostActions(QObject):
    """Creates, translates, renames and deletes posts; the window opens what they ask."""

    openRequested = Signal(Path)  # a post to open (a new one, or the renamed open one)
    message = Signal(str)  # a line for the status bar

    def __init__(
        self,
        site: WorkspaceSession,
        session: DocumentSession,
        tasks: TaskRunner,
        dialogs: Callable[[], Dialogs],
        settle: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._site = site
        self._session = session
        self._tasks = tasks
        self._dialogs = dialogs
        self._settle = settle  # deals with unsaved edits first; False: the writer stayed
        self._translate_menu: QMenu | None = None

    def fill_menu(self, menu: QMenu) -> None:
        """The Post menu's entries."""
        self._action(menu, "&New Post…", self.new_post, QKeySequence.StandardKey.New)
        self._translate_menu = menu.addMenu("Create &Translation")
        self._translate_menu.aboutToShow.connect(self._fill_translate_menu)
        menu.addSeparator()
        self._action(menu, "&Rename Post…", self.rename_post)
        self._action(menu, "&Delete Post…", lambda: self.delete_post(whole_family=True))
        self._action(menu, "Delete This &Language Version…", self.delete_post)

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object], key=None) -> None:
        action = QAction(text, menu)
        if key is not None:
            action.setShortcut(key)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)

    def _open_family(self) -> Family | None:
        path = self._session.path
        family = self._site.families().of(path) if path is not None else None
        if family is None:
            self.message.emit("Open a post of the workspace first.")
        return family

    # -- new post -------------------------------------------------------------------------

    def new_post(self) -> None:
        """Ask a title, slug and languages; write one file per language; open the first."""
        if self._site.root is None or self._site.index is None:
            self.message.emit("Open a site folder first.")
            return
        families = self._site.families()
        names = sections(families)
        if not names:
            self.message.emit("The site has no posts to learn a new post's shape from.")
            return
        schema = self._site.schema

        def learn() -> dict[str, SiteHabits]:
            out = {}
            for name in names:
                entries = section_entries(families, name)
                collection = schema.collection_for(entries[0].path) if schema else None
                out[name] = learn_habits(read_samples(entries), collection)
            return out

        self.message.emit("Reading how the site's posts are written…")
        self._tasks.run(learn, self._ask_new_post, owner=self)

    def _ask_new_post(self, habits: dict[str, SiteHabits]) -> None:
        families = self._site.families()
        here = section_of(families, self._session.path)
        names = tuple(habits)
        form = NewPostForm(
            families.languages,
            names,
            here if here in habits else names[0],
            lambda section, slug: slug_taken(families, section, slug),
        )
        answer = self._dialogs().ask_new_post(form)
        if answer is not None:
            self._create(answer, habits[answer.section])

    def _source_language(self, langs: tuple[str, ...]) -> str | None:
        entry = self._site.entry(self._session.path) if self._session.path else None
        for lang in (
            entry.lang if entry else None,
            *self._site.config.languages,
            *langs,
        ):
            if lang in langs:
                return lang
        return None

    def _create(self, answer: NewPostAnswer, habits: SiteHabits) -> None:
        families = self._site.families()
        langs: tuple[str | None, ...] = answer.languages or (None,)
        source = self._source_language(answer.languages)
        try:
            paths = new_post_files(families, answer.section, answer.slug, langs)
        except ValueError as exc:
            self._dialogs().error("New Post", str(exc))
            return
        collection = self._site.collection_for(paths[langs[0]])
        now = dt.datetime.now().astimezone()
        files = [
            NewPostFile(
                lang,
                paths[lang],
                build_frontmatter(
                    habits,
                    collection,
                    title=answer.title if lang == source or lang is None else "",
                    slug=answer.slug,
                    lang=lang,
                    now=now,
                ),
            )
            for lang in langs
        ]
        try:
            write_new_files(files)
        except StorageError as exc:
            self._dialogs().error("New Post", str(exc))
            return
        self.message.emit(f"Created {answer.slug} in {len(files)} file(s).")
        self.openRequested.emit(paths[source if source in paths else langs[0]])

    # -- translation ----------------------------------------------------------------------

    def _fill_translate_menu(self) -> None:
        menu = self._translate_menu
        assert menu is not None
        menu.clear()
        path = self._session.path
        family = self._site.families().of(path) if path is not None else None
        missing = family.missing if family is not None else ()
        for lang in missing:
            assert path is not None
            action = menu.addAction(lang)
            action.triggered.connect(
                lambda _c=False, p=path, lg=lang: self.create_translation(p, lg)
            )
        if not missing:
            menu.addAction("No missing language").setEnabled(False)

    def create_translation(self, sibling: Path, lang: str) -> bool:
        """Write sibling's family's post in lang (shared fields copied) and open it."""
        families = self._site.families()
        family = families.of(sibling)
        if family is None or family.post(lang) is not None:
            self.message.emit(f"No {lang} version is missing for {sibling.name}.")
            return False
        try:
            text = read_text_file(sibling).text
        except StorageError as exc:
            self._dialogs().error("Create Translation", str(exc))
            return False
        own = own_fields(family, families, self._site.config.shared_fields)
        file = translation_file(family, lang, text, own, self._site.collection_for(sibling))
        if file is None:
            self._dialogs().error(
                "Create Translation", f"The site shows no place for a {lang} file of {family.slug}."
            )
            return False
        try:
            write_new_files([file])
        except StorageError as exc:
            self._dialogs().error("Create Translation", str(exc))
            return False
        self.openRequested.emit(file.path)
        return True

    # -- rename ---------------------------------------------------------------------------

    def rename_post(self) -> None:
        """Ask a new slug; show every change; rename the files and update references."""
        family = self._open_family()
        if family is None or not self._settle():
            return
        families = self._site.families()

        def check(slug: str) -> str | None:
            where = slug_taken(families, family.section, slug)
            return f"A post with this slug exists: {where}" if where else None

        new_slug = self._dialogs().ask_new_slug(family.slug, check)
        if new_slug is None:
            return
        entries = self._site.entries()
        self.message.emit("Finding every reference to the post…")
        self._tasks.run(
            lambda: plan_rename(family, new_slug, entries),
            self._confirm_rename,
            lambda exc: self._dialogs().error("Rename Post", str(exc)),
            owner=self,
        )

    def _confirm_rename(self, plan: RenamePlan) -> None:
        root = self._site.root or Path("/")
        items = [f"{_rel(m.old, root)} → {_rel(m.new, root)}" for m in plan.moves]
        for edit in plan.edits:
            for change in edit.changes:
                before, after = _excerpt(change.old.strip(), change.new.strip())
                items.append(f"{_rel(edit.path, root)}:{change.line}: {before} → {after}")
        text = (
            f"Renaming ‘{plan.old_slug}’ to ‘{plan.new_slug}’ renames {len(plan.moves)} "
            f"file(s) and changes {sum(len(e.changes) for e in plan.edits)} line(s) "
            f"in {len(plan.edits)} file(s):"
        )
        if not self._dialogs().confirm_changes("Rename Post", text, items, "Rename"):
            return
        was_open = self._session.path
        if not self._settle():
            return
        self._session.close()
        try:
            apply_rename(plan)
        except StorageError as exc:
            self._dialogs().error("Rename Post", str(exc))
        else:
            self.message.emit(f"Renamed {plan.old_slug} to {plan.new_slug}.")
        if was_open is not None:
            # Where the open post is now: moved, or still in place when the rename failed.
            moved = plan.moved(was_open)
            self.openRequested.emit(moved if moved.exists() else was_open)

    # -- delete ---------------------------------------------------------------------------

    def delete_post(self, whole_family: bool = False) -> None:
        """Move the open post (or its whole family) to the system trash, after confirming."""
        family = self._open_family()
        path = self._session.path
        if family is None or path is None:
            return
        posts = family.posts if whole_family else tuple(p for p in family.posts if p.path == path)
        # A page bundle goes with its folder (its images belong to it alone).
        targets = [
            p.path.parent
            if p.path.parent.name == family.slug
            and p.path.stem.startswith("index")
            and len({q.path.parent for q in posts}) == 1
            and whole_family
            else p.path
            for p in posts
        ]
        targets = list(dict.fromkeys(targets))
        root = self._site.root or Path("/")
        what = f"‘{family.title()}’" + ("" if whole_family else f" ({posts[0].lang})")
        if not self._dialogs().confirm_changes(
            "Delete Post",
            f"Move {what} to the trash? These go:",
            [str(_rel(t, root)) for t in targets],
            "Move to Trash",
        ):
            return
        self._session.close()
        moved = []
        for target in targets:
            if not QFile(str(target)).moveToTrash():
                kept = [str(_rel(t, root)) for t in targets if t not in moved]
                self._dialogs().error(
                    "Delete Post",
                    "The system trash is not available here, so nothing more was deleted. "
                    f"Kept: {', '.join(kept)}",
                )
                break
            moved.append(target)
        if moved:
            self.message.emit(f"Moved {len(moved)} item(s) to the trash.")
        left = [p.path for p in family.posts if p.path.exists()]
        if left:
            self.openRequested.emit(left[0])


def _rel(path: Path, root: Path) -> Path:
    try:
        return path.relative_to(root)
    except ValueError:
        return path


# Lines up to this long are listed whole.
SHORT_LINE = 80


def _excerpt(old: str, new: str, context: int = 12) -> tuple[str, str]:
    """The two lines cut to the part that differs, with some context, so a long line shows it."""
    if max(len(old), len(new)) <= SHORT_LINE:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    cut = max(0, start - context)
    lead = "…" if cut else ""
    tail_old, tail_new = len(old) - end + context, len(new) - end + context
    return (
        lead + old[cut:tail_old] + ("…" if tail_old < len(old) else ""),
        lead + new[cut:tail_new] + ("…" if tail_new < len(new) else ""),
    )
