"""Image import into the site's assets, and tag counts and near-duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.workspace import PostEntry
from editor.core.workspace.assets import AssetError, import_image
from editor.core.workspace.tags import similar_tags, tag_counts


def make_post(site: Path) -> Path:
    post = site / "src/content/blog/ko/new-post.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    return post


def test_a_dropped_image_is_copied_next_to_the_sites_assets_named_after_the_slug(tmp_path):
    site = tmp_path / "site"
    post = make_post(site)
    photo = tmp_path / "Downloads" / "IMG_0001.PNG"
    photo.parent.mkdir()
    photo.write_bytes(b"\x89PNG one")
    rel = import_image(photo, site, post, "new-post")
    assert rel == "../../../assets/blog/new-post-hero.png"
    assert (post.parent / rel).resolve().read_bytes() == b"\x89PNG one"
    assert photo.exists(), "the original stays where it was"


def test_an_existing_name_is_not_overwritten_and_the_same_image_is_reused(tmp_path):
    site = tmp_path / "site"
    post = make_post(site)
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    first.write_bytes(b"one")
    second.write_bytes(b"two")
    assert import_image(first, site, post, "new-post").endswith("new-post-hero.png")
    assert import_image(second, site, post, "new-post").endswith("new-post-hero-2.png")
    assert import_image(first, site, post, "new-post").endswith("new-post-hero.png")


def test_the_current_hero_images_folder_is_preferred(tmp_path):
    site = tmp_path / "site"
    post = make_post(site)
    (site / "public/img").mkdir(parents=True)
    (site / "public/img/old.png").write_bytes(b"old")
    photo = tmp_path / "p.webp"
    photo.write_bytes(b"webp")
    rel = import_image(photo, site, post, "new-post", current="../../../../public/img/old.png")
    assert rel == "../../../../public/img/new-post-hero.webp"


def test_non_images_and_missing_files_are_refused(tmp_path):
    site = tmp_path / "site"
    post = make_post(site)
    doc = tmp_path / "notes.txt"
    doc.write_text("x", encoding="utf-8")
    with pytest.raises(AssetError, match="not an image"):
        import_image(doc, site, post, "new-post")
    with pytest.raises(AssetError, match="does not exist"):
        import_image(tmp_path / "gone.png", site, post, "new-post")


def entry(tags: tuple[str, ...]) -> PostEntry:
    return PostEntry(Path("p.md"), "p.md", "p", None, None, None, 0, 0, tags)


def test_tag_counts_count_posts_not_repeats():
    counts = tag_counts([entry(("ai", "llm")), entry(("ai", "ai")), entry(())])
    assert counts == {"ai": 2, "llm": 1}


def test_tags_that_differ_only_by_case_or_hyphenation_are_found():
    known = ["open-source", "OpenSource", "open_source", "opensource", "ai", "llm"]
    assert similar_tags("open-source", known) == ["OpenSource", "open_source", "opensource"]
    assert similar_tags("AI", known) == ["ai"]
    assert similar_tags("rust", known) == []
