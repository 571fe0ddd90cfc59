"""editor.core.schema.model: fields, collections, JSON output and glob matching."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.core.schema import MISSING, Collection, Field, FieldType, SiteSchema, load_site_schema
from editor.core.schema.globs import glob_matches

SAMPLE_SITE = Path(__file__).resolve().parents[3] / "resources" / "sample-site"
ROOT = Path("/site")


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("**/*.{md,mdx}", "ko/post.md", True),
        ("**/*.{md,mdx}", "post.mdx", True),
        ("**/*.{md,mdx}", "a/b/c/post.md", True),
        ("**/*.{md,mdx}", "ko/post.markdown", False),
        ("*.md", "ko/post.md", False),
        ("*.md", "post.md", True),
        ("en/**/*.md", "en/x/y.md", True),
        ("en/**/*.md", "ko/x/y.md", False),
        ("**/[^_]*.md", "a/_draft.md", False),
        ("**/[!_]*.md", "a/post.md", True),
        ("{en,{ko,ja}}/*.md", "ja/p.md", True),
        ("post?.md", "post1.md", True),
        ("./**/*.md", "x.md", True),
    ],
)
def test_glob_patterns_match_like_astros_loader(pattern, path, matches):
    assert glob_matches(pattern, path) is matches


def test_collection_for_picks_the_collection_by_base_and_pattern():
    blog = Collection("blog", ROOT / "src/content/blog", "**/*.{md,mdx}", (), "config", ROOT)
    docs = Collection("docs", ROOT / "src/content/docs", "*.mdx", (), "config", ROOT)
    feed = Collection("feed", None, "", (), "config", ROOT)
    schema = SiteSchema(ROOT, (feed, blog, docs))
    assert schema.collection_for(ROOT / "src/content/blog/ko/post.md") is blog
    assert schema.collection_for(Path("src/content/docs/intro.mdx")) is docs
    assert schema.collection_for(ROOT / "src/content/docs/deep/intro.mdx") is None
    assert schema.collection_for(ROOT / "src/content/blog/data.json") is None
    assert schema.collection_for(Path("/elsewhere/post.md")) is None
    assert schema.collection("docs") is docs


def test_sample_site_posts_belong_to_the_blog_collection():
    schema = load_site_schema(SAMPLE_SITE)
    posts = sorted((SAMPLE_SITE / "src" / "content").rglob("*.md"))
    assert posts and all(schema.collection_for(p).name == "blog" for p in posts)


def test_field_json_omits_what_says_nothing():
    assert Field("title", FieldType.TEXT).to_json() == {
        "name": "title",
        "type": "text",
        "required": True,
        "source": "config",
    }
    score = Field("score", FieldType.NUMBER, required=False, default=None, minimum=0, maximum=1)
    assert score.to_json() == {
        "name": "score",
        "type": "number",
        "required": False,
        "default": None,
        "minimum": 0,
        "maximum": 1,
        "source": "config",
    }


def test_missing_is_a_falsy_singleton_distinct_from_none():
    assert Field("x", FieldType.TEXT).default is MISSING
    assert not MISSING and MISSING is not None and repr(MISSING) == "MISSING"
    assert not Field("x", FieldType.TEXT).has_default
    assert Field("x", FieldType.TEXT, default=None).has_default


def test_sample_collection_json_is_stable_and_relative_to_the_site():
    (blog,) = load_site_schema(SAMPLE_SITE).collections
    out = blog.to_json()
    assert json.loads(json.dumps(out)) == out
    assert (out["name"], out["base"], out["pattern"], out["source"]) == (
        "blog",
        "src/content/blog",
        "**/*.{md,mdx}",
        "config",
    )
    tags = next(f for f in out["fields"] if f["name"] == "tags")
    assert tags == {
        "name": "tags",
        "type": "list",
        "required": False,
        "default": [],
        "item": {"name": "item", "type": "text", "required": True, "source": "config"},
        "source": "config",
    }
    related = next(f for f in out["fields"] if f["name"] == "relatedPosts")
    assert [f["name"] for f in related["item"]["fields"]] == ["slug", "score", "reason"]
    assert blog.key_order()[:3] == ["title", "description", "pubDate"]
    assert blog.field("pubDate").type is FieldType.DATE and blog.field("nope") is None


def test_unknown_fields_carry_their_note_in_json():
    field = Field("meta", FieldType.UNKNOWN, note="z.record() is not read by the editor")
    assert field.to_json()["note"] == "z.record() is not read by the editor"
