"""What a user types for a plan or an expense, checked and turned into exact values.

Shared by the command line and the Budget tab's dialogs, and free of the
database (the dialogs check a value as soon as it is typed). Every function
raises :class:`~ecomtui.services.validation.InvalidInput` naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ecomtui.services.money import parse_amount
from ecomtui.services.validation import InvalidInput, parse_date, parse_month, require_text

NOTE_LENGTH = 500


@dataclass(frozen=True)
class ExpenseInput:
    day: date
    amount_minor: int
    channel_id: int
    partner_id: int | None = None
    promotion_id: int | None = None
    note: str = ""


@dataclass(frozen=True)
class PlanInput:
    month: str
    channel_id: int
    amount_minor: int


def require_month(value: str | None, field: str = "month") -> str:
    month = parse_month(value, field)
    if month is None:
        raise InvalidInput(f"{field} is required (YYYY-MM, e.g. 2026-11)", field)
    return month


def require_channel(channel_id: int | None) -> int:
    if channel_id is None:
        raise InvalidInput("channel is required", "channel")
    return channel_id


def optional_note(value: str | None) -> str:
    """A one-line note, or nothing."""
    if not (value or "").strip():
        return ""
    return require_text(value, "note", NOTE_LENGTH)


def build_expense_input(
    *,
    day: str | None,
    amount: str | None,
    channel_id: int | None,
    partner_id: int | None = None,
    promotion_id: int | None = None,
    note: str | None = "",
    digits: int = 2,
) -> ExpenseInput:
    """An expense from typed values (the date as YYYY-MM-DD)."""
    parsed_day = parse_date(day, "date")
    if parsed_day is None:
        raise InvalidInput("date is required (YYYY-MM-DD)", "date")
    return ExpenseInput(
        day=parsed_day,
        amount_minor=parse_amount(amount, digits=digits, required=True, allow_zero=False),
        channel_id=require_channel(channel_id),
        partner_id=partner_id,
        promotion_id=promotion_id,
        note=optional_note(note),
    )


def build_plan_input(*, month: str | None, channel_id: int | None, amount: str | None, digits: int = 2) -> PlanInput:
    """A month's plan for one channel; a plan of 0 is allowed (nothing to spend)."""
    return PlanInput(
        month=require_month(month),
        channel_id=require_channel(channel_id),
        amount_minor=parse_amount(amount, digits=digits, required=True),
    )
