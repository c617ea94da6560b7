"""The Dashboard's blocks: this week at a glance, one function per domain listed in ``BLOCKS``.

Each block is ``(conn, today) -> Section``; rows carry links to the item on its
tab. Reads are aggregates and short lists, so the Dashboard paints quickly on
a store with years of history.
"""

from __future__ import annotations

import importlib
from datetime import date, timedelta

from ecomtui.services.report import Section

# "module:function" in the order the blocks are shown
BLOCKS: tuple[str, ...] = (
    "ecomtui.services.review_kpis:kpis_block",
    "ecomtui.services.dashboard:tasks_block",
    "ecomtui.services.review_budget:budget_block",
    "ecomtui.services.review_promotions:promotions_block",
    "ecomtui.services.review_agencies:agencies_block",
)


def blocks(conn, today: date) -> list[Section]:
    sections = []
    for target in BLOCKS:
        module, _, function = target.partition(":")
        sections.append(getattr(importlib.import_module(module), function)(conn, today))
    return sections


def screen(conn, today: date) -> tuple[list[Section], str]:
    """Everything the Dashboard shows: its blocks and the store's currency (its first read, also prefetched)."""
    from ecomtui.services.currency import store_currency

    return blocks(conn, today), store_currency(conn)


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def tasks_block(conn, today: date) -> Section:
    from ecomtui.services.review_tasks import done_between, due_between, overdue

    start, end = week_of(today)
    last_start, last_end = start - timedelta(days=7), start - timedelta(days=1)
    done = done_between(conn, last_start, last_end)
    return Section(
        "tasks",
        "Tasks",
        [overdue(conn, today), due_between(conn, today, end, "Due this week")],
        [f"{done} done last week"],
    )
