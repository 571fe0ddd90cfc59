"""Take the README's screenshots of the real window on the sample site.

Run under an X display (Xvfb is fine), from the repository root:

    xvfb-run -a -s "-screen 0 1600x1000x24" python packaging/screenshot.py

It opens a temporary copy of the sample site, so the bundled files are never touched,
waits until the preview has drawn its Mermaid diagram, and writes
resources/screenshots/main-window.png.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from editor.core import resources

POST = "src/content/blog/ko/postgresql-index-tuning.md"


def main(argv: list[str] | None = None) -> int:
    """Write the main window's screenshot; exit 1 when the preview did not finish."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=resources.resources_dir() / "screenshots" / "main-window.png"
    )
    parser.add_argument("--post", default=POST, help="the post to show, relative to the site")
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="seconds to wait for the preview"
    )
    args = parser.parse_args(argv)

    from PySide6.QtCore import QSettings, QTimer

    from editor.ui.application import create_application
    from editor.ui.launch import shut_down
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings
    from editor.ui.tasks import TaskRunner

    app = create_application(["postdesk-screenshot"])
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "sample-site"
        shutil.copytree(resources.sample_site_dir(), site)
        settings = Settings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        tasks = TaskRunner()
        window = MainWindow(settings, tasks)
        window.resize(1600, 950)
        window.show()
        result = {"ok": False}

        def shoot() -> None:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            result["ok"] = window.grab().save(str(args.out))
            app.quit()

        def diagram_drawn(_ok: bool) -> None:
            # Show the diagram, and give the page a moment to lay it out before the shot.
            window.preview.run_script(
                "document.querySelector('.mermaid-block')?.scrollIntoView({block: 'center'})"
            )
            QTimer.singleShot(800, shoot)

        window.preview.mermaidRendered.connect(diagram_drawn)
        QTimer.singleShot(int(args.timeout * 1000), app.quit)
        window.open_workspace(site, site / args.post)
        app.exec()
        window.close()
        shut_down(window, tasks)
    if not result["ok"]:
        print("screenshot: the preview did not finish in time", file=sys.stderr)
        return 1
    print(f"screenshot: wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
