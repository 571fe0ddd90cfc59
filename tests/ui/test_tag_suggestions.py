"""Adding a tag offers its translations to the post's siblings; Add patches only their tags."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.qt_support import open_site, type_text
from tests.ui.frontmatter_form.support import chip_tags
from tests.ui.tagged_site import translate_tags

BLOG = "src/content/blog"
SLUG = "git-branching-workflow.md"


@pytest.fixture
def window(qtbot, make_window, sample_site):
    translate_tags(sample_site)
    # One CRLF sibling with a BOM: the patch keeps both.
    zh = sample_site / BLOG / "zh" / SLUG
    zh.write_bytes(b"\xef\xbb\xbf" + zh.read_bytes().replace(b"\n", b"\r\n"))
    window = make_window()
    open_site(qtbot, window, sample_site, sample_site / BLOG / "ko" / SLUG)
    qtbot.waitUntil(lambda: window.form.field("tags") is not None)
    return window


def add_tag(qtbot, window, tag: str):
    field = window.form.field("tags")
    type_text(field.input, tag)
    qtbot.keyClick(field.input, Qt.Key.Key_Return)
    return window.form.field("tags")


def sibling_bytes(site: Path) -> dict[str, bytes]:
    return {lang: (site / BLOG / lang / SLUG).read_bytes() for lang in ("ja", "en", "zh")}


def test_a_new_tag_shows_its_translation_in_each_sibling_language(qtbot, window):
    field = add_tag(qtbot, window, "성능")
    qtbot.waitUntil(lambda: field.suggestions.isVisible())
    assert (
        field.suggestions.label.text() == "‘성능’ → ja: パフォーマンス · en: performance · zh: 性能"
    )
    assert field.suggestions.add_button.isEnabled()
    assert "성능" in window.session.text(), "the open post got the tag as typed"


def test_add_patches_only_the_siblings_tags_lines_at_the_same_position(qtbot, window):
    site = window.workspace
    before = sibling_bytes(site)
    field = add_tag(qtbot, window, "성능")
    qtbot.waitUntil(lambda: field.suggestions.isVisible())
    qtbot.mouseClick(field.suggestions.add_button, Qt.MouseButton.LeftButton)
    after = sibling_bytes(site)
    expected = {"ja": "パフォーマンス", "en": "performance", "zh": "性能"}
    for lang, name in expected.items():
        old, new = before[lang].decode("utf-8"), after[lang].decode("utf-8")
        changed = [
            (a, b) for a, b in zip(old.splitlines(), new.splitlines(), strict=True) if a != b
        ]
        assert len(changed) == 1, lang
        was, now = changed[0]
        assert was.startswith("tags: [") and now == was[:-1] + f", {name}]", lang
    assert after["zh"].startswith(b"\xef\xbb\xbf") and b"\r\n" in after["zh"], "BOM and CRLF kept"
    assert b"\n" not in after["zh"].replace(b"\r\n", b"")
    message = window.statusBar().currentMessage()
    assert message == "Added the tag to ja (パフォーマンス), en (performance), zh (性能)"
    assert not field.suggestions.isVisible()


def test_a_sibling_that_has_the_tag_is_left_alone(qtbot, window):
    site = window.workspace
    ja = site / BLOG / "ja" / SLUG
    ja.write_text(ja.read_text("utf-8").replace("tags: [", "tags: [パフォーマンス, "), "utf-8")
    before = ja.read_bytes()
    field = add_tag(qtbot, window, "성능")
    qtbot.waitUntil(lambda: field.suggestions.isVisible())
    qtbot.mouseClick(field.suggestions.add_button, Qt.MouseButton.LeftButton)
    assert ja.read_bytes() == before
    assert window.statusBar().currentMessage().endswith("; ja already has it")


def test_an_unknown_tag_says_so_and_offers_nothing_to_add(qtbot, window):
    field = add_tag(qtbot, window, "새태그")
    qtbot.waitUntil(lambda: field.suggestions.isVisible())
    assert field.suggestions.label.text() == (
        "‘새태그’ → ja: no known translation · en: no known translation · zh: no known translation"
    )
    assert not field.suggestions.add_button.isEnabled()


def test_the_line_goes_when_its_tag_is_undone(qtbot, window):
    field = add_tag(qtbot, window, "성능")
    qtbot.waitUntil(lambda: chip_tags(field)[-1:] == ["성능"])
    assert field.suggestions.isVisible()
    window.editor.undo()
    qtbot.waitUntil(lambda: not window.form.field("tags").suggestions.isVisible())
    assert "성능" not in window.session.text()
