"""A post's slug from its title: Latin folded to ASCII, Hangul and kana romanized, Han asked for."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["SlugProposal", "propose_slug", "romanize_hangul", "romanize_kana", "slug_problem"]

# Revised Romanization of Korean, from the Unicode syllable decomposition:
# syllable = 0xAC00 + (initial * 21 + medial) * 28 + final.
_INITIALS = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
    "p", "h",
)  # fmt: skip
_MEDIALS = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
    "we", "wi", "yu", "eu", "ui", "i",
)  # fmt: skip
# A final before a consonant or at the end of a word (RR's seven final sounds).
_FINALS = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
    "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
# Before a syllable opening with the silent ㅇ the final is carried over (liaison), as RR
# writes it by pronunciation: 한국어 -> hangugeo. (what stays, what moves to the next syllable)
_LIAISON = (
    ("", ""), ("", "g"), ("", "kk"), ("k", "s"), ("", "n"), ("n", "j"), ("", "n"), ("", "d"),
    ("", "r"), ("l", "g"), ("l", "m"), ("l", "b"), ("l", "s"), ("l", "t"), ("l", "p"),
    ("", "r"), ("", "m"), ("", "b"), ("p", "s"), ("", "s"), ("", "ss"), ("ng", ""), ("", "j"),
    ("", "ch"), ("", "k"), ("", "t"), ("", "p"), ("", ""),
)  # fmt: skip
_SILENT = 11  # ㅇ as an initial
_RIEUL = 5  # ㄹ as an initial
_FINAL_N, _FINAL_L = 4, 8

_KANA_ROWS = {
    "あいうえお": ("a", "i", "u", "e", "o"),
    "かきくけこ": ("ka", "ki", "ku", "ke", "ko"),
    "がぎぐげご": ("ga", "gi", "gu", "ge", "go"),
    "さしすせそ": ("sa", "shi", "su", "se", "so"),
    "ざじずぜぞ": ("za", "ji", "zu", "ze", "zo"),
    "たちつてと": ("ta", "chi", "tsu", "te", "to"),
    "だぢづでど": ("da", "ji", "zu", "de", "do"),
    "なにぬねの": ("na", "ni", "nu", "ne", "no"),
    "はひふへほ": ("ha", "hi", "fu", "he", "ho"),
    "ばびぶべぼ": ("ba", "bi", "bu", "be", "bo"),
    "ぱぴぷぺぽ": ("pa", "pi", "pu", "pe", "po"),
    "まみむめも": ("ma", "mi", "mu", "me", "mo"),
    "らりるれろ": ("ra", "ri", "ru", "re", "ro"),
    "やゆよ": ("ya", "yu", "yo"),
    "わゐゑを": ("wa", "i", "e", "o"),
    "ん": ("n",),
    "ゔ": ("vu",),
}
_KANA: dict[str, str] = {
    kana: roman
    for row, romans in _KANA_ROWS.items()
    for kana, roman in zip(row, romans, strict=True)
}
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o"}
_SMALL_VOWELS = {"ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o"}
_SOKUON = "っ"
_LONG_MARK = "ー"  # Hepburn writes a macron; a slug drops it (コーヒー -> kohi)
_KATAKANA_SHIFT = 0x60

# Han characters have no reading without a dictionary (日本 is nihon or nippon, 中 zhong).
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_BAD_SLUG_CHARS = re.compile(r"[\s/\\?#%*:|\"<>]")


@dataclass(frozen=True)
class SlugProposal:
    """A slug for a title, or why the writer has to type one (slug is then "")."""

    slug: str
    ask_reason: str = ""


def _hangul_syllable(char: str) -> tuple[int, int, int] | None:
    code = ord(char) - 0xAC00
    if not 0 <= code < 11172:
        return None
    return code // 588, (code % 588) // 28, code % 28


def romanize_hangul(text: str) -> str:
    """Hangul syllables in Revised Romanization (liaison and ㄹ rules); other text kept."""
    out: list[str] = []
    chars = list(text)
    carried = ""  # a final moved onto this syllable
    for i, char in enumerate(chars):
        parts = _hangul_syllable(char)
        if parts is None:
            out.append(char)
            carried = ""
            continue
        initial, medial, final = parts
        following = _hangul_syllable(chars[i + 1]) if i + 1 < len(chars) else None
        if initial == _SILENT and carried:
            head = carried
        elif initial == _RIEUL and out and _ends_with_final(chars, i, (_FINAL_N, _FINAL_L)):
            head = "l"  # 신라 -> silla, 블로그 -> beullogeu
        elif initial == _RIEUL and i > 0 and _ends_with_final(chars, i, None):
            head = "n"  # 종로 -> jongno
        else:
            head = _INITIALS[initial]
        carried = ""
        tail = _FINALS[final]
        if final and following is not None:
            if following[0] == _SILENT:
                tail, carried = _LIAISON[final]
            elif following[0] == _RIEUL and final in (_FINAL_N, _FINAL_L):
                tail = "l"
        out.append(head + _MEDIALS[medial] + tail)
    return "".join(out)


def _ends_with_final(chars: list[str], i: int, finals: tuple[int, ...] | None) -> bool:
    before = _hangul_syllable(chars[i - 1]) if i > 0 else None
    if before is None or before[2] == 0:
        return False
    return finals is None or before[2] in finals


def romanize_kana(text: str) -> str:
    """Hiragana and katakana in Hepburn romaji (long vowels unmarked); other text kept."""
    # Katakana read as hiragana; the long-vowel mark and middle dot are not shifted.
    plain = "".join(chr(ord(c) - _KATAKANA_SHIFT) if "\u30a1" <= c <= "\u30f6" else c for c in text)
    out: list[str] = []
    double_next = False
    for char in plain:
        if char == _SOKUON:
            double_next = True
            continue
        if char in _SMALL_Y and out and out[-1].endswith("i") and len(out[-1]) > 1:
            stem = out[-1][:-1]
            # shi+ya -> sha, chi+ya -> cha, ji+ya -> ja; ki+ya -> kya.
            joined = stem if stem.endswith(("sh", "ch", "j")) else stem + "y"
            out[-1] = joined + _SMALL_Y[char]
            continue
        if char in _SMALL_VOWELS and out and len(out[-1]) > 1:
            out[-1] = out[-1][:-1] + _SMALL_VOWELS[char]  # ファ -> fa, ティ -> ti
            continue
        if char == _LONG_MARK:
            continue
        roman = _KANA.get(char) or _SMALL_VOWELS.get(char) or char
        if double_next and roman[:1].isascii() and roman[:1].isalpha():
            roman = ("t" + roman) if roman.startswith("ch") else roman[0] + roman
        double_next = False
        out.append(roman)
    return "".join(out)


def _fold(text: str) -> str:
    """Latin letters without their marks (é -> e, ß -> ss); other characters dropped."""
    text = text.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii())


def propose_slug(title: str) -> SlugProposal:
    """The slug a title suggests; for Han characters or other scripts, the reason to ask."""
    title = unicodedata.normalize("NFC", title.strip())
    if not title:
        return SlugProposal("", "Type a title, or a slug.")
    if _HAN.search(title):
        return SlugProposal(
            "", "Kanji and Chinese characters have no reading without a dictionary: type the slug."
        )
    latin = _fold(romanize_kana(romanize_hangul(title.lower())))
    # github-slugger keeps letters and digits and turns the rest into hyphens; one hyphen each.
    slug = _NOT_SLUG.sub("-", latin.replace("'", "")).strip("-")
    letters = [c for c in title if c.isalpha()]
    dropped = [c for c in letters if not _fold(romanize_kana(romanize_hangul(c)))]
    if not slug or len(dropped) * 2 > len(letters):
        return SlugProposal("", "This script has no romanization here: type the slug.")
    return SlugProposal(slug)


def slug_problem(slug: str) -> str | None:
    """Why slug cannot name a post file, or None when it can."""
    if not slug:
        return "The slug is empty."
    if slug != slug.strip() or _BAD_SLUG_CHARS.search(slug):
        return 'A slug has no spaces, slashes or ?#%*:|"<> characters.'
    if slug.startswith(".") or slug.startswith("-"):
        return "A slug does not start with a dot or a hyphen."
    return None
