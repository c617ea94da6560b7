"""``promo``, ``export ics`` and ``import ics`` as a user or a script sees them."""

from __future__ import annotations

import json

import icalendar
import pytest

pytestmark = pytest.mark.usefixtures("fake_home")

JSON_KEYS = {"id", "name", "start", "end", "channels", "code", "discount", "budget", "status", "conflicts"}


@pytest.fixture
def db(tmp_path):
    """A SQLite file, for the tests that check no file is created."""
    return str(tmp_path / "cli.db")


def listed(cli, db, *extra) -> list[dict]:
    code, out, err = cli("promo", "list", "--json", "--db", db, *extra)
    assert (code, err) == (0, "")
    return json.loads(out)


def test_two_ppc_promotions_that_overlap_list_each_other_as_conflicts(cli, db_url):
    assert (
        cli(
            "promo",
            "add",
            "Black Week",
            "--start",
            "2026-11-20",
            "--end",
            "2026-11-30",
            "--channel",
            "PPC",
            "--db",
            db_url,
        )[0]
        == 0
    )
    code, out, _ = cli(
        "promo", "add", "Cyber", "--start", "2026-11-27", "--end", "2026-12-02", "--channel", "ppc", "--db", db_url
    )
    assert code == 0
    assert "warning: overlaps Black Week (PPC)" in out
    first, second = listed(cli, db_url)
    assert set(first) >= JSON_KEYS
    assert (first["conflicts"], second["conflicts"]) == ([second["id"]], [first["id"]])
    assert (first["start"], first["end"], first["channels"]) == ("2026-11-20", "2026-11-30", ["PPC"])


def test_different_channels_and_different_codes_do_not_conflict(cli, db_url):
    cli(
        "promo",
        "add",
        "A",
        "--start",
        "2026-11-20",
        "--end",
        "2026-11-30",
        "--channel",
        "PPC",
        "--code",
        "AAA",
        "--db",
        db_url,
    )
    cli(
        "promo",
        "add",
        "B",
        "--start",
        "2026-11-27",
        "--end",
        "2026-12-02",
        "--channel",
        "Email",
        "--code",
        "BBB",
        "--db",
        db_url,
    )
    assert [p["conflicts"] for p in listed(cli, db_url)] == [[], []]


def test_the_same_code_at_the_same_time_conflicts(cli, db_url):
    cli(
        "promo",
        "add",
        "A",
        "--start",
        "2026-11-20",
        "--end",
        "2026-11-30",
        "--channel",
        "PPC",
        "--code",
        "SAVE",
        "--db",
        db_url,
    )
    cli(
        "promo",
        "add",
        "B",
        "--start",
        "2026-11-27",
        "--end",
        "2026-12-02",
        "--channel",
        "Email",
        "--code",
        "save",
        "--db",
        db_url,
    )
    assert [len(p["conflicts"]) for p in listed(cli, db_url)] == [1, 1]


def test_list_json_values(cli, db_url):
    args = ["--start", "2026-12-01", "--end", "2026-12-03", "--channel", "Email", "--channel", "PPC", "--code", "X1"]
    assert (
        cli(
            "promo",
            "add",
            "Gift guide",
            *args,
            "--discount",
            "12.5%",
            "--budget",
            "1,500",
            "--status",
            "Idea",
            "--db",
            db_url,
        )[0]
        == 0
    )
    (promo,) = listed(cli, db_url)
    assert promo["channels"] == ["PPC", "Email"]  # in channel order
    assert (promo["discount"], promo["budget"], promo["status"], promo["code"]) == (12.5, 1500.0, "idea", "X1")


def test_list_from_to_takes_promotions_running_in_the_range(cli, db_url):
    cli("promo", "add", "Nov", "--start", "2026-11-01", "--end", "2026-11-10", "--db", db_url)
    cli("promo", "add", "Across", "--start", "2026-11-28", "--end", "2026-12-03", "--db", db_url)
    assert [p["name"] for p in listed(cli, db_url, "--from", "2026-12-01")] == ["Across"]
    assert [p["name"] for p in listed(cli, db_url, "--to", "2026-11-05")] == ["Nov"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "2026-11-20", "--end", "2026-11-10"], "end: 2026-11-10 is before the start 2026-11-20"),
        (["--start", "2026-11-20", "--end", "2026-11-21", "--status", "running"], "status: 'running' is not one of"),
        (["--start", "2026-13-01", "--end", "2026-11-21"], "start: '2026-13-01' is not a valid date"),
        (["--start", "2026-11-20", "--end", "2026-11-21", "--discount", "150%"], "percent above 0"),
        (["--start", "2026-11-20", "--end", "2026-11-21", "--channel", "Radio"], "unknown channel 'Radio'"),
    ],
)
def test_bad_input_is_one_plain_line_and_writes_nothing(cli, db, tmp_path, args, message):
    code, out, err = cli("promo", "add", "X", *args, "--db", db)
    assert code == 1 and out == ""
    assert err.startswith("ecomtui: error: ") and message in err and len(err.splitlines()) == 1
    assert "Traceback" not in err and "InvalidInput" not in err
    if "Radio" not in message:  # refused before the store is even opened
        assert not (tmp_path / "cli.db").exists()
    else:
        assert listed(cli, db) == []


def test_reading_commands_never_create_a_database(cli, db, tmp_path):
    for args in (["promo", "list"], ["export", "ics"], ["promo", "settings"]):
        code, _, err = cli(*args, "--db", db)
        assert code == 1 and "no database at" in err
    assert not (tmp_path / "cli.db").exists()


def test_settings_country_and_cutoff(cli, db_url):
    cli("promo", "add", "x", "--start", "2026-11-20", "--end", "2026-11-20", "--db", db_url)
    code, out, _ = cli("promo", "settings", "--country", "gb", "--shipping-cutoff", "12-20", "--db", db_url)
    assert code == 0 and "country           GB\n" in out and "shipping cut-off  12-20" in out
    code, _, err = cli("promo", "settings", "--country", "Narnia", "--db", db_url)
    assert code == 1 and "not a country code" in err


def test_export_parses_and_imports_into_an_empty_store_then_adds_nothing(cli, db_url, tmp_path):
    cli(
        "promo",
        "add",
        "Black Week",
        "--start",
        "2026-11-20",
        "--end",
        "2026-11-30",
        "--channel",
        "PPC",
        "--code",
        "BW",
        "--db",
        db_url,
    )
    cli("promo", "add", 'Sale; 50%, "best" \\ day', "--start", "2026-12-01", "--end", "2026-12-03", "--db", db_url)
    out_file = tmp_path / "promotions.ics"
    code, _, err = cli("export", "ics", "--out", str(out_file), "--events", "--db", db_url)
    assert code == 0 and "wrote 2 promotions and" in err
    calendar = icalendar.Calendar.from_ical(out_file.read_bytes())
    assert "Black Friday" in [str(e["summary"]) for e in calendar.walk("VEVENT")]

    empty = str(tmp_path / "empty.db_url")
    code, out, _ = cli("import", "ics", str(out_file), "--db", empty)
    assert code == 0 and out.startswith("promotions: 2 added, 0 updated")
    strip = [{k: v for k, v in p.items() if k != "id"} for p in listed(cli, db_url)]
    assert [{k: v for k, v in p.items() if k != "id"} for p in listed(cli, empty)] == strip
    code, out, _ = cli("import", "ics", str(out_file), "--db", empty)
    assert out.startswith("promotions: 0 added, 0 updated, 0 cancelled, 2 unchanged")
    assert len(listed(cli, empty)) == 2


def test_export_to_standard_output(cli, db_url):
    cli("promo", "add", "A", "--start", "2026-11-20", "--end", "2026-11-30", "--db", db_url)
    code, out, _ = cli("export", "ics", "--db", db_url)
    assert code == 0
    assert out.startswith("BEGIN:VCALENDAR\r\n") and "SUMMARY:A\r\n" in out


def test_import_of_a_missing_file_is_one_line(cli, db, tmp_path):
    code, _, err = cli("import", "ics", str(tmp_path / "nope.ics"), "--db", db)
    assert code == 1 and "no file" in err
    assert not (tmp_path / "cli.db").exists()


def test_import_of_a_file_that_is_no_calendar_writes_nothing(cli, db, tmp_path):
    junk = tmp_path / "orders.ics"
    junk.write_text("Name,Email\n#1001,a@example.com\n")
    code, out, err = cli("import", "ics", str(junk), "--db", db)
    assert (code, out) == (1, "")
    assert (
        err == "ecomtui: error: import ics: orders.ics: this is not an iCalendar file (no readable BEGIN:VCALENDAR)\n"
    )
    assert not (tmp_path / "cli.db").exists()
