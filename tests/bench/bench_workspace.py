"""Workspace benchmarks on generated four-language sites of 1,400 and 20,000 posts.

Each figure stands beside a floor measured in the same run:
- index, cold and warm: `postdesk index DIR --json` as a whole process, with an empty and
  then a filled cache folder; floors: a bare Python process that walks the same folders and
  reads every file (cold) or stats every file (warm).
- the window (tests/bench/workspace_probe.py, a child process): the tree visible after
  opening, watcher latency (a post edited by another program -> the window's index has it;
  floor: a bare watchdog observer on the same files), the longest UI stall while 10,000
  files appear at once (floor: the same heartbeat, idle), and memory above the empty window.
Run alone: `python -m tests.bench.bench_workspace` (needs a display: Xvfb is fine).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.workspace_gen import generate_site

REPO = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("workspace_probe.py")
SIZES = (350, 5000)  # slugs; four languages each: 1,400 and 20,000 posts

_WALK = """
import os, sys
for top, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if not d.startswith(".") and d != "node_modules"]
    for name in files:
        if name.endswith((".md", ".mdx", ".markdown")):
            path = os.path.join(top, name)
            {action}
"""
_READ = _WALK.replace("{action}", "open(path, 'rb').read()")
_STAT = _WALK.replace("{action}", "os.stat(path)")


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=REPO, check=True)
    return time.perf_counter() - start, done.stdout


def _drop_page_cache_hint(site: Path) -> None:
    # Cold means "not in Postdesk's cache"; the OS page cache is warm for both the command
    # and its floor (measured right before it), which keeps the comparison fair.
    for path in site.rglob("*.md"):
        path.stat()


def _index_rows(site: Path, posts: int, cache: Path) -> list[tuple[str, str, str, str]]:
    env = dict(os.environ, PYTHONPATH=str(REPO), POSTDESK_CACHE_DIR=str(cache))
    command = [sys.executable, "-m", "editor", "index", str(site), "--json"]
    colds, warms, read_floor, stat_floor = [], [], [], []
    for _ in range(3):
        for leftover in cache.glob("*"):
            leftover.unlink()
        _drop_page_cache_hint(site)
        read_floor.append(_run([sys.executable, "-c", _READ, str(site)], env)[0])
        took, out = _run(command, env)
        colds.append(took)
        stat_floor.append(_run([sys.executable, "-c", _STAT, str(site)], env)[0])
        took, out = _run(command, env)
        warms.append(took)
    report = json.loads(out)
    assert len(report["posts"]) == posts, "the index lost posts"
    cold, warm = statistics.median(colds), statistics.median(warms)
    floor_c, floor_w = statistics.median(read_floor), statistics.median(stat_floor)
    label = f"{posts:,} posts"
    return [
        (
            f"index cold, {label}, whole process (median of 3)",
            _s(cold),
            f"{_s(floor_c)} (walk + read)",
            f"{cold / floor_c:.1f}x",
        ),
        (
            f"index warm, {label}, whole process (median of 3)",
            _s(warm),
            f"{_s(floor_w)} (walk + stat)",
            f"{warm / floor_w:.1f}x",
        ),
    ]


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"


def _window_rows(site: Path, posts: int, cache: Path) -> list[tuple[str, str, str, str]]:
    env = dict(os.environ, PYTHONPATH=str(REPO), POSTDESK_CACHE_DIR=str(cache))
    for leftover in cache.glob("*"):
        leftover.unlink()
    done = subprocess.run(
        [sys.executable, str(PROBE), str(site)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=True,
        timeout=900,
    )
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    watch, floor = sorted(probe["watch"]), sorted(probe["watch_floor"])

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1]

    label = f"{posts:,} posts"
    grown = (probe["rss_loaded"] - probe["rss_empty"]) / 2**20
    return [
        (f"tree visible after opening, {label}, cold", _s(probe["tree_visible"]), "-", "-"),
        (f"index and schema ready in the window, {label}, cold", _s(probe["loaded"]), "-", "-"),
        (
            f"watcher latency p50 / p95, {label} ({len(watch)} edits)",
            f"{_s(statistics.median(watch))} / {_s(p95(watch))}",
            f"{_s(statistics.median(floor))} / {_s(p95(floor))} (bare watchdog)",
            f"{statistics.median(watch) / statistics.median(floor):.1f}x / "
            f"{p95(watch) / p95(floor):.1f}x",
        ),
        (
            f"longest UI stall, 10,000 files appearing, {label}",
            _s(probe["stall"]),
            f"{_s(probe['stall_floor'])} (idle)",
            f"{probe['stall'] / probe['stall_floor']:.1f}x",
        ),
        (f"10,000 new files all in the index, {label}", _s(probe["burst_seen"]), "-", "-"),
        (
            f"memory above the empty window, {label}",
            f"{grown:.0f} MiB",
            f"{probe['rss_empty'] / 2**20:.0f} MiB (the empty window)",
            "-",
        ),
    ]


def main(sizes: tuple[int, ...] = SIZES) -> list[tuple[str, str, str, str]]:
    """Return the table rows: (figure, Postdesk, floor, ratio)."""
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for slugs in sizes:
            site = Path(tmp) / f"site-{slugs}"
            cache = Path(tmp) / f"cache-{slugs}"
            cache.mkdir()
            posts = len(generate_site(site, slugs))
            rows += _index_rows(site, posts, cache)
            rows += _window_rows(site, posts, cache)
    return rows


if __name__ == "__main__":
    from tests.bench.__main__ import print_table

    print_table(main())
    sys.exit(0)
