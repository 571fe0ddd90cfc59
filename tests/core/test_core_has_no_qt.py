"""Layering: editor.core never imports Qt, checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_PROBE = """
import json, pkgutil, sys
import editor.core
names = ["editor.core"]
for module in pkgutil.walk_packages(editor.core.__path__, "editor.core."):
    names.append(module.name)
    __import__(module.name)
qt = sorted(m for m in sys.modules if m.startswith("PySide6"))
print(json.dumps({"modules": names, "qt": qt}))
"""


def test_importing_every_core_module_does_not_load_pyside6() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert "editor.core.storage" in report["modules"]
    assert "editor.core.frontmatter.edit" in report["modules"]
    assert "editor.core.workspace.index" in report["modules"]
    assert report["qt"] == [], f"editor.core loaded {report['qt']}"
