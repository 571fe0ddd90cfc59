"""The editor widget of each field kind (the kind itself is decided in core, by editor_kind)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from editor.core.frontmatter.paths import FieldPath
from editor.core.schema import Field, FieldKind, editor_kind
from editor.ui.frontmatter_form.base import FieldWidget, FormContext
from editor.ui.frontmatter_form.image_field import ImageField
from editor.ui.frontmatter_form.object_fields import ObjectField, ObjectListField
from editor.ui.frontmatter_form.raw_field import RawYamlField
from editor.ui.frontmatter_form.reference_field import ReferenceField
from editor.ui.frontmatter_form.scalar_fields import (
    BooleanField,
    DateField,
    EnumField,
    LongTextField,
    NumberField,
    TextField,
)
from editor.ui.frontmatter_form.tags_field import TagsField

WidgetMaker = Callable[[FieldPath, Field | None, FormContext], FieldWidget]


def build_field_widget(
    path: FieldPath, schema_field: Field | None, value: Any, context: FormContext
) -> FieldWidget:
    """The editor for the value at path (value None: the key is absent), showing value."""
    widget = WIDGETS[editor_kind(path, schema_field, value)](tuple(path), schema_field, context)
    widget.set_value(value)
    return widget


def _object(path: FieldPath, schema_field: Field | None, context: FormContext) -> FieldWidget:
    return ObjectField(path, schema_field, context, build_field_widget)


def _object_list(path: FieldPath, schema_field: Field | None, context: FormContext) -> FieldWidget:
    return ObjectListField(path, schema_field, context, build_field_widget)


WIDGETS: dict[FieldKind, WidgetMaker] = {
    FieldKind.TEXT: TextField,
    FieldKind.LONG_TEXT: LongTextField,
    FieldKind.DATE: DateField,
    FieldKind.BOOLEAN: BooleanField,
    FieldKind.NUMBER: NumberField,
    FieldKind.ENUM: EnumField,
    FieldKind.IMAGE: ImageField,
    FieldKind.STRING_LIST: TagsField,
    FieldKind.REFERENCE: ReferenceField,
    FieldKind.OBJECT: _object,
    FieldKind.OBJECT_LIST: _object_list,
    FieldKind.RAW_YAML: RawYamlField,
}
