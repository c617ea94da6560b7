"""Money as the user types and reads it: exact amounts, stored in integer minor units.

Amounts are :class:`~decimal.Decimal` in the services and integer minor units
(cents for EUR) in the database; never float. The store has one currency (the
``currency`` setting, EUR until set). Import-light: no database import at the
top, so the UI can format amounts it already holds.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ecomtui.services.validation import InvalidInput

DEFAULT_CURRENCY = "EUR"
MINOR_DIGITS = 2  # cents; currencies without cents would need their own digits here
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)
_PLAIN = re.compile(r"^\d+(\.\d+)?$", re.ASCII)


def parse_amount(value: str | None, field: str = "amount") -> int | None:
    """A non-negative amount typed as ``2500``, ``2500.50`` or ``2,500.50``, in minor units; empty is None."""
    typed = (value or "").strip()
    if not typed:
        return None
    text = typed.replace(" ", "").replace("\u00a0", "")
    if text.startswith("-"):
        raise InvalidInput(f"{field}: '{typed}' is negative; an amount is 0 or more", field)
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        raise InvalidInput(f"{field}: '{typed}' is not an amount (use digits, e.g. 2500 or 2500.50)", field)
    try:
        amount = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only decimals
        raise InvalidInput(f"{field}: '{typed}' is not an amount", field) from None
    if amount != amount.quantize(Decimal(1).scaleb(-MINOR_DIGITS)):
        raise InvalidInput(f"{field}: '{typed}' has more than {MINOR_DIGITS} decimal places", field)
    minor = int(amount.scaleb(MINOR_DIGITS))
    if minor >= 10**15:
        raise InvalidInput(f"{field}: '{typed}' is too large", field)
    return minor


def from_minor(minor: int) -> Decimal:
    """Minor units back to an exact amount (250000 -> Decimal('2500.00'))."""
    return Decimal(minor).scaleb(-MINOR_DIGITS)


def amount_text(minor: int) -> str:
    """``2500.00``: the plain amount, as a dialog field shows it for editing."""
    return f"{from_minor(minor):.{MINOR_DIGITS}f}"


def format_money(minor: int | None, currency: str = DEFAULT_CURRENCY) -> str:
    """``EUR 2,500.00``; ``—`` for none."""
    if minor is None:
        return "—"
    return f"{currency} {from_minor(minor):,.{MINOR_DIGITS}f}"


def store_currency(conn) -> str:
    """The store's currency: the ``currency`` setting, else EUR."""
    from sqlalchemy import select

    from ecomtui.db.tables import setting

    value = conn.execute(select(setting.c.value).where(setting.c.key == "currency")).scalar()
    code = (value or "").strip().upper()
    return code if re.fullmatch(r"[A-Z]{3}", code, re.ASCII) else DEFAULT_CURRENCY
