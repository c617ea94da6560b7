"""Export commands: ``export csv TABLE [--out FILE]`` (other formats add their action here)."""

from __future__ import annotations

from ecomtui.commands.common import CliError, add_group, open_db


def register(sub) -> None:
    actions = add_group(sub, "export", "write the store's data to files", "export_command")

    csv = actions.add_parser("csv", help="a table as CSV, safe to open in a spreadsheet")
    csv.add_argument("table", metavar="TABLE", help="expenses or budget")
    csv.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    csv.set_defaults(handler=csv_command)


def csv_command(args) -> int:
    import sys
    from pathlib import Path

    from ecomtui.exporters import csv

    table = csv.check_table(args.table)
    out = Path(args.out).expanduser() if args.out else None
    database = open_db(args.db, must_exist=True)
    try:
        with database.connect() as conn:
            count = csv.export(conn, table, out, sys.stdout)
    except OSError as exc:
        raise CliError(f"cannot write {out or 'the output'}: {exc.strerror or exc}") from None
    if out is not None:
        print(f"wrote {count} {table} rows to {out}")
    return 0
