"""`ecomtui import ...` and `ecomtui kpis` as a user or a script sees them."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("fake_home")

ROOT = Path(__file__).parents[1]
SAMPLES = ROOT / ".." / "shared" / "samples"
FILES = ROOT / "tests" / "importers" / "files"
ORDERS = str(SAMPLES / "shopify_orders_export.csv")


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "kpis.db")


def one_line_error(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("ecomtui: error: "), err
    return err.strip()


def test_import_prints_what_it_did_and_kpis_json_shows_the_days(cli, db):
    code, out, err = cli("import", "shopify-orders", ORDERS, "--db", db)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "shopify_orders_export.csv: 40 rows imported, 2025-05-11 to 2025-05-17",
        "orders: 19 counted, 0 cancelled (not counted), 1 pending payment (counted)",
        "KPI values: 35 added, 0 changed, 0 unchanged",
    ]
    code, out, err = cli("kpis", "--metric", "revenue", "--json", "--db", db)
    assert (code, err) == (0, "")
    assert json.loads(out) == [
        {"date": "2025-05-11", "metric": "revenue", "value": 4005.80},
        {"date": "2025-05-12", "metric": "revenue", "value": 1670.50},
        {"date": "2025-05-13", "metric": "revenue", "value": 6305.25},
        {"date": "2025-05-16", "metric": "revenue", "value": 127.59},
        {"date": "2025-05-17", "metric": "revenue", "value": 1979.90},
    ]


def test_importing_the_same_file_again_changes_nothing(cli, db):
    cli("import", "shopify-orders", ORDERS, "--db", db)
    code, out, _ = cli("import", "shopify-orders", ORDERS, "--db", db)
    assert code == 0
    assert "KPI values: 0 added, 0 changed, 35 unchanged" in out.splitlines()


def test_kpis_table_for_a_day_with_n_a_for_a_zero_denominator(cli, db):
    cli("import", "shopify-orders", ORDERS, "--db", db)
    code, out, err = cli("kpis", "--from", "2025-05-11", "--to", "2025-05-11", "--db", db)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "DATE        METRIC                    VALUE",
        "2025-05-11  aov                       1,335.27 EUR",
        "2025-05-11  new_customers             0",
        "2025-05-11  orders                    3",
        "2025-05-11  returning_customer_rate   n/a",
        "2025-05-11  returning_customers       0",
        "2025-05-11  revenue                   4,005.80 EUR",
        "revenue: refunds count on their order's day (the orders export has no refund date)",
    ]


def test_a_file_with_unreadable_rows_is_refused_in_one_line_and_nothing_is_written(cli, db):
    cli("import", "shopify-orders", ORDERS, "--db", db)
    before = cli("kpis", "--json", "--db", db)[1]
    code, out, err = cli("import", "shopify-orders", str(FILES / "shopify_orders_bad_rows.csv"), "--db", db)
    assert (code, out) == (1, "")
    assert "line 6: Created at '2025-02-30 09:00:00 -0400' is not a date" in one_line_error(err)
    assert cli("kpis", "--json", "--db", db)[1] == before


def test_skip_bad_rows_imports_the_rest(cli, db):
    code, out, err = cli(
        "import", "shopify-orders", str(FILES / "shopify_orders_bad_rows.csv"), "--skip-bad-rows", "--db", db
    )
    assert (code, err) == (0, "")
    assert "skipped line 8: Total 'thirty' is not an amount" in out.splitlines()


def test_a_ga4_export_with_nothing_by_day_says_why_and_exits_1(cli, db):
    code, out, err = cli("import", "ga4", str(SAMPLES / "ga4_reports_snapshot.csv"), "--db", db)
    assert code == 1
    assert one_line_error(err) == (
        "ecomtui: error: ga4_reports_snapshot.csv: nothing was imported (see the skipped rows and sections above)"
    )
    assert "skipped section 'Nth day' (line 197): it counts new and returning users (GA4 visitors), " in out


def test_an_ads_report_not_split_by_day_is_refused_with_how_to_export_it(cli, db):
    code, out, err = cli("import", "ads", str(SAMPLES / "google_ads_campaign_report.csv"), "--db", db)
    assert (code, out) == (1, "")
    assert "Segment > Time > Day" in one_line_error(err)


def test_a_missing_file_creates_no_database(cli, tmp_path):
    db = tmp_path / "never.db"
    code, _, err = cli("import", "kpis", str(tmp_path / "missing.csv"), "--db", str(db))
    assert code == 1
    assert "cannot read" in one_line_error(err)
    assert not db.exists()


def test_kpis_never_creates_a_database(cli, tmp_path):
    db = tmp_path / "never.db"
    code, out, err = cli("kpis", "--db", str(db))
    assert (code, out) == (1, "")
    assert one_line_error(err).startswith(f"ecomtui: error: there is no database at {db}")
    assert not db.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2025-02-30"), "--from: '2025-02-30' is not a valid date"),
        (("--from", "2025-05-12", "--to", "2025-05-11"), "--from 2025-05-12 is after --to 2025-05-11"),
        (("--metric", "revnue"), "--metric: 'revnue' is not a metric"),
    ],
)
def test_kpis_refuses_bad_options_in_one_line(cli, db, args, message):
    cli("import", "shopify-orders", ORDERS, "--db", db)
    code, out, err = cli("kpis", *args, "--db", db)
    assert (code, out) == (1, "")
    assert message in one_line_error(err)


def test_an_empty_store_shows_no_values(cli, db):
    cli("import", "kpis", str(FILES / "kpis_generic.csv"), "--db", db)
    code, out, _ = cli("kpis", "--from", "2030-01-01", "--db", db)
    assert code == 0
    assert out.startswith("no KPI values")
    assert cli("kpis", "--from", "2030-01-01", "--json", "--db", db)[1] == "[]\n"


def _run_with_terminal_stderr(args: list[str], env: dict) -> tuple[int, str, str]:
    """Run ecomtui with stderr on a pseudo-terminal; returns (exit code, stdout, what the terminal got)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "ecomtui", *args], stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    out, _ = proc.communicate(timeout=120)
    os.close(leader)
    return proc.returncode, out.decode(), seen.decode(errors="replace")


def test_progress_shows_on_a_terminal_and_never_in_a_pipe(cli, db):
    code, _, terminal = _run_with_terminal_stderr(["import", "shopify-orders", ORDERS, "--db", db], dict(os.environ))
    assert code == 0
    assert "reading [" in terminal and "100%" in terminal
    code, _, err = cli("import", "shopify-orders", ORDERS, "--db", db)
    assert (code, err) == (0, "")


def test_kpis_reads_without_loading_pandas_or_numpy(db, cli):
    cli("import", "kpis", str(FILES / "kpis_generic.csv"), "--db", db)
    code = (
        "import io, contextlib, json, sys\nfrom ecomtui.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()): main(['kpis', '--json', '--db', {db!r}])\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    loaded = {name.split(".")[0] for name in json.loads(out.splitlines()[-1])}
    assert not loaded & {"pandas", "numpy"}
