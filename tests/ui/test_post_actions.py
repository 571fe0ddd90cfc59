"""The Post menu on a copy of the sample site: new post, translation, rename, delete to trash."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor.ui.main_window import MainWindow
from editor.ui.new_post_dialog import NewPostAnswer, NewPostDialog, NewPostForm
from tests.qt_support import StubDialogs, named, open_site, type_text

BLOG = "src/content/blog"
KO_POST = f"{BLOG}/ko/astro-build-pipeline.md"


class PostDialogs(StubDialogs):
    """StubDialogs that also answer the Post menu's questions from a script."""

    def __init__(self) -> None:
        super().__init__()
        self.new_posts: list[NewPostAnswer | None] = []
        self.forms: list[NewPostForm] = []
        self.slugs: list[str | None] = []
        self.confirms: list[bool] = []
        self.listed: list[list[str]] = []

    def ask_new_post(self, form: NewPostForm) -> NewPostAnswer | None:
        self.forms.append(form)
        assert self.new_posts, "unexpected New Post dialog"
        return self.new_posts.pop(0)

    def ask_new_slug(self, old, check) -> str | None:
        assert self.slugs, "unexpected Rename dialog"
        slug = self.slugs.pop(0)
        assert slug is None or check(slug) is None
        return slug

    def confirm_changes(self, title, text, items, action) -> bool:
        self.listed.append(list(items))
        assert self.confirms, f"unexpected confirmation: {title}"
        return self.confirms.pop(0)


@pytest.fixture
def dialogs() -> PostDialogs:
    return PostDialogs()


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def frontmatter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def test_ctrl_n_writes_one_file_per_language_and_opens_the_korean_one(
    qtbot, window, dialogs, sample_site
):
    open_site(qtbot, window, sample_site, sample_site / KO_POST)
    qtbot.waitUntil(lambda: window.session.path == (sample_site / KO_POST).resolve())
    dialogs.new_posts.append(
        NewPostAnswer("한국어 새 글", "hangugeo", ("ko", "ja", "en", "zh"), BLOG)
    )
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.editor, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    created = (sample_site / BLOG / "ko" / "hangugeo.md").resolve()
    qtbot.waitUntil(lambda: window.session.path == created, timeout=10_000)
    assert dialogs.forms[0].section == BLOG
    assert dialogs.forms[0].taken(BLOG, "git-branching-workflow") is not None
    for lang in ("ko", "ja", "en", "zh"):
        data = frontmatter(sample_site / BLOG / lang / "hangugeo.md")
        assert data["title"] == ("한국어 새 글" if lang == "ko" else "")
        assert data["heroImage"] == "../../../assets/blog/hangugeo-hero.png"
    assert "pubDate: '" in (sample_site / BLOG / "en" / "hangugeo.md").read_text(encoding="utf-8")


def test_create_translation_opens_the_new_file_with_the_shared_fields_equal(
    qtbot, window, sample_site
):
    open_site(qtbot, window, sample_site, sample_site / KO_POST)
    missing = sample_site / BLOG / "ja" / "git-branching-workflow.md"
    missing.unlink()
    sibling = (sample_site / BLOG / "ko" / "git-branching-workflow.md").resolve()

    def ja_missing() -> bool:  # the families regrouped, not only the index entry gone
        family = window.site.families().of(sibling)
        return family is not None and "ja" in family.missing

    qtbot.waitUntil(ja_missing, timeout=10_000)
    assert window.create_translation(sibling, "ja")
    qtbot.waitUntil(lambda: window.session.path == missing.resolve())
    new, old = frontmatter(missing), frontmatter(sibling)
    assert new["title"] == "" and new["description"] == ""
    for key in ("pubDate", "heroImage", "tags", "relatedPosts"):
        assert new[key] == old[key]


def test_rename_lists_the_changes_and_renames_every_language(qtbot, window, dialogs, sample_site):
    open_site(qtbot, window, sample_site, sample_site / KO_POST)
    qtbot.waitUntil(lambda: window.session.path == (sample_site / KO_POST).resolve())
    dialogs.slugs.append("astro-ci")
    dialogs.confirms.append(True)
    window.post_actions.rename_post()
    renamed = (sample_site / BLOG / "ko" / "astro-ci.md").resolve()
    qtbot.waitUntil(lambda: window.session.path == renamed, timeout=10_000)
    assert any("ko/astro-build-pipeline.md → " in item for item in dialogs.listed[0])
    line = "src/content/blog/ko/git-branching-workflow.md:8: - slug: astro-build-pipeline"
    assert f"{line} → - slug: astro-ci" in dialogs.listed[0]
    for lang in ("ko", "ja", "en", "zh"):
        assert (sample_site / BLOG / lang / "astro-ci.md").is_file()
        assert not (sample_site / BLOG / lang / "astro-build-pipeline.md").exists()
    related = frontmatter(sample_site / BLOG / "zh" / "git-branching-workflow.md")["relatedPosts"]
    assert "astro-ci" in [item["slug"] for item in related]


def test_delete_moves_the_family_to_the_trash(
    qtbot, window, dialogs, sample_site, tmp_path, monkeypatch
):
    home = tmp_path / "home"
    (home / ".local" / "share").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    open_site(qtbot, window, sample_site, sample_site / KO_POST)
    qtbot.waitUntil(lambda: window.session.path == (sample_site / KO_POST).resolve())
    dialogs.confirms.append(True)
    window.post_actions.delete_post(whole_family=True)
    assert len(dialogs.listed[0]) == 4
    for lang in ("ko", "ja", "en", "zh"):
        assert not (sample_site / BLOG / lang / "astro-build-pipeline.md").exists()
    trashed = sorted(p.name for p in (home / ".local/share/Trash/files").iterdir())
    assert len(trashed) == 4 and all(n.startswith("astro-build-pipeline") for n in trashed)


def test_delete_one_language_keeps_the_others_and_cancel_keeps_everything(
    qtbot, window, dialogs, sample_site, tmp_path, monkeypatch
):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    open_site(qtbot, window, sample_site, sample_site / KO_POST)
    qtbot.waitUntil(lambda: window.session.path == (sample_site / KO_POST).resolve())
    dialogs.confirms += [False, True]
    window.post_actions.delete_post()
    assert (sample_site / KO_POST).exists()
    window.post_actions.delete_post()
    assert dialogs.listed[1] == [KO_POST]
    assert not (sample_site / KO_POST).exists()
    assert (sample_site / BLOG / "ja" / "astro-build-pipeline.md").exists()


def test_the_dialog_proposes_a_romanized_slug_and_asks_for_han_titles(qtbot, window):
    form = NewPostForm(
        ("ko", "ja"), (BLOG,), BLOG, lambda _s, slug: "x.md" if slug == "taken" else None
    )
    dialog = NewPostDialog(form, window)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(named(dialog, "Title"), "한국어 블로그")
    assert named(dialog, "Slug").text() == "hangugeo-beullogeu"
    named(dialog, "Title").clear()
    type_text(named(dialog, "Title"), "日本語")
    assert named(dialog, "Slug").text() == ""
    assert "type the slug" in named(dialog, "Slug hint").text()
    dialog.activateWindow()
    named(dialog, "Title").setFocus()
    QTest.keyClick(named(dialog, "Title"), Qt.Key.Key_Return)
    qtbot.waitUntil(named(dialog, "Slug").hasFocus)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    named(dialog, "Slug").setText("taken")
    named(dialog, "Slug").textEdited.emit("taken")
    assert "exists: x.md" in named(dialog, "Slug hint").text()
    named(dialog, "Slug").setText("nihongo")
    named(dialog, "Slug").textEdited.emit("nihongo")
    assert dialog.answer() == NewPostAnswer("日本語", "nihongo", ("ko", "ja"), BLOG)
    dialog.close()


def test_without_a_trash_nothing_is_deleted_and_the_writer_is_told(
    qtbot, window, dialogs, sample_site, tmp_path, monkeypatch
):
    monkeypatch.setenv("HOME", str(tmp_path / "nohome"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "nohome" / "data"))
    open_site(qtbot, window, sample_site, sample_site / KO_POST)
    qtbot.waitUntil(lambda: window.session.path == (sample_site / KO_POST).resolve())
    dialogs.confirms.append(True)
    dialogs.errors = []
    window.post_actions.delete_post(whole_family=True)
    assert "trash is not available" in dialogs.errors[0]
    for lang in ("ko", "ja", "en", "zh"):
        assert (sample_site / BLOG / lang / "astro-build-pipeline.md").exists()


def test_the_post_menu_offers_the_open_posts_missing_languages(qtbot, window, sample_site):
    (sample_site / BLOG / "zh" / "astro-build-pipeline.md").unlink()
    open_site(qtbot, window, sample_site, sample_site / KO_POST)
    qtbot.waitUntil(lambda: window.session.path == (sample_site / KO_POST).resolve())
    post_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Post")
    translate = next(a.menu() for a in post_menu.actions() if a.text() == "Create &Translation")
    translate.aboutToShow.emit()
    assert [a.text() for a in translate.actions()] == ["zh"]
    translate.actions()[0].trigger()
    created = (sample_site / BLOG / "zh" / "astro-build-pipeline.md").resolve()
    qtbot.waitUntil(lambda: window.session.path == created)
    assert frontmatter(created)["pubDate"] == frontmatter(sample_site / KO_POST)["pubDate"]
