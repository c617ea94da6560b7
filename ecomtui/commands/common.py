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
        from ecomtui.text import visible  # the message may quote what was typed

        self.exit(EXIT_USAGE, f"{PROG}: error: {visible(message)} (see '{self.prog} --help')\n")


def add_group(sub, name: str, help: str, dest: str):
    """A command with actions of its own (``task add``, ``task list``): returns their subparsers."""
    parser = sub.add_parser(name, help=help)
    return parser.add_subparsers(dest=dest, metavar="ACTION", required=True, parser_class=Parser)


def shared_group(sub, name: str, help: str, dest: str):
    """The actions of a command several domains add to (``import``): made by the first, found by the next."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help)
        parser.shared_actions = parser.add_subparsers(dest=dest, metavar="KIND", required=True, parser_class=Parser)
    return parser.shared_actions


def open_existing_db(db: str | None):
    """Open the chosen database for a command that only reads: a missing file is an error, never created."""
    return open_db(db, must_exist=True)


def open_db(db: str | None, *, must_exist: bool = False):
    """Open (creating or upgrading as needed) the chosen database; says so when it upgraded.

    ``must_exist``: the command only reads, so a missing file is an error and
    nothing is created (a typo in a path must not start an empty store).
    """
    from ecomtui.db.engine import open_database
    from ecomtui.text import visible

    database = open_database(db, must_exist=must_exist)
    if database.backup_path is not None:
        print(
            f"{PROG}: upgraded the database schema; the old file was copied to {visible(str(database.backup_path))}",
            file=sys.stderr,
        )
    return database


# json escapes C0 controls itself; DEL, C1 controls and lone surrogates would go out raw
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *range(0xD800, 0xE000))}


def print_json(value) -> None:
    """JSON for scripts, in one write (json.dump streams thousands of tiny chunks).

    Strings keep the stored text exactly; characters that would act on a
    terminal go out as JSON escapes (``\\u009b``), which decode to the same text.
    """
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2).translate(_JSON_ESCAPES) + "\n")


def fit(text: str, width: int) -> str:
    """``text`` cut (with …) or padded to ``width`` terminal cells: emoji are two wide."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)
