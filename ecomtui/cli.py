"""Command line: the entry point and the parser root.

Each domain registers its own commands (``ecomtui.commands``); this module
only builds the root parser, takes ``--db`` from anywhere on the line, calls
the chosen command's handler and turns every failure into one line on
stderr with a non-zero exit. Only ``argparse`` and the small command modules
are imported up front, so ``ecomtui --help`` is instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from ecomtui.commands import DOMAINS
from ecomtui.commands.common import EXIT_ERROR, EXIT_USAGE, PROG, CliError, Parser, UsageError
from ecomtui.text import visible

__all__ = ["CliError", "UsageError", "build_parser", "main", "split_db"]


def split_db(argv: Sequence[str]) -> tuple[list[str], str | None]:
    """Take ``--db VALUE`` / ``--db=VALUE`` out of argv wherever it stands."""
    rest: list[str] = []
    db = None
    i = 0
    argv = list(argv)
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest.extend(argv[i:])
            break
        if arg == "--db" or arg.startswith("--db="):
            if arg == "--db":
                if i + 1 >= len(argv):
                    raise UsageError("--db needs a path or URL")
                db, i = argv[i + 1], i + 2
            else:
                db, i = arg[len("--db=") :], i + 1
            if not db:
                raise UsageError("--db needs a path or URL")
            continue
        rest.append(arg)
        i += 1
    return rest, db


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description="Run an online store's week from the terminal: tasks, promotions, agencies, budget, KPIs.",
        epilog="--db PATH_OR_URL is accepted anywhere on the line; else $ECOMTUI_DB, else the user data dir.",
    )
    parser.add_argument("--db", metavar="PATH_OR_URL", help="database file or SQLAlchemy URL")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in DOMAINS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        rest, db = split_db(argv)
        args = build_parser().parse_args(rest)
        if db is not None:
            args.db = db
        if args.version:
            from ecomtui import __version__

            print(f"{PROG} {__version__}")
            return 0
        return _run(args)
    except UsageError as exc:
        print(f"{PROG}: error: {visible(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except CliError as exc:
        print(f"{PROG}: error: {visible(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _run(args: argparse.Namespace) -> int:
    """Call the command's handler; any failure becomes a CliError (one line, never a traceback)."""
    try:
        if args.command is None:
            from ecomtui.commands.store import open_app

            return open_app(args.db)
        return args.handler(args)
    except (CliError, BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as exc:  # never a traceback for the user
        raise CliError(one_line(exc, args.db)) from None


def one_line(exc: Exception, db: str | None = None) -> str:
    """Any failure as one plain line (what happened, to which file, what to do), about ``--db``'s database."""
    from ecomtui.db.errors import explain
    from ecomtui.db.location import resolve

    return explain(exc, resolve(db))
