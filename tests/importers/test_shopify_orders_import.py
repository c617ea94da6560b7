"""Shopify orders export: the figures a manager would count by hand from the file."""

from __future__ import annotations

import shutil
from decimal import Decimal as D

import pytest
from import_support import FILES, SAMPLES, SAMPLES_MISSING, day_values, db_contents, edited, refusal, setting

from ecomtui.importers.shopify_orders import import_shopify_orders
from ecomtui.services import kpis
from ecomtui.services.validation import InvalidInput

SAMPLE = SAMPLES / "shopify_orders_export.csv"
HAND = FILES / "shopify_orders_79_columns.csv"

# By hand from ../shared/samples/shopify_orders_export.csv (19 orders, 40 line-item rows,
# every Refunded Amount, Discount Amount, Shipping and Taxes 0.00, so Total = Subtotal):
#   2025-05-11  #1001 1659.95  #1002 1615.90  #1003 729.95            (no e-mails)
#   2025-05-12  #1004 34.95 ayumu (first)  #1005 1635.55 karine (first)
#   2025-05-13  #1006 2535.85  #1007 49.95  #1008 189.80 russel (first)  #1009 189.80 russel
#               #1010 729.95  #1011 1659.95  #1012 949.95 ayumu (second day)
#   2025-05-16  #1013 127.59 karine (pending payment)
#   2025-05-17  #1014 100.00 ayumu  #1015 100.00 ayumu  #1016 9.95 russel  #1017 10.00
#               #1018 100.00  #1019 1659.95
SAMPLE_DAYS = {
    "2025-05-11": dict(orders=3, revenue="4005.80", customers=0, new_customers=0, returning_customers=0),
    "2025-05-12": dict(orders=2, revenue="1670.50", customers=2, new_customers=2, returning_customers=0),
    # russel's first and second orders both fall on the 13th: new and returning that day
    "2025-05-13": dict(orders=7, revenue="6305.25", customers=2, new_customers=1, returning_customers=2),
    "2025-05-16": dict(orders=1, revenue="127.59", customers=1, new_customers=0, returning_customers=1),
    "2025-05-17": dict(orders=6, revenue="1979.90", customers=2, new_customers=0, returning_customers=2),
}

# By hand from files/shopify_orders_79_columns.csv (the 75-column and look-alike files hold the same orders):
#   #2001 06-01 Ana@Example.com  Total 95.00 (Subtotal 90.00 after a 10.00 discount, shipping 5.00)
#   #2002 06-01 ana@example.com  Total 20.00 refunded 5.00; written 22:15 -0400, UTC would be the 2nd
#   #2003 06-02 ben              Total 64.40 (Subtotal 50.00), pending payment
#   #2004 06-02 cleo             cancelled: not counted
#   #2005 06-03 ben              Total 30.00, refunded 30.00 -> revenue 0
#   #2006 06-03 no e-mail        Total 12.50
HAND_DAYS = {
    "2025-06-01": dict(
        orders=2,
        revenue="110.00",
        subtotal="110.00",
        discounts="10.00",
        customers=1,
        new_customers=1,
        returning_customers=1,
    ),
    "2025-06-02": dict(
        orders=1, revenue="64.40", subtotal="50.00", discounts="0", customers=1, new_customers=1, returning_customers=0
    ),
    "2025-06-03": dict(
        orders=2, revenue="12.50", subtotal="42.50", discounts="0", customers=1, new_customers=0, returning_customers=1
    ),
}


def expect(days: dict[str, dict]) -> dict[str, dict[str, D]]:
    return {day: {k: D(str(v)) for k, v in values.items()} for day, values in days.items()}


def stored(database, keys=None) -> dict[str, dict[str, D]]:
    values = day_values(database, "shopify")
    if keys is None:
        return values
    return {day: {k: v for k, v in metrics.items() if k in keys} for day, metrics in values.items()}


@pytest.fixture(autouse=True)
def _samples():
    assert SAMPLE.is_file(), SAMPLES_MISSING


# ---- the real export ----------------------------------------------------------------


def test_real_export_gives_the_daily_figures_counted_by_hand(database):
    import_shopify_orders(database, SAMPLE)
    keys = {"orders", "revenue", "customers", "new_customers", "returning_customers"}
    assert stored(database, keys) == expect(SAMPLE_DAYS)
    # no discounts, so the subtotal (for AOV) is the revenue
    assert {day: v["subtotal"] for day, v in stored(database).items()} == {
        day: D(v["revenue"]) for day, v in SAMPLE_DAYS.items()
    }


def test_real_export_summary_counts_rows_orders_and_pending(database):
    summary = import_shopify_orders(database, SAMPLE)
    assert summary.rows_imported == 40
    assert (summary.orders, summary.cancelled_orders, summary.pending_orders) == (19, 0, 1)
    assert (summary.first_day.isoformat(), summary.last_day.isoformat()) == ("2025-05-11", "2025-05-17")
    # 5 days x orders, revenue, subtotal, discounts, customers, new, returning
    assert (summary.values.added, summary.values.changed, summary.values.unchanged) == (35, 0, 0)
    assert summary.rows_skipped == 0
    assert setting(database, "currency") == "EUR"  # a new store takes its first import's currency


def test_real_export_derived_kpis_as_the_command_line_shows_them(database):
    import_shopify_orders(database, SAMPLE)
    with database.connect() as conn:
        rows = kpis.kpis_json(conn)
    by_key = {(r["date"], r["metric"]): r["value"] for r in rows}
    assert by_key[("2025-05-11", "revenue")] == 4005.80
    assert by_key[("2025-05-11", "aov")] == 1335.27  # 4005.80 / 3
    assert by_key[("2025-05-13", "aov")] == 900.75  # 6305.25 / 7
    assert by_key[("2025-05-11", "returning_customer_rate")] is None  # no customer with an e-mail that day
    assert by_key[("2025-05-13", "returning_customer_rate")] == 1.0  # 2 returning of 2 customers
    assert by_key[("2025-05-12", "returning_customer_rate")] == 0.0
    assert ("2025-05-11", "conversion_rate") not in by_key  # no sessions imported
    assert rows == sorted(rows, key=lambda r: (r["date"], r["metric"]))


def test_the_same_export_twice_changes_nothing(database):
    import_shopify_orders(database, SAMPLE)
    before = db_contents(database)
    again = import_shopify_orders(database, SAMPLE)
    assert (again.values.added, again.values.changed, again.values.unchanged) == (0, 0, 35)
    assert db_contents(database) == before


# ---- hand-made files: one quirk each ---------------------------------------------------


def test_orders_are_counted_on_the_day_written_with_refunds_discounts_and_cancellations(database):
    summary = import_shopify_orders(database, FILES / "shopify_orders_79_columns.csv")
    assert stored(database) == expect(HAND_DAYS)
    assert (summary.orders, summary.cancelled_orders, summary.pending_orders) == (5, 1, 1)
    # 10 lines: the header and 8 line-item rows, one of them with a two-line Note Attributes
    assert summary.rows_imported == 8
    assert any("refund" in note for note in summary.notes)


@pytest.mark.parametrize(
    "name", ["shopify_orders_75_columns.csv", "shopify_orders_lookalike_header.csv"], ids=["75 columns", "look-alike"]
)
def test_other_header_generations_and_look_alike_letters_give_the_same_figures(database, name):
    # 75 columns: four columns fewer, so Refunded Amount & co. sit elsewhere; look-alike: a BOM,
    # Cyrillic 'С' in 'Сreated at' and 'Сurrency', Cyrillic 'Е' in 'Еmail', ' Total ', 'SUBTOTAL'.
    import_shopify_orders(database, FILES / name)
    assert stored(database) == expect(HAND_DAYS)
    again = import_shopify_orders(database, FILES / "shopify_orders_79_columns.csv")
    assert (again.values.added, again.values.changed) == (0, 0)


def test_unreadable_rows_refuse_the_file_naming_every_line(database):
    import_shopify_orders(database, SAMPLE)
    # line numbers as in the file: #2001's Note Attributes spans lines 2-3
    assert refusal(database, import_shopify_orders, FILES / "shopify_orders_bad_rows.csv") == (
        "import shopify-orders: shopify_orders_bad_rows.csv: 2 rows cannot be read, nothing was imported: "
        "line 6: Created at '2025-02-30 09:00:00 -0400' is not a date; "
        "line 8: Total 'thirty' is not an amount "
        "(fix the file, or import the other rows with --skip-bad-rows)"
    )


def test_skip_bad_rows_imports_the_rest_and_lists_what_it_left(database):
    summary = import_shopify_orders(database, FILES / "shopify_orders_bad_rows.csv", skip_bad_rows=True)
    assert summary.bad_rows_skipped == [
        (6, "Created at '2025-02-30 09:00:00 -0400' is not a date"),
        (8, "Total 'thirty' is not an amount"),
    ]
    # #2005's second line item (line 9) has lost its order row
    assert summary.not_data == {"line item of an order whose first row is missing or was skipped": 1}
    assert (summary.orders, summary.cancelled_orders, summary.pending_orders) == (3, 1, 0)
    assert summary.rows_imported == 5
    values = stored(database, {"orders", "revenue", "new_customers", "returning_customers"})
    assert values == expect(
        {
            "2025-06-01": dict(orders=2, revenue="110.00", new_customers=1, returning_customers=1),
            "2025-06-02": dict(orders=0, revenue="0", new_customers=0, returning_customers=0),  # #2004 cancelled
            "2025-06-03": dict(orders=1, revenue="12.50", new_customers=0, returning_customers=0),
        }
    )


def test_an_older_export_imported_later_makes_a_new_customer_returning(database):
    import_shopify_orders(database, FILES / "shopify_orders_79_columns.csv")
    # BEN@example.com ordered on 2025-05-20 already (#1990, 40.00)
    summary = import_shopify_orders(database, FILES / "shopify_orders_history.csv")
    values = stored(database, {"orders", "revenue", "new_customers", "returning_customers"})
    assert values["2025-05-20"] == {
        k: D(v) for k, v in dict(orders=1, revenue="40.00", new_customers=1, returning_customers=0).items()
    }
    assert values["2025-06-02"] == {
        k: D(v) for k, v in dict(orders=1, revenue="64.40", new_customers=0, returning_customers=1).items()
    }
    # added: 7 facts of 05-20; changed: new and returning on 06-02; unchanged: the other customer
    # facts from 05-20 on (06-01: 3, 06-02: customers, 06-03: 3)
    assert (summary.values.added, summary.values.changed, summary.values.unchanged) == (7, 2, 7)


def test_a_later_export_with_a_refund_corrects_that_days_revenue(database):
    import_shopify_orders(database, FILES / "shopify_orders_79_columns.csv")
    # #2003 refunded 14.40 since, #2004 still cancelled, #2007 new on 06-04 (ana, returning)
    summary = import_shopify_orders(database, FILES / "shopify_orders_reexport.csv")
    values = stored(database)
    assert values["2025-06-02"]["revenue"] == D("50.00")
    assert values["2025-06-02"]["orders"] == 1
    assert values["2025-06-04"] == {
        k: D(v)
        for k, v in dict(
            orders=1,
            revenue="25.00",
            subtotal="25.00",
            discounts="0",
            customers=1,
            new_customers=0,
            returning_customers=1,
        ).items()
    }
    assert values["2025-06-01"] == expect(HAND_DAYS)["2025-06-01"]  # not in the later export: kept
    assert (summary.values.added, summary.values.changed, summary.values.unchanged) == (7, 1, 9)


# ---- files that are refused, leaving the store as it was ---------------------------------------


def test_binary_junk_is_refused_and_changes_nothing(database):
    import_shopify_orders(database, SAMPLE)
    assert refusal(database, import_shopify_orders, FILES / "binary_junk.csv") == (
        "import shopify-orders: binary_junk.csv is not a CSV text file (UTF-8 or UTF-16); nothing was imported"
    )


def test_a_file_without_a_required_column_is_refused(database, tmp_path):
    path = edited(HAND, tmp_path / "no_created_at.csv", ("Created at", "Created"))
    assert refusal(database, import_shopify_orders, path) == (
        "import shopify-orders: no_created_at.csv: no 'Created at' column (is it a Shopify orders export?); "
        "nothing was imported"
    )


def test_orders_in_another_currency_than_the_stores_are_refused(database, tmp_path):
    import_shopify_orders(database, SAMPLE)  # the store is now in EUR
    path = edited(HAND, tmp_path / "usd.csv", (",EUR,", ",USD,"))
    assert refusal(database, import_shopify_orders, path) == (
        "usd.csv: amounts are in USD but the store's currency is EUR; "
        "ecomtui keeps one currency per store and never converts, so nothing was imported"
    )


def test_an_empty_file_and_a_missing_file_are_refused(database, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(InvalidInput, match=r"empty\.csv is empty"):
        import_shopify_orders(database, empty)
    with pytest.raises(InvalidInput, match="cannot read"):
        import_shopify_orders(database, tmp_path / "missing.csv")


def test_progress_is_reported_in_bytes_up_to_the_file_size(database, tmp_path):
    path = tmp_path / "orders.csv"
    shutil.copy(SAMPLE, path)
    calls = []
    import_shopify_orders(database, path, progress=lambda done, total: calls.append((done, total)))
    size = path.stat().st_size
    assert calls and calls[-1] == (size, size)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
