"""Commands about the store as a whole: ``info`` and ``demo``."""

from __future__ import annotations

import sys

from ecomtui.commands.common import PROG


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
    from ecomtui.app import run_app

    return run_app(db)


def info_command(args) -> int:
    import platform

    import sqlalchemy
    import textual

    from ecomtui import __version__
    from ecomtui.db.engine import open_database
    from ecomtui.db.location import resolve
    from ecomtui.db.schema import HEAD_REVISION, current_revision
    from ecomtui.services.task_queries import count_tasks

    location = resolve(args.db)
    print(f"{PROG}      {__version__}")
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
    due = (
        ""
        if revision == HEAD_REVISION
        else " - upgrade due: ecomtui upgrades it, after a backup, when it next opens it"
    )
    print(f"schema       {revision} (this ecomtui: {HEAD_REVISION}){due}")
    if revision is not None:
        with database.connect() as conn:
            print(f"tasks        {count_tasks(conn)}")
    database.dispose()
    return 0


def demo_command(args) -> int:
    from ecomtui.db.location import redact_url
    from ecomtui.demo import write_demo

    target = str(write_demo(args.db, scale=args.scale, seed=args.seed, progress=sys.stderr))
    if args.no_open:
        print(f"demo store written to {redact_url(target)}")
        return 0
    return open_app(target)
