"""Where the export files are, and ways to look at what an import left in the database.

Imported by the importer tests as ``import_support`` (a name no other test folder uses).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.sql import TableClause

from ecomtui.db import tables

# The real exports beside the repository (../shared/samples from its root), never edited.
SAMPLES = Path(__file__).parents[2] / ".." / "shared" / "samples"
# Small files written by hand, one quirk each.
FILES = Path(__file__).parent / "files"

SAMPLES_MISSING = f"the real export samples are missing at {SAMPLES.resolve()} (shared/ belongs beside the clone)"


def db_contents(database) -> dict[str, list[tuple]]:
    """Every row of every table, for "the database is exactly as before"."""
    out = {}
    with database.connect() as conn:
        for table in vars(tables).values():
            if isinstance(table, TableClause):
                out[table.name] = sorted((tuple(row) for row in conn.execute(select(table))), key=repr)
    return out


def facts(database, source: str | None = None) -> dict[tuple[str, str, str], Decimal]:
    """Stored facts as {(day, metric, source): value in units}."""
    fact = tables.kpi_fact
    query = select(fact.c.day, fact.c.metric, fact.c.source, fact.c.value_micros)
    if source is not None:
        query = query.where(fact.c.source == source)
    with database.connect() as conn:
        return {(d.isoformat(), m, s): Decimal(v) / 1_000_000 for d, m, s, v in conn.execute(query)}


def day_values(database, source: str) -> dict[str, dict[str, Decimal]]:
    """Stored facts of one source as {day: {metric: value}}."""
    out: dict[str, dict[str, Decimal]] = {}
    for (day, metric, _), value in facts(database, source).items():
        out.setdefault(day, {})[metric] = value
    return out


def expenses(database) -> list[tuple[str, int, str, str, str]]:
    """Expenses as (day, amount in minor units, channel name, source, import key), by day."""
    e, c = tables.expense, tables.channel
    query = (
        select(e.c.day, e.c.amount_minor, c.c.name, e.c.source, e.c.import_key)
        .join(c, c.c.id == e.c.channel_id)
        .order_by(e.c.day, e.c.source)
    )
    with database.connect() as conn:
        return [(d.isoformat(), a, n, s, k) for d, a, n, s, k in conn.execute(query)]


def setting(database, key: str) -> str | None:
    s = tables.setting
    with database.connect() as conn:
        return conn.execute(select(s.c.value).where(s.c.key == key)).scalar()


def edited(source: Path, target: Path, *replacements: tuple[str, str]) -> Path:
    """A copy of ``source`` at ``target`` with each (old, new) replaced: a quirk made to order."""
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")
    return target


def refusal(database, importer, path, **options) -> str:
    """The message refusing ``path``, after checking the refusal left the database exactly as it was."""
    from ecomtui.services.validation import InvalidInput

    before = db_contents(database)
    try:
        importer(database, path, **options)
    except InvalidInput as refused:
        assert db_contents(database) == before
        return refused.message
    raise AssertionError(f"{path} was imported, not refused")
