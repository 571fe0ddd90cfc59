"""Process setup: the WebEngine sandbox is turned off for root only."""

from __future__ import annotations

import os
import subprocess
import sys

from editor.ui.application import SANDBOX_FLAG, chromium_flags, running_as_root


def test_sandbox_flag_is_added_for_root_only_and_once():
    assert chromium_flags("", as_root=False) == ""
    assert chromium_flags("--foo", as_root=False) == "--foo"
    assert chromium_flags("", as_root=True) == SANDBOX_FLAG
    assert chromium_flags("--foo", as_root=True) == f"--foo {SANDBOX_FLAG}"
    assert chromium_flags(SANDBOX_FLAG, as_root=True) == SANDBOX_FLAG


def test_this_process_has_the_flag_exactly_when_it_runs_as_root():
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    assert (SANDBOX_FLAG in flags) == running_as_root()


def test_a_root_start_logs_a_warning():
    code = (
        "import logging; logging.basicConfig();"
        "from editor.ui.application import prepare_qt_environment; prepare_qt_environment()"
    )
    env = {k: v for k, v in os.environ.items() if k != "QTWEBENGINE_CHROMIUM_FLAGS"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert ("without its sandbox" in result.stderr) == running_as_root()
