"""End to end: a writer edits every kind of field of the fixture post through the form."""

from __future__ import annotations

import shutil
from pathlib import Path

import frontmatter
import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit, QToolButton

from editor.core import resources
from editor.core.frontmatter import parse_frontmatter
from tests.qt_support import named, type_text
from tests.ui.frontmatter_form.support import item_headers, item_summaries

pytestmark = pytest.mark.e2e

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "deepseek-v4-release.ko.md"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def test_title_tag_nested_reason_date_and_reorder_change_only_their_lines(
    qtbot, make_window, tmp_path
):
    site = tmp_path / "site"
    shutil.copytree(resources.sample_site_dir(), site)
    post = site / "src/content/blog/ko/deepseek-v4-release.md"
    shutil.copyfile(FIXTURE, post)
    before = post.read_text(encoding="utf-8")
    window = make_window(1600, 1000)
    with qtbot.waitSignal(window.workspaceLoaded, timeout=10_000):
        window.open_workspace(site, post)
    assert window.session.path == post.resolve()
    form = window.form

    # 1. The title, typed in Korean.
    title = form.field("title").editor()
    title.setFocus()
    title.selectAll()
    type_text(title, "DeepSeek V4 출시")
    # 2. A tag, typed and confirmed with Enter.
    tags = form.field("tags")
    tags.editor().setFocus()
    qtbot.keyClicks(tags.editor(), "mixture-of-experts")
    qtbot.keyClick(tags.editor(), Qt.Key.Key_Return)
    # 3. A nested value: relatedPosts[0].reason.ja, typed in Japanese.
    related = form.field("relatedPosts")
    qtbot.waitUntil(lambda: len(item_headers(related)) == 5, timeout=2000)
    ja = named(related, "relatedPosts[0].reason.ja", QLineEdit)
    ja.setFocus()
    ja.selectAll()
    type_text(ja, "同じ分野の記事です。")
    # 4. The date, through the picker.
    form.field("pubDate").editor().setDate(QDate(2026, 2, 20))
    # 5. Reorder: the second related post moves above the first (its ▲ button).
    qtbot.waitUntil(lambda: parse_frontmatter(window.editor.text()).error is None, timeout=2000)
    up = named(related, "move relatedPosts[1] up", QToolButton)
    qtbot.mouseClick(up, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: item_summaries(related)[0].startswith("qwen35-vending-bench-bankruptcy"),
        timeout=2000,
    )

    ARTIFACTS.mkdir(exist_ok=True)
    window.grab().save(str(ARTIFACTS / "e2e-form.png"))
    assert window.save()
    after = post.read_text(encoding="utf-8")

    # Only those lines changed: title, pubDate, one added tag line, one ja line; the two
    # related posts swapped as whole blocks (their lines are the same lines, moved).
    old_lines, new_lines = before.splitlines(), after.splitlines()
    assert len(new_lines) == len(old_lines) + 1
    assert "title: DeepSeek V4 출시" in new_lines
    assert "pubDate: '2026-02-20'" in new_lines
    assert "  - mixture-of-experts" in new_lines
    assert "      ja: 同じ分野の記事です。" in new_lines
    unchanged = set(old_lines) & set(new_lines)
    changed_old = [line for line in old_lines if line not in unchanged]
    assert sorted(changed_old) == sorted(
        [
            "title: DeepSeek V4 출시 임박 — 중국 AI 차세대 모델 경쟁 가속화",
            "pubDate: '2026-02-18'",
        ]
    ), "every other old line is still in the file"
    body_at = before.index("\n---\n", 4)
    assert after[after.index("\n---\n", 4) :] == before[body_at:], "the body is untouched"

    data = frontmatter.loads(after).metadata
    expected = frontmatter.loads(before).metadata
    expected["title"] = "DeepSeek V4 출시"
    expected["pubDate"] = "2026-02-20"
    expected["tags"] = [*expected["tags"], "mixture-of-experts"]
    expected["relatedPosts"][0]["reason"]["ja"] = "同じ分野の記事です。"
    first, second = expected["relatedPosts"][0], expected["relatedPosts"][1]
    expected["relatedPosts"][0], expected["relatedPosts"][1] = second, first
    assert data == expected
