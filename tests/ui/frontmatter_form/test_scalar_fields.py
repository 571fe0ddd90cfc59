"""Single-value editors: shown values never emit; the writer's edits emit typed SetValues."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from editor.core.checks.lengths import LengthStatus, LengthWindow
from editor.core.frontmatter.requests import SetValue
from editor.core.post import PostContext
from editor.core.schema import Field, FieldType
from editor.ui.frontmatter_form.base import FormContext
from editor.ui.frontmatter_form.scalar_fields import (
    STATUS_COLOURS,
    BooleanField,
    DateField,
    EnumField,
    LongTextField,
    NumberField,
    TextField,
    decimals_of,
)
from tests.qt_support import type_text
from tests.ui.frontmatter_form.support import recorded_edits

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "deepseek-v4-release.ko.md"
POST = yaml.safe_load(FIXTURE.read_text(encoding="utf-8").split("---\n")[1])
TITLE = POST["title"]  # 39 characters: long for a Korean title (25–30)
DESCRIPTION = POST["description"]  # 96 characters: long for a Korean description (70–80)


def make(qtbot, cls, path, schema_field=None, value=None, **context):
    widget = cls(tuple(path), schema_field, FormContext(PostContext(**context)))
    qtbot.addWidget(widget)
    widget.set_value(value)
    return widget


# -- TextField --------------------------------------------------------------------------


def test_text_set_value_shows_the_start_of_the_title_without_emitting(qtbot):
    field = make(qtbot, TextField, ["title"], lang="ko")
    with qtbot.assertNotEmitted(field.editRequested):
        field.set_value(TITLE)
    assert field.editor().text() == TITLE
    assert field.editor().cursorPosition() == 0


def test_text_typing_korean_emits_every_new_value(qtbot):
    field = make(qtbot, TextField, ["title"], value="", lang="ko")
    seen = recorded_edits(field)
    type_text(field.editor(), "새 제목")
    assert seen == [
        SetValue(("title",), "새"),
        SetValue(("title",), "새 "),
        SetValue(("title",), "새 제"),
        SetValue(("title",), "새 제목"),
    ]


def test_text_counter_flags_the_fixture_title_as_long_for_korean(qtbot):
    field = make(qtbot, TextField, ["title"], value=TITLE, lang="ko")
    counter = field.counter
    assert not counter.isHidden()
    assert counter.text() == "39 / 25–30"
    assert counter.status is LengthStatus.LONG
    assert STATUS_COLOURS[LengthStatus.LONG] in counter.styleSheet()
    assert "Korean (ko)" in counter.toolTip() and "25–30" in counter.toolTip()
    assert counter.accessibleName() == "title length"
    assert field.editor().accessibleName() == "title"


def test_text_counter_follows_typing_and_never_blocks_it(qtbot):
    field = make(qtbot, TextField, ["title"], value="", lang="ko")
    seen = recorded_edits(field)
    type_text(field.editor(), "가" * 27)
    assert field.counter.text() == "27 / 25–30"
    assert field.counter.status is LengthStatus.OK
    assert STATUS_COLOURS[LengthStatus.OK] in field.counter.styleSheet()
    type_text(field.editor(), "나" * 5)
    assert field.counter.status is LengthStatus.LONG
    assert seen[-1] == SetValue(("title",), "가" * 27 + "나" * 5)


def test_text_counter_uses_the_english_window(qtbot):
    field = make(qtbot, TextField, ["title"], value="DeepSeek V4 Release Is Imminent", lang="en")
    assert field.counter.text() == "31 / 50–60"
    assert field.counter.status is LengthStatus.SHORT
    assert STATUS_COLOURS[LengthStatus.SHORT] in field.counter.styleSheet()
    assert "English (en)" in field.counter.toolTip()


def test_text_counter_uses_the_workspace_override(qtbot):
    overrides = {"title": {"ko": LengthWindow(35, 45)}}
    field = make(qtbot, TextField, ["title"], value=TITLE, lang="ko", length_overrides=overrides)
    assert field.counter.text() == "39 / 35–45"
    assert field.counter.status is LengthStatus.OK
    assert "workspace" in field.counter.toolTip()


def test_text_without_a_window_has_no_counter(qtbot):
    field = make(qtbot, TextField, ["author"], value="Kim", lang="ko")
    assert field.counter.isHidden()
    nested = make(qtbot, TextField, ["relatedPosts", 0, "reason", "ko"], value="이유", lang="ko")
    assert nested.counter.isHidden()


# -- LongTextField ----------------------------------------------------------------------


def test_long_text_set_value_does_not_emit(qtbot):
    field = make(qtbot, LongTextField, ["description"], lang="ko")
    with qtbot.assertNotEmitted(field.editRequested):
        field.set_value(DESCRIPTION)
    assert field.editor().toPlainText() == DESCRIPTION
    assert field.counter.text() == "96 / 70–80"
    assert field.counter.status is LengthStatus.LONG


def test_long_text_typing_emits_the_whole_text(qtbot):
    field = make(qtbot, LongTextField, ["description"], value="", lang="ko")
    seen = recorded_edits(field)
    type_text(field.editor(), "요약")
    assert seen == [SetValue(("description",), "요"), SetValue(("description",), "요약")]
    assert field.counter.status is LengthStatus.SHORT


def test_long_text_tab_moves_focus_and_height_grows_to_a_limit(qtbot):
    field = make(qtbot, LongTextField, ["description"], value="", lang="ko")
    edit = field.editor()
    assert edit.tabChangesFocus()
    field.show()
    qtbot.waitExposed(field)
    short = edit.height()
    field.set_value("\n".join(["줄"] * 6))
    qtbot.waitUntil(lambda: edit.height() > short)
    six = edit.height()
    field.set_value("\n".join(["줄"] * 30))
    qtbot.waitUntil(lambda: edit.height() > six)
    capped = edit.height()
    field.set_value("\n".join(["줄"] * 60))
    assert edit.height() == capped


# -- DateField --------------------------------------------------------------------------


def test_date_set_value_shows_the_text_as_written_without_emitting(qtbot):
    field = make(qtbot, DateField, ["pubDate"])
    with qtbot.assertNotEmitted(field.editRequested):
        field.set_value("2026-02-18")
    assert field.editor().date() == QDate(2026, 2, 18)
    text = date_text(field)
    assert text.text() == "2026-02-18"
    assert text.accessibleName() == "pubDate date text"


def date_text(field: DateField) -> QLineEdit:
    return next(e for e in field.findChildren(QLineEdit) if e.accessibleName().endswith("text"))


def test_date_picked_keeps_a_quoted_string_a_string(qtbot):
    field = make(qtbot, DateField, ["pubDate"], value="2026-02-18")
    seen = recorded_edits(field)
    field.editor().setDate(QDate(2026, 2, 20))
    assert seen == [SetValue(("pubDate",), "2026-02-20")]
    assert date_text(field).text() == "2026-02-20"


def test_date_picked_keeps_a_yaml_date_a_date(qtbot):
    field = make(qtbot, DateField, ["updatedDate"], value=dt.date(2026, 3, 1))
    seen = recorded_edits(field)
    field.editor().setDate(QDate(2026, 3, 2))
    assert seen == [SetValue(("updatedDate",), dt.date(2026, 3, 2))]


def test_date_picked_keeps_the_time_of_a_datetime(qtbot):
    tz = dt.timezone(dt.timedelta(hours=9))
    field = make(qtbot, DateField, ["pubDate"], value=dt.datetime(2026, 2, 18, 9, 30, tzinfo=tz))
    seen = recorded_edits(field)
    field.editor().setDate(QDate(2026, 2, 19))
    assert seen == [SetValue(("pubDate",), dt.datetime(2026, 2, 19, 9, 30, tzinfo=tz))]
    text = make(qtbot, DateField, ["pubDate"], value="2026-02-18T09:30:00+09:00")
    seen = recorded_edits(text)
    text.editor().setDate(QDate(2026, 2, 19))
    assert seen == [SetValue(("pubDate",), "2026-02-19T09:30:00+09:00")]


def test_date_typed_text_applies_when_it_is_an_iso_date(qtbot):
    field = make(qtbot, DateField, ["pubDate"], value="2026-02-18")
    seen = recorded_edits(field)
    text = date_text(field)
    text.clear()
    qtbot.keyClicks(text, "2026-03-05")
    assert seen == [SetValue(("pubDate",), "2026-03-05")]
    assert field.editor().date() == QDate(2026, 3, 5)
    assert not hint(field).isVisibleTo(field)


def test_date_typed_text_of_a_yaml_date_emits_a_date(qtbot):
    field = make(qtbot, DateField, ["updatedDate"], value=dt.date(2026, 3, 1))
    seen = recorded_edits(field)
    text = date_text(field)
    text.clear()
    qtbot.keyClicks(text, "2026-03-09")
    assert seen == [SetValue(("updatedDate",), dt.date(2026, 3, 9))]


def hint(field: DateField) -> QLabel:
    return next(w for w in field.findChildren(QLabel) if w.accessibleName().endswith("hint"))


def test_date_invalid_text_shows_a_red_hint_and_requests_nothing(qtbot):
    field = make(qtbot, DateField, ["pubDate"], value="2026-02-18")
    text = date_text(field)
    with qtbot.assertNotEmitted(field.editRequested):
        text.clear()
        qtbot.keyClicks(text, "2026-02-30")
    assert hint(field).isVisibleTo(field)
    assert "#a8071a" in hint(field).styleSheet()
    assert text.property("invalid") is True
    assert field.editor().date() == QDate(2026, 2, 18)


def test_date_absent_shows_today_greyed_and_picking_adds_an_iso_string(qtbot):
    field = make(qtbot, DateField, ["updatedDate"], value=None)
    assert date_text(field).text() == ""
    assert field.editor().date() == QDate.currentDate()
    assert field.editor().property("absent") is True
    assert "#8c8c8c" in field.editor().styleSheet()
    seen = recorded_edits(field)
    # The writer clicks today in the calendar: the shown date does not change, but is meant.
    field.editor().calendarWidget().clicked.emit(QDate.currentDate())
    assert seen == [SetValue(("updatedDate",), dt.date.today().isoformat())]
    assert field.editor().property("absent") is False
    assert date_text(field).text() == dt.date.today().isoformat()


# -- BooleanField -----------------------------------------------------------------------


def test_boolean_set_value_does_not_emit_and_a_click_does(qtbot):
    field = make(qtbot, BooleanField, ["draft"])
    with qtbot.assertNotEmitted(field.editRequested):
        field.set_value(True)
    assert field.editor().isChecked()
    seen = recorded_edits(field)
    qtbot.keyClick(field.editor(), Qt.Key.Key_Space)
    assert seen == [SetValue(("draft",), False)]


def test_boolean_absent_is_unchecked_with_a_not_set_hint(qtbot):
    field = make(qtbot, BooleanField, ["noindex"], value=None)
    assert not field.editor().isChecked()
    hints = [w for w in field.findChildren(QWidget) if w.accessibleName() == "noindex not set"]
    assert hints and hints[0].isVisibleTo(field)
    seen = recorded_edits(field)
    qtbot.keyClick(field.editor(), Qt.Key.Key_Space)
    assert seen == [SetValue(("noindex",), True)]
    assert not hints[0].isVisibleTo(field)


# -- NumberField ------------------------------------------------------------------------

SCORE = Field("score", FieldType.NUMBER, minimum=0, maximum=1)


def test_number_score_uses_a_fine_step_and_the_values_decimals(qtbot):
    path = ["relatedPosts", 0, "score"]
    field = make(qtbot, NumberField, path, SCORE)
    with qtbot.assertNotEmitted(field.editRequested):
        field.set_value(POST["relatedPosts"][0]["score"])
    box = field.editor()
    assert isinstance(box, QDoubleSpinBox)
    assert (box.minimum(), box.maximum(), box.singleStep(), box.decimals()) == (0, 1, 0.01, 2)
    assert box.value() == 0.95
    seen = recorded_edits(field)
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert seen == [SetValue(("relatedPosts", 0, "score"), 0.96)]


def test_number_integer_schema_emits_ints(qtbot):
    minutes = Field("readingTime", FieldType.NUMBER, minimum=1, maximum=120, integer=True)
    field = make(qtbot, NumberField, ["readingTime"], minutes, value=7)
    box = field.editor()
    assert isinstance(box, QSpinBox)
    assert (box.minimum(), box.maximum(), box.singleStep()) == (1, 120, 1)
    seen = recorded_edits(field)
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert seen == [SetValue(("readingTime",), 8)]
    assert type(seen[0].value) is int


def test_number_without_schema_keeps_an_int_value_an_int_in_a_wide_range(qtbot):
    field = make(qtbot, NumberField, ["order"], value=3)
    box = field.editor()
    assert isinstance(box, QSpinBox)
    assert box.minimum() < -1_000_000 and box.maximum() > 1_000_000
    seen = recorded_edits(field)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert seen == [SetValue(("order",), 2)]
    floats = make(qtbot, NumberField, ["weight"], value=2.5)
    assert isinstance(floats.editor(), QDoubleSpinBox)
    assert floats.editor().singleStep() == 1
    assert floats.editor().decimals() == 1


def test_number_outside_the_range_is_shown_as_it_is(qtbot):
    field = make(qtbot, NumberField, ["score"], SCORE, value=1.5)
    assert field.editor().value() == 1.5


def test_number_fraction_in_an_integer_field_is_shown_and_whole_edits_stay_ints(qtbot):
    minutes = Field("readingTime", FieldType.NUMBER, minimum=1, maximum=120, integer=True)
    field = make(qtbot, NumberField, ["readingTime"], minutes, value=6.5)
    box = field.editor()
    assert isinstance(box, QDoubleSpinBox) and box.value() == 6.5
    seen = recorded_edits(field)
    box.setValue(7.0)
    assert seen == [SetValue(("readingTime",), 7)]
    assert type(seen[0].value) is int
    field.set_value(None)
    assert isinstance(field.editor(), QSpinBox)


def test_number_absent_shows_a_not_set_hint(qtbot):
    field = make(qtbot, NumberField, ["score"], SCORE, value=None)
    hints = [w for w in field.findChildren(QWidget) if w.accessibleName() == "score not set"]
    assert hints[0].isVisibleTo(field)


def test_decimals_follow_the_value_as_written():
    assert [decimals_of(v) for v in (0.95, 3.0, 0.5, 1e-05)] == [2, 1, 1, 5]


# -- EnumField --------------------------------------------------------------------------

STATUS = Field("status", FieldType.ENUM, choices=("draft", "review", "published"))


def test_enum_lists_the_choices_and_emits_the_activated_one(qtbot):
    field = make(qtbot, EnumField, ["status"], STATUS)
    with qtbot.assertNotEmitted(field.editRequested):
        field.set_value("review")
    box = field.editor()
    assert [box.itemText(i) for i in range(box.count())] == ["draft", "review", "published"]
    assert box.currentText() == "review"
    seen = recorded_edits(field)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert seen == [SetValue(("status",), "published")]


def test_enum_value_outside_the_choices_is_marked_not_allowed(qtbot):
    field = make(qtbot, EnumField, ["status"], STATUS, value="archived")
    box = field.editor()
    assert box.count() == 4
    assert box.currentText() == "archived (not allowed)"
    field.set_value("draft")
    assert box.count() == 3 and box.currentText() == "draft"
    field.set_value(None)
    assert box.currentIndex() == -1


# -- all of them ------------------------------------------------------------------------

INPUTS = (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox, QAbstractButton)
CASES = [
    (TextField, ["title"], None, TITLE),
    (LongTextField, ["description"], None, DESCRIPTION),
    (DateField, ["pubDate"], None, "2026-02-18"),
    (BooleanField, ["draft"], None, False),
    (NumberField, ["score"], SCORE, 0.95),
    (EnumField, ["status"], STATUS, "draft"),
]


@pytest.mark.parametrize(("cls", "path", "schema", "value"), CASES)
def test_read_only_disables_every_input_and_refuses_requests(qtbot, cls, path, schema, value):
    field = make(qtbot, cls, path, schema, value, lang="ko")
    field.set_read_only(True)
    inputs = [w for w in field.findChildren(QWidget) if isinstance(w, INPUTS)]
    assert inputs and not any(w.isEnabled() for w in inputs)
    with qtbot.assertNotEmitted(field.editRequested):
        field.request_set(value)
    field.set_read_only(False)
    assert field.editor().isEnabled()


@pytest.mark.parametrize(("cls", "path", "schema", "value"), CASES)
def test_every_input_has_an_accessible_name(qtbot, cls, path, schema, value):
    field = make(qtbot, cls, path, schema, value, lang="ko")
    assert field.editor().accessibleName().startswith(path[-1])
