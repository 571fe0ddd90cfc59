"""The Tags dock: tags counted by post family, per language, filtered, a tag's posts opened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.qt_support import open_site
from tests.ui.tagged_site import translate_tags

BLOG = "src/content/blog"


@pytest.fixture
def window(qtbot, make_window, sample_site):
    translate_tags(sample_site)
    window = make_window()
    open_site(qtbot, window, sample_site, sample_site / BLOG / "ko/git-branching-workflow.md")
    qtbot.waitUntil(lambda: window.session.path is not None)
    with qtbot.waitSignal(window.tag_browser.refreshed, timeout=10_000):
        window.show_tags()
    return window


def shown_tags(browser) -> dict[str, str]:
    proxy = browser.tag_proxy
    return {proxy.index(r, 0).data(): proxy.index(r, 1).data() for r in range(proxy.rowCount())}


def shown_posts(browser) -> list[tuple[str, str]]:
    proxy = browser.post_proxy
    return [(proxy.index(r, 0).data(), proxy.index(r, 1).data()) for r in range(proxy.rowCount())]


def choose_language(browser, lang: str | None) -> None:
    browser.language.setCurrentIndex(browser.language.findData(lang))
    browser.language.activated.emit(browser.language.currentIndex())


def click_post(qtbot, browser, row: int) -> None:
    view = browser.post_list
    rect = view.visualRect(browser.post_proxy.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_open_posts_language_is_counted_by_family(window):
    browser = window.tag_browser
    assert window.tags_dock.isVisible()
    assert browser.selected_language() == "ko", "follows the open post"
    tags = shown_tags(browser)
    assert tags["성능"] == "2", "two posts use it in Korean"
    assert tags["git"] == "1", "one post, whatever its languages"
    assert "performance" not in tags, "the English spelling is not a Korean tag"
    assert browser.tag_proxy.index(0, 0).data() == "성능", "most used first"


def test_all_languages_count_a_family_once_and_the_filter_narrows(window):
    browser = window.tag_browser
    choose_language(browser, None)
    tags = shown_tags(browser)
    assert tags["git"] == "1", "git is in four language versions of one post"
    assert tags["LLM"] == "1" and tags["llm"] == "1"
    assert tags["パフォーマンス"] == "2"
    browser.filter.setText("LLM")
    assert set(shown_tags(browser)) == {
        "llm",
        "LLM",
        "local-llm",
        "로컬LLM",
        "ローカルLLM",
        "本地LLM",
    }
    assert "of" in browser.status.text()


def test_a_tags_posts_are_listed_and_a_click_opens_one_in_the_chosen_language(qtbot, window):
    browser = window.tag_browser
    choose_language(browser, "ja")
    assert browser.select_tag("パフォーマンス")
    posts = shown_posts(browser)
    assert len(posts) == 2
    assert all(set(languages.split()) == {"ko", "ja", "en", "zh"} for _t, languages in posts)
    titles = [title for title, _ in posts]
    assert any("EXPLAIN ANALYZE" in title for title in titles)
    assert all(not title.isascii() for title in titles), "titles in the chosen language (ja)"
    row = next(i for i, title in enumerate(titles) if "EXPLAIN" in title)
    click_post(qtbot, browser, row)
    qtbot.waitUntil(
        lambda: window.session.path is not None and "postgresql" in window.session.path.name
    )
    assert window.session.path.parent.name == "ja"


def test_the_counts_follow_a_change_on_disk(qtbot, window):
    browser = window.tag_browser
    post: Path = window.workspace / BLOG / "ko/astro-build-pipeline.md"
    text = post.read_text("utf-8").replace("  - ci\n", "  - ci\n  - 빌드\n", 1)
    with qtbot.waitSignal(browser.refreshed, timeout=10_000):
        post.write_text(text, "utf-8")
    assert shown_tags(browser).get("빌드") == "1"
