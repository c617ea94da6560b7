"""The store's one currency: reading it, adopting it on the first import, minor units.

The currency lives in the ``setting`` row ``currency``. A new store (no
currency set and no money recorded yet) takes the currency of its first import
that names one; otherwise it is EUR until changed. An import in another
currency is refused: amounts are never converted.
"""

from __future__ import annotations

import re
from decimal import Decimal

from sqlalchemy import exists, insert, select

from ecomtui.db import tables
from ecomtui.services.validation import InvalidInput

DEFAULT_CURRENCY = "EUR"
SETTING_KEY = "currency"

# ISO 4217 currencies whose minor unit is not the cent
_MINOR_DIGITS = {
    **dict.fromkeys(
        (
            "BIF",
            "CLP",
            "DJF",
            "GNF",
            "ISK",
            "JPY",
            "KMF",
            "KRW",
            "PYG",
            "RWF",
            "UGX",
            "UYI",
            "VND",
            "VUV",
            "XAF",
            "XOF",
            "XPF",
        ),
        0,
    ),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
}
_CODE = re.compile(r"[A-Z]{3}", re.ASCII)


def minor_digits(currency: str) -> int:
    """Digits after the decimal point of the currency's minor unit (2 for EUR, 0 for JPY)."""
    return _MINOR_DIGITS.get(currency.upper(), 2)


def to_minor(amount: Decimal, currency: str) -> int:
    """An amount in the currency's minor units, rounded half up (12.345 EUR -> 1235)."""
    return int((amount * 10 ** minor_digits(currency)).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def from_minor(minor: int, currency: str) -> Decimal:
    return Decimal(minor).scaleb(-minor_digits(currency))


def normalise_code(value: str) -> str | None:
    """``'usd '`` -> ``'USD'``; None when it is not a three-letter code."""
    code = value.strip().upper()
    return code if _CODE.fullmatch(code) else None


def store_currency(conn) -> str:
    """The store's currency: the setting, else EUR."""
    value = conn.execute(select(tables.setting.c.value).where(tables.setting.c.key == SETTING_KEY)).scalar()
    return normalise_code(value or "") or DEFAULT_CURRENCY


def _has_money(conn) -> bool:
    """Whether any amount is recorded already (then the store's currency is settled)."""
    return any(
        conn.execute(select(exists().select_from(table))).scalar()
        for table in (tables.expense, tables.budget_line, tables.kpi_fact, tables.shop_order)
    )


def adopt_currency(conn, currency: str, what: str) -> str:
    """Check an import's currency against the store's; a new store takes it. Returns the store's.

    ``what`` names the file in the refusal ("orders.csv").
    """
    setting = conn.execute(select(tables.setting.c.value).where(tables.setting.c.key == SETTING_KEY)).scalar()
    if setting is None and not _has_money(conn):
        conn.execute(insert(tables.setting).values(key=SETTING_KEY, value=currency))
        return currency
    store = normalise_code(setting or "") or DEFAULT_CURRENCY
    if currency != store:
        raise InvalidInput(
            f"{what}: amounts are in {currency} but the store's currency is {store}; "
            "ecomtui keeps one currency per store and never converts, so nothing was imported",
            "currency",
        )
    return store
