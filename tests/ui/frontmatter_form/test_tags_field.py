"""The tags editor: chips, adding by Enter or comma, removing, completion and near-duplicates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from editor.core.frontmatter.requests import InsertItem, RemoveItem
from editor.core.post import PostContext
from editor.core.schema import Field, FieldType
from editor.ui.frontmatter_form.base import FormContext
from editor.ui.frontmatter_form.factory import build_field_widget
from editor.ui.frontmatter_form.tags_field import TagsField
from tests.qt_support import shown_text
from tests.ui.frontmatter_form.support import chip_buttons, chip_tags, recorded_edits

PATH = ("tags",)
SCHEMA = Field("tags", FieldType.LIST, required=False, item=Field("item", FieldType.TEXT))
COUNTS = {"ai": 31, "llm": 12, "open-source": 12, "deepseek": 3, "china-ai": 2}
FIXTURE_TAGS = ["ai", "llm", "deepseek", "open-source", "china-ai"]


def make(qtbot, value=None, counts=COUNTS) -> tuple[TagsField, list]:
    field = build_field_widget(PATH, SCHEMA, value, FormContext(PostContext(tag_counts=counts)))
    assert isinstance(field, TagsField)
    qtbot.addWidget(field)
    field.show()  # a completion popup shows (and closes) with its field
    return field, recorded_edits(field)


def give_focus(qtbot, widget) -> None:
    """Focus widget in its (activated) window, as a click would."""
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def test_chips_show_the_posts_tags_in_order(qtbot):
    field, _ = make(qtbot, FIXTURE_TAGS)
    assert chip_tags(field) == FIXTURE_TAGS
    names = [button.accessibleName() for button in chip_buttons(field)]
    assert names[0] == "remove tag ai"
    assert names[-1] == "remove tag china-ai"


def test_set_value_requests_nothing(qtbot):
    field, requests = make(qtbot, ["ai"])
    field.set_value(FIXTURE_TAGS)
    field.set_value(["llm"])
    field.set_value(None)
    assert requests == []
    assert chip_tags(field) == []


def test_enter_adds_the_trimmed_tag_at_the_end(qtbot):
    field, requests = make(qtbot, ["ai", "llm"])
    qtbot.keyClicks(field.input, "  mixture-of-experts ")
    qtbot.keyClick(field.input, Qt.Key.Key_Return)
    assert requests == [InsertItem(PATH, 2, "mixture-of-experts")]
    assert field.input.text() == ""


def test_comma_adds_the_typed_tag_and_keeps_typing(qtbot):
    field, requests = make(qtbot, ["ai"])
    qtbot.keyClicks(field.input, "deepseek,ll")
    assert requests == [InsertItem(PATH, 1, "deepseek")]
    assert field.input.text() == "ll"


def test_empty_and_duplicate_tags_are_ignored(qtbot):
    field, requests = make(qtbot, ["ai"])
    qtbot.keyClick(field.input, Qt.Key.Key_Return)
    qtbot.keyClicks(field.input, " ,ai,")
    qtbot.keyClicks(field.input, "ai")
    qtbot.keyClick(field.input, Qt.Key.Key_Return)
    assert requests == []


def test_remove_button_asks_to_remove_that_tag(qtbot):
    field, requests = make(qtbot, FIXTURE_TAGS)
    qtbot.mouseClick(chip_buttons(field)[2], Qt.MouseButton.LeftButton)
    assert requests == [RemoveItem(PATH, 2)]


def test_chips_follow_a_new_value_in_place(qtbot):
    field, _ = make(qtbot, ["ai", "llm", "deepseek"])
    first = chip_buttons(field)[0]
    field.set_value(["ai", "deepseek"])
    assert chip_tags(field) == ["ai", "deepseek"]
    assert chip_buttons(field)[0] is first
    assert chip_buttons(field)[1].accessibleName() == "remove tag deepseek"


def test_completion_lists_workspace_tags_with_counts_most_used_first(qtbot):
    field, _ = make(qtbot)
    model = field.completer.model()
    shown = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert shown == ["ai (31)", "llm (12)", "open-source (12)", "deepseek (3)", "china-ai (2)"]


def test_completion_matches_and_inserts_the_bare_tag(qtbot):
    field, _ = make(qtbot)
    field.completer.setCompletionPrefix("SOURCE")
    assert field.completer.completionCount() == 1
    assert field.completer.currentCompletion() == "open-source"
    assert field.completer.currentIndex().data() == "open-source (12)"


def test_choosing_a_completion_adds_the_tag(qtbot):
    field, requests = make(qtbot, ["ai"])
    field.completer.activated[str].emit("llm")
    assert requests == [InsertItem(PATH, 1, "llm")]
    qtbot.waitUntil(lambda: field.input.text() == "")


def test_hint_names_the_workspace_spelling_of_a_near_duplicate_tag(qtbot):
    field, _ = make(qtbot, ["ai", "OpenSource"])
    assert shown_text(field, "tags hint") == "‘OpenSource’ is like ‘open-source’ used in 12 posts"


def test_no_hint_for_the_common_spelling(qtbot):
    field, _ = make(qtbot, ["open-source"], counts={**COUNTS, "OpenSource": 1})
    assert shown_text(field, "tags hint") == ""
    field.set_value(["Open_Source"])
    assert shown_text(field, "tags hint") == "‘Open_Source’ is like ‘open-source’ used in 12 posts"


def test_absent_value_shows_no_chips_and_adding_creates_the_list(qtbot):
    field, requests = make(qtbot, None)
    assert chip_tags(field) == []
    qtbot.keyClicks(field.input, "ai")
    qtbot.keyClick(field.input, Qt.Key.Key_Enter)
    assert requests == [InsertItem(PATH, 0, "ai")]


def test_backspace_in_the_empty_add_field_focuses_the_last_chip(qtbot):
    field, requests = make(qtbot, ["ai", "llm"])
    give_focus(qtbot, field.input)
    qtbot.keyClick(field.input, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is chip_buttons(field)[-1])
    assert requests == []


def test_tab_visits_the_chips_then_the_add_field(qtbot):
    window = QWidget()
    column = QVBoxLayout(window)
    before, after = QLineEdit(), QLineEdit()
    field = build_field_widget(PATH, SCHEMA, ["ai"], FormContext(PostContext(tag_counts=COUNTS)))
    for widget in (before, field, after):
        column.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    field.set_value(["ai", "llm", "deepseek"])  # chips made after the add field
    give_focus(qtbot, before)
    visited = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited == [*chip_buttons(field), field.input, after]


def test_removing_the_focused_last_chip_keeps_focus_in_the_field(qtbot):
    field, _ = make(qtbot, ["ai", "llm"])
    give_focus(qtbot, chip_buttons(field)[1])
    field.set_value(["ai"])
    assert QApplication.focusWidget() is chip_buttons(field)[0]


def test_read_only_disables_adding_and_removing(qtbot):
    field, requests = make(qtbot, ["ai"])
    field.set_read_only(True)
    assert not field.input.isEnabled()
    assert not chip_buttons(field)[0].isEnabled()
    field.set_value(["ai", "llm"])
    assert not chip_buttons(field)[1].isEnabled()
    field.set_read_only(False)
    assert field.input.isEnabled() and chip_buttons(field)[1].isEnabled()
    assert requests == []


def test_item_problems_are_listed_under_the_chips(qtbot):
    field, _ = make(qtbot, ["ai", ""])
    field.set_problems([((*PATH, 1), "must not be empty"), (("title",), "other field")])
    assert field.problem_label.text() == "“”: must not be empty"
    assert not field.problem_label.isHidden()


def test_completion_offers_the_posts_language_tags_first(qtbot):
    order = (("성능", 2), ("git", 1), ("performance", 2), ("パフォーマンス", 2))
    post = PostContext(lang="ko", tag_counts=dict(order), tag_completion=order)
    field = build_field_widget(PATH, SCHEMA, [], FormContext(post))
    qtbot.addWidget(field)
    model = field.completer.model()
    shown = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert shown == ["성능 (2)", "git (1)", "performance (2)", "パフォーマンス (2)"]


def test_a_post_without_siblings_gets_no_translation_line(qtbot):
    field, requests = make(qtbot, ["ai"])
    qtbot.keyClicks(field.input, "llm")
    qtbot.keyClick(field.input, Qt.Key.Key_Return)
    assert requests == [InsertItem(PATH, 1, "llm")]
    assert field.suggestions.isHidden()
