"""Derived KPIs: ratios of their inputs, None (n/a) for a zero denominator, never an error."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from ecomtui.services.kpi_metrics import DERIVATIONS, derive, resolve_sources
from ecomtui.services.kpis import period_from_inputs

INPUTS = sorted({name for numerator, denominator, _ in DERIVATIONS.values() for name in (numerator, denominator)})
amounts = st.decimals(min_value=0, max_value=10**9, places=6)
day_totals = st.dictionaries(st.sampled_from(INPUTS), amounts)


@given(day_totals)
def test_a_zero_denominator_gives_none_and_missing_inputs_give_nothing(totals):
    derived = derive(totals)
    for key, (numerator, denominator, _) in DERIVATIONS.items():
        if numerator not in totals or denominator not in totals:
            assert key not in derived
        elif totals[denominator] == 0:
            assert derived[key] is None
        else:
            assert derived[key] is not None


@given(amounts, amounts.filter(lambda d: d > 0))
def test_ratios_are_numerator_over_denominator(numerator, denominator):
    ratio = numerator / denominator
    derived = derive(
        {
            "orders": numerator,
            "sessions": denominator,
            "ad_conversion_value": numerator,
            "ad_spend": denominator,
            "purchases": numerator,
            "carts": denominator,
        }
    )
    assert derived["conversion_rate"] == ratio
    assert derived["roas"] == ratio
    assert derived["cart_abandonment"] == 1 - ratio


@given(st.lists(day_totals, min_size=1, max_size=6))
def test_a_period_is_the_ratio_of_its_sums_over_the_days_that_have_both_inputs(days):
    period = period_from_inputs(days, list(DERIVATIONS))
    for key, (numerator, denominator, formula) in DERIVATIONS.items():
        paired = [d for d in days if numerator in d and denominator in d]
        if not paired:
            assert key not in period
            continue
        top = sum((d[numerator] for d in paired), Decimal(0))
        bottom = sum((d[denominator] for d in paired), Decimal(0))
        assert period[key] == (None if bottom == 0 else formula(top, bottom))


def test_a_period_ratio_is_not_the_mean_of_daily_ratios():
    days = [{"orders": Decimal(1), "sessions": Decimal(10)}, {"orders": Decimal(1), "sessions": Decimal(990)}]
    # daily 10 % and 0.101 %: their mean would be 5.05 %; the period converted 2 of 1000 sessions
    assert period_from_inputs(days, ["conversion_rate"]) == {"conversion_rate": Decimal("0.002")}


@given(st.dictionaries(st.sampled_from(["shopify", "ga4", "kpis_csv", "other"]), amounts, min_size=1))
def test_the_shops_figure_wins_and_ad_platforms_add_up(by_source):
    value = resolve_sources("revenue", by_source)
    for source in ("shopify", "kpis_csv", "ga4", "other"):
        if source in by_source:
            assert value == by_source[source]
            break
    assert resolve_sources("ad_spend", by_source) == sum(by_source.values(), Decimal(0))
