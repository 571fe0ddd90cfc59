"""Shared fields: learned from the site's families, and one field's edit carried to each sibling."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor.core import resources
from editor.core.frontmatter import (
    DeleteValue,
    InsertItem,
    SetValue,
    apply_request,
    entry_source,
    parse_frontmatter,
)
from editor.core.workspace import PostIndex
from editor.core.workspace.entries import PostEntry, value_digest
from editor.core.workspace.families import group_families
from editor.core.workspace.shared_fields import (
    SiblingChange,
    SiblingSkip,
    apply_plan,
    field_edit,
    learn_shared_fields,
    plan_sibling,
    plan_siblings,
    shared_fields_for,
    undo_applied,
)
from tests.core.workspace.support import listed_post

LANGS = ("ko", "ja", "en", "zh")


# -- learning -------------------------------------------------------------------------------


def _entry(slug: str, lang: str, fields: dict[str, object]) -> PostEntry:
    digests = {key: value_digest(value) for key, value in fields.items()}
    return listed_post(slug, lang, slug, fields=digests)


def _site(count: int, differing: dict[str, int], langs=LANGS):
    """count families; in the first differing[key] of them, key differs between languages."""
    entries = []
    for n in range(count):
        for lang in langs:
            fields: dict[str, object] = {
                "title": f"{lang} title {n}",
                "pubDate": f"2026-01-{n % 28 + 1:02d}",
                "heroImage": f"../../../assets/blog/post-{n}-hero.png",
            }
            for key, first in differing.items():
                fields[key] = f"{key}-{n}-{lang}" if n < first else f"{key}-{n}"
            entries.append(_entry(f"post-{n}", lang, fields))
    return group_families(entries, LANGS).families


def test_fields_equal_in_every_family_are_shared_and_translated_ones_are_not():
    families = _site(10, {})
    assert learn_shared_fields(families) == ("pubDate", "heroImage")


def test_a_field_equal_in_91_percent_of_families_is_shared_and_in_89_percent_is_not():
    assert "relatedPosts" in learn_shared_fields(_site(100, {"relatedPosts": 9}))
    assert "relatedPosts" in learn_shared_fields(_site(100, {"relatedPosts": 10}))  # 90%
    assert "relatedPosts" not in learn_shared_fields(_site(100, {"relatedPosts": 11}))


def test_a_tiny_site_learns_nothing():
    assert learn_shared_fields(_site(2, {})) == ()
    assert learn_shared_fields(_site(3, {})) == ("pubDate", "heroImage")


def test_untranslated_posts_and_fields_held_by_one_post_do_not_count():
    entries = [_entry(f"solo-{n}", "ko", {"pubDate": "2026-01-01"}) for n in range(5)]
    for n in range(5):
        # updatedDate only on the ko version: nothing to compare it with.
        entries.append(_entry(f"pair-{n}", "ko", {"pubDate": "d", "updatedDate": f"u{n}"}))
        entries.append(_entry(f"pair-{n}", "ja", {"pubDate": "d"}))
    families = group_families(entries, LANGS).families
    assert learn_shared_fields(families) == ("pubDate",)


def test_the_sites_configuration_replaces_what_is_learned():
    families = _site(10, {})
    assert shared_fields_for(families, None) == ("pubDate", "heroImage")
    assert shared_fields_for(families, ("heroImage", "tags")) == ("heroImage", "tags")
    assert shared_fields_for(families, ()) == ()


def test_the_sample_site_shares_date_image_tags_and_related_posts():
    index = PostIndex(resources.sample_site_dir())
    index.scan()
    shared = learn_shared_fields(group_families(index.entries(), LANGS).families)
    assert {"pubDate", "heroImage", "relatedPosts"} <= set(shared)
    assert not {"title", "description", "faq"} & set(shared)


# -- planning, applying, undoing -----------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(resources.sample_site_dir(), tmp_path / "site")
    return tmp_path / "site"


def _post(site: Path, lang: str, slug: str = "astro-build-pipeline") -> Path:
    return site / "src/content/blog" / lang / f"{slug}.md"


def _edit(path: Path, *requests):
    """The FieldEdit of requests applied to the post at path (as the form would)."""
    before = path.read_text(encoding="utf-8")
    after = before
    for request in requests:
        patch = apply_request(after, request)
        after = patch.apply(after) if patch is not None else after
    key = str(requests[0].path[0])
    return field_edit(key, before, after, requests)


def _only_entry_changed(old: bytes, new: bytes, key: str, newline: str = "\n") -> None:
    """new is old with the key's lines replaced, every other byte as it was."""
    bom = b"\xef\xbb\xbf" if old.startswith(b"\xef\xbb\xbf") else b""
    old_text = old[len(bom) :].decode("utf-8").replace(newline, "\n")
    new_text = new[len(bom) :].decode("utf-8").replace(newline, "\n")
    assert new.startswith(bom)
    before_lines = entry_source(old_text, key).replace("\n", newline).encode("utf-8")
    after_lines = entry_source(new_text, key).replace("\n", newline).encode("utf-8")
    assert old.count(before_lines) == 1
    assert old.replace(before_lines, after_lines) == new


def _siblings(site: Path, slug: str = "astro-build-pipeline") -> list[Path]:
    return [_post(site, lang, slug) for lang in ("ja", "en", "zh")]


def test_pubdate_goes_to_each_sibling_changing_only_its_line(site):
    edit = _edit(_post(site, "ko"), SetValue(("pubDate",), "2026-03-05"))
    siblings = _siblings(site)
    before = {p: p.read_bytes() for p in siblings}
    plan = plan_siblings(siblings, edit)
    assert [c.path for c in plan.changes] == siblings and plan.skipped == ()
    applied = apply_plan(plan)
    assert [c.path for c in applied.written] == siblings
    for path in siblings:
        assert b"pubDate: '2026-03-05'\n" in path.read_bytes()
        _only_entry_changed(before[path], path.read_bytes(), "pubDate")
    undone = undo_applied(applied)
    assert undone.restored == tuple(siblings) and undone.left == ()
    assert {p: p.read_bytes() for p in siblings} == before


def test_an_edit_inside_related_posts_changes_only_that_line_in_each_sibling(site):
    request = SetValue(("relatedPosts", 0, "score"), 0.9)
    edit = _edit(_post(site, "ko"), request)
    for path in _siblings(site):
        old = path.read_bytes()
        change = plan_sibling(path, edit)
        assert isinstance(change, SiblingChange)
        new = change.text.encode("utf-8")
        removed = [line for line in old.splitlines() if line not in new.splitlines()]
        added = [line for line in new.splitlines() if line not in old.splitlines()]
        assert removed == [b"    score: 0.82"] and added == [b"    score: 0.9"]


def test_a_sibling_with_another_value_gets_the_whole_value_in_its_own_style(tmp_path):
    ko = tmp_path / "ko.md"
    ko.write_text("---\ntitle: 제목\npubDate: '2026-01-20'\ntags: [a]\n---\n본문\n", "utf-8")
    ja = tmp_path / "ja.md"
    ja.write_bytes(
        '---\n# 日付は原文と同じ\ntitle: "タイトル"\npubDate: 2026-01-19  # 旧\n'
        "tags: [a]\n---\n本文\n".encode()
    )
    old = ja.read_bytes()
    edit = _edit(ko, SetValue(("pubDate",), "2026-03-05"))
    change = plan_sibling(ja, edit)
    assert isinstance(change, SiblingChange)
    _only_entry_changed(old, change.text.encode("utf-8"), "pubDate")
    assert parse_frontmatter(change.text).data["title"] == "タイトル"
    assert value_digest(parse_frontmatter(change.text).data["pubDate"]) == value_digest(
        "2026-03-05"
    )


def test_crlf_and_bom_are_kept_and_flow_lists_take_the_item(tmp_path):
    ko = tmp_path / "ko.md"
    ko.write_text("---\ntitle: 제목\ntags: [astro, ci]\n---\n본문\n", "utf-8")
    zh = tmp_path / "zh.md"
    zh.write_bytes(
        b"\xef\xbb\xbf---\r\ntitle: '\xe6\xa0\x87\xe9\xa2\x98'\r\ntags: [astro, ci]\r\n"
        b"draft: false\r\n---\r\n\xe6\xad\xa3\xe6\x96\x87\r\n"
    )
    old = zh.read_bytes()
    edit = _edit(ko, InsertItem(("tags",), -1, "github-actions"))
    applied = apply_plan(plan_siblings([zh], edit))
    assert [c.path for c in applied.written] == [zh]
    new = zh.read_bytes()
    assert b"tags: [astro, ci, github-actions]\r\n" in new
    _only_entry_changed(old, new, "tags", "\r\n")
    undo_applied(applied)
    assert zh.read_bytes() == old


def test_block_list_of_mappings_takes_a_new_item_after_its_last(tmp_path):
    front = (
        "---\ntitle: T\nrelatedPosts:\n  - slug: a\n    score: 0.5\n"
        "    reason:\n      ko: 이유\n      ja: 理由\n# 끝\nfaq: []\n---\n"
    )
    ko, ja = tmp_path / "ko.md", tmp_path / "ja.md"
    ko.write_text(front, "utf-8")
    ja.write_text(front.replace("title: T", "title: J").replace("# 끝", "# 終わり"), "utf-8")
    old = ja.read_bytes()
    item = {"slug": "b", "score": 0.4, "reason": {"ko": "둘", "ja": "二"}}
    edit = _edit(ko, InsertItem(("relatedPosts",), -1, item))
    change = plan_sibling(ja, edit)
    assert isinstance(change, SiblingChange)
    _only_entry_changed(old, change.text.encode("utf-8"), "relatedPosts")
    assert parse_frontmatter(change.text).data["relatedPosts"][1] == item
    assert "# 終わり\n" in change.text


def test_a_deleted_field_is_deleted_in_the_siblings(site):
    edit = _edit(_post(site, "ko"), DeleteValue(("updatedDate",)))
    for path in _siblings(site):
        change = plan_sibling(path, edit)
        assert isinstance(change, SiblingChange)
        assert "updatedDate" not in parse_frontmatter(change.text).data
        assert "updatedDate" not in change.text


def test_invalid_yaml_siblings_and_equal_ones_are_listed_unchanged(site):
    ja, en, zh = _siblings(site)
    ja.write_text("---\ntitle: [broken\npubDate: '2026-01-20'\n---\n本文\n", "utf-8")
    en_text = en.read_text("utf-8").replace("pubDate: '2026-01-20'", "pubDate: 2026-03-05")
    en.write_text(en_text, "utf-8")
    edit = _edit(_post(site, "ko"), SetValue(("pubDate",), "2026-03-05"))
    plan = plan_siblings([ja, en, zh], edit)
    assert [c.path for c in plan.changes] == [zh]
    broken, equal = plan.skipped
    assert broken.path == ja and broken.problem and "not valid YAML" in broken.reason
    assert equal == SiblingSkip(en, "it already has this value", False)
    old = ja.read_bytes()
    apply_plan(plan)
    assert ja.read_bytes() == old


def test_files_changed_meanwhile_are_left_alone_by_apply_and_by_undo(site):
    ja, en, zh = _siblings(site)
    edit = _edit(_post(site, "ko"), SetValue(("heroImage",), "../../../assets/blog/new.png"))
    plan = plan_siblings([ja, en, zh], edit)
    ja.write_text(ja.read_text("utf-8") + "\n추가\n", "utf-8")  # after planning
    applied = apply_plan(plan)
    assert [c.path for c in applied.written] == [en, zh]
    assert applied.skipped[0].path == ja and "meanwhile" in applied.skipped[0].reason
    en.write_text(en.read_text("utf-8") + "\nmore\n", "utf-8")  # after applying
    changed_en = en.read_bytes()
    undone = undo_applied(applied)
    assert undone.restored == (zh,)
    assert [s.path for s in undone.left] == [en]
    assert en.read_bytes() == changed_en


def test_a_run_that_ends_where_it_began_is_no_change(site):
    ko = _post(site, "ko")
    edit = _edit(ko, SetValue(("pubDate",), "2026-03-05"), SetValue(("pubDate",), "2026-01-20"))
    assert not edit.changed
    assert _edit(ko, SetValue(("pubDate",), "2026-03-05")).changed


def test_a_sibling_mixing_newline_styles_is_left_alone(tmp_path):
    ko, ja = tmp_path / "ko.md", tmp_path / "ja.md"
    ko.write_text("---\ntitle: 제목\npubDate: '2026-01-20'\n---\n본문\n", "utf-8")
    # Storage writes one newline style: writing this file would rewrite its other lines.
    ja.write_bytes("---\r\ntitle: 題\npubDate: '2026-01-20'\r\n---\n本文\r\n".encode())
    outcome = plan_sibling(ja, _edit(ko, SetValue(("pubDate",), "2026-03-05")))
    assert isinstance(outcome, SiblingSkip) and outcome.problem
    assert "newline" in outcome.reason
