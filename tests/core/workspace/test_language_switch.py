"""Language switching: labels, slots of the bar, next/previous language, the one to compare."""

from __future__ import annotations

from pathlib import Path

from editor.core.workspace import PostIndex
from editor.core.workspace.families import group_families
from editor.core.workspace.language_switch import (
    beside_language,
    language_label,
    language_slots,
    native_name,
    step_language,
)


def _site(root: Path, missing: set[tuple[str, str]] = frozenset()):
    (root / "astro.config.mjs").write_text("export default {}\n")
    for slug in ("alpha", "beta"):
        for lang in ("ko", "ja", "en", "zh"):
            if (slug, lang) in missing:
                continue
            path = root / f"src/content/blog/{lang}/{slug}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\ntitle: {slug} {lang}\n---\nBody\n", encoding="utf-8")
    index = PostIndex(root)
    index.scan()
    return group_families(index.entries(), ["ko", "ja", "en", "zh"])


def _post(root: Path, lang: str, slug: str = "beta") -> Path:
    return (root / f"src/content/blog/{lang}/{slug}.md").resolve()


def test_labels_show_code_and_native_name() -> None:
    """Common codes get their own name, regional codes their language's, others the code."""
    assert [language_label(c) for c in ("ko", "ja", "en", "zh")] == [
        "KO 한국어",
        "JA 日本語",
        "EN English",
        "ZH 中文",
    ]
    assert native_name("zh-TW") == "繁體中文"
    assert native_name("de_AT") == "Deutsch"
    assert language_label("tlh") == "TLH"


def test_slots_follow_site_order_and_mark_missing_and_current(tmp_path: Path) -> None:
    """Every site language has a slot; the missing one has no post; the open one is current."""
    site = _site(tmp_path, {("beta", "zh")})
    family = site.of(_post(tmp_path, "ja"))
    slots = language_slots(family, site.languages, _post(tmp_path, "ja"))
    assert [s.lang for s in slots] == ["ko", "ja", "en", "zh"]
    assert [s.current for s in slots] == [False, True, False, False]
    assert slots[3].post is None
    assert slots[0].post == _post(tmp_path, "ko")


def test_step_wraps_around_present_languages(tmp_path: Path) -> None:
    """Next from en skips the missing zh and wraps to ko; previous from ko wraps to en."""
    site = _site(tmp_path, {("beta", "zh")})
    family = site.of(_post(tmp_path, "ko"))
    assert step_language(family, _post(tmp_path, "ko"), 1) == _post(tmp_path, "ja")
    assert step_language(family, _post(tmp_path, "en"), 1) == _post(tmp_path, "ko")
    assert step_language(family, _post(tmp_path, "ko"), -1) == _post(tmp_path, "en")


def test_step_needs_a_sibling(tmp_path: Path) -> None:
    """A post alone in its family has nowhere to step."""
    site = _site(tmp_path, {("beta", "ja"), ("beta", "en"), ("beta", "zh")})
    family = site.of(_post(tmp_path, "ko"))
    assert step_language(family, _post(tmp_path, "ko"), 1) is None
    assert beside_language(family, _post(tmp_path, "ko")) is None


def test_beside_compares_a_translation_with_the_source(tmp_path: Path) -> None:
    """A translation is compared with the first language; the source with the next one."""
    site = _site(tmp_path, {("beta", "ja")})
    family = site.of(_post(tmp_path, "ko"))
    assert beside_language(family, _post(tmp_path, "zh")) == "ko"
    assert beside_language(family, _post(tmp_path, "ko")) == "en"
