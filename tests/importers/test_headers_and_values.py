"""Column names matched whatever the exporter did to them; amounts and dates read exactly."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecomtui.importers.headers import match_columns, normalise_header
from ecomtui.importers.values import parse_days, parse_micros
from ecomtui.services.validation import InvalidInput


@pytest.mark.parametrize(
    "written",
    [
        "Customer Note",
        "\u0421ustomer Note",  # Cyrillic capital Es, as in an old WooCommerce export
        "\ufeffcustomer note",  # a byte-order mark glued to the first header
        "  CUSTOMER   NOTE ",
        "Customer\u00a0Note",  # no-break space
        "Cust\u200bomer Note",  # zero-width space
        "\uff23ustomer Note",  # full-width C
        "Customer N\u03bfte",  # Greek omicron
    ],
)
def test_headers_match_despite_look_alikes_spacing_and_case(written):
    assert normalise_header(written) == "customer note"


def test_columns_are_found_by_name_in_any_order():
    found = match_columns(["Total", "Name", "Сreated at"], {"name": ("Name",), "day": ("Created at",)}, what="x")
    assert found == {"name": "Name", "day": "Сreated at"}


def test_a_missing_required_column_is_named():
    with pytest.raises(InvalidInput) as refused:
        match_columns(["Name"], {"name": ("Name",), "total": ("Total",), "day": ("Created at",)},
                      required=("total", "day"), what="import x: f.csv")  # fmt: skip
    assert refused.value.message == "import x: f.csv: no 'Total', 'Created at' columns; nothing was imported"


def test_amounts_are_read_exactly_with_separators_and_empty_marks():
    micros, empty, bad = parse_micros(
        ["1,659.95", " --", "-", "795,836", "abc", "-12.5", "0.0000005", "1,2,3", ".5", ""]
    )
    assert list(micros) == [1_659_950_000, 0, 0, 795_836_000_000, 0, -12_500_000, 1, 0, 500_000, 0]
    assert list(empty) == [False, True, True, False, False, False, False, False, False, True]
    assert list(bad) == [False, False, False, False, True, False, False, True, False, False]


@given(st.decimals(min_value=Decimal("-999999999.999999"), max_value=Decimal("999999999.999999"), places=6),
       st.booleans())  # fmt: skip
def test_any_amount_with_up_to_six_decimals_reads_back_exactly(amount, grouped):
    text = f"{amount:,f}" if grouped else f"{amount:f}"
    micros, empty, bad = parse_micros([text])
    assert not bad[0] and not empty[0]
    assert int(micros[0]) == int(amount * 1_000_000)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_every_real_date_is_read(day):
    days, bad = parse_days([day.isoformat()])
    assert not bad[0] and days[0].item() == day


@pytest.mark.parametrize(
    "text", ["2025-02-30", "2023-02-29", "2025-13-01", "2025-00-10", "today", "now", "NaT", "2025-5-1", ""]
)
def test_impossible_or_vague_dates_are_not_read(text):
    _, bad = parse_days([text], ("%b %d, %Y",))
    assert bad[0]


def test_other_day_formats_are_read_when_asked_for():
    days, bad = parse_days(["May 11, 2025", "2025-05-12", "May 32, 2025"], ("%b %d, %Y",))
    assert [d.item() for d in days[:2]] == [date(2025, 5, 11), date(2025, 5, 11) + timedelta(days=1)]
    assert list(bad) == [False, False, True]
