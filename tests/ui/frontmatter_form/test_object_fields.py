"""Nested editors: a mapping's rows, and relatedPosts as one sub-form per item."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDoubleSpinBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from editor.core.frontmatter.requests import InsertItem, MoveItem, RemoveItem, SetValue
from editor.core.post import PostContext
from editor.core.schema import Field, FieldType
from editor.ui.frontmatter_form.base import FormContext
from editor.ui.frontmatter_form.factory import build_field_widget
from editor.ui.frontmatter_form.object_fields import (
    ObjectField,
    ObjectListField,
    template_value,
)
from tests.qt_support import named, type_text
from tests.ui.frontmatter_form.support import (
    field_at,
    item_headers,
    item_summaries,
    recorded_edits,
    row_labels,
)

FIXTURE = Path(__file__).parents[2] / "fixtures" / "deepseek-v4-release.ko.md"
LANGS = ("ko", "ja", "en", "zh")
REASON = Field(
    "reason", FieldType.OBJECT, fields=tuple(Field(lang, FieldType.TEXT) for lang in LANGS)
)
ITEM = Field(
    "item",
    FieldType.OBJECT,
    fields=(
        Field("slug", FieldType.TEXT),
        Field("score", FieldType.NUMBER, minimum=0, maximum=1),
        REASON,
    ),
)
RELATED = Field("relatedPosts", FieldType.LIST, required=False, item=ITEM)
PATH = ("relatedPosts",)


@pytest.fixture
def related() -> list[dict]:
    """The fixture post's five related posts, as the parser reads them."""
    front = FIXTURE.read_text(encoding="utf-8").split("---\n")[1]
    return yaml.safe_load(front)["relatedPosts"]


@pytest.fixture
def context() -> FormContext:
    titles = {"kanitts2-voice-cloning": "KaniTTS2 음성 복제"}
    return FormContext(PostContext(lang="ko", post_titles=titles))


def watch(qtbot, widget) -> list:
    qtbot.addWidget(widget)
    widget.show()
    return recorded_edits(widget)


def button(widget, name: str) -> QAbstractButton:
    """The button a screen reader announces as name."""
    return named(widget, name, QAbstractButton)


def give_focus(qtbot, widget) -> None:
    """Focus widget in its (activated) window, as a click would."""
    widget.window().activateWindow()
    qtbot.waitUntil(widget.window().isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def reason_editor(field: ObjectListField, index: int, lang: str) -> QLineEdit:
    """The line edit of relatedPosts[index].reason.<lang>, found by its accessible name."""
    return named(field, f"relatedPosts[{index}].reason.{lang}", QLineEdit)


def reason_row(field: ObjectField, lang: str) -> QLineEdit:
    """The line edit of one language's row of a reason shown on its own (item 0's)."""
    return named(field, f"relatedPosts[0].reason.{lang}", QLineEdit)


# -- ObjectField ----------------------------------------------------------------------------


def test_rows_follow_the_schemas_order_not_the_files(qtbot, context):
    value = {"zh": "中文", "en": "English", "ja": "日本語", "ko": "한국어"}
    field = build_field_widget((*PATH, 0, "reason"), REASON, value, context)
    watch(qtbot, field)
    assert isinstance(field, ObjectField)
    assert row_labels(field) == ["ko", "ja", "en", "zh"]
    assert field.title_label.text() == "reason"
    assert [reason_row(field, lang).text() for lang in LANGS] == [
        "한국어",
        "日本語",
        "English",
        "中文",
    ]


def test_typing_japanese_in_reason_ja_asks_to_set_that_key(qtbot, context, related):
    field = build_field_widget((*PATH, 0, "reason"), REASON, related[0]["reason"], context)
    requests = watch(qtbot, field)
    editor = reason_row(field, "ja")
    editor.selectAll()
    type_text(editor, "類似トピック")
    assert requests[-1] == SetValue(("relatedPosts", 0, "reason", "ja"), "類似トピック")


def test_an_absent_sub_field_shows_empty_and_typing_creates_it(qtbot, context):
    field = build_field_widget((*PATH, 0, "reason"), REASON, {"ko": "한국어"}, context)
    requests = watch(qtbot, field)
    assert row_labels(field) == list(LANGS)
    editor = reason_row(field, "zh")
    assert editor.text() == ""
    type_text(editor, "类似")
    assert requests[-1] == SetValue(("relatedPosts", 0, "reason", "zh"), "类似")


def test_keys_the_schema_does_not_declare_follow_its_own(qtbot, context):
    value = {"fr": "Sujets similaires", "ko": "한국어"}
    field = build_field_widget((*PATH, 0, "reason"), REASON, value, context)
    watch(qtbot, field)
    assert row_labels(field) == ["ko", "ja", "en", "zh", "fr"]
    assert reason_row(field, "fr").text() == "Sujets similaires"


def test_without_a_schema_rows_follow_the_value(qtbot, context):
    value = {"question": "What is V4?", "answer": "A model.", "votes": 3}
    field = build_field_widget(("faq", 0), None, value, context)
    assert isinstance(field, ObjectField)
    watch(qtbot, field)
    assert row_labels(field) == ["question", "answer", "votes"]
    assert field.title_label.isHidden()  # a list item's body has its header instead


def test_object_set_value_updates_editors_in_place_and_requests_nothing(qtbot, context, related):
    field = build_field_widget((*PATH, 0, "reason"), REASON, related[0]["reason"], context)
    requests = watch(qtbot, field)
    ja = field_at(field, (*PATH, 0, "reason", "ja"))
    field.set_value({**related[4]["reason"]})
    assert field_at(field, (*PATH, 0, "reason", "ja")) is ja
    assert reason_row(field, "ja").text() == related[4]["reason"]["ja"]
    field.set_value({**related[4]["reason"], "fr": "nouveau"})  # a new key: new row
    assert row_labels(field)[-1] == "fr"
    assert field_at(field, (*PATH, 0, "reason", "ja")) is ja
    field.set_value(None)
    assert requests == []


def test_object_read_only_reaches_every_row(qtbot, context, related):
    field = build_field_widget((*PATH, 0, "reason"), REASON, related[0]["reason"], context)
    requests = watch(qtbot, field)
    field.set_read_only(True)
    assert not any(reason_row(field, lang).isEnabled() for lang in LANGS)
    type_text(reason_row(field, "ko"), "가")
    assert requests == []


# -- ObjectListField ---------------------------------------------------------------------


def make_list(qtbot, related, context) -> tuple[ObjectListField, list]:
    field = build_field_widget(PATH, RELATED, related, context)
    assert isinstance(field, ObjectListField)
    return field, watch(qtbot, field)


def test_each_related_post_gets_a_sub_form_headed_by_its_slug(qtbot, related, context):
    field, _ = make_list(qtbot, related, context)
    assert len(item_headers(field)) == 5
    assert item_summaries(field) == [item["slug"] for item in related]
    assert row_labels(field_at(field, (*PATH, 3))) == ["slug", "score", "reason"]
    assert named(field, "relatedPosts[3].slug", QLineEdit).text() == "kanitts2-voice-cloning"
    assert reason_editor(field, 4, "en").text() == related[4]["reason"]["en"]


def test_up_and_down_ask_to_move_the_item(qtbot, related, context):
    field, requests = make_list(qtbot, related, context)
    qtbot.mouseClick(button(field, "move relatedPosts[1] up"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button(field, "move relatedPosts[1] down"), Qt.MouseButton.LeftButton)
    assert requests == [MoveItem(PATH, 1, 0), MoveItem(PATH, 1, 2)]
    assert not button(field, "move relatedPosts[0] up").isEnabled()
    assert not button(field, "move relatedPosts[4] down").isEnabled()


def test_remove_asks_to_remove_the_item(qtbot, related, context):
    field, requests = make_list(qtbot, related, context)
    qtbot.mouseClick(button(field, "remove relatedPosts[1]"), Qt.MouseButton.LeftButton)
    assert requests == [RemoveItem(PATH, 1)]


def test_add_asks_for_an_item_with_the_schemas_required_keys(qtbot, related, context):
    field, requests = make_list(qtbot, related, context)
    qtbot.mouseClick(button(field, "add item to relatedPosts"), Qt.MouseButton.LeftButton)
    empty_reason = {"ko": "", "ja": "", "en": "", "zh": ""}
    assert requests == [InsertItem(PATH, 5, {"slug": "", "score": 0, "reason": empty_reason})]


def test_new_items_hold_defaults_and_minimums(qtbot):
    item = Field(
        "item",
        FieldType.OBJECT,
        fields=(
            Field("question", FieldType.TEXT),
            Field("weight", FieldType.NUMBER, minimum=1),
            Field("open", FieldType.BOOLEAN),
            Field("kind", FieldType.ENUM, choices=("how", "why")),
            Field("links", FieldType.LIST, item=Field("item", FieldType.TEXT)),
            Field("lang", FieldType.TEXT, default="ko"),
            Field("note", FieldType.TEXT, required=False),
        ),
    )
    assert template_value(item) == {
        "question": "",
        "weight": 1,
        "open": False,
        "kind": "how",
        "links": [],
        "lang": "ko",
    }


def test_adding_to_an_absent_list_creates_it(qtbot, context):
    field, requests = make_list(qtbot, None, context)
    assert item_headers(field) == []
    qtbot.mouseClick(field.add_button, Qt.MouseButton.LeftButton)
    assert requests == [InsertItem(PATH, 0, template_value(ITEM))]


def drop(field: ObjectListField, source: int, target: int) -> None:
    """Drag item source's header and drop it in the middle of item target."""
    box = field.items_box
    mime = field.drag_mime(source)
    header = item_headers(field)[target]
    point = header.mapTo(box, QPoint(header.width() // 2, header.height() // 2))
    move = Qt.DropAction.MoveAction
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(box, QDragEnterEvent(QPoint(point), move, mime, left, none))
    QApplication.sendEvent(box, QDragMoveEvent(QPoint(point), move, mime, left, none))
    QApplication.sendEvent(box, QDropEvent(QPointF(point), move, mime, left, none))


def test_dragging_an_items_header_onto_another_asks_for_one_move(qtbot, related, context):
    field, requests = make_list(qtbot, related, context)
    qtbot.waitUntil(lambda: item_headers(field)[4].height() > 0)
    drop(field, 0, 3)
    assert requests == [MoveItem(PATH, 0, 3)]
    drop(field, 2, 2)  # onto itself: nothing to do
    assert requests == [MoveItem(PATH, 0, 3)]


def test_drops_from_another_list_are_refused(qtbot, related, context):
    field, requests = make_list(qtbot, related, context)
    other = build_field_widget(("faq",), None, [{"question": "q", "answer": "a"}], context)
    qtbot.addWidget(other)
    mime = other.drag_mime(0)
    point = QPoint(5, 5)
    move = Qt.DropAction.MoveAction
    event = QDropEvent(
        QPointF(point), move, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(field.items_box, event)
    assert requests == []


def test_a_changed_value_updates_sub_editors_in_place(qtbot, related, context):
    field, requests = make_list(qtbot, related, context)
    ja = reason_editor(field, 2, "ja")
    changed = copy.deepcopy(related)
    changed[2]["score"] = 0.5
    changed[2]["reason"]["ja"] = "変更"
    changed[0]["slug"] = "renamed"
    field.set_value(changed)
    assert reason_editor(field, 2, "ja") is ja
    assert ja.text() == "変更"
    assert named(field, "relatedPosts[2].score", QDoubleSpinBox).value() == 0.5
    assert item_summaries(field)[0] == "renamed"
    assert requests == []


def test_a_changed_count_rebuilds_and_renames_the_buttons(qtbot, related, context):
    field, requests = make_list(qtbot, related, context)
    field.set_value(related[1:])
    assert item_summaries(field) == [item["slug"] for item in related[1:]]
    assert not button(field, "move relatedPosts[3] down").isEnabled()
    field.set_value([*related, {"slug": "", "score": 0, "reason": {}}])
    assert len(item_headers(field)) == 6
    assert item_summaries(field)[-1] == "Item 6"
    assert requests == []


def test_typing_japanese_in_an_items_reason_asks_for_that_path(qtbot, related, context):
    field, requests = make_list(qtbot, related, context)
    editor = reason_editor(field, 0, "ja")
    editor.clear()
    type_text(editor, "類似")
    assert requests == [
        SetValue(("relatedPosts", 0, "reason", "ja"), "類"),
        SetValue(("relatedPosts", 0, "reason", "ja"), "類似"),
    ]


def test_updates_never_take_the_focus_from_the_writer(qtbot, related, context):
    field, _ = make_list(qtbot, related, context)
    editor = reason_editor(field, 1, "ko")
    give_focus(qtbot, editor)
    changed = copy.deepcopy(related)
    changed[1]["reason"]["ko"] = "수정"
    field.set_value(changed)
    assert QApplication.focusWidget() is editor
    field.set_value([*changed, {"slug": "new", "score": 0, "reason": {}}])
    assert QApplication.focusWidget() is editor
    field.set_value(changed[:3])
    assert QApplication.focusWidget() is editor


def test_problems_reach_the_editor_of_an_items_score(qtbot, related, context):
    field, _ = make_list(qtbot, related, context)
    field.set_problems([(("relatedPosts", 1, "score"), "Must be at most 1.")])
    score = field_at(field, (*PATH, 1, "score"))
    assert score.problem_label.text() == "Must be at most 1."
    assert not score.problem_label.isHidden()
    assert field_at(field, (*PATH, 2, "score")).problem_label.isHidden()
    field.set_value([*related, {"slug": "x", "score": 2, "reason": {}}])
    assert not field_at(field, (*PATH, 1, "score")).problem_label.isHidden()


def test_focus_path_opens_and_focuses_a_nested_editor(qtbot, related, context):
    field, _ = make_list(qtbot, related, context)
    give_focus(qtbot, field.add_button)
    qtbot.mouseClick(button(field, "collapse relatedPosts[3]"), Qt.MouseButton.LeftButton)
    assert field_at(field, (*PATH, 3)).isHidden()
    assert button(field, "expand relatedPosts[3]").isEnabled()
    assert field.focus_path(("relatedPosts", 3, "reason", "en"))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is reason_editor(field, 3, "en"))
    assert not field_at(field, (*PATH, 3)).isHidden()
    assert not field.focus_path(("faq", 0))


def test_read_only_disables_every_edit_button_and_editor(qtbot, related, context):
    """Folding an item stays possible: it changes nothing in the post."""
    field, requests = make_list(qtbot, related, context)
    field.set_read_only(True)
    edits = ("move ", "remove ", "add ")
    buttons = [
        b for b in field.findChildren(QAbstractButton) if b.accessibleName().startswith(edits)
    ]
    assert buttons and not any(b.isEnabled() for b in buttons)
    assert not reason_editor(field, 0, "ja").isEnabled()
    drop(field, 0, 3)
    assert requests == []


def test_tab_follows_the_visual_order_after_items_are_added(qtbot, related, context):
    window = QWidget()
    column = QVBoxLayout(window)
    before, after = QLineEdit(), QLineEdit()
    field = build_field_widget(PATH, RELATED, related[:1], context)
    for widget in (before, field, after):
        column.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    field.set_value(related[:3])  # two items made after the Add button and the next field
    qtbot.waitUntil(lambda: item_headers(field)[2].height() > 0)
    give_focus(qtbot, before)
    visited = [before]
    while QApplication.focusWidget() is not after and len(visited) < 80:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    inside = visited[1:-1]
    assert visited[-1] is after
    assert inside[0] is button(field, "collapse relatedPosts[0]")
    assert inside[-1] is field.add_button
    assert reason_editor(field, 2, "zh") in inside
    centers = [w.mapTo(window, w.rect().center()) for w in inside]
    rows = [(p.y(), p.x()) for p in centers]
    assert rows == sorted(rows, key=lambda row: (row[0] // 8, row[1]))
