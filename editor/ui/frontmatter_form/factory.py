"""Which editor a field gets: from the site's schema when the value fits, else from the value."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from editor.core.frontmatter.paths import FieldPath
from editor.core.schema import Field, FieldKind, FieldType
from editor.core.schema.fields import kind_from_schema, kind_of
from editor.ui.frontmatter_form.base import FieldWidget, FormContext

# A text field with one of these names holds another post's slug (relatedPosts[].slug):
# it completes from the workspace's posts even when the schema says only z.string().
REFERENCE_NAMES = frozenset({"slug", "post", "target"})


def _widget_class(path: FieldPath, schema_field: Field | None, value: Any) -> type[FieldWidget]:
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

    name = str(path[-1]) if path and isinstance(path[-1], str) else ""
    declared = schema_field.type if schema_field is not None else None
    if declared is FieldType.REFERENCE and (value is None or isinstance(value, str)):
        return ReferenceField
    if declared is FieldType.OBJECT and (value is None or isinstance(value, dict)):
        return ObjectField
    item = schema_field.item if schema_field is not None else None
    objects = item is not None and item.type is FieldType.OBJECT
    if declared is FieldType.LIST and objects and (value is None or _list_of(value, dict)):
        return ObjectListField
    kind = kind_from_schema(schema_field, value) if schema_field is not None else None
    if kind is None:
        if value is None and schema_field is not None:
            return RawYamlField if schema_field.type is FieldType.UNKNOWN else TextField
        kind = kind_of(name, value)
        if kind is FieldKind.READ_ONLY:
            if isinstance(value, dict):
                return ObjectField
            if _list_of(value, dict):
                return ObjectListField
            return RawYamlField
    if kind is FieldKind.TEXT and name in REFERENCE_NAMES and len(path) > 1:
        return ReferenceField
    return {
        FieldKind.TEXT: TextField,
        FieldKind.LONG_TEXT: LongTextField,
        FieldKind.DATE: DateField,
        FieldKind.BOOLEAN: BooleanField,
        FieldKind.NUMBER: NumberField,
        FieldKind.ENUM: EnumField,
        FieldKind.IMAGE: ImageField,
        FieldKind.STRING_LIST: TagsField,
        FieldKind.READ_ONLY: RawYamlField,
    }[kind]


def _list_of(value: Any, kind: type) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, kind) for v in value)


def build_field_widget(
    path: FieldPath,
    schema_field: Field | None,
    value: Any,
    context: FormContext,
    parent: QWidget | None = None,
) -> FieldWidget:
    """The editor for the value at path (value None: the key is absent), showing value."""
    widget = _widget_class(path, schema_field, value)(tuple(path), schema_field, context, parent)
    widget.set_value(value)
    return widget


def widget_kind(path: FieldPath, schema_field: Field | None, value: Any) -> str:
    """A name for the editor a value gets: the form rebuilds a field when it changes."""
    return _widget_class(path, schema_field, value).__name__
