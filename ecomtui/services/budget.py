"""Budget changes: monthly plans per channel, expenses, copying a plan, booking retainers.

SQLAlchemy Core, inside the caller's transaction. Edits and deletes are
conflict-safe (services.versioning): a save based on a stale copy raises
:class:`Conflict` carrying the row as it is now. Amounts are integer minor
units of the store's currency.

Reads are in :mod:`ecomtui.services.budget_queries` and the arithmetic in
:mod:`ecomtui.services.budget_calc`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import false, insert, select

from ecomtui.db.tables import budget_line, expense, partner, partner_service
from ecomtui.services import budget_calc as calc
from ecomtui.services.budget_input import ExpenseInput, PlanInput, build_expense_input, require_month
from ecomtui.services.budget_queries import (
    ExpenseRow,
    PlanLine,
    all_channels,
    currency_digits,
    get_expense,
    get_plan,
    promotion_names,
)
from ecomtui.services.lookups import find_channel, find_owner
from ecomtui.services.money import format_amount, from_minor, parse_amount
from ecomtui.services.validation import InvalidInput, match_name
from ecomtui.services.versioning import Conflict, Gone, delete_row, update_row

RETAINER = "retainer"
ANY_VERSION = -1  # set_plan: overwrite whatever is stored (the command line)


# ---- plans ------------------------------------------------------------------------------


def set_plan(conn, data: PlanInput, *, expected: int | None = ANY_VERSION) -> PlanLine:
    """The month's plan for a channel. ``expected``: the version the user saw (None: saw no plan)."""
    _, digits = currency_digits(conn)
    current = get_plan(conn, data.month, data.channel_id, digits)
    what = f"the {data.month} plan"
    if current is None:
        if expected not in (None, ANY_VERSION):
            raise Gone(what)  # the plan the user edited was deleted meanwhile
        conn.execute(
            insert(budget_line).values(month=data.month, channel_id=data.channel_id, planned_minor=data.amount_minor)
        )
    else:
        if expected is None:  # the user set a plan where they saw none, and someone else got there first
            raise _plan_conflict(what, current)
        try:
            update_row(
                conn,
                budget_line,
                current.id,
                {"planned_minor": data.amount_minor},
                expected=None if expected == ANY_VERSION else expected,
                what=what,
            )
        except Conflict as exc:
            raise _plan_conflict(what, get_plan(conn, data.month, data.channel_id, digits)) from exc
    return get_plan(conn, data.month, data.channel_id, digits)


def _plan_conflict(what: str, current: PlanLine | None) -> Conflict:
    exc = Conflict(what, {})
    exc.current = current
    return exc


def delete_plan(conn, line: PlanLine) -> None:
    """Remove a channel's plan for the month; refused if it changed since ``line`` was read."""
    try:
        delete_row(conn, budget_line, line.id, expected=line.version, what=f"the {line.month} plan")
    except Conflict as exc:
        _, digits = currency_digits(conn)
        exc.current = get_plan(conn, line.month, line.channel_id, digits)
        raise


@dataclass(frozen=True)
class CopiedPlans:
    copied: int  # plans written into the month
    kept: int  # channels that already had a plan there (never overwritten)


def copy_plans(conn, source: str, target: str) -> CopiedPlans:
    """Copy ``source`` month's plans into ``target`` for the channels without one there."""
    have = set(conn.execute(select(budget_line.c.channel_id).where(budget_line.c.month == target)).scalars())
    rows = conn.execute(
        select(budget_line.c.channel_id, budget_line.c.planned_minor).where(budget_line.c.month == source)
    ).all()
    new = [{"month": target, "channel_id": c, "planned_minor": amount} for c, amount in rows if c not in have]
    if new:
        conn.execute(insert(budget_line), new)
    return CopiedPlans(len(new), len(rows) - len(new))


# ---- expenses ---------------------------------------------------------------------------


def _values(data: ExpenseInput) -> dict:
    return {
        "day": data.day,
        "amount_minor": data.amount_minor,
        "channel_id": data.channel_id,
        "partner_id": data.partner_id,
        "promotion_id": data.promotion_id,
        "note": data.note,
    }


def add_expense(conn, data: ExpenseInput, *, source: str = "manual", import_key: str | None = None) -> ExpenseRow:
    values = {**_values(data), "source": source, "import_key": import_key}
    expense_id = conn.execute(insert(expense).values(**values).returning(expense.c.id)).scalar_one()
    return get_expense(conn, expense_id, currency_digits(conn)[1])


def update_expense(conn, expense_id: int, data: ExpenseInput, *, expected: int | None) -> ExpenseRow:
    """Replace an expense's fields (its source stays); refused if it changed since ``expected``."""
    digits = currency_digits(conn)[1]
    try:
        update_row(conn, expense, expense_id, _values(data), expected=expected, what=_what(expense_id))
    except Conflict as exc:
        exc.current = get_expense(conn, expense_id, digits)
        raise
    return get_expense(conn, expense_id, digits)


def delete_expense(conn, expense_id: int, *, expected: int | None) -> None:
    try:
        delete_row(conn, expense, expense_id, expected=expected, what=_what(expense_id))
    except Conflict as exc:
        exc.current = get_expense(conn, expense_id, currency_digits(conn)[1])
        raise


def _what(expense_id: int) -> str:
    return f"expense {expense_id}"


def parse_expense_args(
    conn,
    *,
    amount: str,
    channel: str | None,
    day: str | None,
    partner: str | None = None,
    promotion: str | None = None,
    note: str | None = None,
    today: date,
) -> ExpenseInput:
    """An expense from the command line's words (names, not ids); nothing is written."""
    _, digits = currency_digits(conn)
    parse_amount(amount, digits=digits, required=True, allow_zero=False)  # the amount first: the most likely typo
    if not (channel or "").strip():
        raise InvalidInput("channel is required (--channel NAME)", "channel")
    return build_expense_input(
        day=day or today.isoformat(),
        amount=amount,
        channel_id=find_channel(conn, channel),
        partner_id=find_owner(conn, partner),
        promotion_id=find_promotion(conn, promotion),
        note=note,
        digits=digits,
    )


def find_promotion(conn, name: str | None) -> int | None:
    name = (name or "").strip()
    if not name:
        return None
    promotions = promotion_names(conn)
    found = match_name(promotions, name)
    if found is None:
        known = ", ".join(n for _, n in promotions[:12]) or "none yet"
        raise InvalidInput(f"promotion: unknown promotion '{name}' (known: {known})", "promotion")
    return found


# ---- retainers --------------------------------------------------------------------------


@dataclass
class RetainerBooking:
    month: str
    booked: list[tuple[str, str]] = field(default_factory=list)  # (partner, amount shown)
    already: list[str] = field(default_factory=list)  # partners booked for the month before
    skipped: list[str] = field(default_factory=list)  # "Name: why"

    def summary(self) -> str:
        parts = []
        if self.booked:
            parts.append(f"booked {len(self.booked)} retainer{'s' * (len(self.booked) != 1)} for {self.month}")
        else:
            parts.append(f"no new retainer to book for {self.month}")
        if self.already:
            parts.append(f"{len(self.already)} already booked")
        if self.skipped:
            parts.append("skipped " + "; ".join(self.skipped))
        return ", ".join(parts)


def retainer_key(partner_id: int, month: str) -> str:
    return f"{RETAINER}:{partner_id}:{month}"


@dataclass(frozen=True)
class RetainerDue:
    partner_id: int
    partner: str
    amount_minor: int
    channel_id: int | None  # None: none of its services names a channel and there is no "Other"


def retainers_due(conn, month: str) -> list[RetainerDue]:
    """The retainers a month owes: partners not archived, with a retainer, under contract that month.

    A partner without contract dates is always under contract. Its channel is
    the first channel (in display order) among its services, else "Other".
    """
    clock = calc.month_clock(month, date.min)
    channels = [(c.id, c.name) for c in all_channels(conn) if not c.retired]
    services: dict[int, list[str]] = {}
    for partner_id, service in conn.execute(select(partner_service.c.partner_id, partner_service.c.service)):
        services.setdefault(partner_id, []).append(service)
    rows = conn.execute(
        select(partner.c.id, partner.c.name, partner.c.retainer_minor, partner.c.contract_start, partner.c.contract_end)
        .where(partner.c.archived == false(), partner.c.retainer_minor > 0)
        .order_by(partner.c.name, partner.c.id)
    )
    return [
        RetainerDue(partner_id, name, retainer, _retainer_channel(services.get(partner_id, []), channels))
        for partner_id, name, retainer, start, end in rows
        if not ((start and start > clock.last) or (end and end < clock.first))
    ]


def book_retainers(conn, month: str) -> RetainerBooking:
    """Turn every retainer the month owes (:func:`retainers_due`) into an expense on its first day.

    Idempotent: each booking carries the key ``retainer:<partner>:<month>``, so a
    second run adds nothing.
    """
    month = require_month(month)
    first = calc.month_first(month)
    _, digits = currency_digits(conn)
    booking = RetainerBooking(month)
    for due in retainers_due(conn, month):
        key = retainer_key(due.partner_id, month)
        if conn.execute(select(expense.c.id).where(expense.c.import_key == key)).first():
            booking.already.append(due.partner)
        elif due.channel_id is None:
            booking.skipped.append(f"{due.partner}: no channel matches its services")
        else:
            data = ExpenseInput(
                first, due.amount_minor, due.channel_id, due.partner_id, None, f"Monthly retainer {month}"
            )
            add_expense(conn, data, source=RETAINER, import_key=key)
            booking.booked.append((due.partner, format_amount(from_minor(due.amount_minor, digits), digits)))
    return booking


def _retainer_channel(services: list[str], channels: list[tuple[int, str]]) -> int | None:
    """The first channel (in display order) among the partner's services, else "Other"."""
    wanted = {s.casefold() for s in services}
    for channel_id, name in channels:
        if name.casefold() in wanted:
            return channel_id
    return match_name(channels, "Other")
