"""editor.core.schema.astro_config: collections read from content.config.ts without Node."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.schema import FieldType, read_astro_config
from editor.core.schema.astro_config import ConfigError, parse_astro_config

SAMPLE_SITE = Path(__file__).resolve().parents[3] / "resources" / "sample-site"
ROOT = Path("/site")


def _fields(text: str, name: str | None = None):
    collections = parse_astro_config(text, ROOT)
    collection = collections[0] if name is None else next(c for c in collections if c.name == name)
    return {field.name: field for field in collection.fields}


def test_sample_site_config_reads_every_field_of_the_blog_collection():
    result = read_astro_config(SAMPLE_SITE)
    assert result.error is None
    assert result.path == SAMPLE_SITE / "src" / "content.config.ts"
    (blog,) = result.collections
    assert blog.name == "blog"
    assert blog.base == SAMPLE_SITE / "src" / "content" / "blog"
    assert blog.pattern == "**/*.{md,mdx}"
    assert blog.key_order() == [
        "title", "description", "pubDate", "updatedDate", "heroImage", "tags",
        "draft", "noindex", "relatedPosts", "faq",
    ]  # fmt: skip
    f = {field.name: field for field in blog.fields}
    assert (f["title"].type, f["title"].required) == (FieldType.TEXT, True)
    assert (f["description"].type, f["description"].required) == (FieldType.LONG_TEXT, True)
    assert (f["pubDate"].type, f["pubDate"].required) == (FieldType.DATE, True)
    assert (f["updatedDate"].type, f["updatedDate"].required) == (FieldType.DATE, False)
    assert (f["heroImage"].type, f["heroImage"].required) == (FieldType.IMAGE, False)
    assert f["tags"].type is FieldType.LIST and f["tags"].item.type is FieldType.TEXT
    assert (f["tags"].required, f["tags"].default) == (False, [])
    for name in ("draft", "noindex"):
        assert (f[name].type, f[name].required) == (FieldType.BOOLEAN, False)
    related = f["relatedPosts"]
    assert (related.type, related.required) == (FieldType.LIST, False)
    item = related.item
    assert item.type is FieldType.OBJECT
    assert [sub.name for sub in item.fields] == ["slug", "score", "reason"]
    assert item.field("slug").type is FieldType.TEXT
    score = item.field("score")
    assert (score.type, score.minimum, score.maximum) == (FieldType.NUMBER, 0, 1)
    reason = item.field("reason")
    assert reason.type is FieldType.OBJECT and reason.required
    assert [sub.name for sub in reason.fields] == ["ko", "ja", "en", "zh"]
    assert all(sub.type is FieldType.TEXT and sub.required for sub in reason.fields)
    faq = f["faq"]
    assert (faq.type, faq.required) == (FieldType.LIST, False)
    assert [sub.name for sub in faq.item.fields] == ["question", "answer"]
    assert all(field.source == "config" for field in blog.fields)


ASTRO_4 = """
// Astro 4: src/content/config.ts
import { z, defineCollection } from 'astro:content';

const blogCollection = defineCollection({
  type: 'content', // markdown posts
  schema: z.object({
    title: z.string().max(80),
    pubDate: z.date(),
    author: z.string().default('Anonymous'),
    rating: z.number().int().min(1).max(5).optional(),
  }),
});

const authors = defineCollection({
  type: 'data',
  schema: z.object({ name: z.string(), email: z.string().email() }),
});

export const collections = {
  'blog': blogCollection,
  authors,
};
"""


def test_astro_4_content_and_data_collections_get_their_folders():
    blog, authors = parse_astro_config(ASTRO_4, ROOT)
    assert blog.name == "blog" and blog.base == ROOT / "src" / "content" / "blog"
    assert blog.pattern == "**/*.{md,mdx,markdown,mdoc}"
    assert authors.base == ROOT / "src" / "content" / "authors"
    assert authors.pattern == "**/*.{json,yaml,yml}"
    fields = {field.name: field for field in blog.fields}
    assert fields["title"].max_length == 80
    assert fields["author"].default == "Anonymous" and not fields["author"].required
    rating = fields["rating"]
    assert (rating.integer, rating.minimum, rating.maximum, rating.required) == (True, 1, 5, False)


REUSED = """
import { defineCollection, reference, z } from 'astro:content';
import { glob, file } from 'astro/loaders';

/* Shared by posts and docs. */
const seo = z.object({
  noindex: z.boolean().default(false),
  canonical: z.string().url().optional(),
});
const base = z.object({
  title: z.string(),
  seo: seo.optional(),
});

const blog = defineCollection({
  loader: glob({ pattern: ['**/*.md', '!**/_*.md'], base: "./src/data/blog" }),
  schema: base.extend({
    author: reference('authors'),
    related: z.array(reference('blog')).default([]),
    status: z.enum(['draft', 'review', 'published']),
    kind: z.union([z.literal('post'), z.literal('note')]).default('post'),
    level: z.literal(3),
    subtitle: z.string().nullish(),
    updated: z.coerce.date().nullable(),
    cover: z.string().array(),
    ...extra,
  }),
});

const docs = defineCollection({
  loader: glob({ base: 'docs', pattern: '**/[^_]*.mdx' }),
  schema: ({ image }) => z.object({
    ...base.shape,
    banner: image().refine((img) => img.width >= 1080, { message: 'too small' }),
    order: z.number().describe('sort key'),
  }),
});

const authors = defineCollection({
  loader: file('src/data/authors.json'),
  schema: z.object({ name: z.string() }),
});

export const collections = { blog, docs: docs, authors };
"""


def test_reused_consts_references_enums_unions_and_defaults_are_read():
    blog, docs, authors = parse_astro_config(REUSED, ROOT)
    assert blog.base == ROOT / "src" / "data" / "blog"
    assert blog.pattern == "**/*.md"
    assert "negated" in blog.note
    f = {field.name: field for field in blog.fields}
    assert f["seo"].type is FieldType.OBJECT and not f["seo"].required
    assert f["seo"].field("noindex").default is False
    assert (f["author"].type, f["author"].collection) == (FieldType.REFERENCE, "authors")
    assert f["related"].item.collection == "blog"
    assert f["status"].choices == ("draft", "review", "published")
    assert (f["kind"].type, f["kind"].choices, f["kind"].default) == (
        FieldType.ENUM,
        ("post", "note"),
        "post",
    )
    assert f["level"].choices == (3,)
    assert (f["subtitle"].required, f["subtitle"].nullable) == (False, True)
    assert (f["updated"].required, f["updated"].nullable) == (True, True)
    assert f["cover"].type is FieldType.LIST and f["cover"].item.type is FieldType.TEXT
    # `...extra` names nothing the file defines: it is skipped, the rest stays.
    assert list(f) == [
        "title", "seo", "author", "related", "status", "kind", "level", "subtitle",
        "updated", "cover",
    ]  # fmt: skip
    d = {field.name: field for field in docs.fields}
    assert list(d) == ["title", "seo", "banner", "order"]
    assert d["banner"].type is FieldType.IMAGE and d["order"].type is FieldType.NUMBER
    assert docs.base == ROOT / "docs" and docs.pattern == "**/[^_]*.mdx"
    assert authors.base == ROOT / "src" / "data" and authors.pattern == "authors.json"


UNSUPPORTED = """
import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';
import { sharedSchema } from './schemas';

const blog = defineCollection({
  loader: glob({ base: './src/content/blog', pattern: '**/*.md' }),
  schema: z.object({
    title: z.string(),
    weight: z.number() ?? 0,
    meta: z.record(z.string(), z.string()),
    mixed: z.union([z.string(), z.number()]),
    shared: sharedSchema,
    slugged: `${prefix}-x`,
    when: z.coerce.date(),
    any: z.any(),
    picked: z.string().someFutureMethod(),
  }),
});

export const collections = { blog };
"""


def test_an_unsupported_construct_becomes_unknown_and_keeps_the_other_fields():
    f = _fields(UNSUPPORTED)
    assert list(f) == [
        "title", "weight", "meta", "mixed", "shared", "slugged", "when", "any", "picked",
    ]  # fmt: skip
    assert f["title"].type is FieldType.TEXT
    assert f["when"].type is FieldType.DATE
    for name, words in [
        ("weight", "not read"),
        ("meta", "z.record"),
        ("mixed", "union of text | number"),
        ("shared", "imported"),
        ("slugged", "template"),
        ("any", "any value"),
    ]:
        assert f[name].type is FieldType.UNKNOWN, name
        assert words in f[name].note, (name, f[name].note)
    assert f["picked"].type is FieldType.TEXT
    assert "someFutureMethod" in f["picked"].note


def test_comments_trailing_commas_and_template_strings_are_read():
    text = """
    import { defineCollection, z } from "astro:content"
    const posts = defineCollection({
      /* block comment, with { braces } and 'quotes' */
      loader: glob({ base: `./src/posts`, pattern: `**/*.md`, }), // trailing comma
      schema: z.object({
        title: z.string(), // a comment after a field
        url: z.string().regex(/^https?:\\/\\//),
        summary: z.string().optional(),
        count: z.number().positive().default(-1.5),
      }),
    })
    export const collections = { posts }
    """
    (posts,) = parse_astro_config(text, ROOT)
    assert posts.base == ROOT / "src" / "posts"
    f = {field.name: field for field in posts.fields}
    assert list(f) == ["title", "url", "summary", "count"]
    assert f["url"].type is FieldType.TEXT
    assert f["summary"].type is FieldType.LONG_TEXT
    assert (f["count"].minimum, f["count"].default) == (0, -1.5)


def test_schema_function_with_a_block_body_and_a_context_parameter():
    text = """
    const blog = defineCollection({
      loader: glob({ base: './blog', pattern: '*.md' }),
      schema: (ctx: SchemaContext) => {
        const local = 1;
        return z.object({ cover: ctx.image(), title: z.string() });
      },
    });
    export const collections = { blog } satisfies Record<string, unknown>;
    """
    f = _fields(text)
    assert f["cover"].type is FieldType.IMAGE and f["title"].type is FieldType.TEXT


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("const blog = defineCollection({ schema: z.object({ title: z.string() ", "never closed"),
        ("export const collections = { blog: 'x };", "unterminated string"),
        ("const blog = defineCollection({});\n", "no `export const collections"),
        ("export const collections = makeCollections();", "not an object literal"),
    ],
)
def test_a_file_that_cannot_be_followed_raises_with_the_reason(text, reason):
    with pytest.raises(ConfigError, match=reason):
        parse_astro_config(text, ROOT)


def test_a_broken_config_file_gives_no_collections_and_a_reason(tmp_path):
    config = tmp_path / "src" / "content.config.ts"
    config.parent.mkdir(parents=True)
    config.write_text("export const collections = { blog: defineCollection({ ", encoding="utf-8")
    result = read_astro_config(tmp_path)
    assert result.collections is None
    assert result.path == config
    assert "content.config.ts" in result.error and "never closed" in result.error


def test_a_site_without_a_config_has_no_result_and_no_error(tmp_path):
    result = read_astro_config(tmp_path)
    assert (result.path, result.collections, result.error) == (None, None, None)


def test_astro_2_to_4_config_location_is_found(tmp_path):
    config = tmp_path / "src" / "content" / "config.ts"
    config.parent.mkdir(parents=True)
    config.write_text(ASTRO_4, encoding="utf-8")
    result = read_astro_config(tmp_path)
    assert [c.name for c in result.collections] == ["blog", "authors"]


def test_a_custom_loader_keeps_its_fields_but_matches_no_post_files():
    text = """
    const feed = defineCollection({
      loader: async () => fetchPosts(),
      schema: z.object({ title: z.string() }),
    });
    export const collections = { feed };
    """
    (feed,) = parse_astro_config(text, ROOT)
    assert feed.base is None and "not a glob" in feed.note
    assert feed.key_order() == ["title"]


def test_a_self_referencing_const_does_not_recurse_forever():
    text = """
    const node = z.object({ name: z.string(), children: z.array(node) });
    const blog = defineCollection({ schema: node });
    export const collections = { blog };
    """
    f = _fields(text)
    assert f["name"].type is FieldType.TEXT
    assert f["children"].item.type is FieldType.UNKNOWN
