"""Types are checked: mypy passes on the package with the project's configuration.

The scope (all of editor/, and `--strict`'s checks on editor.core) lives in pyproject.toml's
[tool.mypy] sections, so this test and a plain `mypy` agree.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_mypy_passes_with_the_project_configuration():
    # mypy's incremental cache (.mypy_cache, gitignored) makes a warm run take well under a
    # second; a cold one takes a few seconds.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "pyproject.toml"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
