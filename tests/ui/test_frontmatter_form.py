"""The frontmatter form: one widget per field kind, edits as signals, YAML errors read-only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QDateEdit, QLineEdit, QPlainTextEdit

from editor.core.frontmatter import parse_frontmatter
from editor.ui.frontmatter_form.form import FrontmatterForm
from tests.qt_support import type_text

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "deepseek-v4-release.ko.md"


def make_form(qtbot, text: str) -> FrontmatterForm:
    form = FrontmatterForm()
    qtbot.addWidget(form)
    form.show_parsed(parse_frontmatter(text))
    return form


def test_fixture_fields_get_their_widgets(qtbot):
    form = make_form(qtbot, FIXTURE.read_text(encoding="utf-8"))
    assert isinstance(form.field("title").editor(), QLineEdit)
    assert form.field("title").editor().text().startswith("DeepSeek V4 출시 임박")
    description = form.field("description").editor()
    assert isinstance(description, QPlainTextEdit)
    assert "오픈 모델 경쟁 구도를 분석합니다." in description.toPlainText()
    pub = form.field("pubDate").editor()
    assert isinstance(pub, QDateEdit)
    assert pub.date() == QDate(2026, 2, 18)
    assert form.field("tags").editor().text() == "ai, llm, deepseek, open-source, china-ai"
    related = form.field("relatedPosts").editor()
    assert related.isReadOnly()
    assert "patent-strategy-llm-era" in related.toPlainText()


def test_typing_a_title_emits_each_new_value(qtbot):
    form = make_form(qtbot, "---\ntitle: Old\n---\n")
    edit = form.field("title").editor()
    edit.setFocus()
    edit.selectAll()
    seen = []
    form.fieldEdited.connect(lambda key, value: seen.append((key, value)))
    type_text(edit, "새 제목")
    assert seen == [("title", "새"), ("title", "새 "), ("title", "새 제"), ("title", "새 제목")]


def test_date_keeps_its_type_quoted_string_or_yaml_date(qtbot):
    form = make_form(qtbot, "---\npubDate: '2026-02-18'\nupdated: 2026-03-01\n---\n")
    seen = []
    form.fieldEdited.connect(lambda k, v: seen.append((k, v)))
    form.field("pubDate").editor().setDate(QDate(2026, 2, 20))
    form.field("updated").editor().setDate(QDate(2026, 3, 2))
    assert seen == [("pubDate", "2026-02-20"), ("updated", dt.date(2026, 3, 2))]


def test_checkbox_and_list_fields_emit_typed_values(qtbot):
    form = make_form(qtbot, "---\ndraft: false\ntags: [a, b]\n---\n")
    form.show()
    seen = []
    form.fieldEdited.connect(lambda k, v: seen.append((k, v)))
    box = form.field("draft").editor()
    assert isinstance(box, QCheckBox)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    tags = form.field("tags").editor()
    tags.setFocus()
    tags.setText("a, b, 새 태그, ")
    tags.editingFinished.emit()
    assert seen == [("draft", True), ("tags", ["a", "b", "새 태그"])]


def test_invalid_yaml_shows_the_line_and_locks_the_fields(qtbot):
    form = make_form(qtbot, "---\ntitle: ok\ntags: [a, b\n---\n")
    form.show()
    assert form.field("title") is None or not form.field("title").editor().isEnabled()
    form.show_parsed(parse_frontmatter("---\ntitle: ok\n---\n"))
    assert form.field("title").editor().isEnabled()
    form.show_parsed(parse_frontmatter("---\ntitle: ok\nbad: : x\n---\n"))
    assert not form.field("title").editor().isEnabled()
    assert "line 3" in form.error_button.text()
    with qtbot.waitSignal(form.errorClicked) as signal:
        qtbot.mouseClick(form.error_button, Qt.MouseButton.LeftButton)
    assert signal.args[0] == 3


def test_text_changes_update_values_without_rebuilding_the_widgets(qtbot):
    form = make_form(qtbot, "---\ntitle: One\ntags:\n  - a\n---\n")
    widget = form.field("title")
    form.show_parsed(parse_frontmatter("---\ntitle: Two\ntags:\n  - a\n---\n"))
    assert form.field("title") is widget
    assert widget.editor().text() == "Two"


def test_the_focused_field_is_not_overwritten_by_its_own_echo(qtbot):
    form = make_form(qtbot, "---\ntitle: One\n---\n")
    form.show()
    edit = form.field("title").editor()
    edit.setFocus()
    edit.setText("One and more")
    form.show_parsed(parse_frontmatter("---\ntitle: One and\n---\n"))
    assert edit.text() == "One and more"


def test_post_without_frontmatter_says_so(qtbot):
    form = make_form(qtbot, "# Just a body\n")
    assert form.status_label.text() == "This post has no frontmatter."


def test_the_sample_sites_schema_types_the_fixture_fields(qtbot):
    from editor.core import resources
    from editor.core.schema import load_site_schema
    from editor.ui.frontmatter_form.field_widgets import DateField, ImageField, ReadOnlyField

    schema = load_site_schema(resources.sample_site_dir())
    collection = schema.collection("blog")
    form = FrontmatterForm()
    qtbot.addWidget(form)
    form.set_collection(collection)
    form.show_parsed(parse_frontmatter(FIXTURE.read_text(encoding="utf-8")))
    assert isinstance(form.field("heroImage"), ImageField)
    assert isinstance(form.field("pubDate"), DateField)
    assert isinstance(form.field("relatedPosts"), ReadOnlyField)
    assert (
        form.field("heroImage").editor().text()
        == "../../../assets/blog/deepseek-v4-release-hero.png"
    )


def test_an_enum_field_offers_the_schemas_choices(qtbot):
    from editor.core.schema import Collection, Field, FieldType

    collection = Collection(
        name="docs",
        base=Path("."),
        pattern="**/*.md",
        fields=(Field("status", FieldType.ENUM, choices=("draft", "review", "published")),),
        source="config",
    )
    form = FrontmatterForm()
    qtbot.addWidget(form)
    form.set_collection(collection)
    form.show_parsed(parse_frontmatter("---\nstatus: review\n---\n"))
    box = form.field("status").editor()
    assert [box.itemText(i) for i in range(box.count())] == ["draft", "review", "published"]
    assert box.currentText() == "review"
    seen = []
    form.fieldEdited.connect(lambda k, v: seen.append((k, v)))
    box.activated.emit(2)
    assert seen == [("status", "published")]
