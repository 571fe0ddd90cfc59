"""Preview benchmarks: keystroke to preview on the fixture post and 1 MB / 3 MB documents.

The real window types into the editor; each keystroke is timed until the page reports
that it shows the result. The floor is a full markdown-it render of the same document,
measured in the same run (what a preview that re-renders everything would pay at least).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).with_name("preview_probe.py")
REPO = Path(__file__).resolve().parents[2]


def main() -> list[tuple[str, str, str, str]]:
    """Run the probe once; return the table's rows."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = subprocess.run(
        [sys.executable, str(PROBE)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=1200,
        check=True,
    ).stdout
    data = json.loads(next(line for line in out.splitlines() if line.startswith("{")))
    rows = []
    for name, figures in data["docs"].items():
        full = figures["full"]
        rows.append(
            (
                f"keystroke to preview, {name}, p50 / p95",
                f"{figures['p50']:.0f} / {figures['p95']:.0f} ms",
                f"{full:.0f} ms full render",
                f"{figures['p95'] / full:.2f}x",
            )
        )
    rows.append(
        (
            "longest UI stall, typing 200 chars in 3 MB",
            f"{data['stall']:.0f} ms",
            "16 ms",
            f"{data['stall'] / 16:.1f}x",
        )
    )
    rows.append(
        (
            "longest UI stall, typing 200 chars, footnoted post",
            f"{data['stall_footnotes']:.0f} ms",
            "16 ms",
            f"{data['stall_footnotes'] / 16:.1f}x",
        )
    )
    rows.append(
        (
            "Mermaid renders from typing prose beside a diagram",
            str(data["mermaid_renders"]),
            "0",
            "-",
        )
    )
    return rows
