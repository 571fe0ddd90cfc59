"""The slug editor: completes posts by slug or title, shows the target, flags unknown slugs."""

from __future__ import annotations

from PySide6.QtCore import Qt

from editor.core.frontmatter.requests import SetValue
from editor.core.post import PostContext
from editor.core.schema import Field, FieldType
from editor.ui.frontmatter_form.base import PROBLEM_STYLE, FormContext
from editor.ui.frontmatter_form.factory import build_field_widget
from editor.ui.frontmatter_form.reference_field import ReferenceField
from tests.qt_support import shown_text
from tests.ui.frontmatter_form.support import recorded_edits

PATH = ("relatedPosts", 0, "slug")
SCHEMA = Field("slug", FieldType.TEXT)
TITLES = {
    "patent-strategy-llm-era": "LLM 시대의 특허 전략",
    "qwen35-vending-bench-bankruptcy": "Qwen3.5, Vending-Bench에서 파산하다",
    "ai-model-rush-february-2026": "2026년 2월 AI 모델 러시",
    "kanitts2-voice-cloning": "KaniTTS2 음성 복제",
}


def make(qtbot, value=None) -> tuple[ReferenceField, list]:
    field = build_field_widget(
        PATH, SCHEMA, value, FormContext(PostContext(post_titles=TITLES, lang="ko"))
    )
    assert isinstance(field, ReferenceField)  # a "slug" inside an item names a post
    qtbot.addWidget(field)
    field.show()  # a completion popup shows (and closes) with its field
    return field, recorded_edits(field)


def flag(field: ReferenceField) -> str:
    """The red "no such post" line under the slug, as shown ("" for a title or nothing)."""
    label = field.status_label
    red = label.styleSheet() == PROBLEM_STYLE
    return shown_text(field, "relatedPosts[0].slug target") if red else ""


def completions(field: ReferenceField, typed: str) -> list[tuple[str, str]]:
    """(shown, inserted) for each completion of typed."""
    completer = field.completer
    completer.setCompletionPrefix(typed)
    rows = []
    for row in range(completer.completionCount()):
        completer.setCurrentRow(row)
        rows.append((completer.currentIndex().data(), completer.currentCompletion()))
    return rows


def test_completion_shows_slug_and_title_and_inserts_the_slug(qtbot):
    field, _ = make(qtbot)
    assert completions(field, "QWEN") == [
        (
            "qwen35-vending-bench-bankruptcy — Qwen3.5, Vending-Bench에서 파산하다",
            "qwen35-vending-bench-bankruptcy",
        )
    ]


def test_completion_matches_inside_slugs_and_titles(qtbot):
    field, _ = make(qtbot)
    assert [slug for _, slug in completions(field, "특허")] == ["patent-strategy-llm-era"]
    assert [slug for _, slug in completions(field, "cloning")] == ["kanitts2-voice-cloning"]
    assert len(completions(field, "ai")) == 1


def test_an_existing_slug_shows_its_posts_title(qtbot):
    field, _ = make(qtbot, "kanitts2-voice-cloning")
    assert field.edit.text() == "kanitts2-voice-cloning"
    assert field.status_label.text() == "KaniTTS2 음성 복제"
    assert flag(field) == ""


def test_an_unknown_slug_is_flagged(qtbot):
    field, _ = make(qtbot, "gpt52-theoretical-physics-discovery")
    assert flag(field) == "No post with slug ‘gpt52-theoretical-physics-discovery’"
    assert not field.status_label.isHidden()


def test_an_empty_slug_is_not_flagged(qtbot):
    field, _ = make(qtbot, "")
    assert flag(field) == ""
    assert field.status_label.isHidden()
    field.set_value(None)
    assert flag(field) == ""


def test_typing_asks_to_set_the_slug_and_updates_the_flag(qtbot):
    field, requests = make(qtbot, "")
    qtbot.keyClicks(field.edit, "kanitts2")
    assert requests[-1] == SetValue(PATH, "kanitts2")
    assert len(requests) == len("kanitts2")
    assert flag(field) == "No post with slug ‘kanitts2’"
    qtbot.keyClicks(field.edit, "-voice-cloning")
    assert requests[-1] == SetValue(PATH, "kanitts2-voice-cloning")
    assert flag(field) == ""
    assert field.status_label.text() == "KaniTTS2 음성 복제"


def test_choosing_a_completion_sets_the_slug(qtbot):
    field, requests = make(qtbot, "")
    field.completer.activated[str].emit("patent-strategy-llm-era")
    assert requests == [SetValue(PATH, "patent-strategy-llm-era")]


def test_set_value_requests_nothing(qtbot):
    field, requests = make(qtbot, "kanitts2-voice-cloning")
    field.set_value("unknown")
    field.set_value(None)
    assert requests == []
    assert field.edit.text() == ""


def test_read_only_refuses_edits(qtbot):
    field, requests = make(qtbot, "kanitts2-voice-cloning")
    field.set_read_only(True)
    assert not field.edit.isEnabled()
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    assert requests == []


def test_an_entry_id_names_its_post_and_shows_its_title(qtbot):
    """Astro's reference() takes an entry id (`ko/<slug>`): the same post, not a dangling one."""
    from editor.core.post import reference_slugs
    from tests.core.workspace.support import listed_post

    slugs = reference_slugs([listed_post("kanitts2-voice-cloning", "ko", "KaniTTS2", "blog")])
    context = PostContext(post_titles=TITLES, lang="ko", reference_slugs=slugs)
    field = build_field_widget(PATH, SCHEMA, "ko/kanitts2-voice-cloning", FormContext(context))
    qtbot.addWidget(field)
    assert isinstance(field, ReferenceField)
    assert field.status_label.text() == "KaniTTS2 음성 복제"
    assert flag(field) == ""
    field.set_value("ko/nope")
    assert flag(field) == "No post with slug ‘ko/nope’"
