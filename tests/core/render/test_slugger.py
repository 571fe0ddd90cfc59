"""Heading slugs match github-slugger as Astro uses it, so in-page links work in the preview."""

from __future__ import annotations

import pytest

from editor.core.render import Slugger, slugify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello World", "hello-world"),
        ("bravoCharlieDelta", "bravocharliedelta"),
        ("heading with a - dash", "heading-with-a---dash"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("What's new? (v1.2.3)", "whats-new-v123"),
        ("C++ & Rust", "c--rust"),
        (
            "exchange.bind_headers(exchange, routing [, cb])",
            "exchangebind_headersexchange-routing--cb",
        ),
        ("I ♥ unicode", "i--unicode"),
        ("en–dash and em—dash", "endash-and-emdash"),
        (" leading and trailing ", "-leading-and-trailing-"),
        ("Café Crème", "café-crème"),
        ("ΣΊΣΥΦΟΣ", "σίσυφος"),
        ("Привет non-latin 你好", "привет-non-latin-你好"),
        ("", ""),
    ],
)
def test_slugify_matches_github_slugger(text: str, expected: str) -> None:
    """Lower-cases, drops punctuation and symbols, keeps "-" and "_", turns spaces into "-"."""
    assert slugify(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("개요", "개요"),
        ("DeepSeek의 발자취", "deepseek의-발자취"),
        ("중국 AI 모델 러시 — 2026년 현황", "중국-ai-모델-러시--2026년-현황"),
        ("오픈 모델 vs 클로즈드 모델 구도", "오픈-모델-vs-클로즈드-모델-구도"),
        ("日本語のテスト！", "日本語のテスト"),
        ("カタカナ・ひらがな（かっこ）", "カタカナひらがなかっこ"),
        ("ラーメン", "ラーメン"),
        ("你好，世界。", "你好世界"),
        ("「引用」と『書名』", "引用と書名"),
    ],
)
def test_slugify_keeps_korean_japanese_and_chinese_letters(text: str, expected: str) -> None:
    """CJK letters stay; full-width punctuation is dropped like ASCII punctuation."""
    assert slugify(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("😄 unicode emoji", "-unicode-emoji"),
        ("😄-😄 emoji", "--emoji"),
        ("😄_😄 emoji", "_-emoji"),
        (":ok_hand: Single", "ok_hand-single"),
        ("Launch 🚀", "launch-"),
        ("Price $5 €6", "price-5-6"),
        ("1 < 2 = true", "1--2--true"),
    ],
)
def test_slugify_drops_emoji_and_symbols(text: str, expected: str) -> None:
    """Emoji, currency and math symbols vanish; the spaces around them remain as dashes."""
    assert slugify(text) == expected


def test_slugify_drops_controls_and_non_ascii_spaces() -> None:
    """Tabs, newlines and no-break spaces are removed, not turned into dashes."""
    assert slugify("a\tb\nc\u00a0d\u2028e") == "abcde"


def test_slugify_keeps_circled_letters_because_they_are_alphabetic() -> None:
    """Symbols with the Alphabetic property (circled letters) are kept, lower-cased."""
    assert slugify("Ⓐ ⓑ ☃") == "ⓐ-ⓑ-"


def test_repeated_slugs_are_numbered_as_github_slugger_numbers_them() -> None:
    """Repeats get -1, -2...; a numbered slug that already exists moves to the next number."""
    slugger = Slugger()
    given = [slugger.slug(text) for text in ["echo", "echo", "echo 1", "echo-1", "echo"]]
    assert given == ["echo", "echo-1", "echo-1-1", "echo-1-2", "echo-2"]


def test_existing_numbered_slug_pushes_the_plain_repeat_further() -> None:
    """ "foxtrot-1" first, then "foxtrot" twice: the second repeat skips the taken "-1"."""
    slugger = Slugger()
    given = [slugger.slug(text) for text in ["foxtrot-1", "foxtrot", "foxtrot"]]
    assert given == ["foxtrot-1", "foxtrot", "foxtrot-2"]


def test_korean_duplicates_are_numbered() -> None:
    """Two "개요" headings give "개요" and "개요-1"."""
    slugger = Slugger()
    assert [slugger.slug("개요"), slugger.slug("개요")] == ["개요", "개요-1"]


def test_reset_forgets_previous_slugs() -> None:
    """After reset the same text gives the plain slug again."""
    slugger = Slugger()
    slugger.slug("alpha")
    slugger.reset()
    assert slugger.slug("alpha") == "alpha"


def test_heading_id_trims_one_trailing_dash_like_astro() -> None:
    """Astro removes a single trailing "-" (a heading ending in an emoji), not a leading one."""
    slugger = Slugger()
    assert slugger.heading_id("Launch 🚀") == "launch"
    assert slugger.heading_id("🚀 Launch") == "-launch"


def test_heading_id_reproduces_astros_duplicate_quirk() -> None:
    """Astro registers the untrimmed slug, so "a " and then "a" both become "a"."""
    slugger = Slugger()
    assert [slugger.heading_id("a "), slugger.heading_id("a")] == ["a", "a"]
