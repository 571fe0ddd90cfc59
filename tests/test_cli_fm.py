"""`postdesk fm` and `postdesk schema`: the same core as the form, from the command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor.cli import main
from editor.core import resources

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "deepseek-v4-release.ko.md"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(resources.sample_site_dir(), target)
    post = target / "src/content/blog/ko/deepseek-v4-release.md"
    shutil.copyfile(FIXTURE, post)
    return target


@pytest.fixture
def post(site: Path) -> Path:
    return site / "src/content/blog/ko/deepseek-v4-release.md"


def changed(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b), "no line was added or removed"
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_get_prints_the_whole_frontmatter_or_one_value_as_json(capsys, post):
    code, out, _ = run(capsys, "fm", "get", str(post))
    assert code == 0
    data = json.loads(out)
    assert data["pubDate"] == "2026-02-18"
    assert data["tags"][0] == "ai"
    code, out, _ = run(capsys, "fm", "get", str(post), "relatedPosts[4].reason.ja")
    assert json.loads(out) == "次のステップの学習に適しており、AI/MLのトピックで繋がります。"


def test_set_title_changes_exactly_the_title_line(capsys, post):
    before = post.read_text(encoding="utf-8")
    code, _, err = run(capsys, "fm", "set", str(post), "title=New title")
    assert (code, err) == (0, "")
    assert changed(before, post.read_text(encoding="utf-8")) == [
        ("title: DeepSeek V4 출시 임박 — 중국 AI 차세대 모델 경쟁 가속화", "title: New title")
    ]


def test_set_nested_values_and_tags_in_one_call(capsys, post):
    before = post.read_text(encoding="utf-8")
    code, _, err = run(
        capsys,
        "fm",
        "set",
        str(post),
        "relatedPosts[1].score=0.9",
        "relatedPosts[0].reason.ja=新しい理由",
        "pubDate=2026-03-01",
    )
    assert (code, err) == (0, "")
    assert changed(before, post.read_text(encoding="utf-8")) == [
        ("pubDate: '2026-02-18'", "pubDate: '2026-03-01'"),
        (
            "      ja: AI/ML分野で類似したトピックを扱い、同程度の難易度です。",
            "      ja: 新しい理由",
        ),
        ("    score: 0.95", "    score: 0.9"),
    ]


def test_tags_plus_and_minus_equals_add_and_remove_items(capsys, post):
    assert run(capsys, "fm", "set", str(post), "tags+=astro")[0] == 0
    assert run(capsys, "fm", "set", str(post), "tags-=llm")[0] == 0
    _code, out, _ = run(capsys, "fm", "get", str(post), "tags")
    assert json.loads(out) == ["ai", "deepseek", "open-source", "china-ai", "astro"]


def test_del_removes_a_key_or_an_item(capsys, post):
    assert run(capsys, "fm", "del", str(post), "relatedPosts[3]")[0] == 0
    _code, out, _ = run(capsys, "fm", "get", str(post), "relatedPosts")
    assert [r["slug"] for r in json.loads(out)] == [
        "patent-strategy-llm-era",
        "qwen35-vending-bench-bankruptcy",
        "ai-model-rush-february-2026",
        "gpt52-theoretical-physics-discovery",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["fm", "set", "{post}", "relatedPosts[1].score=1.5"], "relatedPosts[1].score"),
        (["fm", "set", "{post}", "pubDate=soon"], "pubDate"),
        (["fm", "get", "{post}", "nope.deeper"], "nope"),
        (["fm", "del", "{post}", "relatedPosts[9]"], "relatedPosts[9]"),
        (["fm", "set", "{post}", "no-equals-sign"], "PATH=VALUE"),
        (["fm", "set", "{post}", "tags-=not-a-tag"], "not-a-tag"),
        (["fm", "set", "{post}", "draft=yes"], "'yes'"),
        (["fm", "set", "{post}", "tags=[ai, Off]"], "'Off'"),
        (["fm", "set", "{post}", "relatedPosts[0]={slug: a, on: 1}"], "'on'"),
        (["fm", "set", "{post}", "relatedPosts[0].slug=no-such-post"], "'no-such-post'"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_leaves_the_file(capsys, post, argv, message):
    before = post.read_bytes()
    code, _out, err = run(capsys, *[a.replace("{post}", str(post)) for a in argv])
    assert code == 2
    assert err.startswith("postdesk: error: ")
    assert err.count("\n") == 1
    assert message in err
    assert post.read_bytes() == before


def test_a_reference_may_name_a_post_by_its_slug_or_its_entry_id(capsys, post):
    for target in ("git-branching-workflow", "ko/git-branching-workflow"):
        code, _, err = run(capsys, "fm", "set", str(post), f"relatedPosts[0].slug={target}")
        assert (code, err) == (0, "")
        assert f"slug: {target}" in post.read_text(encoding="utf-8")


def test_invalid_yaml_is_reported_with_line_and_column(capsys, tmp_path):
    post = tmp_path / "broken.md"
    post.write_text("---\ntitle: ok\ntags: [a, b\n---\n", encoding="utf-8")
    code, _, err = run(capsys, "fm", "set", str(post), "title=x")
    assert code == 2
    assert "line" in err and "column" in err
    assert post.read_text(encoding="utf-8") == "---\ntitle: ok\ntags: [a, b\n---\n"


def test_a_post_without_frontmatter_is_refused(capsys, tmp_path):
    post = tmp_path / "plain.md"
    post.write_text("# Just text\n", encoding="utf-8")
    code, _, err = run(capsys, "fm", "get", str(post))
    assert code == 2
    assert "no frontmatter" in err


def test_crlf_and_bom_survive_a_set(capsys, tmp_path):
    post = tmp_path / "win.md"
    post.write_bytes(b"\xef\xbb\xbf---\r\ntitle: 'Old: one'\r\ntags:\r\n  - a\r\n---\r\nbody\r\n")
    assert run(capsys, "fm", "set", str(post), "title=New: two", "tags+=b")[0] == 0
    assert post.read_bytes() == (
        b"\xef\xbb\xbf---\r\ntitle: 'New: two'\r\ntags:\r\n  - a\r\n  - b\r\n---\r\nbody\r\n"
    )


def test_schema_prints_each_collection_with_where_fields_came_from(capsys, site):
    code, out, _ = run(capsys, "schema", str(site))
    assert code == 0
    blog = json.loads(out)["collections"][0]
    fields = {f["name"]: f for f in blog["fields"]}
    assert blog["name"] == "blog"
    assert fields["pubDate"]["type"] == "date"
    assert fields["heroImage"]["type"] == "image"
    assert fields["relatedPosts"]["item"]["fields"][1]["maximum"] == 1
    assert {f["source"] for f in blog["fields"]} == {"config"}


def test_the_command_runs_without_loading_qt(tmp_path):
    post = tmp_path / "p.md"
    post.write_text("---\ntitle: t\n---\n", encoding="utf-8")
    code = (
        "import sys; from editor.cli import main;"
        f"rc = main(['fm', 'get', {str(post)!r}, 'title']);"
        "assert 'PySide6' not in sys.modules, 'Qt was loaded'; sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == "t"


@pytest.mark.parametrize("indent", ["  ", ""])
def test_setting_a_list_item_to_a_mapping_with_other_keys_changes_only_that_item(
    capsys, tmp_path, indent
):
    """Outside a site schema (which would require `slug`), the item is written anew."""
    items = "".join(
        f"{indent}- slug: {slug}\n{indent}  score: {score}\n"
        for slug, score in (("a", 0.5), ("b", 0.7), ("c", 0.9))
    )
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: T\nrelatedPosts:\n{items}---\nbody\n", encoding="utf-8")
    code, _, err = run(capsys, "fm", "set", str(post), "relatedPosts[2]={reason: x}")
    assert (code, err) == (0, "")
    kept = items.replace(f"{indent}- slug: c\n{indent}  score: 0.9\n", f"{indent}- reason: x\n")
    assert post.read_text(encoding="utf-8") == f"---\ntitle: T\nrelatedPosts:\n{kept}---\nbody\n"


def test_a_date_keeps_the_type_the_file_gave_it(capsys, tmp_path):
    """`d=2026-03-01` is a date: a plain date stays plain, a quoted one stays a string."""
    post = tmp_path / "post.md"
    post.write_text("---\nplain: 2026-02-18\nquoted: '2026-02-18'\n---\n", encoding="utf-8")
    assert run(capsys, "fm", "set", str(post), "plain=2026-03-01", "quoted=2026-03-01")[0] == 0
    assert post.read_text(encoding="utf-8") == (
        "---\nplain: 2026-03-01\nquoted: '2026-03-01'\n---\n"
    )


@pytest.mark.parametrize(
    "typed",
    [
        "2022-07-16T10:00:00Z",
        "2022-07-16T10:00:00+00:00",
        "2022-07-16 10:00:00.5-07:00",
        "2022-07-16t10:00:00z",
    ],
)
def test_a_timestamp_is_written_as_typed(capsys, tmp_path, typed):
    """`Z` stays `Z` and an offset stays as written: Python alone would write `+00:00`."""
    post = tmp_path / "post.md"
    post.write_text("---\npubDate: 2020-01-01T00:00:00Z\n---\n", encoding="utf-8")
    assert run(capsys, "fm", "set", str(post), f"pubDate={typed}")[0] == 0
    assert post.read_text(encoding="utf-8") == f"---\npubDate: {typed}\n---\n"


def test_a_quoted_yaml_11_word_is_text_and_a_plain_one_elsewhere_is_kept(capsys, tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ndraft: yes\ntitle: A\n---\n", encoding="utf-8")
    assert run(capsys, "fm", "set", str(post), "title='on'")[0] == 0
    assert post.read_text(encoding="utf-8") == "---\ndraft: yes\ntitle: 'on'\n---\n"


def test_minus_equals_removes_every_equal_item_and_plus_equals_creates_a_list(capsys, tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntags: [a, b, a, 1]\n---\n", encoding="utf-8")
    assert run(capsys, "fm", "set", str(post), "tags-=a", "aliases+=x")[0] == 0
    # The new list follows the file, which writes its lists as […].
    assert post.read_text(encoding="utf-8") == "---\ntags: [b, 1]\naliases: [x]\n---\n"
    code, _, err = run(capsys, "fm", "set", str(post), "tags-=true")
    assert code == 2 and "no item" in err  # true is not the number 1
