"""The window on generated four-language sites of 1,400 and 20,000 posts: tree and memory.

A child process (tests/bench/workspace_probe.py) opens each site in the real window, with
an empty index cache and then again from the cache, and reports when the Posts tree first
showed rows, when the index, families and schema were ready, and the memory of the process
tree (QtWebEngine's processes included) with and without the site; each figure is the
median of three such probes. The floor of memory is the empty window itself. The index
as a whole process is bench_index's; the watcher's latency and stalls are bench_watcher's.
Run alone: `python -m tests.bench.bench_workspace` (needs a display: Xvfb is fine).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.bench.workspace_gen import generate_site

REPO = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("workspace_probe.py")
SIZES = (350, 5000)  # slugs; four languages each: 1,400 and 20,000 posts
RUNS = 3  # probes per size; the table gives each figure's median


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"


def _probe(site: Path, cache: Path) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(REPO), POSTDESK_CACHE_DIR=str(cache))
    done = subprocess.run(
        [sys.executable, str(PROBE), str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
        timeout=900,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median_probe(site: Path, cache: Path, runs: int = RUNS) -> dict[str, float]:
    """Each figure's median over runs probes, each one in a new process from an empty cache."""
    probes = []
    for _ in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir()
        probes.append(_probe(site, cache))
    return {key: statistics.median(p[key] for p in probes) for key in probes[0]}


def main(sizes: tuple[int, ...] = SIZES) -> list[tuple[str, str, str, str]]:
    """Return the table rows: (figure, Postdesk, floor, ratio)."""
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for slugs in sizes:
            site = Path(tmp) / f"site-{slugs}"
            cache = Path(tmp) / f"cache-{slugs}"
            posts = len(generate_site(site, slugs))
            probe = _median_probe(site, cache)
            label = f"{posts:,} posts"
            empty = probe["rss_empty"] / 2**20
            grown = probe["rss_loaded"] / 2**20 - empty
            for key, what in (
                ("tree_visible", "tree visible"),
                ("loaded", "index and families ready"),
            ):
                rows.append((f"window: {what}, {label}, no cache", _s(probe[key]), "-", "-"))
                rows.append(
                    (f"window: {what}, {label}, from the cache", _s(probe[key + "_warm"]), "-", "-")
                )
            rows += [
                (
                    f"memory above the empty window, {label} (process tree)",
                    f"{grown:.0f} MiB",
                    f"{empty:.0f} MiB (the empty window)",
                    f"{(empty + grown) / empty:.2f}x",
                ),
            ]
    return rows


if __name__ == "__main__":
    from tests.bench.__main__ import print_table

    print_table(main())
    sys.exit(0)
