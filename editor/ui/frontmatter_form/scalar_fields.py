"""Editors of single values: text, prose, dates, booleans, numbers and schema choices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor.core.checks.lengths import (
    LengthStatus,
    LengthWindow,
    count_chars,
    length_status,
    window_for,
)
from editor.core.dates import parse_when
from editor.ui.frontmatter_form.base import (
    INVALID_PROPERTY,
    PROBLEM_STYLE,
    FieldWidget,
    FormContext,
)

__all__ = [
    "BooleanField",
    "DateField",
    "EnumField",
    "LengthCounter",
    "LongTextField",
    "NumberField",
    "TextField",
]

STATUS_COLOURS = {
    LengthStatus.OK: "#237804",  # green
    LengthStatus.SHORT: "#ad6800",  # amber
    LengthStatus.LONG: "#a8071a",  # red
}
HINT_STYLE = "color: #8c8c8c;"  # "not set" and other quiet hints
ABSENT_STYLE = "QDateEdit { color: #8c8c8c; }"
LANGUAGE_NAMES = {"ko": "Korean", "ja": "Japanese", "en": "English", "zh": "Chinese"}
WIDE_RANGE = 1e12
INT_LIMIT = 2**31 - 1  # QSpinBox holds a C int


def _insert_below_row(field: FieldWidget, widget: QWidget) -> None:
    """Put widget under the field's row, above its problem label."""
    outer = field.layout()
    assert isinstance(outer, QVBoxLayout)
    outer.insertWidget(outer.indexOf(field.problem_label), widget)


def _set_invalid(widget: QWidget, invalid: bool) -> None:
    widget.setProperty(INVALID_PROPERTY, invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _hint_label(text: str = "", style: str = HINT_STYLE) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(style)
    label.hide()
    return label


class LengthCounter(QLabel):
    """A live "27 / 25–30" count, coloured against the field's window; it never blocks input."""

    def __init__(self, field_name: str, context: FormContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.field_name = field_name
        self.lang = context.post.lang
        self.length_window: LengthWindow | None = window_for(
            field_name, context.post.lang, context.post.length_overrides
        )
        self._overridden = self.length_window is not None and self.length_window != window_for(
            field_name, context.post.lang
        )
        self.status: LengthStatus | None = None
        self.setVisible(self.length_window is not None)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def update_count(self, text: str) -> None:
        """Count text and repaint the label in its status colour."""
        if self.length_window is None:
            return
        count = count_chars(text)
        window = self.length_window
        self.status = length_status(count, window)
        self.setText(f"{count} / {window.low}–{window.high}")
        self.setStyleSheet(f"color: {STATUS_COLOURS[self.status]};")
        language = LANGUAGE_NAMES.get((self.lang or "").split("-")[0].lower(), "this language")
        verdict = {
            LengthStatus.OK: "within the window",
            LengthStatus.SHORT: "shorter than the window",
            LengthStatus.LONG: "longer than the window: search results will cut it",
        }[self.status]
        source = "this workspace's setting" if self._overridden else "the default guide"
        self.setToolTip(
            f"{count} characters, {verdict}.\n"
            f"A {self.field_name} in {language} ({self.lang}) reads best at "
            f"{window.low}–{window.high} characters ({source}).\n"
            "A guide only: typing is never blocked."
        )
        self.setAccessibleDescription(self.toolTip())


def _counter_for(field: FieldWidget) -> LengthCounter:
    name = str(field.path[-1]) if field.path else ""
    counter = LengthCounter(name, field.context)
    field.label_accessible(counter, "length")
    return counter


class TextField(FieldWidget):
    """Single-line text; every keystroke becomes a patch (merged into one undo step)."""

    def _build(self) -> None:
        self._edit = QLineEdit()
        self.label_accessible(self._edit)
        self.counter = _counter_for(self)
        self.row.addWidget(self._edit, 1)
        self.row.addWidget(self.counter)
        self._edit.textChanged.connect(self.counter.update_count)
        self._edit.textEdited.connect(self.request_set)
        self.counter.update_count("")

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        self._edit.setPlaceholderText("not set" if value is None else "")
        if self._edit.text() != text:
            self._edit.setText(text)  # setText does not emit textEdited
            self._edit.setCursorPosition(0)  # show a long title's start, not its end

    def editor(self) -> QLineEdit:
        return self._edit


class _ProseEdit(QPlainTextEdit):
    """A QPlainTextEdit that behaves as a form field: Tab moves on, height follows content."""

    MIN_LINES = 4
    MAX_LINES = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    def visual_lines(self) -> int:
        """Lines as laid out (a wrapped paragraph counts each of its lines)."""
        return max(1, int(self.document().documentLayout().documentSize().height()))

    def _fit(self, *_args: object) -> None:
        lines = min(max(self.visual_lines(), self.MIN_LINES), self.MAX_LINES)
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin())
        self.setFixedHeight(lines * self.fontMetrics().lineSpacing() + frame + 2)


class LongTextField(FieldWidget):
    """Multi-line prose such as a description; the file's folded style is kept by the patch."""

    def _build(self) -> None:
        self._edit = _ProseEdit()
        self.label_accessible(self._edit)
        self.row.addWidget(self._edit, 1)
        self.counter = _counter_for(self)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        _insert_below_row(self, self.counter)
        self._setting = False
        self._edit.textChanged.connect(self._changed)
        self.counter.update_count("")

    def _changed(self) -> None:
        text = self._edit.toPlainText()
        self.counter.update_count(text)
        if not self._setting:
            self.request_set(text)

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        self._edit.setPlaceholderText("not set" if value is None else "")
        if self._edit.toPlainText() != text:
            self._setting = True
            try:
                self._edit.setPlainText(text)
            finally:
                self._setting = False

    def editor(self) -> QPlainTextEdit:
        return self._edit


def _as_text(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


class DateField(FieldWidget):
    """A date picker plus the date as written; the value keeps its type (str, date, datetime)."""

    def _build(self) -> None:
        self._picker = QDateEdit()
        self._picker.setCalendarPopup(True)
        self._picker.setDisplayFormat("yyyy-MM-dd")
        self.label_accessible(self._picker, "date picker")
        self._text = QLineEdit()
        self._text.setMaximumWidth(self._text.fontMetrics().horizontalAdvance("0" * 28))
        self._text.setToolTip("The date as the file writes it (YYYY-MM-DD)")
        self.label_accessible(self._text, "date text")
        self._hint = _hint_label("Not a date: type it as YYYY-MM-DD", PROBLEM_STYLE)
        self.label_accessible(self._hint, "date hint")
        self.row.addWidget(self._picker)
        self.row.addWidget(self._text)
        self.row.addWidget(self._hint)
        self.row.addStretch(1)
        self._value: Any = None
        self._setting = False
        self._picker.dateChanged.connect(self._picked)
        # Picking the date already shown (today, while absent) changes nothing in the
        # QDateEdit; the calendar's click still means "this date".
        self._picker.calendarWidget().clicked.connect(self._picked)
        self._text.textEdited.connect(self._typed)
        self._show_absent(True)

    # -- the value's type is kept ---------------------------------------------------------

    def _from_day(self, day: dt.date) -> Any:
        """The value for a picked day, in the type (and with the time) the value had."""
        old = self._value
        if isinstance(old, dt.datetime):
            return old.replace(year=day.year, month=day.month, day=day.day)
        if isinstance(old, dt.date):
            return day
        if isinstance(old, str) and len(old) > 10 and parse_when(old) is not None:
            return day.isoformat() + old[10:]  # keep the time part as written
        return day.isoformat()  # strings, and absent keys (written quoted, like the others)

    def _from_text(self, text: str) -> Any:
        """The value the typed text means in the value's type, or None when it is not valid."""
        when = parse_when(text)
        old = self._value
        if when is None:
            return None
        if isinstance(old, dt.datetime):
            if isinstance(when, dt.datetime):
                return when
            return dt.datetime.combine(when, old.timetz())
        if isinstance(old, dt.date):
            return None if isinstance(when, dt.datetime) else when
        return text.strip()

    # -- writer's edits -------------------------------------------------------------------

    def _picked(self, qdate: QDate) -> None:
        if self._setting or self._read_only:
            return
        value = self._from_day(dt.date(qdate.year(), qdate.month(), qdate.day()))
        if value == self._value:
            return
        self._apply(value, update_text=True)

    def _typed(self, text: str) -> None:
        value = self._from_text(text)
        self._hint.setVisible(value is None)
        _set_invalid(self._text, value is None)
        if value is not None and value != self._value:
            self._apply(value, update_text=False)

    def _apply(self, value: Any, *, update_text: bool) -> None:
        self._value = value
        self._show(value, update_text=update_text)
        self.request_set(value)

    # -- showing --------------------------------------------------------------------------

    def _show_absent(self, absent: bool) -> None:
        self._picker.setProperty("absent", absent)
        self._picker.setStyleSheet(ABSENT_STYLE if absent else "")
        self._picker.setToolTip("Not set: pick a date to add it" if absent else "")

    def _show(self, value: Any, *, update_text: bool) -> None:
        self._setting = True
        try:
            when = parse_when(_as_text(value)) if value is not None else None
            day = when.date() if isinstance(when, dt.datetime) else when
            self._show_absent(day is None)
            qdate = QDate(day.year, day.month, day.day) if day else QDate.currentDate()
            if self._picker.date() != qdate:
                self._picker.setDate(qdate)
            if update_text:
                self._text.setText(_as_text(value))
                self._text.setCursorPosition(0)
                valid = value is None or when is not None
                self._hint.setVisible(not valid)
                _set_invalid(self._text, not valid)
        finally:
            self._setting = False

    def set_value(self, value: Any) -> None:
        self._value = value
        self._text.setPlaceholderText("not set" if value is None else "")
        typing = self._text.hasFocus() and self._from_text(self._text.text()) == value
        self._show(value, update_text=not typing)

    def editor(self) -> QDateEdit:
        return self._picker

    def _inputs(self) -> list[QWidget]:
        return [self._picker, self._text]


class BooleanField(FieldWidget):
    """A checkbox for true/false; an absent key shows unchecked with a "not set" hint."""

    def _build(self) -> None:
        self._box = QCheckBox()
        self.label_accessible(self._box)
        self._hint = _hint_label("not set")
        self.label_accessible(self._hint, "not set")
        self.row.addWidget(self._box)
        self.row.addWidget(self._hint)
        self.row.addStretch(1)  # keep the clickable box its own size, not the row's width
        self._box.clicked.connect(self._clicked)

    def _clicked(self, checked: bool) -> None:
        self._hint.hide()
        self.request_set(bool(checked))

    def set_value(self, value: Any) -> None:
        self._box.setChecked(bool(value))  # emits toggled, never clicked
        self._hint.setVisible(value is None)

    def editor(self) -> QCheckBox:
        return self._box


def decimals_of(value: float) -> int:
    """Digits after the point as the value is written: 0.95 -> 2, 3.0 -> 1, 1e-05 -> 5."""
    try:
        exponent = Decimal(repr(float(value))).as_tuple().exponent
    except (InvalidOperation, ValueError):
        return 2
    return min(max(-exponent, 0), 10) if isinstance(exponent, int) else 2


class NumberField(FieldWidget):
    """A spin box within the schema's range; whole-number fields stay ints."""

    def _build(self) -> None:
        low = self.schema_field.minimum if self.schema_field else None
        high = self.schema_field.maximum if self.schema_field else None
        self._low = -WIDE_RANGE if low is None else float(low)
        self._high = WIDE_RANGE if high is None else float(high)
        unit = low is not None and high is not None and low >= 0 and high <= 1
        self._step = 0.01 if unit else 1.0
        # Both boxes exist from the start so the Tab order stays the layout's order.
        self._int_box = QSpinBox()
        self._float_box = QDoubleSpinBox()
        self._float_box.setSingleStep(self._step)
        for box in (self._int_box, self._float_box):
            self.label_accessible(box)
            box.setMinimumWidth(box.fontMetrics().horizontalAdvance("0" * 12))
            self.row.addWidget(box)
        self._hint = _hint_label("not set")
        self.label_accessible(self._hint, "not set")
        self.row.addWidget(self._hint)
        self.row.addStretch(1)
        self._integer = bool(self.schema_field and self.schema_field.integer)
        self._setting = False
        self._int_box.valueChanged.connect(lambda number: self._changed(self._int_box, number))
        self._float_box.valueChanged.connect(lambda number: self._changed(self._float_box, number))
        self._use_box(self._integer)

    def _use_box(self, integer: bool) -> None:
        self._int_box.setVisible(integer)
        self._float_box.setVisible(not integer)

    def _box(self) -> QSpinBox | QDoubleSpinBox:
        return self._int_box if self._int_box.isVisibleTo(self) else self._float_box

    def _changed(self, box: QSpinBox | QDoubleSpinBox, number: float) -> None:
        if self._setting or box is not self._box():
            return
        if box is self._int_box:
            value: int | float = int(number)
        else:
            value = round(float(number), self._float_box.decimals())
            if self._integer and value.is_integer():
                value = int(value)
        self._hint.hide()
        self.request_set(value)

    def set_value(self, value: Any) -> None:
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
        # A fraction in a whole-number field stays visible as written; the checks flag it.
        integer = isinstance(number, int) or (number is None and self._integer)
        box = self._box()
        if box.hasFocus() and number is not None and box.value() == number:
            return  # the writer's own keystroke coming back: leave the cursor alone
        self._setting = True
        try:
            self._use_box(integer)
            shown = number if number is not None else min(max(0, self._low), self._high)
            # A value outside the schema's range stays visible as it is; checks report it.
            low, high = min(self._low, shown), max(self._high, shown)
            if integer:
                self._int_box.setRange(int(max(low, -INT_LIMIT)), int(min(high, INT_LIMIT)))
                self._int_box.setValue(int(shown))
            else:
                places = max(decimals_of(shown), decimals_of(self._step), 1)
                self._float_box.setDecimals(places)
                self._float_box.setRange(low, high)
                self._float_box.setValue(float(shown))
        finally:
            self._setting = False
        self._hint.setVisible(value is None)

    def editor(self) -> QSpinBox | QDoubleSpinBox:
        return self._box()

    def _inputs(self) -> list[QWidget]:
        return [self._int_box, self._float_box]


class EnumField(FieldWidget):
    """One of the schema's choices; a value outside them is shown, marked, and kept."""

    def _build(self) -> None:
        self._choices = list(self.schema_field.choices) if self.schema_field else []
        self._box = QComboBox()
        self._box.setPlaceholderText("not set")
        self._box.addItems([str(choice) for choice in self._choices])
        self.label_accessible(self._box)
        self.row.addWidget(self._box)
        self.row.addStretch(1)
        self._box.activated.connect(self._activated)

    def _index_of(self, value: Any) -> int:
        # True == 1 in Python; a choice matches only a value of its own type.
        for index, choice in enumerate(self._choices):
            if choice == value and type(choice) is type(value):
                return index
        return -1

    def _activated(self, index: int) -> None:
        if 0 <= index < len(self._choices):
            self.request_set(self._choices[index])

    def set_value(self, value: Any) -> None:
        while self._box.count() > len(self._choices):
            self._box.removeItem(self._box.count() - 1)
        if value is None:
            self._box.setCurrentIndex(-1)
        elif self._index_of(value) >= 0:
            self._box.setCurrentIndex(self._index_of(value))
        else:
            self._box.addItem(f"{value} (not allowed)")
            self._box.setCurrentIndex(self._box.count() - 1)

    def editor(self) -> QComboBox:
        return self._box
