"""``budget``, ``expense`` and ``export csv`` as a user or a script sees them."""

from __future__ import annotations

import csv
import io
import json

import pytest
from cli_support import one_line_error

pytestmark = pytest.mark.usefixtures("fake_home")


@pytest.fixture
def db(db_url):
    """The ``--db`` value of the test's store: a SQLite file, then a PostgreSQL database."""
    return db_url


def add_partner(db: str, name: str, *, retainer_minor: int | None = None, services=()) -> None:
    from ecomtui.db.engine import open_database
    from ecomtui.db.models import Partner, PartnerService

    database = open_database(db)
    with database.write() as session:
        partner = Partner(name=name, kind="agency", retainer_minor=retainer_minor)
        session.add(partner)
        session.flush()
        session.add_all(PartnerService(partner_id=partner.id, service=s) for s in services)
    database.dispose()


def ok(cli, *args) -> str:
    code, out, err = cli(*args)
    assert (code, err) == (0, ""), err
    return out


def show(cli, db, *args) -> dict:
    return json.loads(ok(cli, "budget", "show", "--json", "--db", db, *args))


def by_channel(report: dict) -> dict:
    return {row["channel"]: row for row in report["channels"]}


def test_the_issues_example_on_an_empty_store(cli, db):
    ok(cli, "budget", "set", "2026-10", "PPC", "3000", "--db", db)
    ok(cli, "budget", "set", "2026-10", "seo", "1500", "--db", db)
    ok(cli, "expense", "add", "1000", "--channel", "PPC", "--date", "2026-10-02", "--db", db)
    ok(cli, "expense", "add", "1200.50", "--channel", "ppc", "--date", "2026-10-30", "--db", db)
    ok(cli, "expense", "add", "1500", "--channel", "SEO", "--date", "2026-10-16", "--db", db)

    october = show(cli, db, "--month", "2026-10")
    assert (october["month"], october["currency"], october["as_of"]) == ("2026-10", "EUR", "2026-10-31")
    rows = by_channel(october)
    assert rows["PPC"] == {
        "channel": "PPC",
        "planned": 3000.0,
        "actual": 2200.5,
        "variance": -799.5,
        "pacing": 0.73,
        "forecast": 2200.5,
    }
    assert rows["SEO"]["pacing"] == 1.0
    total = october["total"]
    for key in ("planned", "actual", "variance", "forecast"):
        assert total[key] == pytest.approx(sum(row[key] for row in october["channels"]))
    assert (total["planned"], total["actual"]) == (4500.0, 3700.5)

    ok(cli, "budget", "set", "2026-11", "PPC", "3000", "--db", db)
    ok(cli, "expense", "add", "1000", "--channel", "PPC", "--date", "2026-11-06", "--db", db)
    november = by_channel(show(cli, db, "--month", "2026-11", "--as-of", "2026-11-10"))
    assert (november["PPC"]["pacing"], november["PPC"]["forecast"]) == (1.0, 3000.0)


def test_the_month_defaults_to_the_as_of_day_then_today(cli, db):
    ok(cli, "budget", "set", "2026-11", "PPC", "3000", "--db", db)
    ok(cli, "expense", "add", "100", "--channel", "PPC", "--db", db)  # dated today, 2026-11-23
    assert show(cli, db)["as_of"] == "2026-11-23"
    assert show(cli, db, "--as-of", "2026-11-05")["channels"][0]["actual"] == 0.0
    assert show(cli, db, "--as-of", "2026-10-05")["month"] == "2026-10"


def test_a_month_not_started_has_no_pacing_or_forecast(cli, db):
    ok(cli, "budget", "set", "2026-12", "Email", "800", "--db", db)
    december = show(cli, db, "--month", "2026-12")
    assert december["channels"] == [
        {"channel": "Email", "planned": 800.0, "actual": 0.0, "variance": -800.0, "pacing": None, "forecast": None}
    ]


def test_the_plain_report_lists_channels_and_marks_overspending(cli, db):
    ok(cli, "budget", "set", "2026-11", "PPC", "1000", "--db", db)
    ok(cli, "expense", "add", "1,250.00", "--channel", "PPC", "--date", "2026-11-02", "--db", db)
    ok(cli, "expense", "add", "40", "--channel", "Email", "--date", "2026-11-02", "--db", db)
    out = ok(cli, "budget", "show", "--db", db).splitlines()
    assert out[0] == "Budget 2026-11 in EUR, as of 2026-11-23 (day 23 of 30)"
    ppc = next(line for line in out if line.startswith("PPC"))
    assert "1,250.00" in ppc and ppc.endswith("! over budget")
    assert next(line for line in out if line.startswith("Email")).endswith("! unplanned")
    assert out[-1].startswith("Total")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("budget", "set", "2026-11", "PPC", "-5"), "amount: '-5' is negative; amounts are never below 0"),
        (("budget", "set", "2026-13", "PPC", "5"), "month: '2026-13' is not a valid month (use YYYY-MM, e.g. 2026-11)"),
        (("budget", "set", "2026-11", "TV", "5"), "channel: unknown channel 'TV'"),
        (("budget", "set", "2026-11", "PPC", "1e3"), "amount: '1e3' is not an amount"),
        (("expense", "add", "-5", "--channel", "PPC"), "amount: '-5' is negative"),
        (("expense", "add", "0", "--channel", "PPC"), "amount must be more than 0"),
        (("expense", "add", "5.555", "--channel", "PPC"), "amount: '5.555' has more than 2 decimals"),
        (("expense", "add", "5", "--channel", "TV"), "channel: unknown channel 'TV'"),
        (("expense", "add", "5"), "channel is required"),
        (("expense", "add", "5", "--channel", "PPC", "--date", "2026-02-30"), "date: '2026-02-30' is not a valid date"),
        (("expense", "add", "5", "--channel", "PPC", "--partner", "Nobody"), "owner: unknown owner 'Nobody'"),
        (("expense", "add", "5", "--channel", "PPC", "--promotion", "Nope"), "promotion: unknown promotion 'Nope'"),
        (("expense", "add", "5", "--channel", "PPC", "--note", "a\x1b[31mred"), "note must be one line of text"),
        (("expense", "add", "99999999999", "--channel", "PPC"), "is too large"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(cli, db, args, message):
    ok(cli, "budget", "set", "2026-11", "SEO", "10", "--db", db)
    before = ok(cli, "export", "csv", "expenses", "--db", db), ok(cli, "export", "csv", "budget", "--db", db)
    code, out, err = cli(*args, "--db", db)
    assert (code, out) == (1, "")
    assert message in one_line_error(err)
    assert "Error" not in err and "SELECT" not in err
    after = ok(cli, "export", "csv", "expenses", "--db", db), ok(cli, "export", "csv", "budget", "--db", db)
    assert after == before


def test_a_typo_does_not_create_a_store(cli, tmp_path):
    db = str(tmp_path / "new.db")
    assert cli("budget", "set", "2026-13", "PPC", "5", "--db", db)[0] == 1
    assert cli("expense", "add", "-1", "--channel", "PPC", "--db", db)[0] == 1
    assert not (tmp_path / "new.db").exists()


def test_reading_commands_never_create_a_store(cli, tmp_path):
    db = str(tmp_path / "missing.db")
    for args in (("budget", "show"), ("export", "csv", "expenses")):
        code, out, err = cli(*args, "--db", db)
        assert (code, out) == (1, "")
        assert "no database at" in one_line_error(err)
    assert not (tmp_path / "missing.db").exists()


def test_expense_add_names_partner_and_note_exactly(cli, db):
    add_partner(db, "Brightlane Digital")
    out = ok(
        cli, "expense", "add", "480", "--channel", "paid social", "--partner", "brightlane digital",
        "--note", "Creator fee [bold]x[/] 🎉", "--date", "2026-11-03", "--db", db,
    )  # fmt: skip
    assert out.startswith("added expense ") and "480.00 EUR on Paid Social, 2026-11-03" in out
    rows = list(csv.DictReader(io.StringIO(ok(cli, "export", "csv", "expenses", "--db", db))))
    assert rows == [
        {
            "id": rows[0]["id"],
            "date": "2026-11-03",
            "channel": "Paid Social",
            "amount": "480.00",
            "currency": "EUR",
            "source": "manual",
            "partner": "Brightlane Digital",
            "promotion": "",
            "note": "Creator fee [bold]x[/] 🎉",
        }
    ]


def test_retainers_are_booked_once(cli, db):
    add_partner(db, "Rankwell SEO", retainer_minor=290_000, services=("SEO",))
    first = ok(cli, "budget", "retainers", "--month", "2026-11", "--db", db)
    second = ok(cli, "budget", "retainers", "--month", "2026-11", "--db", db)
    assert first.splitlines() == ["booked 2,900.00 for Rankwell SEO", "booked 1 retainer for 2026-11"]
    assert second.strip() == "no new retainer to book for 2026-11, 1 already booked"
    assert by_channel(show(cli, db, "--month", "2026-11"))["SEO"]["actual"] == 2900.0


# ---- export csv ---------------------------------------------------------------------------------

DANGEROUS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1,1)", "＝1+1"]  # tab, CR: see test_safe_cell


def test_export_csv_defuses_formulas_in_every_text_cell(cli, db, tmp_path):
    add_partner(db, '=HYPERLINK("http://x")')
    for note in DANGEROUS:
        ok(cli, "expense", "add", "5", "--channel", "SEO", f"--note={note}", "--db", db)
    ok(cli, "expense", "add", "5", "--channel", "SEO", "--partner", '=HYPERLINK("http://x")', "--db", db)
    out_file = tmp_path / "expenses.csv"
    code, out, err = cli("export", "csv", "expenses", "--out", str(out_file), "--db", db)
    assert (code, out) == (0, "")  # the message goes to stderr, as for the other exports
    assert err == f"wrote {len(DANGEROUS) + 1} expenses rows to {out_file}\n"
    raw = out_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets read it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["id", "date", "channel", "amount"]
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "＝")), row
    notes = [row[8] for row in rows[1:]]
    assert "'=cmd|' /C calc'!A0" in notes and "'+1+1" in notes and "'-2+3" in notes and "'@SUM(1,1)" in notes
    assert rows[-1][6] == '\'=HYPERLINK("http://x")'
    assert all(line.startswith('"') for line in raw.decode("utf-8-sig").splitlines())  # every cell quoted


def test_safe_cell_covers_tab_and_carriage_return():
    from ecomtui.exporters.csv import safe_cell

    assert safe_cell("\tx") == "'\tx" and safe_cell("\rx") == "'\rx"
    assert safe_cell("plain") == "plain" and safe_cell("a=b") == "a=b"
    assert safe_cell(None) == ""


def test_export_of_the_budget_plans_and_unknown_tables(cli, db, tmp_path):
    ok(cli, "budget", "set", "2026-11", "PPC", "3000", "--db", db)
    ok(cli, "budget", "set", "2026-10", "SEO", "1500.5", "--db", db)
    rows = list(csv.reader(io.StringIO(ok(cli, "export", "csv", "budget", "--db", db))))
    assert rows == [
        ["month", "channel", "planned", "currency"],
        ["2026-10", "SEO", "1500.50", "EUR"],
        ["2026-11", "PPC", "3000.00", "EUR"],
    ]
    code, _, err = cli("export", "csv", "customers", "--db", db)
    assert (
        code == 1
        and one_line_error(err) == "ecomtui: error: export csv: unknown table 'customers' (known: budget, expenses)"
    )
    code, _, err = cli("export", "csv", "budget", "--out", str(tmp_path / "no" / "dir.csv"), "--db", db)
    assert code == 1 and "cannot write" in one_line_error(err)
    assert not (tmp_path / "no").exists()
