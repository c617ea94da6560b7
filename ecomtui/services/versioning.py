"""Conflict-safe writes for every editable table: a save names the row version it was based on.

Each editable row has a ``version`` counter, advanced by every change made
through here. An update or delete based on a stale copy (the row's version
moved on because someone else saved it) changes nothing and raises
:class:`Conflict` with the row as it is now, so the caller can show both
versions and let the user choose; a row deleted meanwhile raises
:class:`Gone`. Core only, so the command line stays light.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update

from ecomtui.services.validation import InvalidInput


class Gone(InvalidInput):
    """The row was deleted meanwhile."""

    def __init__(self, what: str):
        super().__init__(f"{what} no longer exists: it was deleted elsewhere", "id")


class Conflict(InvalidInput):
    """The row changed since the copy the user edited; ``current`` is the row as stored now."""

    def __init__(self, what: str, current: dict):
        super().__init__(f"{what} was changed elsewhere since you opened it", "version")
        self.current = current


def current_row(conn, table, row_id: int) -> dict | None:
    row = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    return dict(row) if row is not None else None


def update_row(conn, table, row_id: int, values: dict, *, expected: int | None, what: str) -> int:
    """Apply ``values`` if the row is still at version ``expected`` (None: whatever it is); returns the new version."""
    query = update(table).where(table.c.id == row_id)
    if expected is not None:
        query = query.where(table.c.version == expected)
    result = conn.execute(query.values(**values, version=table.c.version + 1).returning(table.c.version))
    version = result.scalar()
    if version is None:
        _refuse(conn, table, row_id, what)
    return version


def delete_row(conn, table, row_id: int, *, expected: int | None, what: str) -> None:
    """Delete the row if it is still at version ``expected`` (None: whatever it is)."""
    query = delete(table).where(table.c.id == row_id)
    if expected is not None:
        query = query.where(table.c.version == expected)
    if conn.execute(query).rowcount == 0:
        _refuse(conn, table, row_id, what)


def _refuse(conn, table, row_id: int, what: str):
    current = current_row(conn, table, row_id)
    if current is None:
        raise Gone(what)
    raise Conflict(what, current)
