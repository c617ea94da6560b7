"""Google Ads and Meta Ads reports: daily ad KPIs per platform, spend as expenses, platforms adding up."""

from __future__ import annotations

from decimal import Decimal as D

from import_support import FILES, SAMPLES, SAMPLES_MISSING, day_values, db_contents, edited, expenses, refusal, setting

from ecomtui.importers.ads import import_ads
from ecomtui.services import kpis

SAMPLE = SAMPLES / "google_ads_campaign_report.csv"
UTF16 = FILES / "google_ads_by_day_utf16_tabs.csv"
GOOGLE = FILES / "google_ads_by_day.csv"
META = FILES / "meta_ads_by_day.csv"


def ad_day(spend, clicks, impressions, conversions, value) -> dict[str, D]:
    return dict(
        ad_spend=D(spend), ad_clicks=D(clicks), ad_impressions=D(impressions),
        ad_conversions=D(conversions), ad_conversion_value=D(value),
    )  # fmt: skip


def test_real_report_without_a_day_column_is_refused_with_how_to_split_it(database):
    assert SAMPLE.is_file(), SAMPLES_MISSING
    assert refusal(database, import_ads, SAMPLE) == (
        "import ads: google_ads_campaign_report.csv is a Google Ads report without a 'Day' column: each row "
        "covers the whole date range (All time), so its figures cannot be put on days and nothing was imported. "
        "In Google Ads, add the Day segment (Segment > Time > Day above the campaigns table, or the 'Day' column "
        "in the Report editor), download the report again and import that file"
    )


def test_utf16_tab_report_by_day_sums_campaigns_per_day(database):
    # By hand: 05-11 Brand Search + Shopping: impr. "1,204" + "12,890", clicks 87 + 301,
    # cost "1,015.40" + 402.25, conversions 6.00 + 3.50, value "1,380.00" + 455.50;
    # 05-12: 998 + "10,002", 70 + 256, 88.10 + 350.00, ' --' + 4.00, ' --' + 510.00.
    summary = import_ads(database, UTF16)
    assert day_values(database, "google_ads") == {
        "2025-05-11": ad_day("1417.65", 388, 14094, "9.50", "1835.50"),
        "2025-05-12": ad_day("438.10", 326, 11000, "4.00", "510.00"),
    }
    assert summary.not_data == {"report title or date range above the header": 2, "summary row (Total: ...)": 3}
    assert summary.rows_imported == 4
    assert expenses(database) == [
        ("2025-05-11", 141765, "PPC", "google_ads", "google_ads:2025-05-11"),
        ("2025-05-12", 43810, "PPC", "google_ads", "google_ads:2025-05-12"),
    ]
    assert setting(database, "currency") == "EUR"


def test_google_and_meta_add_up_per_day(database):
    import_ads(database, GOOGLE)
    meta = import_ads(database, META)
    # Meta by hand: 05-11 Prospecting 120.50 spend, ROAS 3.2 -> 385.60; Retargeting 30.00 x 4.5 -> 135.00
    #               05-12 Prospecting 110.00 x 2.75 -> 302.50; Retargeting 39.50, '-' purchases and ROAS
    assert day_values(database, "meta_ads") == {
        "2025-05-11": ad_day("150.50", 240, 12000, 7, "520.60"),
        "2025-05-12": ad_day("149.50", 170, 8000, 4, "302.50"),
    }
    assert meta.not_data == {"total row (blank campaign name)": 1}
    # Google by hand: 05-11 "1,200.00" + ' --', 05-12 650.25 ("May 11, 2025" days)
    assert day_values(database, "google_ads") == {
        "2025-05-11": ad_day("1200.00", 160, 2300, 8, "2400.00"),
        "2025-05-12": ad_day("650.25", 75, 900, 3, "900.00"),
    }
    with database.connect() as conn:
        shown = {(r["date"], r["metric"]): r["value"] for r in kpis.kpis_json(conn)}
    assert shown[("2025-05-11", "ad_spend")] == 1350.50  # 1200.00 + 150.50
    assert shown[("2025-05-12", "ad_spend")] == 799.75  # 650.25 + 149.50
    assert shown[("2025-05-11", "roas")] == 2.162606  # (2400.00 + 520.60) / 1350.50
    assert shown[("2025-05-11", "cpa")] == 90.03  # 1350.50 / 15
    assert expenses(database) == [
        ("2025-05-11", 120000, "PPC", "google_ads", "google_ads:2025-05-11"),
        ("2025-05-11", 15050, "Paid Social", "meta_ads", "meta_ads:2025-05-11"),
        ("2025-05-12", 65025, "PPC", "google_ads", "google_ads:2025-05-12"),
        ("2025-05-12", 14950, "Paid Social", "meta_ads", "meta_ads:2025-05-12"),
    ]
    assert setting(database, "currency") == "USD"


def test_the_same_report_twice_adds_no_second_expense(database):
    import_ads(database, UTF16)
    before = db_contents(database)
    again = import_ads(database, UTF16)
    assert (again.values.added, again.values.changed, again.values.unchanged) == (0, 0, 10)
    assert (again.expenses.added, again.expenses.changed, again.expenses.unchanged) == (0, 0, 2)
    assert db_contents(database) == before


def test_a_corrected_report_updates_the_days_expense(database, tmp_path):
    import_ads(database, GOOGLE)
    path = edited(GOOGLE, tmp_path / "corrected.csv", ("650.25", "700.00"))
    summary = import_ads(database, path)
    assert (summary.expenses.added, summary.expenses.changed, summary.expenses.unchanged) == (0, 1, 1)
    assert (summary.values.added, summary.values.changed) == (0, 1)
    assert expenses(database)[1] == ("2025-05-12", 70000, "PPC", "google_ads", "google_ads:2025-05-12")


def test_a_meta_export_not_split_by_day_is_refused(database):
    assert refusal(database, import_ads, FILES / "meta_ads_whole_month.csv") == (
        "import ads: meta_ads_whole_month.csv: rows cover several days (2025-05-01 to 2025-05-31 in one row), "
        "so their figures cannot be put on days and nothing was imported. In Ads Manager choose "
        "Breakdown > By time > Day, export again and import that file"
    )


def test_a_report_in_another_currency_is_refused_and_changes_nothing(database):
    import_ads(database, UTF16)  # EUR
    assert "amounts are in USD but the store's currency is EUR" in refusal(database, import_ads, META)


def test_unreadable_cells_refuse_the_report_naming_the_lines(database, tmp_path):
    path = edited(GOOGLE, tmp_path / "bad.csv", ('"May 12, 2025"', '"May 32, 2025"'), (",120,", ",lots,"))
    assert refusal(database, import_ads, path) == (
        "import ads: bad.csv: 2 rows cannot be read, nothing was imported: line 4: Clicks 'lots' is not a number; "
        "line 6: Day 'May 32, 2025' is not a date (fix the file, or import the other rows with --skip-bad-rows)"
    )
    summary = import_ads(database, path, skip_bad_rows=True)
    assert summary.rows_imported == 1
    assert day_values(database, "google_ads") == {"2025-05-11": ad_day("0", 40, 800, "0.00", "0")}


def test_a_file_that_is_no_ad_report_is_refused(database, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    assert "no report header found" in refusal(database, import_ads, path)
