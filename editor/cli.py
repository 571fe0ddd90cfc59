"""`postdesk` command: opens the GUI on a folder or a post."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from editor import __version__


def build_parser() -> argparse.ArgumentParser:
    """The command line of `postdesk`."""
    parser = argparse.ArgumentParser(
        prog="postdesk",
        description="Edit a static site's Markdown posts with a live preview and a "
        "frontmatter form.",
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        help="a site folder to open as the workspace, or a post (its site opens too); "
        "default: the bundled sample site",
    )
    parser.add_argument("--version", action="version", version=f"postdesk {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `postdesk` command."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="postdesk: %(levelname)s: %(message)s")
    if args.path is not None and not args.path.exists():
        print(f"postdesk: {args.path} does not exist", file=sys.stderr)
        return 2
    from editor.ui.launch import run_gui

    return run_gui(args.path)


if __name__ == "__main__":
    sys.exit(main())
