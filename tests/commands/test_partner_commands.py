"""``partner``, ``export vcf`` and ``import vcf`` as a user or a script sees them.

Each test runs on SQLite and on PostgreSQL (``db`` is the conftest's ``db_url``);
what is about files never being created uses a SQLite path of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("fake_home")

ODD_NAME = "Agency; Smith, & Co"


@pytest.fixture
def db(db_url) -> str:
    """The ``--db`` value of the test's store: a SQLite file, then a PostgreSQL database."""
    return db_url


@pytest.fixture
def new_file(tmp_path) -> str:
    """A SQLite path nobody has used: a refused command must leave it absent."""
    return str(tmp_path / "partners.db")


def partners_in(cli, db) -> list[dict]:
    code, out, err = cli("partner", "list", "--json", "--db", db)
    assert (code, err) == (0, "")
    return json.loads(out)


def add_odd_agency(cli, db) -> None:
    code, out, err = cli(
        "partner", "add", ODD_NAME, "--kind", "agency", "--services", "SEO,PPC", "--contact", "Zoë Ñúñez",
        "--email", "a@b.co", "--retainer", "2500", "--contract-end", "2027-01-31", "--db", db,
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    assert out == f"added partner 1: {ODD_NAME}\n"


EXPECTED = {
    "id": 1,
    "name": ODD_NAME,
    "kind": "agency",
    "services": ["SEO", "PPC"],
    "contacts": [{"name": "Zoë Ñúñez", "email": "a@b.co", "phone": None}],
    "retainer": 2500.0,
    "contract_end": "2027-01-31",
}


def test_partner_add_then_list_returns_it_exactly(cli, db):
    add_odd_agency(cli, db)
    assert partners_in(cli, db) == [EXPECTED]
    code, out, _ = cli("partner", "list", "--db", db)
    assert code == 0 and ODD_NAME in out and "EUR 2,500.00" in out and "Zoë Ñúñez a@b.co" in out


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--email", "not-an-address", "email: 'not-an-address' is not an e-mail address"),
        ("--kind", "vendor", "kind: 'vendor' is not one of agency, freelancer, in-house"),
        ("--retainer", "-5", "retainer: '-5' is negative"),
        ("--contract-end", "2027-02-30", "contract_end: '2027-02-30' is not a valid date"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(cli, new_file, option, value, message):
    args = ["partner", "add", "X", "--kind", "agency", "--contact", "Y", option, value, "--db", new_file]
    if option == "--kind":
        args[3:5] = []
    code, out, err = cli(*args)
    assert (code, out) == (1, "")
    assert err == f"ecomtui: error: {message}" + err.split(message, 1)[1]
    assert len(err.splitlines()) == 1
    assert not Path(new_file).exists()


def test_bad_input_on_an_existing_store_changes_nothing(cli, db):
    add_odd_agency(cli, db)
    code, _, err = cli("partner", "edit", "agency", "--email", "nope", "--db", db)
    assert code == 1 and "email" in err
    assert partners_in(cli, db) == [EXPECTED]


def test_edit_archive_and_log_find_partners_like_owners(cli, db):
    add_odd_agency(cli, db)
    assert cli("partner", "add", "Smithson Digital", "--kind", "freelancer", "--db", db)[0] == 0
    code, _, err = cli("partner", "edit", "smith", "--rating", "4", "--db", db)
    assert code == 1 and f"could be {ODD_NAME}, Smithson Digital" in err
    code, _, err = cli("partner", "edit", "zzz", "--rating", "4", "--db", db)
    assert code == 1 and "unknown partner 'zzz'" in err
    code, out, err = cli(
        "partner", "edit", "AGENCY", "--contact", "zoë ñúñez", "--phone", "+34 600 000 000", "--retainer", "2600.50",
        "--services", "SEO", "--db", db,
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    first = partners_in(cli, db)[0]
    assert first["contacts"] == [{"name": "Zoë Ñúñez", "email": "a@b.co", "phone": "+34 600 000 000"}]
    assert (first["retainer"], first["services"]) == (2600.5, ["SEO"])
    code, out, err = cli(
        "partner", "log", "agency", "--kind", "call", "--summary", "Renewal [bold]talk[/]", "--next", "Send offer",
        "--follow-up", "2026-12-01", "--db", db,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == "logged call with partner 1 on 2026-11-23, follow up 2026-12-01\n"
    assert cli("partner", "log", "agency", "--kind", "lunch", "--summary", "x", "--db", db)[0] == 1
    code, out, _ = cli("partner", "archive", "smithson", "--db", db)
    assert (code, out) == (0, "archived partner 2: Smithson Digital\n")
    assert [p["name"] for p in partners_in(cli, db)] == [ODD_NAME]
    code, out, _ = cli("partner", "list", "--archived", "--json", "--db", db)
    assert [p["name"] for p in json.loads(out)] == [ODD_NAME, "Smithson Digital"]


def test_reading_commands_never_create_a_database(cli, new_file):
    for args in (("partner", "list"), ("export", "vcf"), ("partner", "archive", "x")):
        code, _, err = cli(*args, "--db", new_file)
        assert code == 1 and err.startswith("ecomtui: error: there is no database at"), (args, err)
    assert not Path(new_file).exists()


def test_export_import_round_trip_into_an_empty_store(cli, db, tmp_path):
    import vobject

    add_odd_agency(cli, db)
    out_file = tmp_path / "contacts.vcf"
    code, out, err = cli("export", "vcf", "--out", str(out_file), "--db", db)
    assert (code, out) == (0, "") and "wrote 1 contact cards" in err
    (card,) = list(vobject.readComponents(out_file.read_text(encoding="utf-8")))
    assert (card.version.value, card.fn.value, card.org.value, card.email.value) == (
        "3.0",
        "Zoë Ñúñez",
        [ODD_NAME],
        "a@b.co",
    )
    empty = str(tmp_path / "empty.db")
    code, out, err = cli("import", "vcf", str(out_file), "--db", empty)
    assert (code, err) == (0, "")
    assert out == "contacts.vcf: 1 card read; 1 partner and 1 contact added; 0 already known\n"
    imported = partners_in(cli, empty)
    assert [(p["name"], p["kind"], p["services"], p["contacts"]) for p in imported] == [
        (ODD_NAME, "agency", ["SEO", "PPC"], EXPECTED["contacts"])
    ]
    code, out, _ = cli("import", "vcf", str(out_file), "--db", empty)
    assert out == "contacts.vcf: 1 card read; 0 partners and 0 contacts added; 1 already known\n"
    assert partners_in(cli, empty) == imported


def test_export_to_standard_output(cli, db):
    add_odd_agency(cli, db)
    code, out, err = cli("export", "vcf", "--db", db)
    assert (code, err) == (0, "")
    assert out.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and "ORG:Agency\\; Smith\\, & Co\r\n" in out


def test_an_unreadable_vcard_file_is_refused_before_any_database_is_made(cli, new_file, tmp_path):
    bad = tmp_path / "bad.vcf"
    bad.write_text("hello\n", encoding="utf-8")
    code, _, err = cli("import", "vcf", str(bad), "--db", new_file)
    assert code == 1 and err == "ecomtui: error: bad.vcf: no vCard in it (no BEGIN:VCARD line)\n"
    wrong = tmp_path / "wrong.vcf"
    wrong.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nORG:Shop\nEMAIL:ann-at-shop\nEND:VCARD\n", encoding="utf-8")
    code, _, err = cli("import", "vcf", str(wrong), "--db", new_file)
    assert code == 1 and "card 1 (Shop): email: 'ann-at-shop' is not an e-mail address" in err
    assert len(err.splitlines()) == 1
    assert not Path(new_file).exists()
    code, out, _ = cli("import", "vcf", str(wrong), "--skip-bad-rows", "--db", new_file)
    assert code == 0 and "skipped card 1 (Shop)" in out


def test_escapes_stored_by_other_tools_are_listed_made_visible_and_kept_in_json(cli, db):
    from sqlalchemy import update

    from ecomtui.db.engine import open_database
    from ecomtui.db.tables import contact, partner

    add_odd_agency(cli, db)
    database = open_database(db)
    with database.transaction() as conn:
        conn.execute(update(partner).values(name="Ag\x1b[2Jency", kind="agency\x07"))
        conn.execute(update(contact).values(name="Zoë\x1b]0;PWNED\x07"))
    database.dispose()
    code, out, err = cli("partner", "list", "--db", db)
    assert (code, err) == (0, "")
    assert "Ag␛[2Jency" in out and "agency␇" in out and "Zoë␛]0;PWNED␇ a@b.co" in out
    assert not any(ch in out for ch in "\x1b\x07")
    (listed,) = partners_in(cli, db)
    assert (listed["name"], listed["contacts"][0]["name"]) == ("Ag\x1b[2Jency", "Zoë\x1b]0;PWNED\x07")
    code, out, _ = cli("partner", "archive", "ag", "--db", db)
    assert (code, out) == (0, "archived partner 1: Ag␛[2Jency\n")
