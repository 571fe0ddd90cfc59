"""Startup benchmark: process start to window shown with a post rendered, and peak memory.

Postdesk is measured next to a bare PySide6 QMainWindow started in the same run (the floor).
Memory is the peak of the summed resident set of the process and all its children
(QtWebEngineProcess included), sampled every 5 ms.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

PROBE = Path(__file__).with_name("startup_probe.py")
REPO = Path(__file__).resolve().parents[2]
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Run:
    seconds: float
    peak_mib: float


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def _tree_rss(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm") as fh:
                total += int(fh.read().split()[1]) * PAGE
        except OSError:
            continue
        stack.extend(_children(current))
    return total


def run_once(mode: str, timeout: float = 120.0) -> Run:
    """Start the probe, time it to "ready", and track the tree's peak memory until it exits."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(PROBE), "--mode", mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=REPO,
    )
    fd = proc.stdout.fileno()
    os.set_blocking(fd, False)
    ready_at = None
    peak = 0
    buffer = b""
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        with contextlib.suppress(BlockingIOError):
            buffer += os.read(fd, 4096)
        if ready_at is None and b"ready" in buffer:
            ready_at = time.perf_counter()
        if time.perf_counter() - start > timeout:
            proc.kill()
            raise RuntimeError(f"{mode} probe did not finish in {timeout} s")
        time.sleep(0.005)
    buffer += proc.stdout.read() or b""
    if ready_at is None:
        if b"ready" not in buffer:
            raise RuntimeError(f"{mode} probe exited with {proc.returncode} before it was ready")
        ready_at = time.perf_counter()
    return Run(ready_at - start, peak / 2**20)


def main(runs: int = 5) -> list[tuple[str, str, str, str]]:
    """Run both probes `runs` times, interleaved; return the table's rows."""
    results: dict[str, list[Run]] = {"app": [], "bare": []}
    for _ in range(runs):
        for mode in ("bare", "app"):
            results[mode].append(run_once(mode))
    app_t = statistics.median(r.seconds for r in results["app"])
    bare_t = statistics.median(r.seconds for r in results["bare"])
    app_m = max(r.peak_mib for r in results["app"])
    bare_m = max(r.peak_mib for r in results["bare"])
    return [
        (
            f"start to post rendered (median of {runs})",
            f"{app_t * 1000:.0f} ms",
            f"{bare_t * 1000:.0f} ms",
            f"{app_t / bare_t:.1f}x",
        ),
        (
            "peak memory, process tree",
            f"{app_m:.0f} MiB",
            f"{bare_m:.0f} MiB",
            f"{app_m / bare_m:.1f}x",
        ),
    ]
