"""Field kinds inferred from values, as the reference user's frontmatter uses them."""

from __future__ import annotations

import datetime as dt

import pytest

from editor.core.schema import FieldKind, form_fields
from editor.core.schema.fields import kind_of


@pytest.mark.parametrize(
    ("key", "value", "kind"),
    [
        ("title", "DeepSeek V4 출시 임박", FieldKind.TEXT),
        ("description", "짧은 설명", FieldKind.LONG_TEXT),
        ("summary", "line one\nline two", FieldKind.LONG_TEXT),
        ("note", "x" * 200, FieldKind.LONG_TEXT),
        ("pubDate", "2026-02-18", FieldKind.DATE),
        ("pubDate", dt.date(2026, 2, 18), FieldKind.DATE),
        ("pubDate", dt.datetime(2026, 2, 18, 9, 30), FieldKind.DATE),
        ("draft", True, FieldKind.BOOLEAN),
        ("weight", 3, FieldKind.NUMBER),
        ("score", 0.95, FieldKind.NUMBER),
        ("tags", ["ai", "llm"], FieldKind.STRING_LIST),
        ("tags", [], FieldKind.STRING_LIST),
        ("relatedPosts", [{"slug": "a", "score": 0.9}], FieldKind.READ_ONLY),
        ("faq", {"question": "q"}, FieldKind.READ_ONLY),
        ("mixed", ["a", 1], FieldKind.READ_ONLY),
        ("subtitle", None, FieldKind.TEXT),
    ],
)
def test_value_gets_the_editor_a_writer_expects(key, value, kind):
    assert kind_of(key, value) is kind


def test_a_string_that_only_looks_like_a_date_stays_text():
    assert kind_of("code", "2026-13-45") is FieldKind.TEXT


def test_form_fields_keep_the_file_order():
    data = {"title": "t", "pubDate": "2026-02-18", "tags": ["a"], "draft": False}
    assert [f.key for f in form_fields(data)] == ["title", "pubDate", "tags", "draft"]
    assert [f.kind for f in form_fields(data)] == [
        FieldKind.TEXT,
        FieldKind.DATE,
        FieldKind.STRING_LIST,
        FieldKind.BOOLEAN,
    ]


def _collection(fields):
    from pathlib import Path

    from editor.core.schema import Collection

    return Collection(
        name="blog", base=Path("."), pattern="**/*.md", fields=tuple(fields), source="config"
    )


def test_the_sites_schema_decides_the_editor_when_the_value_fits():
    from editor.core.schema import Field, FieldType

    collection = _collection(
        [
            Field("pubDate", FieldType.DATE),
            Field("heroImage", FieldType.IMAGE, required=False),
            Field("status", FieldType.ENUM, choices=("draft", "published")),
            Field("tags", FieldType.LIST, item=Field("item", FieldType.TEXT)),
            Field("weight", FieldType.NUMBER),
        ]
    )
    data = {
        "pubDate": "2026-02-18",
        "heroImage": "../../../assets/blog/x.png",
        "status": "draft",
        "tags": [],
        "weight": "heavy",
        "extra": True,
    }
    kinds = {f.key: f.kind for f in form_fields(data, collection)}
    assert kinds == {
        "pubDate": FieldKind.DATE,
        "heroImage": FieldKind.IMAGE,
        "status": FieldKind.ENUM,
        "tags": FieldKind.STRING_LIST,
        "weight": FieldKind.TEXT,  # the schema says number, the file says text: keep it editable
        "extra": FieldKind.BOOLEAN,  # not in the schema: from the value
    }
    assert form_fields(data, collection)[0].field.type is FieldType.DATE
