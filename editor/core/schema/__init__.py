"""What kind of field each frontmatter key is, for the form to pick a widget."""

from editor.core.schema.fields import FieldKind, FormField, form_fields

__all__ = ["FieldKind", "FormField", "form_fields"]
