"""`postdesk` command: the GUI by default, plus sub-commands that need no window."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from editor import __version__

COMMANDS = ("fm", "schema", "render", "index")


def build_gui_parser() -> argparse.ArgumentParser:
    """The command line of `postdesk [PATH]`."""
    parser = argparse.ArgumentParser(
        prog="postdesk",
        description="Edit a static site's Markdown posts with a live preview and a "
        "frontmatter form. Sub-commands: postdesk fm get|set|del …, postdesk schema DIR, "
        "postdesk render FILE -o OUT.html, postdesk index DIR.",
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


def build_command_parser() -> argparse.ArgumentParser:
    """The command line of the sub-commands."""
    parser = argparse.ArgumentParser(prog="postdesk")
    sub = parser.add_subparsers(dest="command", required=True)
    fm = sub.add_parser("fm", help="read or edit a post's frontmatter, keeping its style")
    fm_sub = fm.add_subparsers(dest="action", required=True)
    get = fm_sub.add_parser("get", help="print the frontmatter, or one value, as JSON")
    get.add_argument("file", type=Path)
    get.add_argument("path", nargs="?", help="e.g. title, tags[0], relatedPosts[1].reason.ja")
    put = fm_sub.add_parser("set", help="set values: PATH=VALUE, PATH+=ITEM, PATH-=ITEM")
    put.add_argument("file", type=Path)
    put.add_argument("assignments", nargs="+", metavar="PATH=VALUE")
    delete = fm_sub.add_parser("del", help="delete a key or a list item")
    delete.add_argument("file", type=Path)
    delete.add_argument("path")
    schema = sub.add_parser("schema", help="print each collection's schema as JSON")
    schema.add_argument("directory", type=Path)
    render = sub.add_parser(
        "render", help="write a post's preview as one self-contained HTML file (no scripts)"
    )
    render.add_argument("file", type=Path)
    render.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.html")
    render.add_argument("--theme", choices=("light", "dark"), default="light")
    index = sub.add_parser(
        "index", help="read a site's posts: counts per collection and language, families, errors"
    )
    index.add_argument("directory", type=Path)
    index.add_argument("--json", action="store_true", help="print it as JSON, with every post")
    return parser


def run_command(argv: list[str]) -> int:
    """Run a sub-command; bad input exits 2 with one line on stderr and changes nothing."""
    from editor.commands.errors import CommandError

    # Each command imports only what it needs: `postdesk index` is timed as a whole process.
    args = build_command_parser().parse_args(argv)
    try:
        if args.command == "index":
            from editor.commands.index_cmd import run_index

            return run_index(args.directory, args.json, print)
        if args.command == "schema":
            from editor.commands.schema_cmd import run_schema

            return run_schema(args.directory, print)
        if args.command == "render":
            from editor.commands.render_cmd import run_render

            return run_render(args.file, args.output, dark=args.theme == "dark")
        from editor.commands.fm import run_del, run_get, run_set

        if args.action == "get":
            return run_get(args.file, args.path, print)
        if args.action == "set":
            return run_set(args.file, args.assignments)
        return run_del(args.file, args.path)
    except CommandError as exc:
        print(f"postdesk: error: {exc}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `postdesk` command."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        return run_command(argv)
    args = build_gui_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="postdesk: %(levelname)s: %(message)s")
    if args.path is not None and not args.path.exists():
        print(f"postdesk: {args.path} does not exist", file=sys.stderr)
        return 2
    from editor.ui.launch import run_gui

    return run_gui(args.path)


if __name__ == "__main__":
    sys.exit(main())
