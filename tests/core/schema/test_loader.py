"""editor.core.schema.loader: JSON Schema if fresh, else the config, else the posts."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from editor.core.schema import FieldType, load_site_schema
from tests.core.schema.astro_sync_sample import write_blog_schema

SAMPLE_SITE = Path(__file__).resolve().parents[3] / "resources" / "sample-site"


def _copy_sample(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(SAMPLE_SITE, site, ignore=shutil.ignore_patterns("node_modules", ".astro"))
    return site


def _set_mtime(path: Path, seconds: int) -> None:
    os.utime(path, ns=(seconds * 10**9, seconds * 10**9))


def test_sample_site_loads_its_config_collection():
    schema = load_site_schema(SAMPLE_SITE)
    assert [c.name for c in schema.collections] == ["blog"]
    assert schema.collections[0].source == "config"
    assert schema.notes == ()


def test_fresh_json_schema_wins_and_the_config_refines_image_fields(tmp_path):
    site = _copy_sample(tmp_path)
    schema_file = write_blog_schema(site)
    _set_mtime(site / "src" / "content.config.ts", 1_000)
    _set_mtime(schema_file, 2_000)
    blog = load_site_schema(site).collections[0]
    assert blog.source == "json-schema"
    assert blog.field("heroImage").type is FieldType.IMAGE  # JSON said string; config image()
    assert blog.field("status").type is FieldType.ENUM  # only the JSON Schema has it
    assert blog.field("title").source == "json-schema"
    assert blog.base == site / "src" / "content" / "blog"  # location still from the config


def test_a_stale_json_schema_is_ignored(tmp_path):
    site = _copy_sample(tmp_path)
    schema_file = write_blog_schema(site)
    _set_mtime(schema_file, 1_000)
    _set_mtime(site / "src" / "content.config.ts", 2_000)
    blog = load_site_schema(site).collections[0]
    assert blog.source == "config" and blog.field("status") is None


def test_a_broken_json_schema_falls_back_to_the_config_with_a_note(tmp_path):
    site = _copy_sample(tmp_path)
    schema_file = write_blog_schema(site)
    schema_file.write_text("[]", encoding="utf-8")
    schema = load_site_schema(site)
    assert schema.collections[0].source == "config"
    assert "blog" in schema.notes[0] and "using the config" in schema.notes[0]


def test_a_broken_config_falls_back_to_inference_with_the_reason(tmp_path):
    site = _copy_sample(tmp_path)
    (site / "src" / "content.config.ts").write_text("export const collections = {", "utf-8")
    schema = load_site_schema(site)
    (posts,) = schema.collections
    assert (posts.name, posts.source) == ("posts", "inferred")
    assert posts.base == site / "src" / "content"
    assert "never closed" in schema.notes[0]
    fields = {f.name: f for f in posts.fields}
    assert fields["title"].required and fields["title"].type is FieldType.TEXT
    assert fields["pubDate"].type is FieldType.DATE
    assert fields["heroImage"].type is FieldType.IMAGE
    assert fields["relatedPosts"].item.type is FieldType.OBJECT
    post = site / "src" / "content" / "blog" / "ko" / "rust-vs-go-cli-tools.md"
    assert schema.collection_for(post) is posts


def test_a_hugo_site_is_inferred_from_the_given_posts(tmp_path):
    (tmp_path / "hugo.toml").write_text("title = 'x'\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    posts = [{"title": "a", "date": "2024-01-01", "weight": 1}] * 19 + [{"title": "b"}]
    (collection,) = load_site_schema(tmp_path, posts).collections
    assert collection.base == tmp_path / "content"
    fields = {f.name: f for f in collection.fields}
    assert fields["title"].required and fields["date"].required and fields["weight"].required
    assert "95% of 20 posts" in fields["date"].note


def test_unknown_config_fields_get_an_inferred_type_from_the_posts(tmp_path):
    config = tmp_path / "src" / "content.config.ts"
    config.parent.mkdir(parents=True)
    config.write_text(
        """
        import { meta } from './meta';
        const blog = defineCollection({
          loader: glob({ base: './src/content/blog', pattern: '**/*.md' }),
          schema: z.object({
            title: z.string(),
            lede: z.string(),
            meta: meta.optional(),
            mixed: z.union([z.string(), z.number()]),
          }),
        });
        export const collections = { blog };
        """,
        encoding="utf-8",
    )
    long = "A long lede. " * 20
    posts = [{"title": "t", "lede": long, "meta": {"views": 3}, "mixed": "x"}] * 5
    blog = load_site_schema(tmp_path, posts).collections[0]
    meta = blog.field("meta")
    assert meta.type is FieldType.OBJECT and meta.source == "inferred"
    assert not meta.required  # presence still comes from the config
    assert "imported" in meta.note and "inferred: present in 100% of 5 posts" in meta.note
    assert blog.field("mixed").type is FieldType.TEXT
    assert blog.field("lede").type is FieldType.LONG_TEXT  # prose by its values
    assert blog.field("title").type is FieldType.TEXT
