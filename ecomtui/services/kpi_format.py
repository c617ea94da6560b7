"""KPI values as a person reads and types them: names, money in the store currency, percentages, changes.

Pure functions over Decimals (no database, no Textual). Money is rounded to
the currency's minor unit exactly (Decimal, half up), counts are whole, ratios
are percentages; a ratio whose denominator was zero reads "n/a". Changes are
relative for sums and money (+4.2%) and in percentage points for ratios
(+0.31 pp): a conversion rate going from 2.0% to 2.5% is "+0.50 pp", not "+25%".
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from ecomtui.services.kpi_metrics import AT_LEAST, KIND, LOWER_IS_BETTER, MONEY, RATIO
from ecomtui.services.validation import InvalidInput

NA = "n/a"

# The cards in order: the figures PRODUCT.md names first, then the rest of the metric keys.
CARD_METRICS: tuple[str, ...] = (
    "revenue",
    "orders",
    "aov",
    "sessions",
    "conversion_rate",
    "cart_abandonment",
    "returning_customer_rate",
    "new_customers",
    "returning_customers",
    "users",
    "ad_spend",
    "roas",
    "cac",
    "cpa",
    "ad_clicks",
    "ad_impressions",
    "ad_conversions",
    "ad_conversion_value",
)

LABELS: dict[str, str] = {
    "revenue": "Revenue",
    "orders": "Orders",
    "aov": "Average order value",
    "sessions": "Sessions",
    "users": "Users",
    "new_customers": "New customers",
    "returning_customers": "Returning customers",
    "returning_customer_rate": "Returning-customer rate",
    "conversion_rate": "Conversion rate",
    "cart_abandonment": "Cart abandonment",
    "ad_spend": "Ad spend",
    "ad_clicks": "Ad clicks",
    "ad_impressions": "Ad impressions",
    "ad_conversions": "Ad conversions",
    "ad_conversion_value": "Ad conversion value",
    "roas": "ROAS",
    "cpa": "CPA",
    "cac": "CAC",
}

# What each card says under its name: how it is computed (PRODUCT.md asks for the
# conversion-rate and refund notes where those figures are shown).
EXPLAINED: dict[str, str] = {
    "revenue": "after refunds, by order day",
    "aov": "subtotal / orders",
    "conversion_rate": "orders / sessions",
    "returning_customer_rate": "returning / all customers",
    "cart_abandonment": "1 - purchases / carts",
    "roas": "conversion value / ad spend",
    "cpa": "ad spend / conversions",
    "cac": "marketing spend / new customers",
}

_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$", re.ASCII)
_NUMBER = re.compile(r"^\d+(\.\d+)?$", re.ASCII)
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}


def label(metric: str) -> str:
    return LABELS.get(metric, metric.replace("_", " ").capitalize())


def money(amount: Decimal, currency: str) -> str:
    """``Decimal('1234.5')`` in EUR -> ``'€1,234.50'``; exact, rounded half up to the minor unit."""
    from ecomtui.services.currency import minor_digits  # here: currency loads SQLAlchemy, cards paint before it

    digits = minor_digits(currency)
    rounded = amount.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    number = f"{abs(rounded):,.{digits}f}"
    symbol = SYMBOLS.get(currency.upper())
    return f"{sign}{symbol}{number}" if symbol else f"{sign}{currency.upper()} {number}"


def percent(fraction: Decimal, places: int = 2) -> str:
    """``Decimal('0.02134')`` -> ``'2.13%'``."""
    value = (fraction * 100).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{value:,.{places}f}%"


def value_text(metric: str, value: Decimal | None, currency: str) -> str:
    """A value as shown on screen; None (a zero denominator) is "n/a"."""
    if value is None:
        return NA
    kind = KIND.get(metric)
    if kind == MONEY:
        return money(value, currency)
    if kind == RATIO:
        return percent(value)
    whole = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if whole == value:
        return f"{whole:,.0f}"
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"


def change(metric: str, value: Decimal | None, base: Decimal | None) -> tuple[str, int]:
    """The change from ``base`` to ``value`` as text, and whether it is good (1), bad (-1) or neither (0).

    Sums and money change in percent of the base ("+4.2%"), ratios in
    percentage points ("-0.31 pp"); "n/a" when either side is n/a or the base is 0.
    """
    if value is None or base is None:
        return NA, 0
    if KIND.get(metric) == RATIO:
        points = ((value - base) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        text = f"{points:+,.2f} pp"
        delta = points
    else:
        if base == 0:
            return NA, 0
        delta = ((value - base) / abs(base) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        text = f"{delta:+,.1f}%"
    if delta == 0:
        return text.replace("+", "±").replace("-", "±"), 0
    better = (delta > 0) != (metric in LOWER_IS_BETTER)
    return text, 1 if better else -1


def goal_words(direction: str) -> str:
    return "at least" if direction == AT_LEAST else "at most"


def parse_target(text: str, metric: str) -> Decimal:
    """A typed target: ``12,500`` / ``12500.50`` / ``2.5%`` (ratios are typed in percent) -> Decimal.

    Money is in the store currency (a currency sign is allowed and ignored);
    the result for a ratio is a fraction (2.5 -> 0.025).
    """
    typed = (text or "").strip()
    if not typed:
        raise InvalidInput("target is required", "target")
    value = typed.replace(" ", "").replace("_", "").rstrip("%").lstrip("€$£¥")
    if _THOUSANDS.match(value):
        value = value.replace(",", "")
    if not _NUMBER.match(value):
        raise InvalidInput(
            f"target: '{typed}' is not a number (digits with a dot for decimals, e.g. 12500 or 2.5)", "target"
        )
    number = Decimal(value)
    if KIND.get(metric) == RATIO:
        number = number / 100
    if number >= Decimal(10) ** 12:
        raise InvalidInput(f"target: '{typed}' is too large", "target")
    return number
