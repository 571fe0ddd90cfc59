"""New posts, translations and slug renames on small generated four-language sites."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from editor.core.schema import load_site_schema
from editor.core.storage import StorageError
from editor.core.workspace import PostIndex
from editor.core.workspace.families import SiteFamilies, group_families
from editor.core.workspace.habits import DateStyle, learn_habits, read_samples
from editor.core.workspace.new_post import (
    NewPostFile,
    build_frontmatter,
    new_post_files,
    section_entries,
    slug_taken,
    write_new_files,
)
from editor.core.workspace.rename import apply_rename, plan_rename
from editor.core.workspace.translation import own_fields, translation_text

LANGS = ("ko", "ja", "en", "zh")
NOW = dt.datetime(2026, 11, 29, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
CONFIG = """import { defineCollection, z } from 'astro:content';
import { glob } from 'astro/loaders';
const blog = defineCollection({
  loader: glob({ base: './src/content/blog', pattern: '**/*.md' }),
  schema: ({ image }) => z.object({
    title: z.string(),
    description: z.string(),
    pubDate: z.coerce.date(),
    heroImage: image().optional(),
    tags: z.array(z.string()).default([]),
    relatedPosts: z.array(z.object({ slug: z.string(), score: z.number() })).optional(),
    draft: z.boolean().optional(),
  }),
});
export const collections = { blog };
"""


def make_site(root: Path, date: str, hero: str | None, slugs=("alpha", "beta", "gamma")) -> Path:
    """A four-language Astro site whose posts write pubDate as `date` ({d} = the day)."""
    (root / "src").mkdir(parents=True)
    (root / "src" / "content.config.ts").write_text(CONFIG, encoding="utf-8")
    for lang in LANGS:
        folder = root / "src" / "content" / "blog" / lang
        folder.mkdir(parents=True)
        for i, slug in enumerate(slugs):
            others = [s for s in slugs if s != slug]
            lines = [
                "---",
                f"title: {lang} title of {slug}",
                f"description: {lang} words",
                f"pubDate: {date.format(d=f'2026-03-{i + 10:02d}')}",
            ]
            if hero:
                lines.append(f"heroImage: {hero.format(slug=slug)}")
            lines += ["# kept as a habit", "tags:", "  - astro", "relatedPosts:"]
            lines += [f"  - slug: {o}\n    score: 0.5" for o in others]
            lines += ["---", "", f"See [the other](/{lang}/blog/{others[0]}/#intro).", ""]
            (folder / f"{slug}.md").write_text("\n".join(lines), encoding="utf-8")
    return root


def site_state(root: Path) -> tuple[PostIndex, SiteFamilies]:
    index = PostIndex(root)
    index.scan()
    return index, group_families(index.entries(), LANGS)


@pytest.mark.parametrize(
    ("written", "style", "today"),
    [
        ("{d}", DateStyle(), "2026-11-29"),
        ("'{d}'", DateStyle("'"), "'2026-11-29'"),
        ('"{d}"', DateStyle('"'), '"2026-11-29"'),
        ("{d}T09:00:00+09:00", DateStyle("", "T", True, "+09:00"), "2026-11-29T10:30:00+09:00"),
    ],
)
def test_a_new_post_writes_dates_as_most_posts_do(tmp_path, written, style, today):
    root = make_site(tmp_path / "site", written, "../../../assets/blog/{slug}-hero.png")
    _index, families = site_state(root)
    entries = section_entries(families, "src/content/blog")
    collection = load_site_schema(root).collection_for(entries[0].path)
    habits = learn_habits(read_samples(entries), collection)
    assert habits.dates["pubDate"] == style
    text = build_frontmatter(
        habits, collection, title="새 글: 시작", slug="new-post", lang="ko", now=NOW
    )
    assert f"pubDate: {today}\n" in text
    assert "heroImage: ../../../assets/blog/new-post-hero.png\n" in text
    data = yaml.safe_load(text.strip("-\n"))
    assert data["title"] == "새 글: 시작"
    assert data["description"] == ""  # required and empty: the form flags it
    assert data["tags"] == [] and data["relatedPosts"] == []  # most posts have them
    assert "draft" not in data  # optional, and no post has it
    assert list(data) == ["title", "description", "pubDate", "heroImage", "tags", "relatedPosts"]


def test_hero_images_without_a_shared_pattern_are_left_out(tmp_path):
    root = make_site(tmp_path / "site", "{d}", "/images/cover.jpg")
    _index, families = site_state(root)
    entries = section_entries(families, "src/content/blog")
    habits = learn_habits(read_samples(entries), None)
    assert "heroImage" not in habits.images


def test_new_post_files_follow_the_language_folders_and_refuse_taken_slugs(tmp_path):
    root = make_site(tmp_path / "site", "{d}", None)
    _index, families = site_state(root)
    paths = new_post_files(families, "src/content/blog", "delta", LANGS)
    blog = root.resolve() / "src" / "content" / "blog"
    assert paths == {lang: blog / lang / "delta.md" for lang in LANGS}
    assert slug_taken(families, "src/content/blog", "beta") == "src/content/blog/ko/beta.md"
    assert slug_taken(families, "src/content/blog", "delta") is None


def test_writing_refuses_an_existing_path_and_writes_nothing(tmp_path):
    existing = tmp_path / "b.md"
    existing.write_text("mine", encoding="utf-8")
    files = [NewPostFile("ko", tmp_path / "a.md", "---\n---\n"), NewPostFile("ja", existing, "x")]
    with pytest.raises(StorageError):
        write_new_files(files)
    assert not (tmp_path / "a.md").exists()
    assert existing.read_text(encoding="utf-8") == "mine"


def test_a_translation_keeps_shared_lines_with_comments_and_quoting(tmp_path):
    root = make_site(tmp_path / "site", "'{d}'", "../../../assets/blog/{slug}-hero.png")
    _index, families = site_state(root)
    family = next(f for f in families.families if f.slug == "alpha")
    own = own_fields(family, families, None)
    assert own == {"title", "description"}
    sibling = family.post("ko")
    assert sibling is not None
    text = translation_text(
        sibling.path.read_text(encoding="utf-8"), own, lang="de", collection=None
    )
    assert text.startswith("---\ntitle: ''\ndescription: ''\npubDate: '2026-03-10'\n")
    assert "# kept as a habit\ntags:\n  - astro\nrelatedPosts:\n  - slug: beta\n" in text
    assert text.endswith("---\n")


def test_configured_shared_fields_replace_what_is_learned(tmp_path):
    root = make_site(tmp_path / "site", "'{d}'", None)
    _index, families = site_state(root)
    family = next(f for f in families.families if f.slug == "alpha")
    assert own_fields(family, families, ["pubDate"]) == {
        "title",
        "description",
        "tags",
        "relatedPosts",
    }


def test_rename_plan_renames_every_sibling_and_updates_references_and_links(tmp_path):
    root = make_site(tmp_path / "site", "{d}", None)
    index, families = site_state(root)
    (root / "src/content/blog/en/gamma.md").write_text(
        "---\ntitle: g\nrelatedPosts: [alpha, 'beta']\n---\n\n[rel](./alpha.md#top) "
        "[route](/blog/alpha) [not](/blog/alphabet/)\n\n```\n[code](/en/blog/alpha/)\n```\n",
        encoding="utf-8",
    )
    index.scan()
    families = group_families(index.entries(), LANGS)
    family = next(f for f in families.families if f.slug == "alpha")
    plan = plan_rename(family, "first", index.entries())
    blog = root.resolve() / "src/content/blog"
    assert {(m.old, m.new) for m in plan.moves} == {
        (blog / lang / "alpha.md", blog / lang / "first.md") for lang in LANGS
    }
    by_file = {e.path.relative_to(blog).as_posix(): e for e in plan.edits}
    assert [(c.old, c.new) for c in by_file["ko/beta.md"].changes] == [
        ("  - slug: alpha", "  - slug: first"),
        ("See [the other](/ko/blog/alpha/#intro).", "See [the other](/ko/blog/first/#intro)."),
    ]
    gamma = by_file["en/gamma.md"]
    assert [c.new for c in gamma.changes] == [
        "relatedPosts: [first, 'beta']",
        "[rel](./first.md#top) [route](/blog/first) [not](/blog/alphabet/)",
    ]  # the fenced code block is not a link
    apply_rename(plan)
    assert not (blog / "ja/alpha.md").exists()
    assert (blog / "ja/first.md").read_text(encoding="utf-8").startswith("---\ntitle: ja title")
    assert "slug: first" in (blog / "zh/gamma.md").read_text(encoding="utf-8")


def test_rename_refuses_a_target_that_exists(tmp_path):
    root = make_site(tmp_path / "site", "{d}", None)
    index, families = site_state(root)
    (root / "src/content/blog/ja/omega.md").write_text("---\ntitle: o\n---\n", encoding="utf-8")
    family = next(f for f in families.families if f.slug == "alpha")
    with pytest.raises(StorageError):
        plan_rename(family, "omega", index.entries())


def test_bundles_rename_their_folder_and_new_posts_follow_the_bundle_layout(tmp_path):
    root = tmp_path / "site"
    for lang in ("ko", "en"):
        bundle = root / "content" / "posts" / "trip"
        bundle.mkdir(parents=True, exist_ok=True)
        (bundle / f"index.{lang}.md").write_text(f"---\ntitle: {lang}\n---\n", encoding="utf-8")
    index, _ = site_state(root)
    families = group_families(index.entries(), ("ko", "en"))
    family = families.families[0]
    paths = new_post_files(families, family.section, "hike", ("ko", "en"))
    posts = root.resolve() / "content" / "posts"
    assert paths == {"ko": posts / "hike" / "index.ko.md", "en": posts / "hike" / "index.en.md"}
    plan = plan_rename(family, "journey", index.entries())
    assert [(m.old, m.new) for m in plan.moves] == [(posts / "trip", posts / "journey")]
    apply_rename(plan)
    assert (posts / "journey" / "index.en.md").is_file()
