"""packaging/screenshot.py: the README's pictures are taken from the real window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from editor.core import resources

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        resources.mermaid_bundle() is None, reason="needs `npm ci --prefix resources`"
    ),
]

REPO = Path(__file__).resolve().parents[2]


def test_the_screenshot_script_writes_both_pictures_of_the_drawn_window(tmp_path: Path):
    """The script waits for the diagram, then the form: two pictures of the window's size."""
    main, form = tmp_path / "main.png", tmp_path / "form.png"
    env = dict(os.environ)  # pytest-xvfb's DISPLAY: the web view draws only on a real screen
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "packaging/screenshot.py", "--out", str(main), "--form-out", str(form)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    window, dock = QImage(str(main)), QImage(str(form))
    assert (window.width(), window.height()) == (1600, 950)
    assert not dock.isNull() and dock.height() > 400
