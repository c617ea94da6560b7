"""GA4 exports: sections by day are imported, every other section is skipped with its reason."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from import_support import FILES, SAMPLES, SAMPLES_MISSING, day_values, db_contents, edited, refusal

from ecomtui.importers.ga4 import import_ga4
from ecomtui.importers.shopify_orders import import_shopify_orders
from ecomtui.services import kpis

SAMPLE = SAMPLES / "ga4_reports_snapshot.csv"
NO_DATE = "no date dimension (Date or Nth day), so its figures cannot be put on days"


@pytest.fixture(autouse=True)
def _samples():
    assert SAMPLE.is_file(), SAMPLES_MISSING


def test_real_snapshot_has_no_store_metric_by_day_and_says_why_per_section(database):
    before = db_contents(database)
    summary = import_ga4(database, SAMPLE)
    assert summary.sections_skipped == [
        f"section 'Active users' (line 9): {NO_DATE}",
        f"section 'Page title and screen class' (line 15): {NO_DATE}",
        f"section 'First user source / medium' (line 112): {NO_DATE}",
        f"section 'Session source / medium' (line 154): {NO_DATE}",
        "section 'Nth day' (line 197): it counts new and returning users (GA4 visitors), "
        "not the store's new and returning customers",
        f"section 'Platform' (line 292): {NO_DATE}",
        f"section 'City' (line 298): {NO_DATE}",
        f"section 'Audience name' (line 430): {NO_DATE}",
    ]
    # 431 lines = 29 comment lines + 8 blank lines + 8 headers + 386 rows in skipped sections
    # (1 + 92 pages + 37 first-user sources + 38 session sources + 90 days + 0 platforms + 127 cities + 1)
    assert summary.not_data == {"comment line": 29, "blank line": 8, "row of a skipped section": 386}
    assert summary.rows_imported == 0
    assert db_contents(database) == before  # nothing to write: the store is not touched


def test_date_and_nth_day_sections_give_daily_sessions_users_carts_and_purchases(database):
    summary = import_ga4(database, FILES / "ga4_date_sections.csv")
    assert day_values(database, "ga4") == {
        "2025-06-01": dict(sessions=D(1200), users=D(950), carts=D(96), purchases=D(24), revenue=D("1830.50")),
        "2025-06-02": dict(sessions=D(1100), users=D(900), carts=D(80), purchases=D(20), revenue=D("1500.00")),
        "2025-06-03": dict(sessions=D(1000), users=D(870), carts=D(70), purchases=D(0), revenue=D(0)),
    }
    assert summary.rows_imported == 6
    assert summary.not_data == {
        "comment line": 14,
        "blank line": 2,
        "grand total row": 1,
        "row of a skipped section": 2,
    }
    assert summary.sections_skipped == [
        "section 'Session default channel group' (line 18): it is broken down by Session default channel group "
        "as well as by day: export it by date only"
    ]
    assert (summary.values.added, summary.values.changed, summary.values.unchanged) == (15, 0, 0)


def test_the_shops_revenue_is_shown_and_ga4_feeds_conversion_and_cart_abandonment(database):
    import_ga4(database, FILES / "ga4_date_sections.csv")
    import_shopify_orders(database, FILES / "shopify_orders_79_columns.csv")
    with database.connect() as conn:
        shown = {(r["date"], r["metric"]): r["value"] for r in kpis.kpis_json(conn)}
    assert shown[("2025-06-01", "revenue")] == 110.00  # the shop's, not GA4's 1830.50
    assert shown[("2025-06-01", "conversion_rate")] == 0.001667  # 2 orders / 1200 sessions
    assert shown[("2025-06-03", "conversion_rate")] == 0.002  # 2 / 1000
    assert shown[("2025-06-01", "cart_abandonment")] == 0.75  # 1 - 24 / 96
    assert shown[("2025-06-03", "cart_abandonment")] == 1.0  # 1 - 0 / 70
    assert day_values(database, "ga4")["2025-06-01"]["revenue"] == D("1830.50")  # kept for comparison


def test_importing_the_export_again_changes_nothing(database):
    import_ga4(database, FILES / "ga4_date_sections.csv")
    before = db_contents(database)
    again = import_ga4(database, FILES / "ga4_date_sections.csv")
    assert (again.values.added, again.values.changed, again.values.unchanged) == (0, 0, 15)
    assert db_contents(database) == before


def test_an_impossible_date_or_text_for_a_number_refuses_the_file(database, tmp_path):
    path = edited(
        FILES / "ga4_date_sections.csv",
        tmp_path / "ga4.csv",
        ("20250602,1100", "20250231,1100"),
        ("0001,80", "0001,eighty"),
    )
    assert refusal(database, import_ga4, path) == (
        "import ga4: ga4.csv: 2 rows cannot be read, nothing was imported: "
        "line 11: Date '20250231' is not a day; line 27: Add to carts 'eighty' is not a number "
        "(fix the file, or import the other rows with --skip-bad-rows)"
    )


def test_nth_day_without_a_start_date_is_skipped(database, tmp_path):
    path = tmp_path / "ga4.csv"
    path.write_text("Nth day,Sessions\n0000,10\n0001,12\n")
    summary = import_ga4(database, path)
    assert summary.sections_skipped == [
        "section 'Nth day' (line 1): its days are 'Nth day' but the file gives no Start date"
    ]
    assert summary.rows_imported == 0


def test_iso_dates_and_active_users_when_there_is_no_total_users(database, tmp_path):
    path = tmp_path / "ga4.csv"
    path.write_text("# Start date: 20250601\nDate,Active users,Sessions\n2025-06-01,40,52\n2025-06-02,35,41\n")
    summary = import_ga4(database, path)
    assert summary.rows_imported == 2
    assert day_values(database, "ga4") == {
        "2025-06-01": dict(users=D(40), sessions=D(52)),
        "2025-06-02": dict(users=D(35), sessions=D(41)),
    }
