"""editor.core.schema.validate: frontmatter problems against the schema, on the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.frontmatter import format_path
from editor.core.schema import Collection, Field, FieldType, read_astro_config, validate_post

REPO = Path(__file__).resolve().parents[3]
FIXTURE = (REPO / "tests" / "fixtures" / "deepseek-v4-release.ko.md").read_text(encoding="utf-8")
BLOG = read_astro_config(REPO / "resources" / "sample-site").collections[0]


def _line_of(text: str, needle: str, occurrence: int = 1) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


def _only(problems, severity="error"):
    assert len(problems) == 1, problems
    assert problems[0].severity == severity
    return problems[0]


def test_the_reference_post_has_no_problems():
    assert validate_post(FIXTURE, BLOG) == []


def test_sample_site_posts_have_no_problems():
    posts = sorted((REPO / "resources" / "sample-site" / "src" / "content").rglob("*.md"))
    assert posts
    for post in posts:
        assert validate_post(post.read_text(encoding="utf-8"), BLOG) == [], post


def test_score_above_the_maximum_is_an_error_on_its_own_line():
    text = FIXTURE.replace("score: 0.94", "score: 1.5", 1)
    problem = _only(validate_post(text, BLOG))
    assert problem.path == ("relatedPosts", 2, "score")
    assert problem.line == _line_of(text, "score: 1.5")
    assert problem.message == "relatedPosts[2].score is 1.5, above the maximum 1."


def test_missing_title_is_an_error_on_the_opening_fence():
    text = FIXTURE.replace(FIXTURE.splitlines()[1] + "\n", "", 1)
    problem = _only(validate_post(text, BLOG))
    assert (problem.path, problem.line) == (("title",), 1)
    assert "missing" in problem.message


def test_a_quoted_iso_date_is_valid_and_an_unparseable_one_is_not():
    for good in ("'2026-02-18'", "2026-02-18", "2026-02-18T09:30:00+09:00", "'Feb 18, 2026'"):
        assert validate_post(FIXTURE.replace("'2026-02-18'", good), BLOG) == [], good
    text = FIXTURE.replace("pubDate: '2026-02-18'", "pubDate: 'not a date'")
    problem = _only(validate_post(text, BLOG))
    assert (problem.path, problem.line) == (("pubDate",), _line_of(text, "pubDate:"))
    assert "not a date" in problem.message


def test_an_unknown_key_is_a_warning_that_astro_drops_it():
    text = FIXTURE.replace("tags:\n", "categroy: ai\ntags:\n", 1)
    problem = _only(validate_post(text, BLOG), "warning")
    assert (problem.path, problem.line) == (("categroy",), _line_of(text, "categroy"))
    assert "drops unknown keys" in problem.message


def test_invalid_yaml_is_one_error_with_the_parser_line():
    text = FIXTURE.replace("tags:\n  - ai\n", "tags:\n  - ai\n bad: [\n", 1)
    problem = _only(validate_post(text, BLOG))
    assert problem.path == ()
    assert problem.message.startswith("The frontmatter is not valid YAML:")
    assert _line_of(text, "tags:") <= problem.line <= _line_of(text, "relatedPosts:") + 1


def test_missing_nested_key_points_at_its_parent_and_wrong_types_say_what_to_expect():
    text = FIXTURE.replace("      zh: 在AI/ML领域涵盖类似主题，难度相当。\n", "", 1)
    text = text.replace("  - llm\n", "  - 42\n", 1)
    problems = validate_post(text, BLOG)
    assert [p.path for p in problems] == [("tags", 1), ("relatedPosts", 0, "reason", "zh")]
    assert problems[0].line == _line_of(text, "  - 42")
    assert (
        problems[0].message == "tags[1] is a number, but the schema expects text; put it in quotes."
    )
    assert problems[1].line == _line_of(text, "    reason:")


@pytest.mark.parametrize(
    ("line", "replacement", "path", "words"),
    [
        ("draft: true", "draft: 'yes'", "draft", "true or false without quotes"),
        ("draft: true", "draft:", "draft", "is empty"),
        ("draft: true", "tags: ai", "tags", "expects a list of text"),
        ("draft: true", "relatedPosts: {slug: x}", "relatedPosts", "expects a list"),
        ("draft: true", "heroImage: 3", "heroImage", "expects an image path"),
    ],
)
def test_wrong_value_kinds_are_errors(line, replacement, path, words):
    text = FIXTURE.replace("tags:\n", f"{line}\ntags:\n", 1)
    assert validate_post(text, BLOG) == []
    text = text.replace(line, replacement, 1)
    if path in ("tags", "relatedPosts"):
        text = _drop_key(text, path)
    problem = _only(validate_post(text, BLOG))
    assert problem.path == (path,) and words in problem.message, problem


def _drop_key(text: str, key: str) -> str:
    """Remove the original block value of a key, leaving the replacement written above."""
    lines = text.split("\n")
    start = max(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    end = start + 1
    while end < len(lines) and lines[end].startswith(" "):
        end += 1
    return "\n".join(lines[:start] + lines[end:])


def test_enum_number_and_length_checks():
    collection = Collection(
        "docs",
        None,
        "",
        (
            Field("status", FieldType.ENUM, choices=("draft", "published")),
            Field("order", FieldType.NUMBER, integer=True, minimum=1),
            Field("title", FieldType.TEXT, max_length=5),
            Field("flag", FieldType.ENUM, choices=(1,)),
            Field("extra", FieldType.UNKNOWN, required=False),
        ),
        "config",
    )
    text = "---\nstatus: archived\norder: 0.5\ntitle: too long\nflag: true\nextra: [1]\n---\n"
    problems = validate_post(text, collection)
    messages = {format_path(p.path): p.message for p in problems}
    assert messages["status"] == "status is 'archived'; it must be one of 'draft', 'published'."
    assert [p.message for p in problems if p.path == ("order",)] == [
        "order is 0.5; the schema expects a whole number.",
        "order is 0.5, below the minimum 1.",
    ]
    assert messages["title"] == "title has 8 characters; the maximum is 5."
    assert "flag" in messages
    assert "extra" not in messages


def test_defaults_make_a_key_optional_and_slug_is_not_unknown():
    collection = Collection(
        "blog", None, "", (Field("tags", FieldType.LIST, default=[]),), "config"
    )
    assert validate_post("---\nslug: custom\n---\n", collection) == []


def test_inferred_schemas_only_warn():
    collection = Collection(
        "posts", None, "", (Field("title", FieldType.TEXT, source="inferred"),), "inferred"
    )
    problems = validate_post("---\ntitle: 3\nnew: x\n---\n", collection)
    assert [(p.path, p.severity) for p in problems] == [
        (("title",), "warning"),
        (("new",), "warning"),
    ]


def test_a_post_without_frontmatter_and_a_schema_that_was_not_read():
    problem = _only(validate_post("# Just a body\n", BLOG))
    assert "no frontmatter block" in problem.message and "title" in problem.message
    empty = Collection("feed", None, "", (), "config", note="schema not read")
    assert validate_post("---\nanything: 1\n---\n", empty) == []


def test_toml_frontmatter_is_checked_with_top_level_lines():
    text = '+++\ntitle = "x"\ndescription = "d"\npubDate = "nope"\n+++\n'
    problem = _only(validate_post(text, BLOG))
    assert (problem.path, problem.line) == (("pubDate",), 4)


def test_crlf_text_reports_the_same_lines():
    text = FIXTURE.replace("score: 0.94", "score: -1", 1)
    (lf,) = validate_post(text, BLOG)
    (crlf,) = validate_post(text.replace("\n", "\r\n"), BLOG)
    assert lf == crlf and "below the minimum 0" in lf.message


def test_a_problem_carries_its_path_as_parts_and_names_it_as_the_form_does():
    collection = Collection("docs", None, "", (Field("title", FieldType.TEXT),), "config")
    (problem,) = validate_post("---\ntitle: t\nog.image: x\n---\n", collection)
    assert problem.path == ("og.image",)
    assert problem.message.startswith('["og.image"] is not in the docs schema')
