"""The factory: one editor widget for every field kind core can decide."""

from __future__ import annotations

from editor.core.schema import Field, FieldKind, FieldType
from editor.ui.frontmatter_form.base import FormContext
from editor.ui.frontmatter_form.factory import WIDGETS, build_field_widget
from editor.ui.frontmatter_form.object_fields import ObjectField, ObjectListField
from editor.ui.frontmatter_form.raw_field import RawYamlField
from editor.ui.frontmatter_form.reference_field import ReferenceField


def test_every_field_kind_has_an_editor_widget():
    assert set(WIDGETS) == set(FieldKind)


def test_the_kind_core_decides_picks_the_widget(qtbot):
    cases = [
        (("faq",), None, [{"question": "q"}], ObjectListField),
        (("faq", 0), None, {"question": "q"}, ObjectField),
        (("faq", 0, "slug"), None, "v4", ReferenceField),
        (("extra",), Field("extra", FieldType.UNKNOWN), None, RawYamlField),
    ]
    for path, schema_field, value, widget_class in cases:
        widget = build_field_widget(path, schema_field, value, FormContext())
        qtbot.addWidget(widget)
        assert type(widget) is widget_class, path
