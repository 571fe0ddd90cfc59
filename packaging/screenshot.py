"""Take the README's screenshots of the real window.

Run under an X display (Xvfb is fine), from the repository root:

    xvfb-run -a -s "-screen 0 1600x1000x24" python packaging/screenshot.py

It works on a temporary copy of the sample site (plus the reference user's fixture post),
so no bundled file is touched, and writes:
  resources/screenshots/main-window.png  the window, once the preview has drawn a diagram
  resources/screenshots/form.png         the frontmatter form on the fixture post
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from editor.core import resources

POST = "src/content/blog/ko/postgresql-index-tuning.md"
FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "deepseek-v4-release.ko.md"
FIXTURE_POST = "src/content/blog/ko/deepseek-v4-release.md"


def main(argv: list[str] | None = None) -> int:
    """Write both screenshots; exit 1 when the window did not get there in time."""
    shots = resources.resources_dir() / "screenshots"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=shots / "main-window.png")
    parser.add_argument("--form-out", type=Path, default=shots / "form.png")
    parser.add_argument("--post", default=POST, help="the post to show, relative to the site")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QSettings, Qt, QTimer

    from editor.ui.application import create_application
    from editor.ui.launch import shut_down
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings
    from editor.ui.tasks import TaskRunner

    app = create_application(["postdesk-screenshot"])
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "sample-site"
        shutil.copytree(resources.sample_site_dir(), site)
        shutil.copyfile(FIXTURE, site / FIXTURE_POST)
        # The fixture's hero image is not part of the sample site: lend it one.
        assets = site / "src" / "assets" / "blog"
        shutil.copyfile(
            assets / "astro-build-pipeline-hero.png", assets / "deepseek-v4-release-hero.png"
        )
        settings = Settings(QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat))
        tasks = TaskRunner()
        window = MainWindow(settings, tasks)
        window.resize(1600, 950)
        window.show()

        def save(widget, path: Path) -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            if widget.grab().save(str(path)):
                written.append(path)

        def form_shot() -> None:
            save(window.form_dock, args.form_out)
            app.quit()

        def open_fixture() -> None:
            save(window, args.out)
            window.preview.mermaidRendered.disconnect(diagram_drawn)
            window.resizeDocks([window.form_dock], [560], Qt.Orientation.Horizontal)
            window.open_post(site / FIXTURE_POST)
            QTimer.singleShot(1500, form_shot)

        def diagram_drawn(_ok: bool) -> None:
            # Show the diagram, and give the page a moment to lay it out before the shot.
            window.preview.page().runJavaScript(
                "document.querySelector('.mermaid-block')?.scrollIntoView({block: 'center'})"
            )
            QTimer.singleShot(800, open_fixture)

        window.preview.mermaidRendered.connect(diagram_drawn)
        QTimer.singleShot(int(args.timeout * 1000), app.quit)
        window.open_workspace(site, site / args.post)
        app.exec()
        window.close()
        shut_down(window, tasks)
    for path in written:
        print(f"screenshot: wrote {path}")
    if len(written) < 2:
        print("screenshot: the window did not finish in time", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
