"""Field kinds inferred from values, as the reference user's frontmatter uses them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from editor.core.schema import Collection, Field, FieldKind, FieldType, editor_kind
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
        ("relatedPosts", [{"slug": "a", "score": 0.9}], FieldKind.OBJECT_LIST),
        ("faq", {"question": "q"}, FieldKind.OBJECT),
        ("mixed", ["a", 1], FieldKind.RAW_YAML),
        ("mixed", [{"a": 1}, "b"], FieldKind.RAW_YAML),
        ("subtitle", None, FieldKind.TEXT),
    ],
)
def test_value_gets_the_editor_a_writer_expects(key, value, kind):
    assert kind_of(key, value) is kind


def test_a_string_that_only_looks_like_a_date_stays_text():
    assert kind_of("code", "2026-13-45") is FieldKind.TEXT


def test_without_a_schema_each_key_gets_the_editor_of_its_value():
    data = {"title": "t", "pubDate": "2026-02-18", "tags": ["a"], "draft": False, "slug": "x"}
    assert [editor_kind((key,), None, value) for key, value in data.items()] == [
        FieldKind.TEXT,
        FieldKind.DATE,
        FieldKind.STRING_LIST,
        FieldKind.BOOLEAN,
        FieldKind.TEXT,  # a top-level slug is the post's own, not a reference
    ]


def test_the_sites_schema_decides_the_editor_when_the_value_fits():
    fields = {
        f.name: f
        for f in (
            Field("pubDate", FieldType.DATE),
            Field("heroImage", FieldType.IMAGE, required=False),
            Field("status", FieldType.ENUM, choices=("draft", "published")),
            Field("tags", FieldType.LIST, item=Field("item", FieldType.TEXT)),
            Field("weight", FieldType.NUMBER),
        )
    }
    data = {
        "pubDate": "2026-02-18",
        "heroImage": "../../../assets/blog/x.png",
        "status": "draft",
        "tags": [],
        "weight": "heavy",
        "extra": True,
    }
    kinds = {key: editor_kind((key,), fields.get(key), value) for key, value in data.items()}
    assert kinds == {
        "pubDate": FieldKind.DATE,
        "heroImage": FieldKind.IMAGE,
        "status": FieldKind.ENUM,
        "tags": FieldKind.STRING_LIST,
        "weight": FieldKind.TEXT,  # the schema says number, the file says text: keep it editable
        "extra": FieldKind.BOOLEAN,  # not in the schema: from the value
    }


REASON = Field("reason", FieldType.OBJECT, fields=(Field("ko", FieldType.TEXT),))
RELATED = Field(
    "relatedPosts",
    FieldType.LIST,
    item=Field("item", FieldType.OBJECT, fields=(Field("slug", FieldType.TEXT), REASON)),
)


@pytest.mark.parametrize(
    ("path", "field", "value", "kind"),
    [
        # A declared reference is one while its value is an id (or absent)...
        (("author",), Field("author", FieldType.REFERENCE), "kim", FieldKind.REFERENCE),
        (("author",), Field("author", FieldType.REFERENCE), None, FieldKind.REFERENCE),
        # ... and shows a value of another shape without loss.
        (("author",), Field("author", FieldType.REFERENCE), {"id": "kim"}, FieldKind.OBJECT),
        (("reason",), REASON, {"ko": "k"}, FieldKind.OBJECT),
        (("reason",), REASON, None, FieldKind.OBJECT),
        (("reason",), REASON, ["a", 1], FieldKind.RAW_YAML),
        (("relatedPosts",), RELATED, [{"slug": "a"}], FieldKind.OBJECT_LIST),
        (("relatedPosts",), RELATED, None, FieldKind.OBJECT_LIST),
        (("relatedPosts",), RELATED, [{"slug": "a"}, "b"], FieldKind.RAW_YAML),
        (("relatedPosts",), RELATED, [], FieldKind.RAW_YAML),
        # An absent key gets the schema's editor; a text box when the schema names none.
        (("weight",), Field("weight", FieldType.NUMBER), None, FieldKind.NUMBER),
        (("links",), Field("links", FieldType.LIST), None, FieldKind.TEXT),
        (("extra",), Field("extra", FieldType.UNKNOWN), None, FieldKind.RAW_YAML),
        (("extra",), Field("extra", FieldType.UNKNOWN), 3, FieldKind.NUMBER),
        # A list the schema does not describe is typed by its items.
        (("faq",), Field("faq", FieldType.LIST), [{"question": "q"}], FieldKind.OBJECT_LIST),
        (("faq",), None, {"question": "q"}, FieldKind.OBJECT),
        (
            ("tags",),
            Field("tags", FieldType.LIST, item=Field("i", FieldType.TEXT)),
            [1],
            FieldKind.RAW_YAML,
        ),
        # A nested slug, post or target is another post's slug, even when typed as plain text.
        (("relatedPosts", 0, "slug"), Field("slug", FieldType.TEXT), "a", FieldKind.REFERENCE),
        (("relatedPosts", 0, "slug"), None, None, FieldKind.REFERENCE),
        (("series", "post"), None, "a", FieldKind.REFERENCE),
        (("relatedPosts", 0, "slug"), None, 3, FieldKind.NUMBER),
        (("relatedPosts", 0, "reason", "ko"), None, "k", FieldKind.TEXT),
        (("slug",), Field("slug", FieldType.TEXT), "mine", FieldKind.TEXT),
        (("status",), Field("status", FieldType.ENUM, choices=("a",)), "b", FieldKind.TEXT),
    ],
)
def test_editor_kind_covers_every_editor_the_form_has(path, field, value, kind):
    assert editor_kind(path, field, value) is kind


def test_the_collection_field_of_a_key_decides_its_editor():
    collection = Collection(
        name="blog",
        base=Path("."),
        pattern="**/*.md",
        fields=(Field("pubDate", FieldType.DATE),),
        source="config",
    )
    assert editor_kind(("pubDate",), collection.field("pubDate"), None) is FieldKind.DATE
    assert editor_kind(("pubDate",), collection.field("pubDate"), "soon") is FieldKind.TEXT
