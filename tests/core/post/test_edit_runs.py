"""Runs of form edits: a run of keystrokes in one field patches the text before the run."""

from __future__ import annotations

import pytest

from editor.core.frontmatter import PatchError, parse_frontmatter
from editor.core.frontmatter.requests import InsertItem, SetValue
from editor.core.post import EditRuns

TEXT = "---\ntitle: Post\ntags: [a]\n---\nbody\n"


def typed(runs: EditRuns, text: str, path: tuple[str | int, ...], value: object) -> str:
    """The text after the form asks to set path to value (as DocumentSession applies it)."""
    step = runs.patch(text, SetValue(path, value))
    return step.change.apply(text) if step.change is not None else text


def test_a_trailing_space_while_typing_a_plain_title_does_not_quote_it_for_good():
    runs = EditRuns()
    text = typed(runs, TEXT, ("title",), "Hello ")
    assert "title: 'Hello '\n" in text  # the passing state needs quotes...
    text = typed(runs, text, ("title",), "Hello W")
    assert "title: Hello W\n" in text  # ...the next keystroke does not keep them


def test_without_runs_each_keystroke_patches_the_current_text():
    text = typed(EditRuns(), TEXT, ("title",), "Hello ")
    assert "title: 'Hello W'\n" in typed(EditRuns(), text, ("title",), "Hello W")


def test_an_edit_of_the_text_between_keystrokes_starts_a_new_run():
    runs = EditRuns()
    text = typed(runs, TEXT, ("title",), "Hello ")
    text = text.replace("body", "body edited by hand")
    text = typed(runs, text, ("title",), "Hello W")
    assert "title: 'Hello W'\n" in text  # patched against the text as it now is
    assert text.endswith("body edited by hand\n")


def test_another_field_starts_a_new_run_and_keeps_the_first_fields_value():
    runs = EditRuns()
    text = typed(runs, TEXT, ("title",), "Hello ")
    text = typed(runs, text, ("subtitle",), "x")
    text = typed(runs, text, ("title",), "Hello W")
    data = parse_frontmatter(text).data
    assert (data["title"], data["subtitle"]) == ("Hello W", "x")
    assert "title: 'Hello W'\n" in text  # the run began from the quoted title


def test_a_list_edit_is_never_part_of_a_run():
    runs = EditRuns()
    step = runs.patch(TEXT, InsertItem(("tags",), 1, "b"))
    assert step.merge_key is None
    text = step.change.apply(TEXT)
    step = runs.patch(text, InsertItem(("tags",), 2, "c"))
    assert parse_frontmatter(step.change.apply(text)).data["tags"] == ["a", "b", "c"]


def test_keystrokes_of_one_field_share_a_merge_key_for_the_undo_step():
    runs = EditRuns()
    first = runs.patch(TEXT, SetValue(("title",), "A"))
    second = runs.patch(first.change.apply(TEXT), SetValue(("title",), "AB"))
    assert first.merge_key is not None and first.merge_key == second.merge_key


def test_the_patch_is_cut_to_the_change_against_the_current_text():
    runs = EditRuns()
    text = typed(runs, TEXT, ("title",), "Hello ")
    step = runs.patch(text, SetValue(("title",), "Hello W"))
    assert step.change is not None
    assert len(step.change.text) < len("title: Hello W")  # not the whole line again


def test_setting_the_value_the_text_already_holds_patches_nothing():
    assert EditRuns().patch(TEXT, SetValue(("title",), "Post")).change is None


def test_a_refused_edit_leaves_the_run_as_it_was():
    runs = EditRuns()
    text = typed(runs, TEXT, ("title",), "Hello ")
    with pytest.raises(PatchError):
        runs.patch(text, SetValue(("tags", 5), "z"))
    text = typed(runs, text, ("title",), "Hello W")
    assert "title: Hello W\n" in text
