"""Writing a checked import in one transaction: currency, facts, expenses, the batch record.

Importers read and check the whole file first, then hand this module what to
write. Everything happens in one write transaction: when any step fails, the
database is exactly as before. The file is recorded in ``import_batch`` once
(by kind and SHA-256), so importing it again changes nothing there either.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import insert, select

from ecomtui.clock import now
from ecomtui.db import tables
from ecomtui.importers.report import ImportSummary
from ecomtui.importers.source import SourceFile, fingerprint
from ecomtui.services.currency import adopt_currency
from ecomtui.services.imported_expenses import ImportedExpense, store_expenses
from ecomtui.services.kpis import Fact, store_facts


def write_import(
    database,
    source: SourceFile,
    summary: ImportSummary,
    *,
    facts: list[Fact] = (),
    expenses: list[ImportedExpense] = (),
    more: Callable[[object, ImportSummary], None] | None = None,
) -> ImportSummary:
    """Apply an import: ``summary.currency`` checked (a new store adopts it), then writes.

    ``more(conn, summary)`` writes what is particular to a format (shop
    orders) inside the same transaction. With nothing to write, the database is
    not touched at all.
    """
    if not facts and not expenses and more is None:
        return summary
    with database.transaction() as conn:
        if summary.currency:
            adopt_currency(conn, summary.currency, source.name)
        if more is not None:
            more(conn, summary)
        summary.values = summary.values + store_facts(conn, facts)
        summary.expenses = summary.expenses + store_expenses(conn, list(expenses))
        _record_batch(conn, source, summary)
    return summary


def _record_batch(conn, source: SourceFile, summary: ImportSummary) -> None:
    batch = tables.import_batch
    sha256 = fingerprint(source)
    seen = conn.execute(select(batch.c.id).where(batch.c.kind == summary.kind, batch.c.file_sha256 == sha256)).first()
    if seen is None:
        conn.execute(
            insert(batch).values(
                kind=summary.kind,
                file_sha256=sha256,
                file_name=source.name[:400],
                imported_at=now(),
                rows_read=summary.rows_imported,
                rows_skipped=summary.rows_skipped,
            )
        )
