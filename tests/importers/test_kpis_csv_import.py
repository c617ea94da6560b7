"""Generic KPI CSV: a date column and one column per metric key."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from import_support import FILES, day_values, refusal

from ecomtui.importers.kpis_csv import import_kpis
from ecomtui.importers.shopify_orders import import_shopify_orders
from ecomtui.services import kpis
from ecomtui.services.validation import InvalidInput


def test_columns_by_metric_key_in_any_spelling(database):
    # header: date,Sessions,orders,revenue,aov,ad spend
    summary = import_kpis(database, FILES / "kpis_generic.csv")
    assert day_values(database, "kpis_csv") == {
        "2025-07-01": dict(sessions=D(500), orders=D(10), revenue=D("1000.00"), ad_spend=D(50)),
        "2025-07-02": dict(sessions=D(400), orders=D(0), revenue=D(0), ad_spend=D("40.5")),
        "2025-07-03": dict(sessions=D(0), orders=D(0), revenue=D(0)),  # empty ad spend: no value
    }
    assert summary.sections_skipped == ["column 'aov': aov is computed from subtotal and orders, never imported"]
    assert summary.rows_imported == 3
    with database.connect() as conn:
        shown = {(r["date"], r["metric"]): r["value"] for r in kpis.kpis_json(conn, metric="conversion_rate")}
    assert shown == {
        ("2025-07-01", "conversion_rate"): 0.02,  # 10 / 500
        ("2025-07-02", "conversion_rate"): 0.0,
        ("2025-07-03", "conversion_rate"): None,  # no sessions: n/a
    }


def test_an_unknown_column_refuses_the_file(database):
    with pytest.raises(InvalidInput) as refused:
        import_kpis(database, FILES / "kpis_unknown_column.csv")
    assert refused.value.message.startswith(
        "import kpis: kpis_unknown_column.csv: 'revnue' is not a metric key (the keys: revenue, orders,"
    )


def test_bad_rows_refuse_the_file_or_are_skipped_on_request(database):
    assert refusal(database, import_kpis, FILES / "kpis_bad_rows.csv") == (
        "import kpis: kpis_bad_rows.csv: 2 rows cannot be read, nothing was imported: "
        "line 3: date '2025-13-01' is not a date (use YYYY-MM-DD); line 4: sessions 'lots' is not a number "
        "(fix the file, or import the other rows with --skip-bad-rows)"
    )
    summary = import_kpis(database, FILES / "kpis_bad_rows.csv", skip_bad_rows=True)
    assert day_values(database, "kpis_csv") == {"2025-07-01": dict(sessions=D(500), orders=D(10))}
    assert summary.bad_rows_skipped == [
        (3, "date '2025-13-01' is not a date (use YYYY-MM-DD)"),
        (4, "sessions 'lots' is not a number"),
    ]


def test_the_shops_own_orders_win_over_a_csv_for_the_same_day(database, tmp_path):
    import_shopify_orders(database, FILES / "shopify_orders_79_columns.csv")
    path = tmp_path / "k.csv"
    path.write_text("date,orders,sessions\n2025-06-01,99,1000\n")
    import_kpis(database, path)
    with database.connect() as conn:
        shown = {(r["date"], r["metric"]): r["value"] for r in kpis.kpis_json(conn, metric=None)}
    assert shown[("2025-06-01", "orders")] == 2
    assert shown[("2025-06-01", "conversion_rate")] == 0.002  # the shop's 2 orders / 1000 sessions


def test_the_same_date_twice_with_other_values_is_a_bad_row(database, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("date,sessions\n2025-07-01,500\n2025-07-01,501\n")
    with pytest.raises(InvalidInput, match="line 3: sessions for 2025-07-01 is given twice with different values"):
        import_kpis(database, path)


def test_a_file_without_a_date_column_is_refused(database, tmp_path):
    path = tmp_path / "nodate.csv"
    path.write_text("when,sessions\n2025-07-01,500\n")
    with pytest.raises(InvalidInput, match="no 'date' column"):
        import_kpis(database, path)
