"""Process-wide Qt setup that must happen before the QApplication exists."""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger(__name__)

SANDBOX_FLAG = "--no-sandbox"
_GL_RENDERER = 0x1F01
UI_SWITCH_INTERVAL_S = 0.001
_SOFTWARE_GL = ("llvmpipe", "softpipe", "swrast", "software rasterizer")
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


def is_software_renderer(gl_renderer: str) -> bool:
    """True for Mesa's CPU rasterizers (llvmpipe, softpipe, swrast): no GPU behind OpenGL."""
    name = gl_renderer.lower()
    return any(word in name for word in _SOFTWARE_GL)


def _opengl_renderer() -> str | None:
    """The GL_RENDERER string of a throwaway context, or None when OpenGL is unavailable."""
    from PySide6.QtGui import QOffscreenSurface, QOpenGLContext

    context = QOpenGLContext()
    surface = QOffscreenSurface()
    surface.create()
    if not context.create() or not context.makeCurrent(surface):
        return None
    try:
        return context.functions().glGetString(_GL_RENDERER) or None
    finally:
        context.doneCurrent()


def choose_scene_graph(platform_name: str) -> None:
    """Composite the preview in software when OpenGL itself runs on the CPU.

    A window holding a web view is composited with OpenGL on every frame; under Mesa's
    llvmpipe that costs ~15 ms per keystroke in the editor, against ~4 ms with Qt Quick's
    software renderer. With a GPU, and whenever the user chose a backend, nothing changes.
    """
    if not sys.platform.startswith("linux") or platform_name not in ("xcb", "wayland"):
        return
    if os.environ.get("QT_QUICK_BACKEND") or os.environ.get("QSG_RHI_BACKEND"):
        return
    renderer = _opengl_renderer()
    if renderer is None or not is_software_renderer(renderer):
        return
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)
    log.info("OpenGL renders on the CPU (%s): the preview is composited in software", renderer)


def create_application(argv: list[str]):  # -> QApplication
    """Create the QApplication with Postdesk's names set."""
    prepare_qt_environment()
    from PySide6.QtWidgets import QApplication

    from editor import __version__

    # Renders run on a worker thread, in Python: each time the UI thread runs Python (a slot,
    # a paint) while one runs, it waits for the GIL up to the switch interval. 5 ms, the
    # default, adds up to tens of ms per keystroke during long renders; 1 ms keeps it small.
    sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
    app = QApplication.instance()
    if app is None:
        created = QApplication(argv)
        # Before any web view exists: the graphics API is fixed once the first one is made.
        choose_scene_graph(created.platformName())
        app = created
    app.setApplicationName("Postdesk")
    app.setOrganizationName("Postdesk")
    app.setApplicationVersion(__version__)
    return app
