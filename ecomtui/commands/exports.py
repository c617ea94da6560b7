"""The ``export`` command's kinds: ``export vcf [--out FILE]``, ``export csv TABLE [--out FILE]``.

``export`` is a group several domains add their kinds to (``shared_group``):
contacts as vCard here, the calendar as iCalendar and tables as CSV next to
it. Exports only read: a missing database is an error, never created.
Without ``--out`` the file goes to standard output.
"""

from __future__ import annotations

import sys

from ecomtui.commands.common import CliError, open_db, shared_group


def register(sub) -> None:
    actions = shared_group(sub, "export", "export for other tools", "export_kind")
    vcf = actions.add_parser("vcf", help="agency contacts as vCard 3.0")
    vcf.add_argument("--out", metavar="FILE", help="write to this file (default: standard output)")
    vcf.set_defaults(handler=export_vcf_command)

    csv = actions.add_parser("csv", help="a table as CSV, safe to open in a spreadsheet")
    csv.add_argument("table", metavar="TABLE", help="expenses or budget")
    csv.add_argument("--out", metavar="FILE", help="write to this file (default: standard output)")
    csv.set_defaults(handler=export_csv_command)


def write_output(text: str | bytes, out: str | None, what: str) -> None:
    """``text`` to ``--out`` (written whole, then moved into place) or to standard output.

    Bytes (an iCalendar file, already UTF-8 with CRLF lines) are written as
    they are, whatever the terminal's encoding.
    """
    if out is None:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
        return
    import os
    from pathlib import Path

    path = Path(out)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.writing")
    try:
        if isinstance(text, bytes):
            tmp.write_bytes(text)
        else:
            tmp.write_text(text, encoding="utf-8", newline="")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
    from ecomtui.text import visible

    print(f"wrote {what} to {visible(out)}", file=sys.stderr)


def export_vcf_command(args) -> int:
    from ecomtui import clock
    from ecomtui.exporters.vcf import export_vcf

    database = open_db(args.db, must_exist=True)
    text, count = export_vcf(database, clock.today())
    write_output(text, args.out, f"{count} contact cards")
    return 0


def export_csv_command(args) -> int:
    """A table as CSV: written by the exporter itself (a file gets a byte-order mark for spreadsheets)."""
    from pathlib import Path

    from ecomtui.exporters import csv
    from ecomtui.text import visible

    table = csv.check_table(args.table)
    out = Path(args.out).expanduser() if args.out else None
    database = open_db(args.db, must_exist=True)
    try:
        with database.connect() as conn:
            count = csv.export(conn, table, out, sys.stdout)
    except OSError as exc:
        raise CliError(f"cannot write {visible(args.out or 'the output')}: {exc.strerror or exc}") from None
    if out is not None:
        print(f"wrote {count} {table} rows to {visible(args.out)}", file=sys.stderr)
    return 0
