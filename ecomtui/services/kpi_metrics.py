"""KPI metric keys and the arithmetic of derived KPIs: pure functions, no database.

Stored facts are daily sums from one source each (``kpi_fact``). Derived KPIs
(AOV, conversion rate, ROAS...) are never stored: they are computed from the
facts of a day, or from the sums of a period (a ratio of sums, never a mean of
daily ratios). A ratio whose denominator is zero is ``None`` ("n/a"); a KPI
whose inputs are missing is absent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

MONEY, COUNT, RATIO = "money", "count", "ratio"

# The metric keys of the product, in the order PRODUCT.md lists them, with
# the returning-customer rate of its KPI definitions: what `kpis` shows.
METRIC_KEYS: tuple[str, ...] = (
    "revenue",
    "orders",
    "aov",
    "sessions",
    "users",
    "new_customers",
    "returning_customers",
    "returning_customer_rate",
    "conversion_rate",
    "cart_abandonment",
    "ad_spend",
    "ad_clicks",
    "ad_impressions",
    "ad_conversions",
    "ad_conversion_value",
    "roas",
    "cpa",
    "cac",
)

# Facts kept only as inputs of derived KPIs (importable, shown on request).
INPUT_KEYS: tuple[str, ...] = ("subtotal", "discounts", "customers", "carts", "purchases")

KIND: dict[str, str] = {
    "revenue": MONEY,
    "orders": COUNT,
    "aov": MONEY,
    "sessions": COUNT,
    "users": COUNT,
    "new_customers": COUNT,
    "returning_customers": COUNT,
    "returning_customer_rate": RATIO,
    "conversion_rate": RATIO,
    "cart_abandonment": RATIO,
    "ad_spend": MONEY,
    "ad_clicks": COUNT,
    "ad_impressions": COUNT,
    "ad_conversions": COUNT,
    "ad_conversion_value": MONEY,
    "roas": RATIO,
    "cpa": MONEY,
    "cac": MONEY,
    "subtotal": MONEY,
    "discounts": MONEY,
    "customers": COUNT,
    "carts": COUNT,
    "purchases": COUNT,
}

# Not a fact: the day's expenses on every channel (CAC's numerator).
MARKETING_SPEND = "marketing_spend"

_ONE = Decimal(1)

# derived key -> (numerator fact, denominator fact, value from the two)
DERIVATIONS: dict[str, tuple[str, str, Callable[[Decimal, Decimal], Decimal]]] = {
    "aov": ("subtotal", "orders", lambda n, d: n / d),
    "conversion_rate": ("orders", "sessions", lambda n, d: n / d),
    "cart_abandonment": ("purchases", "carts", lambda n, d: _ONE - n / d),
    "returning_customer_rate": ("returning_customers", "customers", lambda n, d: n / d),
    "roas": ("ad_conversion_value", "ad_spend", lambda n, d: n / d),
    "cpa": ("ad_spend", "ad_conversions", lambda n, d: n / d),
    "cac": (MARKETING_SPEND, "new_customers", lambda n, d: n / d),
}
DERIVED_KEYS = frozenset(DERIVATIONS)
STORED_KEYS = frozenset(k for k in KIND if k not in DERIVATIONS)

# Ad platforms measure different ads: their figures add up. Any other metric
# measured by several sources shows the first of this order (the shop's own
# figure first); sources not listed come after, alphabetically.
AD_METRICS = frozenset({"ad_spend", "ad_clicks", "ad_impressions", "ad_conversions", "ad_conversion_value"})
SOURCE_PRECEDENCE: tuple[str, ...] = ("shopify", "kpis_csv", "ga4")

# Goals: lower is better for these, higher for every other metric.
LOWER_IS_BETTER = frozenset({"cart_abandonment", "cpa", "cac"})
AT_LEAST, AT_MOST = "at_least", "at_most"


def derive_one(key: str, totals: Mapping[str, Decimal]) -> Decimal | None:
    """One derived KPI from totals that hold both its inputs; None for a zero denominator."""
    numerator, denominator, formula = DERIVATIONS[key]
    if totals[denominator] == 0:
        return None
    return formula(totals[numerator], totals[denominator])


def derive(totals: Mapping[str, Decimal]) -> dict[str, Decimal | None]:
    """Every derived KPI whose two inputs are in ``totals`` (a day's or a period's sums)."""
    return {
        key: derive_one(key, totals)
        for key, (numerator, denominator, _) in DERIVATIONS.items()
        if numerator in totals and denominator in totals
    }


def source_rank(source: str) -> tuple[int, str]:
    """Sort key of sources for a metric measured twice: the shop's own figure first."""
    try:
        return (SOURCE_PRECEDENCE.index(source), source)
    except ValueError:
        return (len(SOURCE_PRECEDENCE), source)


def resolve_sources(metric: str, by_source: Mapping[str, Decimal]) -> Decimal:
    """One day's value of ``metric`` from its sources: ad platforms add up, else the first source."""
    if metric in AD_METRICS:
        return sum(by_source.values(), Decimal(0))
    return by_source[min(by_source, key=source_rank)]


def default_direction(metric: str) -> str:
    """Whether a goal for ``metric`` is to reach at least or stay at most its target."""
    return AT_MOST if metric in LOWER_IS_BETTER else AT_LEAST
