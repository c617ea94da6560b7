"""Command line: argument parsing only; every command calls a service.

Kept light: only ``argparse`` is imported up front so ``ecomtui --help`` is
instant; the database layer and the app are imported by the command that
needs them. Errors are one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

PROG = "ecomtui"
EXIT_USAGE = 2
EXIT_ERROR = 1


class CliError(Exception):
    """A failure to report as one line on stderr."""


class UsageError(CliError):
    """The command line itself is malformed (exit 2, like argparse)."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{PROG}: error: {message} (see '{self.prog} --help')\n")


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
        if arg == "--db":
            if i + 1 >= len(argv):
                raise UsageError("--db needs a path or URL")
            db = argv[i + 1]
            if not db:
                raise UsageError("--db needs a path or URL")
            i += 2
            continue
        if arg.startswith("--db="):
            db = arg[len("--db=") :]
            if not db:
                raise UsageError("--db needs a path or URL")
            i += 1
            continue
        rest.append(arg)
        i += 1
    return rest, db


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Run an online store's week from the terminal: tasks, promotions, agencies, budget, KPIs.",
        epilog="--db PATH_OR_URL is accepted anywhere on the line; else $ECOMTUI_DB, else the user data dir.",
    )
    parser.add_argument("--db", metavar="PATH_OR_URL", help="database file or SQLAlchemy URL")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    sub.add_parser("info", help="versions, database location, schema revision")

    demo = sub.add_parser("demo", help="write a realistic demo store (its own file or an empty database) and open it")
    demo.add_argument("--scale", choices=("small", "large"), default="small")
    demo.add_argument("--seed", type=int, default=7, help="random seed (same seed, same store)")
    demo.add_argument("--no-open", action="store_true", help="write the demo database without opening the app")

    task = sub.add_parser("task", help="add or list tasks")
    task_sub = task.add_subparsers(dest="task_command", metavar="ACTION", required=True, parser_class=_Parser)
    add = task_sub.add_parser("add", help="add a task")
    add.add_argument("title")
    add.add_argument("--status", default="todo", help="backlog, todo, doing, review, done (default todo)")
    add.add_argument("--channel", help="channel name, case-insensitive")
    add.add_argument("--owner", help="team member or partner name")
    add.add_argument("--due", help="due date YYYY-MM-DD")
    add.add_argument("--priority", default="normal", help="low, normal, high, urgent (default normal)")
    add.add_argument("--sprint", help="sprint month YYYY-MM")
    add.add_argument("--notes", default="", help="notes")
    lst = task_sub.add_parser("list", help="list tasks")
    lst.add_argument("--status", help="only this status")
    lst.add_argument("--json", action="store_true", help="JSON for scripts")
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
        return _dispatch(args)
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CliError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _dispatch(args: argparse.Namespace) -> int:
    from ecomtui.services.validation import InvalidInput

    try:
        if args.command is None:
            return _open_app(args.db)
        if args.command == "info":
            return _info(args)
        if args.command == "demo":
            return _demo(args)
        if args.command == "task":
            return _task(args)
    except InvalidInput as exc:
        raise CliError(exc.message) from None
    except (CliError, BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as exc:  # never a traceback for the user
        from ecomtui.db.engine import DatabaseError

        if isinstance(exc, DatabaseError):
            raise CliError(str(exc)) from None
        raise CliError(one_line(exc)) from None
    raise CliError(f"unknown command {args.command}")


def one_line(exc: Exception) -> str:
    """An unexpected error as one line: the driver's own message, without SQL or links."""
    detail = getattr(exc, "orig", None) or exc
    first = str(detail).strip().splitlines()[0] if str(detail).strip() else ""
    return f"{type(detail).__name__}: {first}" if first else type(detail).__name__


def _open_app(db: str | None) -> int:
    import gc

    gc.disable()  # start-up allocates much and frees little; the app re-enables it once data shows
    from ecomtui.app import run_app

    return run_app(db)


def _open(db: str | None):
    from ecomtui.db.engine import open_database

    database = open_database(db)
    if database.backup_path is not None:
        print(f"{PROG}: upgraded the database schema; the old file was copied to {database.backup_path}", file=sys.stderr)
    return database


def _info(args) -> int:
    import platform

    import sqlalchemy
    import textual

    from ecomtui import __version__
    from ecomtui.db.schema import HEAD_REVISION, current_revision

    from ecomtui.db.engine import open_database
    from ecomtui.db.location import resolve
    from ecomtui.services.task_queries import count_tasks

    location = resolve(args.db)
    print(f"ecomtui      {__version__}")
    print(f"python       {platform.python_version()}")
    print(f"textual      {textual.__version__}")
    print(f"sqlalchemy   {sqlalchemy.__version__}")
    print(f"database     {location.describe()}")
    if location.path is not None and not location.path.exists():
        print("schema       none yet (the file is created when ecomtui first opens it)")
        return 0
    # info only reads: no upgrade, no new file
    database = open_database(location=location, upgrade=False)
    revision = current_revision(database)
    due = "" if revision == HEAD_REVISION else " - upgrade due: ecomtui upgrades it, after a backup, when it next opens it"
    print(f"schema       {revision} (this ecomtui: {HEAD_REVISION}){due}")
    if revision is not None:
        with database.connect() as conn:
            print(f"tasks        {count_tasks(conn)}")
    database.dispose()
    return 0


def _demo(args) -> int:
    from ecomtui.demo import write_demo

    from ecomtui.db.location import redact_url

    target = str(write_demo(args.db, scale=args.scale, seed=args.seed, progress=sys.stderr))
    if args.no_open:
        print(f"demo store written to {redact_url(target)}")
        return 0
    return _open_app(target)


def _task(args) -> int:
    database = _open(args.db)
    if args.task_command == "add":
        from ecomtui.services import tasks

        with database.transaction() as conn:
            data = tasks.parse_task_input(
                conn,
                title=args.title,
                status=args.status,
                priority=args.priority,
                channel=args.channel,
                owner=args.owner,
                due=args.due,
                sprint=args.sprint,
                notes=args.notes,
            )
            card = tasks.create_task(conn, data)
        print(f"added task {card.id}: {card.title}")
        return 0
    from ecomtui.services.validation import parse_choice
    from ecomtui.vocabulary import TASK_STATUSES

    from ecomtui.services.task_queries import list_tasks

    status = parse_choice(args.status, TASK_STATUSES, "status") if args.status is not None else None
    with database.connect() as conn:
        cards = list_tasks(conn, status)
    if args.json:
        # one write of one string: json.dump streams thousands of tiny chunks
        sys.stdout.write(json.dumps([c.as_json() for c in cards], ensure_ascii=False, indent=2) + "\n")
        return 0
    _print_task_table(cards)
    return 0


def _print_task_table(cards) -> None:
    from ecomtui.vocabulary import TASK_STATUS_LABELS

    if not cards:
        print("no tasks")
        return
    from rich.cells import cell_len, set_cell_size

    def cell(text: str, width: int) -> str:
        """``text`` cut (with …) or padded to ``width`` terminal cells: emoji are two wide."""
        if cell_len(text) > width:
            return set_cell_size(text, width - 1) + "…"
        return set_cell_size(text, width)

    print(f"{'ID':>6}  {'STATUS':<11}  {'PRIO':<6}  {'DUE':<10}  {'CHANNEL':<12}  {'OWNER':<18}  TITLE")
    for c in cards:
        print(
            f"{c.id:>6}  {TASK_STATUS_LABELS.get(c.status, c.status):<11}  {c.priority:<6}  "
            f"{(c.due.isoformat() if c.due else '-'):<10}  {cell(c.channel or '-', 12)}  {cell(c.owner or '-', 18)}  {c.title}"
        )
