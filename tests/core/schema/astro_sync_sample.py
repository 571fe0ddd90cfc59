"""A realistic `astro sync` output (.astro/collections/blog.schema.json) for test sites."""

from __future__ import annotations

import json
from pathlib import Path

from editor.core.schema.json_schema import json_schema_path

_DATE = {
    "anyOf": [
        {"type": "string", "format": "date-time"},
        {"type": "string", "format": "date"},
        {"type": "integer", "format": "unix-time"},
    ]
}
_STRING = {"type": "string"}

# The shape Astro 5 writes for the sample site's `blog` collection.
ASTRO_BLOG_SCHEMA = {
    "$ref": "#/definitions/blog",
    "definitions": {
        "blog": {
            "type": "object",
            "properties": {
                "title": _STRING,
                "description": _STRING,
                "pubDate": _DATE,
                "updatedDate": _DATE,
                "heroImage": _STRING,
                "tags": {"type": "array", "items": _STRING, "default": []},
                "draft": {"type": "boolean"},
                "noindex": {"type": "boolean"},
                "relatedPosts": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "slug": _STRING,
                            "score": {"type": "number", "minimum": 0, "maximum": 1},
                            "reason": {
                                "type": "object",
                                "properties": {k: _STRING for k in ("ko", "ja", "en", "zh")},
                                "required": ["ko", "ja", "en", "zh"],
                                "additionalProperties": False,
                            },
                        },
                        "required": ["slug", "score", "reason"],
                        "additionalProperties": False,
                    },
                },
                "faq": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"question": _STRING, "answer": _STRING},
                        "required": ["question", "answer"],
                        "additionalProperties": False,
                    },
                },
                "status": {"type": "string", "enum": ["draft", "published"]},
                "kind": {"anyOf": [{"const": "post"}, {"const": "note"}]},
                "subtitle": {"anyOf": [_STRING, {"type": "null"}]},
                "author": {
                    "anyOf": [
                        _STRING,
                        {
                            "type": "object",
                            "properties": {"id": _STRING, "collection": _STRING},
                            "required": ["id", "collection"],
                        },
                    ]
                },
                "$schema": _STRING,
            },
            "required": ["title", "description", "pubDate", "status"],
            "additionalProperties": False,
        }
    },
    "$schema": "http://json-schema.org/draft-07/schema#",
}


def write_blog_schema(site: Path, doc: dict | None = None) -> Path:
    """Write the `astro sync` output for the blog collection of a test site."""
    path = json_schema_path(site, "blog")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc or ASTRO_BLOG_SCHEMA, indent=2), encoding="utf-8")
    return path
