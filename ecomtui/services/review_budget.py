"""Budget pacing for the weekly review and the Dashboard's budget burn: the month per channel, as of a day.

The review shows the month the reviewed week ends in, as of the review's day;
the Dashboard this month as of today. Channels that need attention (over
budget, over pace, spending without a plan) come first; each row links to its
channel on the Budget tab. The figures are ``services.budget_calc``'s.
"""

from __future__ import annotations

from datetime import date

from ecomtui.services.budget_calc import month_key
from ecomtui.services.report import MONEY, RATIO, Column, Section, Table

ALERT = "▲"
NOTES = [
    "Pacing = actual / (planned x days elapsed / days in month): 100% is the even pace that lands on the plan.",
    "Forecast = actual + daily burn x days left; a finished month's forecast is what it spent.",
]


_FULL = (Column("Planned", MONEY), Column("Actual", MONEY), Column("Pacing", RATIO), Column("Forecast", MONEY))


def _label(name: str, status: str, alert: bool) -> str:
    """The row's name with its status (one column: the review gives the first column the room)."""
    return f"{name} {ALERT} {status}" if alert else f"{name} · {status}"


def _cells(f, compact: bool) -> list:
    return [f.actual, f.pacing] if compact else [f.planned, f.actual, f.pacing, f.forecast]


def month_table(conn, month: str, as_of: date, title: str, *, compact: bool = False) -> tuple[Table, list[str]]:
    """The month's channels (each with its status) and total as a report table, and a one-line summary.

    ``compact``: actual and pacing only (the Dashboard); else planned, actual, pacing, forecast.
    """
    from ecomtui.services.budget_queries import month_report
    from ecomtui.services.money import format_amount

    report, channels, currency = month_report(conn, month, as_of)
    names = {c.id: c.name for c in channels}
    table = Table(
        title,
        [Column("Channel"), *([Column("Actual", MONEY), Column("Pacing", RATIO)] if compact else _FULL)],
        empty="no plan and no spending this month (b on the Budget tab, or ecomtui budget set)",
    )
    clock = report.clock
    flagged = [c for c in report.channels if c.figures.status(clock)[1]]
    for row in [*flagged, *(c for c in report.channels if c not in flagged)]:
        f = row.figures
        status, alert = f.status(clock)
        table.add(
            _label(names.get(row.channel_id, str(row.channel_id)), status, alert),
            *_cells(f, compact),
            link=("budget", row.channel_id),
        )
    notes = []
    if report.channels:
        total = report.total
        table.add(_label("Total", *total.status(clock)), *_cells(total, compact))
        planned = format_amount(total.planned or 0)
        ahead = f"forecast {format_amount(total.forecast)} {currency}" if total.forecast is not None else "not started"
        notes.append(
            f"{len(flagged)} of {len(report.channels)} channels need attention; {ahead} against {planned} planned."
        )
    return table, notes


def budget_step(conn, p) -> Section:
    """The review's budget step: the month the week ends in, as of the review's day."""
    month = month_key(p.end)
    table, summary = month_table(conn, month, p.as_of, f"Budget {month} as of {p.as_of.isoformat()}")
    return Section("budget", "Budget", [table], summary + NOTES if summary else [])


def budget_block(conn, today: date) -> Section:
    """The Dashboard's budget burn: this month so far."""
    month = month_key(today)
    table, summary = month_table(conn, month, today, f"This month ({month}) so far", compact=True)
    return Section("budget", "Budget", [table], summary + NOTES[:1] if summary else [])
