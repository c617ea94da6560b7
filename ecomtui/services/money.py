"""Money as the user types and reads it: exact amounts, stored in integer minor units.

Amounts are :class:`~decimal.Decimal` in the services and integer minor units
(cents for EUR) in the database; never float. The store has one currency (the
``currency`` setting, EUR until set; ``services/currency.py`` knows each
currency's decimals). Import-light: no database import at the top, so the UI
can format amounts it already holds.

``parse_amount`` reads what a user typed (``1200.50``, ``1,200.50``, ``3000``)
into minor units, refusing negative amounts, more decimals than the currency
has, amounts the database cannot hold, and anything that is not a plain
number (``1e3``, ``NaN``). ``format_amount`` shows an amount with thousands
separators and exactly the currency's decimals.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ecomtui.services.validation import InvalidInput

DEFAULT_CURRENCY = "EUR"
MINOR_DIGITS = 2  # cents; a store in another currency passes its own digits
# the database keeps amounts as (32-bit on PostgreSQL) integers of minor units
MAX_MINOR = 2**31 - 1
_PLAIN = re.compile(r"^(\d+)(?:\.(\d*))?$", re.ASCII)
_GROUPED = re.compile(r"^(\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$", re.ASCII)


def quantum(digits: int = MINOR_DIGITS) -> Decimal:
    """The currency's smallest step: ``Decimal('0.01')`` for two decimals."""
    return Decimal(1).scaleb(-digits)


def parse_amount(
    value: str | None,
    field: str = "amount",
    *,
    digits: int = MINOR_DIGITS,
    required: bool = False,
    allow_zero: bool = True,
    currency: str = "",
) -> int | None:
    """What the user typed, in minor units; empty is None unless ``required``.

    Raises InvalidInput with a one-line message for the user.
    """
    typed = (value or "").strip()
    if not typed:
        if required:
            raise InvalidInput(f"{field} is required (e.g. 1200.50)", field)
        return None
    text = typed.replace(" ", "").replace("\u00a0", "")
    if text.startswith("-"):
        raise InvalidInput(f"{field}: '{typed}' is negative; amounts are never below 0", field)
    match = _PLAIN.match(text) or _GROUPED.match(text)
    if not match:
        raise InvalidInput(f"{field}: '{typed}' is not an amount (use digits and a point, e.g. 1200.50)", field)
    whole, decimals = match.group(1).replace(",", ""), match.group(2) or ""
    if len(decimals.rstrip("0")) > digits:
        raise InvalidInput(f"{field}: '{typed}' has more than {digits} decimals", field)
    amount = Decimal(f"{whole}.{decimals or '0'}")
    minor = int((amount * 10**digits).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if minor == 0 and not allow_zero:
        raise InvalidInput(f"{field} must be more than 0", field)
    if minor > MAX_MINOR:
        unit = f" {currency}" if currency else ""
        limit = format_amount(from_minor(MAX_MINOR, digits), digits)
        raise InvalidInput(f"{field}: '{typed}' is too large (at most {limit}{unit})", field)
    return minor


def from_minor(minor: int, digits: int = MINOR_DIGITS) -> Decimal:
    """Minor units back to an exact amount (250000 -> Decimal('2500.00'))."""
    return Decimal(minor).scaleb(-digits).quantize(quantum(digits))


def amount_text(minor: int) -> str:
    """``2500.00``: the plain amount, as a dialog field shows it for editing."""
    return f"{from_minor(minor):.{MINOR_DIGITS}f}"


def format_amount(amount: Decimal | None, digits: int = MINOR_DIGITS, *, empty: str = "n/a") -> str:
    """``Decimal('-1234.5')`` as ``-1,234.50``; None as ``empty``."""
    if amount is None:
        return empty
    return f"{amount.quantize(quantum(digits), rounding=ROUND_HALF_UP):,.{digits}f}"


def format_money(minor: int | None, currency: str = DEFAULT_CURRENCY) -> str:
    """``EUR 2,500.00``; ``—`` for none."""
    if minor is None:
        return "—"
    return f"{currency} {format_amount(from_minor(minor))}"


def store_currency(conn) -> str:
    """The store's currency: the ``currency`` setting, else EUR."""
    from sqlalchemy import select

    from ecomtui.db.tables import setting

    value = conn.execute(select(setting.c.value).where(setting.c.key == "currency")).scalar()
    code = (value or "").strip().upper()
    return code if re.fullmatch(r"[A-Z]{3}", code, re.ASCII) else DEFAULT_CURRENCY
