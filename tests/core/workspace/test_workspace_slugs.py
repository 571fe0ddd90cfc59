"""Slugs from titles: Latin folded, Hangul in Revised Romanization, kana in Hepburn, Han asked."""

from __future__ import annotations

import pytest

from editor.core.workspace.slugs import propose_slug, romanize_hangul, romanize_kana, slug_problem


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Café Déjà vu: 2026!", "cafe-deja-vu-2026"),
        ("Rust vs Go — CLI tools", "rust-vs-go-cli-tools"),
        ("Straße & Ærø", "strasse-aero"),
        ("한국어", "hangugeo"),
        ("안녕하세요", "annyeonghaseyo"),
        ("Astro 블로그 시작", "astro-beullogeu-sijak"),
        ("ひらがな", "hiragana"),
        ("きょうとのがっこう", "kyoutonogakkou"),
        ("ファイル マッチ", "fairu-matchi"),
    ],
)
def test_titles_propose_ascii_slugs(title, slug):
    assert propose_slug(title).slug == slug


@pytest.mark.parametrize(
    ("hangul", "roman"),
    [
        ("서울", "seoul"),
        ("한국", "hanguk"),  # a final before a consonant or the end: its final sound
        ("한국어", "hangugeo"),  # liaison: the final moves before a silent ㅇ
        ("좋아", "joa"),  # ㅎ before a vowel is silent
        ("닭이", "dalgi"),  # a double final splits
        ("신라", "silla"),  # ㄴ+ㄹ and ㄹ+ㄹ are ll
        ("블로그", "beullogeu"),
        ("종로", "jongno"),  # ㄹ after another final is n
        ("뷁", "bwek"),
    ],
)
def test_hangul_follows_the_revised_romanization_tables(hangul, roman):
    assert romanize_hangul(hangul) == roman


def test_katakana_reads_as_hiragana_and_long_vowels_drop():
    assert romanize_kana("コーヒー") == "kohi"
    assert romanize_kana("ちゃんと しゅくだい") == "chanto shukudai"


@pytest.mark.parametrize("title", ["日本語", "中文标题", "Astro 入門", "Привет мир"])
def test_han_and_unknown_scripts_ask_for_the_slug(title):
    proposal = propose_slug(title)
    assert proposal.slug == ""
    assert "type the slug" in proposal.ask_reason


@pytest.mark.parametrize("slug", ["", "a b", "a/b", ".hidden", "what?"])
def test_slugs_that_cannot_name_a_file_are_refused(slug):
    assert slug_problem(slug) is not None


def test_a_plain_slug_is_accepted():
    assert slug_problem("my-post-2026") is None
