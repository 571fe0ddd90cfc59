"""What the index reads from a post's Markdown body: links, images and a word count."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["BodyFacts", "count_words", "scan_body"]

# Cheap regexes, not a Markdown render: the index reads every post of a site at open time.
# Fenced code (``` or ~~~, to the closing fence or the end) and inline code hold no links.
_FENCE = re.compile(
    r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[`~]*[ \t]*$|\Z)",
    re.MULTILINE | re.DOTALL,
)
_INLINE_CODE = re.compile(r"(`+)[^`\n][^\n]*?\1")
# Link text may hold one level of brackets, as in `[![alt](img.png)](href)`.
_TEXT = r"\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]"
_TARGET = r"\(\s*(?:<([^>\n]*)>|([^\s()]*(?:\([^\s()]*\)[^\s()]*)*))"
_MD_IMAGE = re.compile(r"!" + _TEXT + _TARGET)
_MD_LINK = re.compile(r"(?<!!)" + _TEXT + _TARGET)
_REF_DEF = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
_HTML_LINK = re.compile(r"<a\s[^>]*?\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_HTML_IMAGE = re.compile(r"<img\s[^>]*?\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^\s<>]+)>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
# Characters counted one word each, as CJK word counters do: Han (with extensions and
# compatibility ideographs), Hiragana, Katakana (with half-width forms), Hangul syllables
# and jamo.
_CJK_RANGES = (
    "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
_CJK_RUNS = re.compile(f"[{_CJK_RANGES}]+")
# A run of other word characters ("don't" is one word). Counting CJK characters as what a
# substitution removes, and words with findall, is several times faster than one regex.
_WORD = re.compile(rf"[^\W{_CJK_RANGES}]+(?:['’][^\W{_CJK_RANGES}]+)*")


@dataclass(frozen=True)
class BodyFacts:
    """Links, images and words of a Markdown body."""

    links: tuple[str, ...] = ()
    images: tuple[str, ...] = ()
    words: int = 0


def count_words(text: str) -> int:
    """Latin-script words plus one per CJK character (Han, Kana, Hangul)."""
    return len(text) - len(_CJK_RUNS.sub("", text)) + len(_WORD.findall(text))


def _targets(pattern: re.Pattern[str], text: str) -> list[str]:
    out = []
    for match in pattern.finditer(text):
        href = next((g for g in match.groups() if g), "")
        if href:
            out.append(href.strip())
    return out


def scan_body(body: str) -> BodyFacts:
    """Links and images in order of appearance (each once) and the word count of a body."""
    if "```" in body or "~~~" in body:
        body = _FENCE.sub("\n", body)
    if "`" in body:
        body = _INLINE_CODE.sub(" ", body)
    markdown = "](" in body
    images = _targets(_MD_IMAGE, body) if markdown else []
    links = _targets(_MD_LINK, body) if markdown else []
    if "<" in body:
        images += _targets(_HTML_IMAGE, body)
        links += _targets(_HTML_LINK, body) + _targets(_AUTOLINK, body)
    if "]:" in body:
        links += _targets(_REF_DEF, body)
    # Words are the prose: link targets, image syntax and tags are not read.
    prose = body
    if markdown:
        prose = _MD_IMAGE.sub(" ", prose)
        prose = _MD_LINK.sub(lambda m: m.group(0)[: m.group(0).rfind("](") + 1], prose)
    if "<" in prose:
        prose = _HTML_TAG.sub(" ", prose)
    return BodyFacts(tuple(dict.fromkeys(links)), tuple(dict.fromkeys(images)), count_words(prose))
