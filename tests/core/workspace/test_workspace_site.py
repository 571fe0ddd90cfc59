"""editor.core.workspace.site: site roots, content folders and which files are posts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core.workspace import (
    SKIP_DIR_NAMES,
    content_roots,
    find_site_root,
    is_ignored,
    is_post_file,
    iter_post_files,
)


def _touch(root: Path, *relative: str) -> None:
    for rel in relative:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\ntitle: x\n---\n", encoding="utf-8")


@pytest.fixture
def astro(tmp_path: Path) -> Path:
    """The reference user's layout: an Astro blog in four languages."""
    site = tmp_path / "site"
    _touch(
        site,
        "astro.config.mjs",
        "package.json",
        "src/content.config.ts",
        "src/content/blog/ko/deepseek-v4-release.md",
        "src/content/blog/en/deepseek-v4-release.md",
        "src/assets/blog/deepseek-v4-release-hero.png",
        "README.md",
    )
    return site


def test_the_site_root_of_a_post_is_the_nearest_folder_with_a_site_marker(astro: Path) -> None:
    post = astro / "src/content/blog/ko/deepseek-v4-release.md"
    assert find_site_root(post) == astro


@pytest.mark.parametrize(
    "marker",
    [
        "astro.config.ts",
        "astro.config.cjs",
        "astro.config.mts",
        "src/content/config.ts",
        "hugo.toml",
        "hugo.yaml",
        "_config.yml",
        ".eleventy.js",
        "eleventy.config.js",
        "package.json",
        ".git/HEAD",
    ],
)
def test_each_generator_s_marker_makes_a_site_root(tmp_path: Path, marker: str) -> None:
    _touch(tmp_path / "site", marker, "posts/deep/post.md")
    assert find_site_root(tmp_path / "site/posts/deep/post.md") == tmp_path / "site"


def test_a_hugo_config_toml_counts_only_with_a_content_folder(tmp_path: Path) -> None:
    _touch(tmp_path / "a", "config.toml", "notes/post.md")
    assert find_site_root(tmp_path / "a/notes/post.md") == tmp_path / "a/notes"
    _touch(tmp_path / "b", "config.toml", "content/post.md")
    assert find_site_root(tmp_path / "b/content/post.md") == tmp_path / "b"


def test_a_file_with_no_marker_above_it_has_its_folder_as_site_root(tmp_path: Path) -> None:
    _touch(tmp_path, "loose/post.md")
    # tmp_path has no marker, but a parent of it might (e.g. a checkout): only check that
    # the answer is the file's folder or an ancestor of it.
    root = find_site_root(tmp_path / "loose/post.md")
    assert root == tmp_path / "loose" or root in (tmp_path / "loose").parents


def test_a_folder_is_its_own_site_root(astro: Path) -> None:
    assert find_site_root(astro / "src/content") == astro / "src/content"


def test_astro_content_lives_in_src_content(astro: Path) -> None:
    assert content_roots(astro) == [astro / "src/content"]


_ASTROWIND_CONFIG = """\
import { defineCollection, z } from 'astro:content';
import { glob, file } from 'astro/loaders';

const postCollection = defineCollection({
  loader: glob({ pattern: ['*.md', '*.mdx'], base: 'src/data/post' }),
  schema: z.object({ title: z.string(), publishDate: z.date().optional() }),
});
const notes = defineCollection({
  loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: './src/data/post/notes' }),
  schema: z.object({ title: z.string() }),
});
const authors = defineCollection({
  loader: file('src/data/authors.json'),
  schema: z.object({ name: z.string() }),
});
const metrics = defineCollection({
  loader: glob({ pattern: '**/*.{json,yaml}', base: 'src/data/metrics' }),
  schema: z.object({ value: z.number() }),
});
export const collections = { post: postCollection, notes, authors, metrics };
"""


def test_astro_posts_come_from_each_collection_s_loader_base(tmp_path: Path) -> None:
    """AstroWind keeps its posts in src/data/post: that is where they are, not README.md."""
    _touch(tmp_path, "astro.config.mjs", "README.md", "src/data/post/a.md", "src/data/post/b.mdx")
    _touch(tmp_path, "src/data/post/notes/n.md")
    (tmp_path / "src/data/metrics").mkdir(parents=True)
    (tmp_path / "src/content.config.ts").write_text(_ASTROWIND_CONFIG, encoding="utf-8")
    assert content_roots(tmp_path) == [tmp_path / "src/data/post"]
    posts = [
        p.relative_to(tmp_path).as_posix() for p in iter_post_files(tmp_path / "src/data/post")
    ]
    assert posts == ["src/data/post/a.md", "src/data/post/b.mdx", "src/data/post/notes/n.md"]


def test_an_astro_config_that_cannot_be_read_leaves_src_content(tmp_path: Path) -> None:
    _touch(tmp_path, "astro.config.mjs", "src/content/blog/a.md")
    (tmp_path / "src/content.config.ts").write_text("export const = {", encoding="utf-8")
    assert content_roots(tmp_path) == [tmp_path / "src/content"]


def test_hugo_content_lives_in_content(tmp_path: Path) -> None:
    _touch(tmp_path, "hugo.toml", "content/posts/a.md")
    assert content_roots(tmp_path) == [tmp_path / "content"]


def test_jekyll_content_is_posts_drafts_and_declared_collections(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text(
        "title: x\ncollections:\n  recipes:\n    output: true\n", encoding="utf-8"
    )
    _touch(tmp_path, "_posts/2024-01-01-a.md", "_drafts/b.md", "_recipes/c.md")
    assert content_roots(tmp_path) == [
        tmp_path / "_posts",
        tmp_path / "_drafts",
        tmp_path / "_recipes",
    ]


def test_jekyll_collections_dir_is_honoured(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("collections_dir: my\n", encoding="utf-8")
    _touch(tmp_path, "my/_posts/a.md")
    assert content_roots(tmp_path) == [tmp_path / "my/_posts"]


def test_an_unknown_site_or_missing_content_folder_uses_the_site_root(tmp_path: Path) -> None:
    assert content_roots(tmp_path) == [tmp_path]
    _touch(tmp_path, "astro.config.mjs")
    assert content_roots(tmp_path) == [tmp_path]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("post.md", True),
        ("post.ko.md", True),
        ("POST.MD", True),
        ("post.markdown", True),
        ("post.mdx", True),
        ("post.txt", False),
        ("post.md.bak", False),
        (".post.md", False),
        (".#post.md", False),
        ("md", False),
    ],
)
def test_posts_are_markdown_files_that_are_not_hidden(name: str, expected: bool) -> None:
    assert is_post_file(Path("/site") / name) is expected


def test_iterating_posts_skips_tooling_output_and_hidden_folders(tmp_path: Path) -> None:
    _touch(
        tmp_path,
        "a.md",
        "blog/b.mdx",
        "blog/notes.txt",
        "node_modules/pkg/readme.md",
        ".git/x.md",
        "dist/c.md",
        ".astro/d.md",
        ".cache/e.md",
        "__pycache__/f.md",
        ".venv/g.md",
        "venv/h.md",
        ".hidden/i.md",
        "public/j.md",
        "build/k.md",
    )
    found = [p.relative_to(tmp_path).as_posix() for p in iter_post_files(tmp_path)]
    assert found == ["a.md", "blog/b.mdx", "build/k.md", "public/j.md"]


def test_skip_names_are_tooling_dirs_only() -> None:
    assert {"node_modules", ".git", "dist", ".astro"} <= SKIP_DIR_NAMES
    assert "public" not in SKIP_DIR_NAMES


def test_iteration_is_sorted_per_folder(tmp_path: Path) -> None:
    _touch(tmp_path, "b.md", "a.md", "c/z.md", "c/y.md")
    names = [p.relative_to(tmp_path).as_posix() for p in iter_post_files(tmp_path)]
    assert names == ["a.md", "b.md", "c/y.md", "c/z.md"]


def test_symlinked_folders_are_followed_inside_the_root_but_never_out_of_it(
    tmp_path: Path,
) -> None:
    root = tmp_path / "site"
    outside = tmp_path / "outside"
    _touch(root, "real/a.md")
    _touch(outside, "secret.md")
    os.symlink(outside, root / "escape")
    os.symlink(root / "real", root / "again")
    os.symlink(root, root / "real" / "loop")
    names = sorted(p.relative_to(root).as_posix() for p in iter_post_files(root))
    assert "escape/secret.md" not in names
    assert "real/a.md" in names
    assert len(names) == 2  # real/a.md, and once more through one of the inside links


def test_a_missing_root_yields_nothing(tmp_path: Path) -> None:
    assert list(iter_post_files(tmp_path / "nope")) == []


@pytest.mark.parametrize(
    ("relative", "ignored"),
    [
        ("src/content/blog/ko/a.md", False),
        ("node_modules/x/a.md", True),
        ("src/content/.obsidian/a.md", True),
        ("dist/a.md", True),
        (".git/index", True),
        ("src/content/blog/.a.md.swp", True),
        ("src/content/blog/.post.md.1234.postdesk-tmp", True),
        ("public/a.md", False),
    ],
)
def test_watcher_paths_below_skipped_or_hidden_folders_are_ignored(
    astro: Path, relative: str, ignored: bool
) -> None:
    assert is_ignored(astro / relative, astro) is ignored


def test_paths_outside_the_site_are_ignored(astro: Path, tmp_path: Path) -> None:
    assert is_ignored(tmp_path / "elsewhere.md", astro)
