"""The frontmatter form: schema order, required marks, raw YAML kept as written, problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from editor.core import resources
from editor.core.frontmatter.requests import ReplaceEntry, SetValue
from editor.core.post import PostState, post_state
from editor.core.schema import load_site_schema
from editor.ui.frontmatter_form.form import FrontmatterForm
from editor.ui.frontmatter_form.raw_field import RawYamlField
from tests.qt_support import type_text

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "deepseek-v4-release.ko.md"


@pytest.fixture(scope="module")
def blog():
    return load_site_schema(resources.sample_site_dir()).collection("blog")


def state(text: str, collection=None) -> PostState:
    return post_state(text, collection)


def problem_texts(form: FrontmatterForm) -> list[str]:
    """The problems listed at the top of the form, as its buttons show them."""
    return [button.text() for button in form.problems_box.findChildren(QPushButton)]


def make_form(qtbot, text: str, collection=None) -> FrontmatterForm:
    form = FrontmatterForm()
    qtbot.addWidget(form)
    form.set_collection(collection)
    form.show_state(state(text, collection))
    return form


def keys_in_order(form: FrontmatterForm) -> list[str]:
    return list(form._fields)


def test_fields_follow_the_schema_order_with_absent_ones_and_required_marks(qtbot, blog):
    text = "---\ntags: [ai]\ntitle: Hi\npubDate: '2026-02-18'\ndescription: d\n---\n"
    form = make_form(qtbot, text, blog)
    assert keys_in_order(form)[:6] == [
        "title",
        "description",
        "pubDate",
        "updatedDate",
        "heroImage",
        "tags",
    ]
    label = form._rows.labelForField(form.field("title"))
    assert "*" in label.text(), "title is required"
    assert "*" not in form._rows.labelForField(form.field("updatedDate")).text()


def test_keys_the_schema_does_not_know_are_raw_yaml_kept_as_written(qtbot, blog):
    text = "---\ntitle: Hi\nlayout:   wide   # mine\n---\n"
    form = make_form(qtbot, text, blog)
    raw = form.field("layout")
    assert isinstance(raw, RawYamlField)
    assert raw.editor().toPlainText() == "layout:   wide   # mine"
    seen = []
    form.editRequested.connect(seen.append)
    form.show()
    raw.editor().setPlainText("layout:   narrow   # mine")
    assert seen == [], "half-typed YAML is not applied on each key press"
    qtbot.keyClick(raw.editor(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert seen == [ReplaceEntry("layout", "layout:   narrow   # mine\n")]


def test_edits_leave_as_requests_with_their_path(qtbot, blog):
    form = make_form(qtbot, "---\ntitle: Old\n---\n", blog)
    seen = []
    form.editRequested.connect(seen.append)
    edit = form.field("title").editor()
    edit.setFocus()
    edit.selectAll()
    type_text(edit, "새 제목")
    assert seen[-1] == SetValue(("title",), "새 제목")


def test_problems_are_listed_at_the_top_and_a_click_focuses_the_field(qtbot, blog):
    text = FIXTURE.read_text(encoding="utf-8").replace("score: 0.94", "score: 1.5", 1)
    form = make_form(qtbot, text, blog)
    form.show()
    problems = problem_texts(form)
    assert any("relatedPosts[2].score" in p for p in problems), problems
    assert form.problems_box.isVisible()
    button = form.problems_box.findChildren(type(form.error_button))[0]
    form.activateWindow()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    focused = form.window().focusWidget()
    assert focused is not None
    assert form.field("relatedPosts").isAncestorOf(focused)


def test_invalid_yaml_shows_line_and_column_and_locks_the_fields(qtbot, blog):
    form = make_form(qtbot, "---\ntitle: ok\n---\n", blog)
    form.show()
    form.show_state(state("---\ntitle: ok\nbad: : x\n---\n", blog))
    assert form.error_button.isVisible()
    assert "line 3" in form.error_button.text()
    assert not form.field("title").editor().isEnabled()
    with qtbot.waitSignal(form.errorClicked) as signal:
        qtbot.mouseClick(form.error_button, Qt.MouseButton.LeftButton)
    assert signal.args[0] == 3
    form.show_state(state("---\ntitle: ok\n---\n", blog))
    assert form.field("title").editor().isEnabled()


def test_a_value_change_updates_the_editor_in_place(qtbot, blog):
    form = make_form(qtbot, "---\ntitle: One\n---\n", blog)
    widget = form.field("title")
    form.show_state(state("---\ntitle: Two\n---\n", blog))
    assert form.field("title") is widget
    assert widget.editor().text() == "Two"


def test_the_focused_field_is_not_overwritten_by_its_own_echo(qtbot, blog):
    form = make_form(qtbot, "---\ntitle: One\n---\n", blog)
    form.show()
    edit = form.field("title").editor()
    edit.setFocus()
    edit.setText("One and more")
    form.show_state(state("---\ntitle: One and\n---\n", blog))
    assert edit.text() == "One and more"


def test_without_a_schema_fields_are_typed_by_value_in_file_order(qtbot):
    form = make_form(qtbot, "---\ndraft: false\ntitle: t\nextra: {a: 1}\n---\n")
    assert keys_in_order(form) == ["draft", "title", "extra"]
    assert not any(isinstance(w, RawYamlField) for w in form._fields.values())


def test_post_without_frontmatter_says_so(qtbot):
    form = make_form(qtbot, "# Just a body\n")
    assert form.status_label.text() == "This post has no frontmatter."


def test_the_fixture_post_fills_every_field(qtbot, blog):
    form = make_form(qtbot, FIXTURE.read_text(encoding="utf-8"), blog)
    assert form.field("title").editor().text().startswith("DeepSeek V4 출시 임박")
    assert problem_texts(form) == []


def _tab_stops(form: FrontmatterForm):
    from PySide6.QtCore import Qt as QtNs

    start = form.field("title").editor()
    stops, widget = [], start
    for _ in range(2000):
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & QtNs.FocusPolicy.TabFocus
            and form.widget().isAncestorOf(widget)
        ):
            stops.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return stops


def test_tab_follows_the_fields_and_every_stop_has_an_accessible_name(qtbot, blog):
    form = make_form(qtbot, FIXTURE.read_text(encoding="utf-8"), blog)
    form.resize(480, 900)
    form.show()
    stops = _tab_stops(form)
    assert len(stops) > 30
    from PySide6.QtWidgets import QAbstractSpinBox

    def name_of(widget) -> str:
        # A spin box's or date edit's inner line edit is announced as the box itself.
        parent = widget.parentWidget()
        if not widget.accessibleName() and isinstance(parent, QAbstractSpinBox):
            return parent.accessibleName()
        return widget.accessibleName()

    unnamed = [type(w).__name__ for w in stops if not name_of(w)]
    assert unnamed == [], "every widget Tab reaches says what it is"
    owners = []
    for widget in stops:
        key = next((k for k, f in form._fields.items() if f.isAncestorOf(widget)), None)
        assert key is not None, f"{name_of(widget)!r} is outside every field"
        if not owners or owners[-1] != key:
            owners.append(key)
    assert owners == [k for k in form._fields if k in owners], "Tab visits fields in order"
    assert len(owners) == len(set(owners)), "no field is visited twice"
