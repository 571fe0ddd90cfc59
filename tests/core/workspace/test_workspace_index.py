"""editor.core.workspace.index: the post index built from disk and kept current."""

from __future__ import annotations

import codecs
import os
import shutil
import time
from pathlib import Path

import pytest

from editor.core.frontmatter import parse_frontmatter
from editor.core.workspace import PostEntry, PostIndex, read_post_entry
from editor.core.workspace.entries import listed_entries, listed_entry

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "deepseek-v4-release.ko.md"
FIXTURE_TITLE = "DeepSeek V4 출시 임박 — 중국 AI 차세대 모델 경쟁 가속화"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _post(title: str) -> str:
    return f"---\ntitle: {title}\npubDate: '2026-02-18'\n---\n\nBody.\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An Astro site with the fixture post in ko/ and translations beside it."""
    root = tmp_path / "site"
    _write(root / "astro.config.mjs", "export default {}\n")
    blog = root / "src" / "content" / "blog"
    (blog / "ko").mkdir(parents=True)
    shutil.copyfile(FIXTURE, blog / "ko" / "deepseek.md")
    _write(blog / "en" / "deepseek.md", _post("DeepSeek V4 is coming"))
    _write(blog / "ja" / "deepseek.md", _post("DeepSeek V4 リリース間近"))
    _write(blog / "zh-tw" / "deepseek.md", _post("DeepSeek V4 即將發布"))
    _write(blog / "hugo-bundle" / "index.ko.md", _post("Bundle"))
    _write(blog / "suffix.ja.md", _post("Suffix"))
    _write(blog / "plain.md", _post("Plain"))
    _write(root / "src" / "content" / "node_modules" / "x.md", _post("Skipped"))
    _write(root / "src" / "content" / ".drafts" / "y.md", _post("Hidden"))
    _write(root / "README.md", _post("Not a post: outside the content folder"))
    return root


def _by_rel(index: PostIndex) -> dict[str, PostEntry]:
    return {entry.rel_path: entry for entry in index.entries()}


def test_a_scan_indexes_the_posts_under_the_content_folders_only(site: Path) -> None:
    index = PostIndex(site)
    index.scan()
    assert sorted(_by_rel(index)) == [
        "src/content/blog/en/deepseek.md",
        "src/content/blog/hugo-bundle/index.ko.md",
        "src/content/blog/ja/deepseek.md",
        "src/content/blog/ko/deepseek.md",
        "src/content/blog/plain.md",
        "src/content/blog/suffix.ja.md",
        "src/content/blog/zh-tw/deepseek.md",
    ]
    assert len(index) == 7


def test_entries_are_sorted_by_relative_path(site: Path) -> None:
    index = PostIndex(site)
    index.scan()
    rel_paths = [entry.rel_path for entry in index.entries()]
    assert rel_paths == sorted(rel_paths)


def test_titles_come_from_the_frontmatter(site: Path) -> None:
    index = PostIndex(site)
    index.scan()
    entries = _by_rel(index)
    assert entries["src/content/blog/ko/deepseek.md"].title == FIXTURE_TITLE
    assert entries["src/content/blog/ja/deepseek.md"].title == "DeepSeek V4 リリース間近"
    assert all(entry.error is None for entry in entries.values())


@pytest.mark.parametrize(
    ("rel", "slug", "lang"),
    [
        ("src/content/blog/ko/deepseek.md", "deepseek", "ko"),
        ("src/content/blog/zh-tw/deepseek.md", "deepseek", "zh-tw"),
        ("src/content/blog/hugo-bundle/index.ko.md", "hugo-bundle", "ko"),
        ("src/content/blog/suffix.ja.md", "suffix", "ja"),
        ("src/content/blog/plain.md", "plain", None),
    ],
)
def test_slug_and_language_come_from_the_path(site: Path, rel: str, slug: str, lang: str) -> None:
    entry = read_post_entry(site / rel, site)
    assert entry is not None
    assert (entry.slug, entry.lang, entry.rel_path) == (slug, lang, rel)


def test_the_nearest_language_folder_wins_over_a_farther_one_and_a_suffix(tmp_path: Path) -> None:
    post = _write(tmp_path / "en" / "archive" / "ko" / "post.ja.md", _post("x"))
    entry = read_post_entry(post, tmp_path)
    assert entry is not None and entry.lang == "ko" and entry.slug == "post"


def test_a_post_with_broken_yaml_has_an_error_and_no_title(site: Path) -> None:
    _write(site / "src/content/blog/broken.md", "---\ntitle: a: b\n---\nBody\n")
    entry = read_post_entry(site / "src/content/blog/broken.md", site)
    assert entry is not None and entry.title is None
    assert entry.error == (
        "Frontmatter error on line 2, column 9: mapping values are not allowed here"
    )


def test_a_file_that_is_not_utf8_has_an_error_and_keeps_its_size(site: Path) -> None:
    path = site / "src/content/blog/latin1.md"
    path.write_bytes("---\ntitle: caf\u00e9\n---\n".encode("latin-1"))
    entry = read_post_entry(path, site)
    assert entry is not None and entry.title is None
    assert entry.error is not None and "not UTF-8 or UTF-16 text" in entry.error
    assert entry.size == path.stat().st_size


def test_bom_and_utf16_posts_are_read(site: Path) -> None:
    path = site / "src/content/blog/utf16.md"
    path.write_bytes(
        codecs.BOM_UTF16_LE + _post("유니코드").replace("\n", "\r\n").encode("utf-16-le")
    )
    entry = read_post_entry(path, site)
    assert entry is not None and entry.title == "유니코드" and entry.error is None


@pytest.mark.parametrize(
    ("frontmatter", "title"),
    [("title: 2026\n", "2026"), ("other: x\n", None), ("title:\n", None), ("title: [a]\n", None)],
)
def test_titles_are_strings_or_none(tmp_path: Path, frontmatter: str, title: str | None) -> None:
    post = _write(tmp_path / "p.md", f"---\n{frontmatter}---\n")
    entry = read_post_entry(post, tmp_path)
    assert entry is not None and entry.title == title


def test_a_post_without_frontmatter_has_no_title_and_no_error(tmp_path: Path) -> None:
    entry = read_post_entry(_write(tmp_path / "p.md", "# Hello\n"), tmp_path)
    assert entry is not None and entry.title is None and entry.error is None


def test_a_vanished_file_gives_no_entry(tmp_path: Path) -> None:
    assert read_post_entry(tmp_path / "gone.md", tmp_path) is None


def test_update_path_adds_and_rereads_a_post(site: Path) -> None:
    index = PostIndex(site)
    index.scan()
    path = _write(site / "src/content/blog/en/new.md", _post("New"))
    entry = index.update_path(path)
    assert entry is not None and entry.title == "New" and index.get(path) == entry
    _write(path, _post("Renamed title, longer"))
    assert index.update_path(path).title == "Renamed title, longer"  # type: ignore[union-attr]
    assert len(index) == 8


def test_update_path_drops_a_file_that_vanished_or_is_not_a_post(site: Path) -> None:
    index = PostIndex(site)
    index.scan()
    path = site / "src/content/blog/plain.md"
    path.unlink()
    assert index.update_path(path) is None and index.get(path) is None
    assert index.update_path(site / "README.md") is None  # outside the content folder
    hidden = _write(site / "src/content/.obsidian/z.md", _post("z"))
    assert index.update_path(hidden) is None
    assert len(index) == 6


def test_remove_path_removes_a_file(site: Path) -> None:
    index = PostIndex(site)
    index.scan()
    path = site / "src/content/blog/plain.md"
    assert index.remove_path(path) == [path]
    assert index.get(path) is None and len(index) == 6
    assert index.remove_path(path) == []


def test_remove_path_of_a_folder_removes_everything_below_it(site: Path) -> None:
    index = PostIndex(site)
    index.scan()
    shutil.rmtree(site / "src/content/blog/ko")
    removed = index.remove_path(site / "src/content/blog/ko")
    assert removed == [site / "src/content/blog/ko/deepseek.md"]
    assert len(index) == 6
    assert index.remove_path(site / "src/content/blog/k") == []  # a name prefix is not a parent


def test_a_rescan_reuses_entries_of_unchanged_files_and_rereads_changed_ones(site: Path) -> None:
    index = PostIndex(site)
    index.scan()
    before = {entry.path: entry for entry in index.entries()}
    changed = site / "src/content/blog/en/deepseek.md"
    _write(changed, _post("Changed title"))
    stamp = time.time_ns() + 5_000_000_000
    os.utime(changed, ns=(stamp, stamp))  # a new mtime even on coarse clocks
    (site / "src/content/blog/plain.md").unlink()
    index.scan()
    after = {entry.path: entry for entry in index.entries()}
    assert after[changed].title == "Changed title"
    assert site / "src/content/blog/plain.md" not in after
    for path, entry in after.items():
        if path != changed:
            assert entry is before[path]  # the very same object: not read again


def test_scan_reports_progress_with_the_final_count(site: Path) -> None:
    counts: list[int] = []
    PostIndex(site).scan(progress=counts.append)
    assert counts and counts[-1] == 7


def test_a_scan_of_many_posts_reports_progress_along_the_way(tmp_path: Path) -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    for number in range(450):
        _write(tmp_path / "posts" / f"{number:04}.md", text)
    counts: list[int] = []
    index = PostIndex(tmp_path)
    index.scan(progress=counts.append)
    assert len(index) == 450
    assert counts[0] < 450 and counts[-1] == 450
    assert all(entry.title == FIXTURE_TITLE for entry in index.entries())


@pytest.mark.parametrize(
    "frontmatter",
    [
        "title: Plain\n",
        "title: 'Quoted: yes'\ndate: 2026-02-18\n",
        "title: 2026\n",
        "title: x\ntitle: last wins\n",
        "base: &b {title: merged}\n<<: *b\n",
        "title: &t Anchored\nalias: *t\n",
        "list: &l [1, *l]\ntitle: recursive alias\n",
        "title: x\npubDate: 2026-13-45\n",
        "title: x\nodd: !!python/name:os.system ''\n",
        "title: x\nset: !!set {a, b}\n",
        "? [complex, key]\n: v\ntitle: x\n",
        "title: a: b\n",
        "- just\n- a list\n",
        "",
        "# only a comment\n",
    ],
)
def test_the_quick_title_reading_agrees_with_the_full_parse(
    tmp_path: Path, frontmatter: str
) -> None:
    text = f"---\n{frontmatter}---\nBody\n"
    entry = read_post_entry(_write(tmp_path / "p.md", text), tmp_path)
    parsed = parse_frontmatter(text)
    assert entry is not None
    expected_title = parsed.data.get("title") if parsed.error is None else None
    if expected_title is not None and not isinstance(expected_title, str):
        expected_title = str(expected_title)
    assert entry.title == expected_title
    assert (entry.error is None) == (parsed.error is None)
    if parsed.error is not None:
        assert entry.error is not None and parsed.error.message in entry.error
        assert f"line {parsed.error.line}," in entry.error


@pytest.mark.parametrize(
    ("frontmatter", "tags"),
    [
        ("title: x\ntags:\n  - ai\n  - llm\n", ("ai", "llm")),
        ("title: x\ntags: [git, workflow]\n", ("git", "workflow")),
        ("title: x\ntags: []\n", ()),
        ("title: x\ntags: not-a-list\n", ()),
        ("title: x\n", ()),
        ("<<: {a: 1}\ntitle: merged\ntags: [slow, path]\n", ("slow", "path")),
    ],
)
def test_entries_carry_the_posts_tags_for_completion(
    tmp_path: Path, frontmatter: str, tags: tuple[str, ...]
) -> None:
    entry = read_post_entry(_write(tmp_path / "p.md", f"---\n{frontmatter}---\n"), tmp_path)
    assert entry is not None
    assert entry.tags == tags


def test_remove_paths_takes_files_and_folders_together(site: Path) -> None:
    """Deleted files go by lookup and a deleted folder takes its posts, in one call."""
    index = PostIndex(site)
    index.scan()
    plain = site / "src/content/blog/plain.md"
    ko = site / "src/content/blog/ko"
    removed = index.remove_paths([plain, ko, site / "src/content/blog/missing.md"])
    assert removed == sorted([plain, ko / "deepseek.md"])
    assert len(index) == 5
    assert index.remove_paths([site / "src/content/blog/e"]) == []  # a name prefix only


@pytest.mark.parametrize(
    "rel",
    [
        "src/content/blog/ko/post.md",
        "src/content/blog/post.ko.md",
        "content/posts/my-post/index.ja.md",
        "content/posts/my-post/_index.md",
        "content/zh-hant/docs/en/guide.mdx",  # the nearest language folder wins
        "content/Index.md",
        "post.EN.md",
        "index.md",
    ],
)
def test_listing_many_paths_tells_what_reading_each_would(tmp_path: Path, rel: str) -> None:
    path = tmp_path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ntitle: T\n---\n", encoding="utf-8")
    read = read_post_entry(path, tmp_path)
    assert read is not None
    (listed,) = listed_entries([path], tmp_path)
    assert (listed.path, listed.rel_path, listed.slug, listed.lang, listed.lang_source) == (
        read.path, read.rel_path, read.slug, read.lang, read.lang_source,
    )  # fmt: skip
    assert listed == listed_entry(path, tmp_path)
    assert listed.title is None and listed.tags == () and listed.fields == {}
