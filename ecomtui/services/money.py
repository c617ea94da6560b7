"""Amounts of money as a user types and reads them: exact Decimals, never floats.

``parse_amount`` reads what a user typed (``1200.50``, ``1,200.50``, ``3000``)
into integer minor units of the store's currency, refusing negative amounts,
more decimals than the currency has, and anything that is not a plain number
(``1e3``, ``NaN``). ``format_amount`` shows an amount with thousands
separators and exactly the currency's decimals. Pure: no database.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ecomtui.services.validation import InvalidInput

# the database keeps amounts as (32-bit on PostgreSQL) integers of minor units
MAX_MINOR = 2**31 - 1

_PLAIN = re.compile(r"^(\d+)(?:\.(\d*))?$", re.ASCII)
_GROUPED = re.compile(r"^(\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$", re.ASCII)


def quantum(digits: int) -> Decimal:
    """The currency's smallest step: ``Decimal('0.01')`` for two decimals."""
    return Decimal(1).scaleb(-digits)


def to_minor_units(amount: Decimal, digits: int) -> int:
    """An amount in minor units, rounded half up."""
    return int((amount * 10**digits).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_minor_units(minor: int, digits: int) -> Decimal:
    return Decimal(minor).scaleb(-digits).quantize(quantum(digits))


def parse_amount(
    value: str | None, digits: int = 2, field: str = "amount", *, allow_zero: bool = False, currency: str = ""
) -> int:
    """What the user typed, in minor units; raises InvalidInput with a message for the user."""
    typed = (value or "").strip()
    unit = f" {currency}" if currency else ""
    if not typed:
        raise InvalidInput(f"{field} is required (e.g. 1200.50)", field)
    if typed.startswith("-"):
        raise InvalidInput(f"{field}: '{typed}' is negative; amounts are never below 0", field)
    match = _PLAIN.match(typed) or _GROUPED.match(typed)
    if not match:
        raise InvalidInput(f"{field}: '{typed}' is not an amount (use digits and a point, e.g. 1200.50)", field)
    whole, decimals = match.group(1).replace(",", ""), match.group(2) or ""
    if len(decimals.rstrip("0")) > digits:
        raise InvalidInput(f"{field}: '{typed}' has more than {digits} decimals", field)
    minor = to_minor_units(Decimal(f"{whole}.{decimals or '0'}"), digits)
    if minor == 0 and not allow_zero:
        raise InvalidInput(f"{field} must be more than 0", field)
    if minor > MAX_MINOR:
        limit = format_amount(from_minor_units(MAX_MINOR, digits), digits)
        raise InvalidInput(f"{field}: '{typed}' is too large (at most {limit}{unit})", field)
    return minor


def format_amount(amount: Decimal | None, digits: int = 2, *, empty: str = "n/a") -> str:
    """``Decimal('-1234.5')`` as ``-1,234.50``; None as ``empty``."""
    if amount is None:
        return empty
    return f"{amount.quantize(quantum(digits), rounding=ROUND_HALF_UP):,.{digits}f}"
