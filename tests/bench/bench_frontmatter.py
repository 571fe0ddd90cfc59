"""Frontmatter and schema benchmarks on a generated 20,000-post workspace in four languages.

Each figure is set next to a floor measured in the same run: reading the same files and
loading their YAML with PyYAML's fastest loader, or re-dumping a frontmatter whole (what a
tool that rewrites the block would do).
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from editor.core.frontmatter import find_block, parse_frontmatter, set_value
from editor.core.schema import load_site_schema, validate_post
from editor.core.storage import read_text_file
from editor.core.workspace import PostIndex
from tests.bench.workspace_gen import frontmatter, generate_site

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _floor_load(paths: list[Path]) -> None:
    for path in paths:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        block = find_block(text)
        if block is not None:
            yaml.load(text[block.body_start : block.body_end], Loader=Loader)


def _parse_and_validate(site: Path, paths: list[Path]) -> int:
    schema = load_site_schema(site)
    problems = 0
    for path in paths:
        text = read_text_file(path).text
        collection = schema.collection_for(path)
        if collection is not None:
            problems += len(validate_post(text, collection))
        else:
            parse_frontmatter(text)
    return problems


def main(slugs: int = 5000) -> list[tuple[str, str, str, str]]:
    """Return the table rows: (figure, Postdesk, floor, ratio)."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        paths = generate_site(site, slugs, paragraphs=3)
        count = len(paths)
        floor = _timed(lambda: _floor_load(paths))
        scan = _timed(lambda: PostIndex(site).scan())
        rows.append(
            (
                f"index scan, {count:,} posts (titles)",
                f"{scan:.2f} s",
                f"{floor:.2f} s",
                f"{scan / floor:.1f}x",
            )
        )
        validate = _timed(lambda: _parse_and_validate(site, paths))
        rows.append(
            (
                f"parse + validate, {count:,} posts",
                f"{validate:.2f} s",
                f"{floor:.2f} s",
                f"{validate / floor:.1f}x",
            )
        )

    rng = random.Random(3)
    text = frontmatter(rng, "ko", "big", ["a", "b", "c"], extra_lines=980) + "\nbody\n"
    lines = text.count("\n")
    block = find_block(text)
    assert block is not None
    fm_text = text[block.body_start : block.body_end]

    def redump() -> None:
        data = yaml.load(fm_text, Loader=Loader)
        data["title"] = "New title"
        yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False)

    patch_times, dump_times = [], []
    for i in range(21):
        patch_times.append(_timed(lambda i=i: set_value(text, ("title",), f"New title {i}")))
        dump_times.append(_timed(redump))
    p50, d50 = statistics.median(patch_times), statistics.median(dump_times)
    rows.append(
        (
            f"set title in a {lines:,}-line frontmatter (median of 21)",
            f"{p50 * 1000:.1f} ms",
            f"{d50 * 1000:.1f} ms (load+dump)",
            f"{p50 / d50:.1f}x",
        )
    )
    return rows
