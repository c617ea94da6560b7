"""Monthly KPI goals as the goal dialog edits them: rows with their versions, and safe saves.

A goal is one row per (month, metric) with a ``version``. The dialog saves
with the version it showed (or "none yet"): when someone else set the same
goal meanwhile, nothing is written and :class:`~ecomtui.services.versioning.Conflict`
carries the goal as it is now, so the user sees both and chooses. Core only.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, insert, select

from ecomtui.db import tables
from ecomtui.services.kpi_metrics import AT_LEAST, AT_MOST
from ecomtui.services.kpis import from_micros, parse_metric, to_micros
from ecomtui.services.validation import InvalidInput, parse_month
from ecomtui.services.versioning import Conflict, update_row

_goal = tables.goal


@dataclass(frozen=True)
class GoalRow:
    """A stored goal with the version a save must match."""

    id: int
    version: int
    month: str
    metric: str
    target: Decimal  # a fraction for ratios (0.025 is 2.5%)
    direction: str


def _row(mapping) -> GoalRow:
    return GoalRow(
        id=mapping["id"],
        version=mapping["version"],
        month=mapping["month"],
        metric=mapping["metric"],
        target=from_micros(mapping["target_micros"]),
        direction=mapping["direction"],
    )


def goal_rows(conn) -> dict[tuple[str, str], GoalRow]:
    """Every goal by (month, metric): a store holds a few per month, so all of them is small."""
    return {(row.month, row.metric): row for row in map(_row, conn.execute(select(_goal)).mappings())}


def save_goal(conn, month: str, metric: str, target: Decimal, direction: str, *, expected: GoalRow | None) -> GoalRow:
    """Set the goal of ``metric`` for ``month``, based on the row the user saw (None: there was none).

    Raises Conflict (``current`` a GoalRow) when it changed or appeared since,
    Gone when it was deleted since.
    """
    month = parse_month(month) or ""
    if not month:
        raise InvalidInput("month is required (YYYY-MM, e.g. 2026-11)", "month")
    metric = parse_metric(metric)
    if direction not in (AT_LEAST, AT_MOST):
        raise InvalidInput(f"direction: '{direction}' is not one of {AT_LEAST}, {AT_MOST}", "direction")
    if target < 0:
        raise InvalidInput("target cannot be negative", "target")
    values = {"target_micros": to_micros(target), "direction": direction}
    what = f"the {metric} goal for {month}"
    if expected is None:
        current = conn.execute(select(_goal).where(and_(_goal.c.month == month, _goal.c.metric == metric)))
        row = current.mappings().first()
        if row is not None:
            raise Conflict(what, _row(row))
        new_id = conn.execute(insert(_goal).values(month=month, metric=metric, **values).returning(_goal.c.id))
        return GoalRow(new_id.scalar_one(), 1, month, metric, from_micros(values["target_micros"]), direction)
    try:
        version = update_row(conn, _goal, expected.id, values, expected=expected.version, what=what)
    except Conflict as exc:
        exc.current = _row(exc.current)
        raise
    target = from_micros(values["target_micros"])
    return GoalRow(expected.id, version, expected.month, expected.metric, target, direction)
