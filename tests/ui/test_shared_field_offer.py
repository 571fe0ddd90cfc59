"""Shared fields in the window: the form marks them, an edit offers to go to every sibling."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QPushButton

from editor.core.frontmatter import entry_source
from editor.ui.main_window import MainWindow
from tests.qt_support import open_site, widgets

BLOG = "src/content/blog"
SLUG = "astro-build-pipeline"


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def post(site: Path, lang: str) -> Path:
    return (site / BLOG / lang / f"{SLUG}.md").resolve()


def siblings(site: Path) -> list[Path]:
    return [post(site, lang) for lang in ("ja", "en", "zh")]


def bar_buttons(window: MainWindow) -> dict[str, QPushButton]:
    return {b.text(): b for b in widgets(window.shared_bar, QPushButton) if b.isVisible()}


def bar_text(window: MainWindow) -> str:
    return window.shared_bar.text()


def type_date(window: MainWindow, qtbot, text: str) -> None:
    field = window.form.field("pubDate")
    line = next(e for e in field.findChildren(QLineEdit) if e.accessibleName().endswith("text"))
    line.setFocus()
    line.clear()
    qtbot.keyClicks(line, text)


def only_entry_changed(old: bytes, new: bytes, key: str) -> None:
    """new is old with key's lines replaced: every other byte is as it was."""
    before = entry_source(old.decode("utf-8"), key).encode("utf-8")
    after = entry_source(new.decode("utf-8"), key).encode("utf-8")
    assert before != after and old.count(before) == 1
    assert old.replace(before, after) == new


def open_ko(qtbot, window: MainWindow, site: Path) -> None:
    # The reference user's order of languages, the source first.
    (site / ".postdesk.json").write_text('{"languages": ["ko", "ja", "en", "zh"]}\n', "utf-8")
    open_site(qtbot, window, site, post(site, "ko"))
    assert window.session.path == post(site, "ko")


def test_shared_fields_are_marked_beside_their_labels(qtbot, window, sample_site):
    open_ko(qtbot, window, sample_site)
    rows = window.form._rows

    def label(key: str):
        return rows.labelForField(window.form.field(key))

    for key in ("pubDate", "heroImage", "relatedPosts"):
        assert "shared" in label(key).text()
        assert "applies to every language" in label(key).toolTip()
    for key in ("title", "description", "faq"):
        assert "shared" not in label(key).text()


def test_apply_writes_the_new_date_into_every_sibling_and_undo_puts_the_bytes_back(
    qtbot, window, sample_site
):
    open_ko(qtbot, window, sample_site)
    ko_bytes = post(sample_site, "ko").read_bytes()
    before = {p: p.read_bytes() for p in siblings(sample_site)}
    type_date(window, qtbot, "2026-03-0")  # not a date yet: the form sends nothing
    type_date(window, qtbot, "2026-03-04")
    type_date(window, qtbot, "2026-03-05")  # one run: one offer, with the final value
    assert "pubDate: '2026-03-05'\n" in window.editor.text()
    qtbot.waitUntil(lambda: bar_text(window) != "", timeout=5000)
    assert bar_text(window) == "pubDate is shared by this post's ja, en, zh versions."
    assert set(bar_buttons(window)) == {"Apply to 3 siblings", "Not now"}

    bar_buttons(window)["Apply to 3 siblings"].click()
    qtbot.waitUntil(lambda: bar_text(window).startswith("Applied"), timeout=5000)
    assert bar_text(window) == (f"Applied pubDate to ja/{SLUG}.md, en/{SLUG}.md, zh/{SLUG}.md.")
    assert window.statusBar().currentMessage() == bar_text(window)
    for path in siblings(sample_site):
        assert b"pubDate: '2026-03-05'\n" in path.read_bytes()
        only_entry_changed(before[path], path.read_bytes(), "pubDate")
    # The open post keeps its own save flow.
    assert post(sample_site, "ko").read_bytes() == ko_bytes
    assert window.session.is_modified()

    bar_buttons(window)["Undo"].click()
    undone = f"Undid pubDate in ja/{SLUG}.md, en/{SLUG}.md, zh/{SLUG}.md."
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == undone, timeout=5000)
    assert {p: p.read_bytes() for p in siblings(sample_site)} == before


def test_not_now_writes_nothing(qtbot, window, sample_site):
    open_ko(qtbot, window, sample_site)
    before = {p: p.read_bytes() for p in siblings(sample_site)}
    type_date(window, qtbot, "2026-03-05")
    window.shared_offer.end_run()  # as when the field loses the focus
    assert set(bar_buttons(window)) == {"Apply to 3 siblings", "Not now"}
    bar_buttons(window)["Not now"].click()
    assert not window.shared_bar.isVisible()
    assert {p: p.read_bytes() for p in siblings(sample_site)} == before


def test_an_edit_of_a_translated_field_offers_nothing(qtbot, window, sample_site):
    open_ko(qtbot, window, sample_site)
    title = window.form.field("title").editor()
    title.setFocus()
    qtbot.keyClicks(title, " 2")
    assert "title: ' 2GitHub Actions" in window.editor.text()
    window.shared_offer.end_run()
    assert not window.shared_bar.isVisible()
    assert not window.shared_offer.pending()


def test_an_edit_undone_before_the_run_ends_offers_nothing(qtbot, window, sample_site):
    open_ko(qtbot, window, sample_site)
    type_date(window, qtbot, "2026-03-05")
    type_date(window, qtbot, "2026-01-20")  # back to what the post held
    window.shared_offer.end_run()
    assert not window.shared_bar.isVisible()


def test_a_sibling_with_broken_yaml_is_listed_as_not_changed(qtbot, window, sample_site):
    ja = post(sample_site, "ja")
    broken = ja.read_text("utf-8").replace("title:", "title: [", 1)
    ja.write_text(broken, "utf-8")
    open_ko(qtbot, window, sample_site)
    type_date(window, qtbot, "2026-03-05")
    window.shared_offer.end_run()
    bar_buttons(window)["Apply to 3 siblings"].click()
    qtbot.waitUntil(lambda: bar_text(window).startswith("Applied"), timeout=5000)
    assert bar_text(window).startswith(f"Applied pubDate to en/{SLUG}.md, zh/{SLUG}.md.")
    assert f"Not changed: ja/{SLUG}.md (its frontmatter is not valid YAML" in bar_text(window)
    assert ja.read_text("utf-8") == broken


def test_opening_another_post_withdraws_the_offer(qtbot, window, sample_site):
    open_ko(qtbot, window, sample_site)
    type_date(window, qtbot, "2026-03-05")
    window.shared_offer.end_run()
    assert window.shared_offer.pending()
    window.editor.document().setModified(False)
    assert window.open_post(post(sample_site, "en"))
    assert not window.shared_offer.pending()
    assert not window.shared_bar.isVisible()


def test_the_sites_shared_fields_setting_replaces_the_learned_ones(qtbot, window, sample_site):
    config = '{"languages": ["ko", "ja", "en", "zh"], "sharedFields": ["heroImage"]}\n'
    (sample_site / ".postdesk.json").write_text(config, "utf-8")
    open_site(qtbot, window, sample_site, post(sample_site, "ko"))
    rows = window.form._rows
    assert "shared" in rows.labelForField(window.form.field("heroImage")).text()
    assert "shared" not in rows.labelForField(window.form.field("pubDate")).text()
    type_date(window, qtbot, "2026-03-05")
    window.shared_offer.end_run()
    assert not window.shared_offer.pending()
