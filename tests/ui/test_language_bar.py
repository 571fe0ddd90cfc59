"""The language bar and the side-by-side pane, on the four-language sample site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor.core.post.outline import outline
from editor.ui.dialogs import UnsavedChoice
from editor.ui.main_window import MainWindow
from tests.qt_support import named, open_site

SLUG = "astro-build-pipeline"
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window(1600, 950)


@pytest.fixture
def site(sample_site: Path) -> Path:
    """The sample site with its languages in the writer's order, Korean the source."""
    (sample_site / ".postdesk.json").write_text(json.dumps({"languages": ["ko", "ja", "en", "zh"]}))
    return sample_site


def post(site: Path, lang: str, slug: str = SLUG) -> Path:
    return (site / "src" / "content" / "blog" / lang / f"{slug}.md").resolve()


def open_with_bar(qtbot, window: MainWindow, site: Path, lang: str = "ko") -> Path:
    """Open the site at a post and wait until the bar shows its family."""
    path = post(site, lang)
    open_site(qtbot, window, site, path)
    qtbot.waitUntil(lambda: window.language_bar.isVisible(), timeout=10_000)
    return path


def second_section_lines(path: Path) -> tuple[int, int]:
    """The 0-based first and end line of the post's 2nd H2 section."""
    headings = outline(path.read_text(encoding="utf-8"))
    h2 = [i for i, h in enumerate(headings) if h.level == 2][1]
    return headings[h2].line, headings[h2 + 1].line


def shortcut(qtbot, window: MainWindow, key: Qt.Key, modifiers) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.editor, key, modifiers)


def test_bar_shows_every_site_language_with_the_open_one_checked(qtbot, window, site):
    """KO 한국어, JA 日本語, EN English, ZH 中文 in the site's order; the open post checked."""
    open_with_bar(qtbot, window, site)
    bar = named(window, "Languages of this post")
    assert bar is window.language_bar
    labels = [window.language_bar.button(s.lang).text() for s in bar.slots()]
    assert labels == ["KO 한국어", "JA 日本語", "EN English", "ZH 中文"]
    assert [window.language_bar.button(s.lang).isChecked() for s in bar.slots()] == [
        True,
        False,
        False,
        False,
    ]


def test_next_language_shortcut_keeps_the_section(qtbot, window, site):
    """Cursor in the ko post's 2nd section, Ctrl+Alt+PgDown: the ja post, cursor in its 2nd."""
    ko = open_with_bar(qtbot, window, site)
    start, _end = second_section_lines(ko)
    window.editor.go_to_line(start + 4)  # 1-based: the 3rd line under the heading
    shortcut(qtbot, window, Qt.Key.Key_PageDown, CTRL_ALT)
    ja = post(site, "ja")
    qtbot.waitUntil(lambda: window.session.path == ja, timeout=5_000)
    ja_start, ja_end = second_section_lines(ja)
    qtbot.waitUntil(lambda: window.editor.cursor_line() != 0, timeout=5_000)
    assert ja_start < window.editor.cursor_line() < ja_end
    assert window.language_bar.button("ja").isChecked()
    assert not window.language_bar.button("ko").isChecked()


def test_previous_and_numbered_shortcuts_pick_languages(qtbot, window, site):
    """Ctrl+Alt+PgUp from ko wraps to zh; Alt+3 opens the third language, English."""
    open_with_bar(qtbot, window, site)
    shortcut(qtbot, window, Qt.Key.Key_PageUp, CTRL_ALT)
    qtbot.waitUntil(lambda: window.session.path == post(site, "zh"), timeout=5_000)
    shortcut(qtbot, window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.session.path == post(site, "en"), timeout=5_000)


def test_go_menu_lists_the_languages_with_their_shortcuts(qtbot, window, site):
    """The Go menu makes the language keys discoverable."""
    open_with_bar(qtbot, window, site)
    go = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Go")
    entries = {a.text(): a.shortcut().toString() for a in go.actions() if a.isVisible()}
    assert entries["&Next Language"] == "Ctrl+Alt+PgDown"
    assert entries["Open Translation &Beside"] == "Ctrl+Alt+B"
    assert entries["&2 JA 日本語"] == "Alt+2"
    assert "&5" not in " ".join(entries)  # four languages, four entries


def test_clicking_a_language_with_unsaved_edits_asks_first(qtbot, window, site, dialogs):
    """Cancel on the unsaved-edits question keeps the edited post open."""
    ko = open_with_bar(qtbot, window, site)
    qtbot.keyClicks(window.editor, "x")
    dialogs.unsaved_answers.append(UnsavedChoice.CANCEL)
    qtbot.mouseClick(window.language_bar.button("en"), Qt.MouseButton.LeftButton)
    assert dialogs.asked == [f"unsaved:{ko.name}"]
    assert window.session.path == ko
    assert window.language_bar.button("ko").isChecked()
    assert not window.language_bar.button("en").isChecked()


def test_a_missing_language_creates_the_translation(qtbot, window, site):
    """The zh button of a post without a Chinese version is marked; a click creates and opens it."""
    post(site, "zh").unlink()
    ko = open_with_bar(qtbot, window, site)
    zh = window.language_bar.button("zh")
    assert zh.property("missing") is True
    assert "No zh translation yet" in zh.toolTip()
    with qtbot.waitSignal(window.language_bar.createTranslationRequested) as signal:
        qtbot.mouseClick(zh, Qt.MouseButton.LeftButton)
    assert signal.args == [ko, "zh"]
    qtbot.waitUntil(lambda: window.session.path == post(site, "zh").resolve())
    assert "pubDate" in post(site, "zh").read_text(encoding="utf-8")


def test_bar_follows_translations_appearing_and_disappearing(qtbot, window, site):
    """Deleting the ja file marks JA missing; writing it back makes it a post again."""
    open_with_bar(qtbot, window, site)
    ja = post(site, "ja")
    text = ja.read_text(encoding="utf-8")
    ja.unlink()
    qtbot.waitUntil(lambda: window.language_bar.button("ja").property("missing"), timeout=10_000)
    ja.write_text(text, encoding="utf-8")
    qtbot.waitUntil(
        lambda: not window.language_bar.button("ja").property("missing"), timeout=10_000
    )


def test_bar_hides_on_a_one_language_site(qtbot, window, site):
    """A site written in Korean only shows no language bar."""
    for lang in ("ja", "en", "zh"):
        shutil.rmtree(site / "src" / "content" / "blog" / lang)
    open_site(qtbot, window, site, post(site, "ko"))
    qtbot.waitUntil(lambda: window.language_switcher.family() is not None, timeout=10_000)
    assert not window.language_bar.isVisible()
    assert not window.language_bar.next_action.isEnabled()


def test_side_by_side_shows_the_sibling_and_follows_the_cursor(qtbot, window, site):
    """Ctrl+Alt+B on the Korean source shows Japanese beside it; moving to another section
    lines the pane up with that section's translated heading."""
    open_with_bar(qtbot, window, site)
    ja = post(site, "ja")
    with qtbot.waitSignal(window.beside.loaded, timeout=5_000):
        shortcut(qtbot, window, Qt.Key.Key_B, CTRL_ALT)
    pane = named(window, "Translation beside")
    assert pane.path == ja
    assert not window.preview.isVisible()
    assert pane.text() == ja.read_text(encoding="utf-8")
    assert "JA 日本語" in named(window, "Translation shown beside").text()
    ja_start, _ = second_section_lines(ja)
    ko_start, _ = second_section_lines(post(site, "ko"))
    with qtbot.waitSignal(pane.followed, timeout=5_000) as followed:
        window.editor.go_to_line(ko_start + 1)
    assert followed.args == [ja_start]
    assert pane.marked_line() == ja_start
    assert pane.view.isReadOnly()
    qtbot.mouseClick(named(window, "Close translation beside"), Qt.MouseButton.LeftButton)
    assert not pane.isVisible()
    assert window.preview.isVisible()


def test_edit_this_one_swaps_the_two_posts(qtbot, window, site):
    """ "Edit this one" opens the side post in the editor and shows the former one beside."""
    ko = open_with_bar(qtbot, window, site, "ko")
    with qtbot.waitSignal(window.beside.loaded, timeout=5_000):
        window.language_switcher.open_beside("en")
    en = post(site, "en")
    with qtbot.waitSignal(window.beside.loaded, timeout=5_000):
        qtbot.mouseClick(named(window, "Edit this translation"), Qt.MouseButton.LeftButton)
    assert window.session.path == en
    qtbot.waitUntil(lambda: window.beside.path == ko and window.beside.text() != "", timeout=5_000)
    assert window.beside.text() == ko.read_text(encoding="utf-8")


def test_side_pane_reloads_when_its_file_changes(qtbot, window, site):
    """Another program edits the translation: the pane shows the new text."""
    open_with_bar(qtbot, window, site)
    with qtbot.waitSignal(window.beside.loaded, timeout=5_000):
        window.language_switcher.open_beside("zh")
    zh = post(site, "zh")
    zh.write_text(zh.read_text(encoding="utf-8") + "\n新的一段。\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "新的一段。" in window.beside.text(), timeout=10_000)
