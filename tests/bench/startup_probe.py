"""Child process of the startup benchmark: start, show, wait, print "ready", exit.

--mode app   Postdesk's main window on the sample site, until the preview shows the post
             (its Mermaid diagram drawn).
--mode bare  a bare QMainWindow, until it is shown: the floor any Qt app pays.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

POST = "src/content/blog/ko/astro-build-pipeline.md"


def run_bare() -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(["bare"])
    window = QMainWindow()
    window.resize(1600, 950)
    window.show()

    def done() -> None:
        print("ready", flush=True)
        app.quit()

    QTimer.singleShot(0, done)  # after the first show/expose events are processed
    return app.exec()


def run_app() -> int:

    from editor.core import resources
    from editor.ui.application import create_application

    app = create_application(["postdesk-bench"])
    from editor.ui.launch import shut_down
    from tests.bench.bench_window import bench_window

    with tempfile.TemporaryDirectory() as tmp:
        window, tasks = bench_window(Path(tmp))

        def rendered(seq: int) -> None:
            if seq > 0:
                print("ready", flush=True)
                app.quit()

        window.preview.rendered.connect(rendered)
        site = resources.sample_site_dir()
        window.open_workspace(site, site / POST)
        code = app.exec()
        shut_down(window, tasks)
    return code


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=("app", "bare"), required=True)
    args = parser.parse_args()
    return run_app() if args.mode == "app" else run_bare()


if __name__ == "__main__":
    sys.exit(main())
