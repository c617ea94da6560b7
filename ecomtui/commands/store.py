"""Commands about the store as a whole: ``info`` and ``demo``."""

from __future__ import annotations

import sys

from ecomtui.commands.common import PROG, CliError


def register(sub) -> None:
    info = sub.add_parser("info", help="versions, database location, schema revision")
    info.set_defaults(handler=info_command)

    demo = sub.add_parser("demo", help="write a realistic demo store (its own file or an empty database) and open it")
    demo.add_argument("--scale", choices=("small", "large"), default="small")
    demo.add_argument("--seed", type=int, default=7, help="random seed (same seed, same store)")
    demo.add_argument("--no-open", action="store_true", help="write the demo database without opening the app")
    demo.set_defaults(handler=demo_command)


def open_app(db: str | None) -> int:
    """Run the app (also what plain ``ecomtui`` does)."""
    import gc

    gc.disable()  # start-up allocates much and frees little; the app re-enables it once data shows
    from ecomtui import prefetch
    from ecomtui.db.location import resolve

    early = prefetch.start(resolve(db), prefetch.first_read())  # before Textual loads: it runs beside it
    from ecomtui.app import run_app

    return run_app(db, prefetched=early)


# what `info` says of each schema state (ecomtui.db.schema.schema_state)
SCHEMA_NOTES = {
    "current": "",
    "due": " - upgrade due: ecomtui upgrades it, after a backup, when it next opens it",
    "newer": " - newer than this ecomtui: upgrade ecomtui to use it",
    "foreign": " - not an ecomtui database (it holds other tables)",
    "empty": " - empty: ecomtui sets it up when it next opens it",
}

READ_ONLY_NOTES = {"file": "the file is not writable for you", "folder": "its folder is not writable for you"}


def info_command(args) -> int:
    import platform

    import sqlalchemy
    import textual

    from ecomtui import __version__
    from ecomtui.db.engine import open_database
    from ecomtui.db.errors import DatabaseError, explain
    from ecomtui.db.location import resolve
    from ecomtui.db.schema import HEAD_REVISION, schema_state
    from ecomtui.services.task_queries import count_tasks

    location = resolve(args.db)
    print(f"{PROG}      {__version__}")
    print(f"python       {platform.python_version()}")
    print(f"textual      {textual.__version__}")
    print(f"sqlalchemy   {sqlalchemy.__version__}")
    print(f"database     {location.describe()}")
    # info only reads: no upgrade, no new file
    database = open_database(location=location, upgrade=False, must_exist=True)
    try:
        try:
            state, revision = schema_state(database)
        except Exception as exc:  # not a database at all, unreadable...
            raise DatabaseError(explain(exc, location)) from exc
        print(f"schema       {revision or 'none'} (this ecomtui: {HEAD_REVISION}){SCHEMA_NOTES[state]}")
        if database.read_only_reason is not None:
            print(f"access       read-only: {READ_ONLY_NOTES[database.read_only_reason]}")
        if state in ("current", "due"):
            with database.connect() as conn:
                print(f"tasks        {count_tasks(conn)}")
    finally:
        database.dispose()
    return 0


def demo_command(args) -> int:
    from ecomtui.db.errors import PlainError, explain
    from ecomtui.db.location import redact_url
    from ecomtui.demo import demo_location, write_demo

    try:
        target = write_demo(args.db, scale=args.scale, seed=args.seed, progress=sys.stderr, confirm=_confirm_replace)
    except PlainError:
        raise
    except Exception as exc:  # explained about the demo's own store, not the user's
        raise CliError(explain(exc, demo_location(args.db))) from None
    if args.no_open:
        from ecomtui.text import visible

        print(f"demo store written to {visible(redact_url(str(target)))}")
        return 0
    return open_app(str(target))


def _confirm_replace(path) -> bool:
    """Asked when the demo store is open elsewhere: only at a terminal, and no by default."""
    if not sys.stdin.isatty():
        return False
    from ecomtui.text import visible

    sys.stderr.write(f"{PROG}: {visible(str(path))} is open in ecomtui (or another program); replace it anyway? [y/N] ")
    sys.stderr.flush()
    try:
        answer = sys.stdin.readline()
    except (EOFError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in ("y", "yes")
