"""editor.core.schema.inference: fields guessed from what the posts hold."""

from __future__ import annotations

import datetime as dt
import time

from editor.core.schema import FieldType, infer_fields, read_post_data


def _by_name(posts):
    return {field.name: field for field in infer_fields(posts)}


def _post(i: int) -> dict:
    return {
        "title": f"Post {i}",
        "pubDate": f"2026-02-{1 + i % 28:02d}",
        "heroImage": f"../../../assets/blog/post-{i}-hero.png",
        "tags": ["ai", "llm"],
        "relatedPosts": [
            {"slug": f"s{j}", "score": 0.9, "reason": {"ko": "가", "en": "a"}} for j in range(3)
        ],
        "weight": i,
    }


def test_key_present_in_95_percent_is_required_and_below_is_optional():
    posts = [{"title": "t", "subtitle": "s"} for _ in range(95)] + [{"title": "t"}] * 5
    posts += [{"subtitle": "s"}] * 1  # title in 100/101 (99%), subtitle in 96/101 (95%)
    fields = _by_name(posts)
    assert fields["title"].required
    assert fields["subtitle"].required
    posts.append({"title": "t"})  # subtitle now in 96/102 (94%)
    assert not _by_name(posts)["subtitle"].required


def test_note_says_how_many_posts_have_the_key_and_the_majority_type():
    posts = [{"draft": True}] * 97 + [{}] * 3
    (draft,) = infer_fields(posts)
    assert draft.type is FieldType.BOOLEAN
    assert draft.source == "inferred"
    assert draft.note == "present in 97% of 100 posts; majority bool"


def test_majority_type_wins_over_stray_values():
    posts = [{"order": n} for n in range(9)] + [{"order": "ten"}]
    (order,) = infer_fields(posts)
    assert (order.type, order.integer) == (FieldType.NUMBER, True)
    (score,) = infer_fields([{"score": 0.5}, {"score": 1}])
    assert (score.type, score.integer) == (FieldType.NUMBER, False)


def test_dates_need_90_percent_of_values_to_look_like_dates():
    dates = [{"d": "2026-02-18"}] * 8 + [{"d": dt.date(2026, 1, 1)}]
    assert _by_name([*dates, {"d": "soon"}])["d"].type is FieldType.DATE
    assert _by_name([*dates, {"d": "soon"}, {"d": "later"}])["d"].type is FieldType.TEXT


def test_jekyll_s_own_date_format_is_a_date():
    """`date: 2014-09-09 21:10:33 -0700` (what `jekyll post` writes) reads as text in YAML."""
    posts = [{"date": f"2014-09-{day:02d} 21:10:33 -0700"} for day in range(1, 11)]
    assert _by_name(posts)["date"].type is FieldType.DATE


def test_image_paths_long_text_and_lists_of_strings():
    posts = [
        {
            "cover": "/img/a.WEBP",
            "description": "short",
            "body": "line one\nline two",
            "tags": ["a", "b"],
        }
    ] * 3
    fields = _by_name(posts)
    assert fields["cover"].type is FieldType.IMAGE
    assert fields["description"].type is FieldType.LONG_TEXT
    assert fields["body"].type is FieldType.LONG_TEXT
    assert fields["tags"].type is FieldType.LIST and fields["tags"].item.type is FieldType.TEXT


def test_lists_of_objects_get_inferred_sub_fields():
    posts = [_post(i) for i in range(20)]
    related = _by_name(posts)["relatedPosts"]
    assert related.type is FieldType.LIST
    item = related.item
    assert item.type is FieldType.OBJECT and item.required
    assert [f.name for f in item.fields] == ["slug", "score", "reason"]
    assert item.field("score").type is FieldType.NUMBER
    assert [f.name for f in item.field("reason").fields] == ["ko", "en"]
    assert "of 60 values" in item.field("slug").note


def test_nested_dicts_empty_values_and_empty_lists():
    posts = [{"seo": {"noindex": False}, "note": None, "links": []}] * 4
    fields = _by_name(posts)
    assert fields["seo"].type is FieldType.OBJECT
    assert fields["seo"].field("noindex").type is FieldType.BOOLEAN
    assert fields["note"].type is FieldType.UNKNOWN and fields["note"].nullable
    assert fields["links"].item.type is FieldType.UNKNOWN


def test_key_order_follows_first_appearance():
    fields = infer_fields([{"b": 1, "a": 2}, {"c": 3, "a": 1}])
    assert [f.name for f in fields] == ["b", "a", "c"]


def test_twenty_thousand_posts_are_inferred_in_a_few_seconds():
    posts = [_post(i) for i in range(20_000)]
    started = time.perf_counter()
    fields = _by_name(posts)
    elapsed = time.perf_counter() - started
    assert fields["pubDate"].type is FieldType.DATE
    assert fields["heroImage"].type is FieldType.IMAGE
    assert elapsed < 5, f"inference took {elapsed:.2f}s"


def test_read_post_data_reads_frontmatter_and_skips_broken_posts(tmp_path):
    good = tmp_path / "good.md"
    good.write_text("---\r\ntitle: Hello\r\ntags: [a]\r\n---\r\nBody\r\n", encoding="utf-8")
    toml = tmp_path / "hugo.md"
    toml.write_text('+++\ntitle = "Hugo"\n+++\n', encoding="utf-8")
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    utf16 = tmp_path / "utf16.md"
    utf16.write_bytes("---\ntitle: Café\n---\n".encode("utf-16"))
    latin = tmp_path / "latin.md"  # not UTF-8 or UTF-16: storage refuses it, so it is skipped
    latin.write_bytes("---\ntitle: Café\n---\n".encode("cp1252"))
    none = tmp_path / "none.md"
    none.write_text("No frontmatter.\n", encoding="utf-8")
    paths = [good, toml, broken, utf16, latin, none, tmp_path / "missing.md"]
    data = list(read_post_data(paths))
    assert data[:2] == [{"title": "Hello", "tags": ["a"]}, {"title": "Hugo"}]
    assert data[2:] == [{"title": "Café"}]
