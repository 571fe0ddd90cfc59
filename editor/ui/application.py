"""Process-wide Qt setup that must happen before the QApplication exists."""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger(__name__)

SANDBOX_FLAG = "--no-sandbox"
_prepared = False


def running_as_root() -> bool:
    """Return True for the root user on Linux, where Chromium's sandbox refuses to start."""
    return sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0


def chromium_flags(flags: str, as_root: bool) -> str:
    """The WebEngine flags to use: --no-sandbox added for root only, never twice."""
    if not as_root or SANDBOX_FLAG in flags.split():
        return flags
    return f"{flags} {SANDBOX_FLAG}".strip()


def prepare_qt_environment() -> None:
    """Set WebEngine flags and register the preview's URL scheme; call before QApplication."""
    global _prepared
    if _prepared:
        return
    if running_as_root():
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = chromium_flags(flags, as_root=True)
        log.warning(
            "Running as root: the preview's web engine runs without its sandbox. "
            "Run Postdesk as a normal user to keep it sandboxed."
        )
    from PySide6.QtCore import QCoreApplication, Qt

    # WebEngine shares OpenGL contexts with widgets; Qt requires this before the app exists.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from PySide6 import QtWebEngineWidgets  # noqa: F401  (must be imported before QApplication)

    from editor.ui.preview.scheme import register_scheme

    register_scheme()
    _prepared = True


def create_application(argv: list[str]):  # -> QApplication
    """Create the QApplication with Postdesk's names set."""
    prepare_qt_environment()
    from PySide6.QtWidgets import QApplication

    from editor import __version__

    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName("Postdesk")
    app.setOrganizationName("Postdesk")
    app.setApplicationVersion(__version__)
    return app
