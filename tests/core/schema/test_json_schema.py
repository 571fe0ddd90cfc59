"""editor.core.schema.json_schema: the schema files `astro sync` writes, and their freshness."""

from __future__ import annotations

import os

import pytest

from editor.core.schema import FieldType
from editor.core.schema.json_schema import (
    JsonSchemaError,
    fields_from_json_schema,
    is_fresh,
    read_json_schema,
)
from tests.core.schema.astro_sync_sample import write_blog_schema


def test_astro_5_schema_file_reads_into_fields(tmp_path):
    fields = {f.name: f for f in read_json_schema(write_blog_schema(tmp_path))}
    assert "$schema" not in fields
    assert (fields["title"].type, fields["title"].required) == (FieldType.TEXT, True)
    assert fields["description"].type is FieldType.LONG_TEXT
    assert (fields["pubDate"].type, fields["pubDate"].required) == (FieldType.DATE, True)
    assert (fields["updatedDate"].type, fields["updatedDate"].required) == (FieldType.DATE, False)
    # JSON Schema writes image() as a plain string.
    assert fields["heroImage"].type is FieldType.TEXT
    assert (fields["tags"].item.type, fields["tags"].default) == (FieldType.TEXT, [])
    score = fields["relatedPosts"].item.field("score")
    assert (score.minimum, score.maximum, score.required) == (0, 1, True)
    assert [f.name for f in fields["relatedPosts"].item.field("reason").fields] == [
        "ko",
        "ja",
        "en",
        "zh",
    ]
    assert fields["status"].choices == ("draft", "published")
    assert fields["kind"].choices == ("post", "note")
    assert (fields["subtitle"].type, fields["subtitle"].nullable) == (FieldType.TEXT, True)
    assert fields["author"].type is FieldType.REFERENCE
    assert all(f.source == "json-schema" for f in fields.values())


def test_unreadable_or_non_object_schemas_raise(tmp_path):
    broken = tmp_path / "broken.schema.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(JsonSchemaError, match="could not be read"):
        read_json_schema(broken)
    with pytest.raises(JsonSchemaError, match="not an object schema"):
        fields_from_json_schema({"type": "array"})


def test_unions_of_different_types_are_unknown_with_a_note():
    doc = {
        "type": "object",
        "properties": {"x": {"anyOf": [{"type": "string"}, {"type": "number"}]}},
    }
    (field,) = fields_from_json_schema(doc)
    assert field.type is FieldType.UNKNOWN and "text | number" in field.note


def test_freshness_compares_the_schema_file_with_the_config_file(tmp_path):
    config = tmp_path / "src" / "content.config.ts"
    config.parent.mkdir(parents=True)
    config.write_text("export const collections = {};", encoding="utf-8")
    schema = write_blog_schema(tmp_path)
    os.utime(config, ns=(1_000_000_000_000, 1_000_000_000_000))
    os.utime(schema, ns=(2_000_000_000_000, 2_000_000_000_000))
    assert is_fresh(schema, config)
    os.utime(config, ns=(3_000_000_000_000, 3_000_000_000_000))
    assert not is_fresh(schema, config)
    assert is_fresh(schema, None)
    assert not is_fresh(tmp_path / "missing.schema.json", config)
