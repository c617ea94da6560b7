"""Expenses written by imports (ad spend per platform and day), keyed so a re-import updates them.

Each imported expense carries an ``import_key`` such as
``google_ads:2025-05-11``: importing the same report again finds the row and
leaves it (or corrects its amount) instead of adding a second one. The
channel is found by name, case-insensitively, and created when the store has
none of that name (a user may have renamed "PPC").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import bindparam, func, insert, select, update

from ecomtui.db import tables
from ecomtui.services.currency import store_currency, to_minor
from ecomtui.services.kpis import Changes, from_micros
from ecomtui.services.validation import match_name


@dataclass(frozen=True)
class ImportedExpense:
    day: date
    amount_micros: int  # in the store's currency; rounded to its minor unit when stored
    channel: str  # a channel name ("PPC", "Paid Social")
    source: str  # "google_ads", "meta_ads"
    import_key: str
    note: str


def channel_id(conn, name: str) -> int:
    """The id of the channel called ``name`` (any case), created when missing."""
    channel = tables.channel
    found = match_name(list(conn.execute(select(channel.c.id, channel.c.name))), name)
    if found is not None:
        return found
    position = conn.execute(select(func.coalesce(func.max(channel.c.position), -1))).scalar_one() + 1
    return conn.execute(insert(channel).values(name=name, position=position).returning(channel.c.id)).scalar_one()


def store_expenses(conn, rows: list[ImportedExpense]) -> Changes:
    """Insert or correct imported expenses by ``import_key``; a zero amount adds no new row."""
    if not rows:
        return Changes()
    expense = tables.expense
    existing = {
        key: (expense_id, amount)
        for expense_id, key, amount in conn.execute(
            select(expense.c.id, expense.c.import_key, expense.c.amount_minor).where(
                expense.c.import_key.in_([r.import_key for r in rows])
            )
        )
    }
    channels = {name: channel_id(conn, name) for name in {r.channel for r in rows}}
    currency = store_currency(conn)
    new, updates, unchanged = [], [], 0
    for row in rows:
        minor = to_minor(from_micros(row.amount_micros), currency)
        if row.import_key in existing:
            expense_id, amount = existing[row.import_key]
            if amount == minor:
                unchanged += 1
            else:
                updates.append({"expense_id": expense_id, "new_amount": minor})
        elif minor:
            new.append(
                {
                    "day": row.day,
                    "amount_minor": minor,
                    "channel_id": channels[row.channel],
                    "partner_id": None,
                    "note": row.note,
                    "source": row.source,
                    "import_key": row.import_key,
                }
            )
    if new:
        conn.execute(insert(expense), new)
    if updates:
        conn.execute(
            update(expense)
            .where(expense.c.id == bindparam("expense_id"))
            .values(amount_minor=bindparam("new_amount"), version=expense.c.version + 1),  # editors notice
            updates,
        )
    return Changes(added=len(new), changed=len(updates), unchanged=unchanged)
