"""Field model of a site's collections: from Astro's config, its JSON Schema, or the posts."""

from editor.core.schema.astro_config import ConfigResult, read_astro_config
from editor.core.schema.fields import FieldKind, editor_kind
from editor.core.schema.inference import infer_fields, read_post_data
from editor.core.schema.loader import load_site_schema
from editor.core.schema.model import MISSING, Collection, Field, FieldType, SiteSchema
from editor.core.schema.validate import Problem, validate_post

__all__ = [
    "MISSING",
    "Collection",
    "ConfigResult",
    "Field",
    "FieldKind",
    "FieldType",
    "Problem",
    "SiteSchema",
    "editor_kind",
    "infer_fields",
    "load_site_schema",
    "read_astro_config",
    "read_post_data",
    "validate_post",
]
