"""What every command module shares: its errors, opening the database, tables and JSON out."""

from __future__ import annotations

import argparse
import json
import sys

PROG = "ecomtui"
EXIT_USAGE = 2
EXIT_ERROR = 1


class CliError(Exception):
    """A failure to report as one line on stderr."""


class UsageError(CliError):
    """The command line itself is malformed (exit 2, like argparse)."""


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{PROG}: error: {message} (see '{self.prog} --help')\n")


def add_group(sub, name: str, help: str, dest: str):
    """A command with actions of its own (``task add``, ``task list``): returns their subparsers."""
    parser = sub.add_parser(name, help=help)
    return parser.add_subparsers(dest=dest, metavar="ACTION", required=True, parser_class=Parser)


def open_db(db: str | None, *, create: bool = True):
    """Open (creating or upgrading as needed) the chosen database; says so when it upgraded.

    ``create=False`` (commands that only read): a missing file is an error, never a new store.
    """
    from ecomtui.db.engine import open_database
    from ecomtui.db.location import resolve

    location = resolve(db)
    if not create and location.path is not None and not location.path.exists():
        raise CliError(f"no database at {location.describe()} (nothing to read; check --db or $ECOMTUI_DB)")
    database = open_database(location=location)
    if database.backup_path is not None:
        print(
            f"{PROG}: upgraded the database schema; the old file was copied to {database.backup_path}", file=sys.stderr
        )
    return database


def print_json(value) -> None:
    """JSON for scripts, in one write (json.dump streams thousands of tiny chunks)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def fit(text: str, width: int) -> str:
    """``text`` cut (with …) or padded to ``width`` terminal cells: emoji are two wide."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)
