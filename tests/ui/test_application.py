"""Process setup: the WebEngine sandbox is turned off for root only."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from editor.ui.application import (
    SANDBOX_FLAG,
    UI_SWITCH_INTERVAL_S,
    _opengl_renderer,
    chromium_flags,
    is_software_renderer,
    running_as_root,
)


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


def test_mesa_cpu_rasterizers_count_as_software_renderers():
    assert is_software_renderer("llvmpipe (LLVM 15.0.6, 256 bits)")
    assert is_software_renderer("softpipe")
    assert is_software_renderer("Software Rasterizer")
    assert not is_software_renderer("Mesa Intel(R) UHD Graphics 620 (KBL GT2)")
    assert not is_software_renderer("NVIDIA GeForce RTX 3060/PCIe/SSE2")
    assert not is_software_renderer("AMD Radeon RX 6600 (radeonsi, navi23, LLVM 15.0.6)")


def test_the_preview_is_composited_in_software_exactly_when_opengl_runs_on_the_cpu(qapp):
    from PySide6.QtQuick import QQuickWindow

    chosen = os.environ.get("QT_QUICK_BACKEND") or os.environ.get("QSG_RHI_BACKEND")
    renderer = _opengl_renderer()
    expected = (
        sys.platform.startswith("linux")
        and qapp.platformName() in ("xcb", "wayland")
        and not chosen
        and renderer is not None
        and is_software_renderer(renderer)
    )
    software = QQuickWindow.sceneGraphBackend() == "software"
    assert software == expected, renderer


def test_the_ui_thread_waits_at_most_a_millisecond_for_the_gil(qapp):
    # The preview renders on a worker thread; a long render must not hold up the UI's Python.
    assert sys.getswitchinterval() == pytest.approx(UI_SWITCH_INTERVAL_S)
    assert UI_SWITCH_INTERVAL_S <= 0.001
