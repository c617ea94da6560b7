"""Budget reads: a month's plans and expenses, as the Budget tab, the command line and exports need them.

SQLAlchemy Core only (works with a connection or a session); the arithmetic is
in :mod:`ecomtui.services.budget_calc`. Amounts leave the database as integer
minor units and become exact Decimals in the store's currency here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ecomtui.db.tables import budget_line, channel, expense, partner, promotion
from ecomtui.services import budget_calc as calc
from ecomtui.services.channel_colours import ChannelInfo
from ecomtui.services.currency import minor_digits, store_currency
from ecomtui.services.lookups import channel_rows, owner_names
from ecomtui.services.money import from_minor, quantum


@dataclass(frozen=True)
class PlanLine:
    id: int
    version: int
    month: str
    channel_id: int
    planned: Decimal


@dataclass(frozen=True)
class ExpenseRow:
    """One expense with the names of what it links to."""

    id: int
    version: int
    day: date
    amount: Decimal
    channel_id: int
    channel: str
    partner_id: int | None
    partner: str | None
    promotion_id: int | None
    promotion: str | None
    source: str
    note: str
    import_key: str | None = None

    @property
    def group(self) -> str:
        return calc.spend_group(self.source, self.partner)

    def spend(self) -> calc.Spend:
        return calc.Spend(self.day, self.channel_id, self.amount, self.group, fixed=self.source == "retainer")

    def search_text(self) -> str:
        """What the filter looks in: note, channel, partner, promotion, source, date, amount."""
        parts = (self.note, self.channel, self.partner or "", self.promotion or "", self.group, self.day.isoformat())
        return " ".join((*parts, str(self.amount))).casefold()


@dataclass
class BudgetView:
    """Everything the Budget tab shows for one month."""

    month: str
    currency: str
    digits: int
    report: calc.MonthBudget
    channels: list[ChannelInfo]
    plans: dict[int, PlanLine]
    expenses: list[ExpenseRow]  # the month's, newest first
    partners: list[tuple[int, str]] = field(default_factory=list)
    promotions: list[tuple[int, str]] = field(default_factory=list)

    def channel(self, channel_id: int) -> ChannelInfo | None:
        return next((c for c in self.channels if c.id == channel_id), None)

    def cumulative(self) -> list[Decimal]:
        return calc.cumulative_actual((e.spend() for e in self.expenses), self.report.clock)

    def pace(self) -> list[Decimal]:
        return calc.ideal_pace(self.report.total.planned, self.report.clock)


def currency_digits(conn) -> tuple[str, int]:
    currency = store_currency(conn)
    return currency, minor_digits(currency)


def all_channels(conn) -> list[ChannelInfo]:
    """Every channel in display order, with its colour; retired ones too (their past spending shows)."""
    return channel_rows(conn)


def plan_lines(conn, month: str, digits: int) -> dict[int, PlanLine]:
    """The month's plan per channel id."""
    rows = conn.execute(
        select(budget_line.c.id, budget_line.c.version, budget_line.c.channel_id, budget_line.c.planned_minor).where(
            budget_line.c.month == month
        )
    )
    return {r[2]: PlanLine(r[0], r[1], month, r[2], from_minor(r[3], digits)) for r in rows}


def get_plan(conn, month: str, channel_id: int, digits: int) -> PlanLine | None:
    return plan_lines(conn, month, digits).get(channel_id)


def _expense_query():
    return select(
        expense.c.id,
        expense.c.version,
        expense.c.day,
        expense.c.amount_minor,
        expense.c.channel_id,
        channel.c.name,
        expense.c.partner_id,
        partner.c.name,
        expense.c.promotion_id,
        promotion.c.name,
        expense.c.source,
        expense.c.note,
        expense.c.import_key,
    ).select_from(
        expense.join(channel, channel.c.id == expense.c.channel_id)
        .outerjoin(partner, partner.c.id == expense.c.partner_id)
        .outerjoin(promotion, promotion.c.id == expense.c.promotion_id)
    )


def _expense_rows(rows, digits: int) -> list[ExpenseRow]:
    return [
        ExpenseRow(r[0], r[1], r[2], from_minor(r[3], digits), *r[4:10], r[10] or "manual", r[11] or "", r[12])
        for r in rows
    ]


def expenses_between(conn, first: date, last: date, digits: int) -> list[ExpenseRow]:
    """Expenses dated ``first`` to ``last`` (inclusive), newest first."""
    query = _expense_query().where(expense.c.day.between(first, last))
    return _expense_rows(conn.execute(query.order_by(expense.c.day.desc(), expense.c.id.desc())), digits)


def all_expenses(conn, digits: int) -> list[ExpenseRow]:
    """Every expense, oldest first (for exports)."""
    return _expense_rows(conn.execute(_expense_query().order_by(expense.c.day, expense.c.id)), digits)


def get_expense(conn, expense_id: int, digits: int) -> ExpenseRow | None:
    rows = _expense_rows(conn.execute(_expense_query().where(expense.c.id == expense_id)), digits)
    return rows[0] if rows else None


def promotion_names(conn) -> list[tuple[int, str]]:
    """Promotions an expense can be linked to, the latest first."""
    rows = conn.execute(select(promotion.c.id, promotion.c.name).order_by(promotion.c.start.desc(), promotion.c.id))
    return [(r[0], r[1]) for r in rows]


def month_report(conn, month: str, as_of: date) -> tuple[calc.MonthBudget, list[ChannelInfo], str]:
    """The month's budget as of a day, with the channels (for names) and the store currency."""
    view = load_month(conn, month, as_of, with_choices=False)
    return view.report, view.channels, view.currency


def load_month(conn, month: str, as_of: date, *, with_choices: bool = True) -> BudgetView:
    """The month as of ``as_of`` (today for the tab): figures, plans, expenses, and the dialogs' choices."""
    currency, digits = currency_digits(conn)
    clock = calc.month_clock(month, as_of)
    channels = all_channels(conn)
    plans = plan_lines(conn, month, digits)
    expenses = expenses_between(conn, clock.first, clock.last, digits)
    report = calc.month_budget(
        clock,
        {channel_id: line.planned for channel_id, line in plans.items()},
        [e.spend() for e in expenses],
        order=[c.id for c in channels],
        step=quantum(digits),
    )
    view = BudgetView(month, currency, digits, report, channels, plans, expenses)
    if with_choices:
        view.partners = owner_names(conn)
        view.promotions = promotion_names(conn)
    return view


def _number(value: Decimal | None, places: int | None = None) -> float | None:
    """A JSON number for scripts (money has at most a few decimals: a float shows it exactly)."""
    if value is None:
        return None
    return float(round(value, places) if places is not None else value)


def figures_json(name: str, figures: calc.Figures) -> dict:
    return {
        "channel": name,
        "planned": _number(figures.planned or calc.ZERO),
        "actual": _number(figures.actual),
        "variance": _number(figures.variance),
        "pacing": _number(figures.pacing, 2),
        "forecast": _number(figures.forecast),
    }


def month_json(report: calc.MonthBudget, channels: list[ChannelInfo], currency: str) -> dict:
    """``budget show --json`` as PRODUCT.md describes it (pacing to two places, n/a as null)."""
    names = {c.id: c.name for c in channels}
    return {
        "month": report.clock.month,
        "currency": currency,
        "as_of": report.clock.as_of.isoformat(),
        "channels": [figures_json(names.get(c.channel_id, str(c.channel_id)), c.figures) for c in report.channels],
        "total": figures_json("Total", report.total),
    }


def all_plans(conn, digits: int) -> list[tuple[PlanLine, str]]:
    """Every month's plans with their channel names, by month then channel order (for exports)."""
    rows = conn.execute(
        select(
            budget_line.c.id,
            budget_line.c.version,
            budget_line.c.month,
            budget_line.c.channel_id,
            budget_line.c.planned_minor,
            channel.c.name,
        )
        .select_from(budget_line.join(channel, channel.c.id == budget_line.c.channel_id))
        .order_by(budget_line.c.month, channel.c.position, channel.c.name)
    )
    return [(PlanLine(r[0], r[1], r[2], r[3], from_minor(r[4], digits)), r[5]) for r in rows]
