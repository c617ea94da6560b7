"""CSV export of the store's tables, safe to open in a spreadsheet.

A text cell that a spreadsheet would read as a formula (one starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return, or the full-width
``＝＋－＠``) is written with a leading apostrophe, as OWASP advises against
CSV injection: the spreadsheet shows the text as typed and runs nothing.
Numbers are written as plain exact decimals (``1200.50``). Every cell is
quoted. A file gets a UTF-8 byte-order mark so spreadsheets pick the right
encoding; standard output is plain UTF-8 for scripts.

Tables: ``TABLES`` maps a name (``ecomtui export csv NAME``) to a function
giving its header and rows; other domains add theirs there.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import TextIO

from ecomtui.services.validation import InvalidInput

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

Rows = tuple[list[str], Iterable[list]]


def safe_cell(value) -> str:
    """One cell as written: numbers plainly, text defused if a spreadsheet would evaluate it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_rows(stream: TextIO, header: list[str], rows: Iterable[list]) -> int:
    """Write a header and rows; returns how many rows were written."""
    writer = csv.writer(stream, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
        count += 1
    return count


def _expenses(conn) -> Rows:
    from ecomtui.services.budget_queries import all_expenses, currency_digits

    currency, digits = currency_digits(conn)
    header = ["id", "date", "channel", "amount", "currency", "source", "partner", "promotion", "note"]
    rows = (
        [e.id, e.day, e.channel, e.amount, currency, e.source, e.partner, e.promotion, e.note]
        for e in all_expenses(conn, digits)
    )
    return header, rows


def _budget(conn) -> Rows:
    from ecomtui.services.budget_queries import all_plans, currency_digits

    currency, digits = currency_digits(conn)
    header = ["month", "channel", "planned", "currency"]
    return header, ([line.month, name, line.planned, currency] for line, name in all_plans(conn, digits))


TABLES: dict[str, Callable] = {"budget": _budget, "expenses": _expenses}


def check_table(name: str) -> str:
    table = (name or "").strip().lower()
    if table not in TABLES:
        raise InvalidInput(f"export csv: unknown table '{name}' (known: {', '.join(sorted(TABLES))})", "table")
    return table


def export(conn, table: str, out: Path | None, stdout: TextIO) -> int:
    """Write ``table`` to the file ``out`` (replaced only once complete) or to ``stdout``; returns the row count."""
    header, rows = TABLES[check_table(table)](conn)
    if out is None:
        return write_rows(stdout, header, rows)
    partial = out.with_name(f".{out.name}.{os.getpid()}.partial")
    try:
        with partial.open("w", encoding="utf-8-sig", newline="") as stream:
            count = write_rows(stream, header, rows)
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count
