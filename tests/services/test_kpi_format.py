"""KPI values as the cards show them and as the goal dialog reads them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ecomtui.services.kpi_format import change, money, parse_target, value_text
from ecomtui.services.validation import InvalidInput


def test_money_is_exact_in_the_store_currency():
    assert money(Decimal("1234567.005"), "EUR") == "€1,234,567.01"  # half up, no float on the way
    assert money(Decimal("0.1") + Decimal("0.2"), "EUR") == "€0.30"
    assert money(Decimal("-12.5"), "USD") == "-$12.50"
    assert money(Decimal("1500"), "JPY") == "¥1,500"
    assert money(Decimal("9.5"), "CHF") == "CHF 9.50"
    assert money(Decimal("1.2345"), "KWD") == "KWD 1.235"


def test_ratios_show_as_percentages_and_a_zero_denominator_as_n_a():
    assert value_text("conversion_rate", Decimal("0.021346"), "EUR") == "2.13%"
    assert value_text("conversion_rate", None, "EUR") == "n/a"
    assert value_text("roas", Decimal("4.5"), "EUR") == "450.00%"
    assert value_text("orders", Decimal("17619"), "EUR") == "17,619"
    assert value_text("aov", Decimal("93.705"), "EUR") == "€93.71"


def test_changes_are_percent_for_sums_and_points_for_ratios_and_know_which_way_is_good():
    assert change("revenue", Decimal(110), Decimal(100)) == ("+10.0%", 1)
    assert change("cac", Decimal(110), Decimal(100)) == ("+10.0%", -1)  # dearer customers are bad
    assert change("conversion_rate", Decimal("0.025"), Decimal("0.020")) == ("+0.50 pp", 1)
    assert change("cart_abandonment", Decimal("0.70"), Decimal("0.72")) == ("-2.00 pp", 1)
    assert change("revenue", Decimal(5), Decimal(0)) == ("n/a", 0)
    assert change("conversion_rate", None, Decimal("0.02")) == ("n/a", 0)
    assert change("orders", Decimal(100), Decimal(100)) == ("±0.0%", 0)


@pytest.mark.parametrize(
    ("typed", "metric", "expected"),
    [
        ("250000", "revenue", Decimal("250000")),
        ("250,000.50", "revenue", Decimal("250000.50")),
        ("€ 1 500", "aov", Decimal("1500")),
        ("2.5", "conversion_rate", Decimal("0.025")),
        ("2.5%", "conversion_rate", Decimal("0.025")),
        ("3200", "orders", Decimal("3200")),
    ],
)
def test_targets_are_typed_as_people_write_them(typed, metric, expected):
    assert parse_target(typed, metric) == expected


@pytest.mark.parametrize("typed", ["", "lots", "1,5", "-3", "1e9", "12.5.1"])
def test_a_target_that_is_not_a_number_is_refused_in_words(typed):
    with pytest.raises(InvalidInput) as info:
        parse_target(typed, "revenue")
    assert info.value.field == "target"
    assert "target" in info.value.message
