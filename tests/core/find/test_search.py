"""Workspace search: plain, case, whole word, regex, CJK, overrides, cap, file encodings."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

from editor.core import resources
from editor.core.find import (
    MATCH_CAP,
    SearchQuery,
    compile_query,
    search_posts,
    search_text,
)
from editor.core.find.search import CONTEXT_CHARS
from editor.core.workspace import PostIndex

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "deepseek-v4-release.ko.md"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(resources.sample_site_dir(), target)
    shutil.copyfile(FIXTURE, target / "src/content/blog/ko/deepseek-v4-release.md")
    return target


def index_of(root: Path) -> PostIndex:
    index = PostIndex(root)
    index.scan()
    return index


def lines_found(text: str, query: SearchQuery) -> list[tuple[int, str]]:
    pattern = compile_query(query)
    assert not isinstance(pattern, str), pattern
    return [
        (m.line, m.context[m.context_start : m.context_end]) for m in search_text(pattern, text)
    ]


def test_plain_search_is_case_insensitive_unless_match_case():
    text = "Astro builds.\nastro again\nASTRO loud"
    assert [line for line, _ in lines_found(text, SearchQuery("astro"))] == [1, 2, 3]
    assert lines_found(text, SearchQuery("astro", match_case=True)) == [(2, "astro")]


def test_plain_search_treats_regex_characters_literally():
    assert lines_found("a.b axb [x] (y)", SearchQuery("a.b")) == [(1, "a.b")]
    assert lines_found("a.b axb [x] (y)", SearchQuery("[x]")) == [(1, "[x]")]


def test_whole_word_needs_latin_boundaries_but_not_against_cjk():
    text = "index indexes reindex\nAstro를 사용\nmyAstro"
    assert lines_found(text, SearchQuery("index", whole_word=True)) == [(1, "index")]
    assert lines_found(text, SearchQuery("astro", whole_word=True)) == [(2, "Astro")]
    assert lines_found("빌드 파이프라인입니다", SearchQuery("파이프라인", whole_word=True)) == [
        (1, "파이프라인")
    ]


def test_a_regex_with_global_flags_can_match_whole_words():
    text = "A cat\nacat and Cat"
    query = SearchQuery("(?i)cat", regex=True, match_case=True, whole_word=True)
    assert lines_found(text, query) == [(1, "cat"), (2, "Cat")]
    query = SearchQuery("(?x) c a t", regex=True, match_case=True, whole_word=True)
    assert lines_found(text, query) == [(1, "cat")]


def test_korean_japanese_and_chinese_match_as_written():
    text = "# 제목\n빌드 파이프라인입니다.\nビルドのパイプライン\n构建流水线与部署"
    assert lines_found(text, SearchQuery("파이프라인")) == [(2, "파이프라인")]
    assert lines_found(text, SearchQuery("パイプライン")) == [(3, "パイプライン")]
    assert lines_found(text, SearchQuery("流水线")) == [(4, "流水线")]


def test_columns_count_characters_and_utf16_units_after_an_emoji():
    pattern = compile_query(SearchQuery("검색"))
    assert not isinstance(pattern, str)
    [match] = search_text(pattern, "첫 줄\n🚀 검색 기능")
    assert (match.line, match.start, match.end) == (2, 2, 4)
    assert (match.start16, match.end16) == (3, 5)


def test_regex_search_with_groups_anchors_and_case():
    text = "pubDate: '2026-02-18'\nupdatedDate: 2026-03-01\n"
    query = SearchQuery(r"^\w+Date: '?\d{4}-\d\d", regex=True)
    assert [line for line, _ in lines_found(text, query)] == [1, 2]
    assert lines_found(text, SearchQuery("PUBDATE", regex=True, match_case=True)) == []


def test_invalid_regex_is_a_message_not_an_exception(site):
    result = search_posts(SearchQuery("(unclosed", regex=True), index_of(site).entries())
    assert result.error is not None and result.error.startswith("regex error: ")
    assert "position" in result.error
    assert result.posts == [] and result.total == 0


def test_empty_matches_are_skipped():
    assert lines_found("abc\n\n", SearchQuery("x*", regex=True)) == []


def test_long_lines_are_trimmed_around_the_match():
    line = "가" * 1000 + "needle" + "나" * 1000
    [match] = search_text(compile_query(SearchQuery("needle")), line)  # type: ignore[arg-type]
    assert match.start == 1000
    assert len(match.context) <= CONTEXT_CHARS + 2
    assert match.context.startswith("…") and match.context.endswith("…")
    assert match.context[match.context_start : match.context_end] == "needle"


def test_search_posts_groups_korean_matches_by_post_with_titles(site):
    result = search_posts(SearchQuery("파이프라인"), index_of(site).entries())
    assert result.error is None and not result.capped
    rel_paths = {post.rel_path for post in result.posts}
    assert "src/content/blog/ko/astro-build-pipeline.md" in rel_paths
    assert result.total == sum(len(post.matches) for post in result.posts)
    assert result.searched == len(index_of(site).entries())
    post = next(p for p in result.posts if p.rel_path.endswith("ko/astro-build-pipeline.md"))
    assert post.title == "GitHub Actions로 만드는 Astro 정적 사이트 빌드 파이프라인"
    text = post.path.read_text(encoding="utf-8").split("\n")
    for match in post.matches:
        assert text[match.line - 1][match.start : match.end] == "파이프라인"


def test_fixture_post_is_found_by_a_korean_phrase(site):
    result = search_posts(SearchQuery("DeepSeek"), index_of(site).entries())
    assert any(p.rel_path.endswith("ko/deepseek-v4-release.md") for p in result.posts)


def test_unsaved_text_is_searched_instead_of_the_file(site):
    entries = index_of(site).entries()
    post = next(e for e in entries if e.rel_path.endswith("ko/astro-build-pipeline.md"))
    overrides = {post.path: "---\ntitle: x\n---\n\n미저장 고유어 단락\n"}
    result = search_posts(SearchQuery("미저장 고유어"), entries, overrides)
    assert [(p.path, [m.line for m in p.matches]) for p in result.posts] == [(post.path, [5])]
    assert search_posts(SearchQuery("파이프라인"), [post], overrides).posts == []


def test_the_cap_stops_the_search_and_says_so(site):
    entries = index_of(site).entries()
    capped = search_posts(SearchQuery("a"), entries, cap=50)
    assert capped.capped and capped.total == 50
    exact = search_posts(SearchQuery("미저장"), entries, {entries[0].path: "미저장 " * 3}, cap=3)
    assert exact.total == 3 and not exact.capped, "exactly the cap is not 'stopped at the cap'"
    assert MATCH_CAP == 10_000


def test_crlf_and_bom_files_report_the_lines_an_editor_shows(tmp_path):
    blog = tmp_path / "src/content/blog/ko"
    blog.mkdir(parents=True)
    (blog / "crlf.md").write_bytes(
        "---\r\ntitle: 하나\r\n---\r\n\r\n첫째\r\n검색어 여기\r\n".encode()
    )
    (blog / "bom.md").write_bytes(codecs.BOM_UTF8 + "---\ntitle: 둘\n---\n검색어\n".encode())
    (blog / "utf16.md").write_bytes(
        codecs.BOM_UTF16_LE + "---\ntitle: 셋\n---\n\n\n검색어".encode("utf-16-le")
    )
    (blog / "broken.md").write_bytes(b"---\ntitle: x\n---\n\xff\xfe\xfa")
    result = search_posts(SearchQuery("검색어"), index_of(tmp_path).entries())
    found = {p.path.name: [(m.line, m.start) for m in p.matches] for p in result.posts}
    assert found == {"crlf.md": [(6, 0)], "bom.md": [(4, 0)], "utf16.md": [(6, 0)]}
    assert len(result.unreadable) == 1 and "broken.md" in result.unreadable[0]


def test_cancelling_stops_between_posts_and_progress_reaches_the_end(site):
    entries = index_of(site).entries()
    seen: list[tuple[int, int]] = []
    done = search_posts(SearchQuery("astro"), entries, progress=lambda d, t: seen.append((d, t)))
    assert seen[0] == (0, len(entries)) and seen[-1] == (len(entries), len(entries))
    assert not done.cancelled
    stopped = search_posts(SearchQuery("astro"), entries, cancelled=lambda: True)
    assert stopped.cancelled and stopped.posts == []
