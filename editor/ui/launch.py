"""Start the GUI: application, services, main window, first workspace."""

from __future__ import annotations

import logging
from pathlib import Path

from editor.core import resources
from editor.core.workspace import find_site_root

log = logging.getLogger(__name__)


def resolve_target(target: Path | None) -> tuple[Path, Path | None]:
    """Map the command line's path to (workspace folder, post to open or None)."""
    if target is None:
        return resources.sample_site_dir(), None
    target = target.expanduser().resolve()
    if target.is_dir():
        return target, None
    return find_site_root(target), target


def start_window(target: Path | None, settings=None, argv: list[str] | None = None):
    """Create the application and the main window on target; returns (app, window, tasks)."""
    from editor.ui.application import create_application

    app = create_application(argv or ["postdesk"])
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings
    from editor.ui.tasks import TaskRunner

    workspace, post = resolve_target(target)
    tasks = TaskRunner(parent=app)
    window = MainWindow(settings or Settings.for_user(), tasks)
    window.resize(1600, 950)
    window.restore_window_state()
    window.show()
    window.open_workspace(workspace, post)
    return app, window, tasks


def shut_down(window, tasks) -> None:
    """Stop background work and delete the window now, pages before their profile."""
    import shiboken6

    window.site.stop()
    tasks.wait()
    # Left to Python's exit, the window's WebEngine objects would die in no fixed order.
    if shiboken6.isValid(window):
        shiboken6.delete(window)


def run_gui(target: Path | None) -> int:
    """Run Postdesk until its window closes; returns the exit code."""
    app, window, tasks = start_window(target)
    code = app.exec()
    shut_down(window, tasks)
    return code
