"""The house style holds: ruff's lint rules and formatting pass on the whole tree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=REPO, capture_output=True, text=True
    )


def test_ruff_check_and_format_are_clean():
    check = ruff("check", "editor", "tests", "packaging")
    assert check.returncode == 0, check.stdout
    fmt = ruff("format", "--check", "editor", "tests", "packaging")
    assert fmt.returncode == 0, fmt.stdout
