"""``partner``, ``export vcf`` and ``import vcf`` as a user or a script sees them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecomtui.cli import main

pytestmark = pytest.mark.usefixtures("fake_home")

ODD_NAME = "Agency; Smith, & Co"


@pytest.fixture
def run(capsys):
    """``ecomtui ARGS...`` in-process: (exit code, stdout, stderr)."""

    def call(*args: str):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "partners.db")


def partners_in(run, db) -> list[dict]:
    code, out, err = run("partner", "list", "--json", "--db", db)
    assert (code, err) == (0, "")
    return json.loads(out)


def add_odd_agency(run, db) -> None:
    code, out, err = run(
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


def test_partner_add_then_list_returns_it_exactly(run, db):
    add_odd_agency(run, db)
    assert partners_in(run, db) == [EXPECTED]
    code, out, _ = run("partner", "list", "--db", db)
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
def test_bad_input_is_one_line_and_writes_nothing(run, db, option, value, message):
    args = ["partner", "add", "X", "--kind", "agency", "--contact", "Y", option, value, "--db", db]
    if option == "--kind":
        args[3:5] = []
    code, out, err = run(*args)
    assert (code, out) == (1, "")
    assert err == f"ecomtui: error: {message}" + err.split(message, 1)[1]
    assert len(err.splitlines()) == 1
    assert not Path(db).exists()


def test_bad_input_on_an_existing_store_changes_nothing(run, db):
    add_odd_agency(run, db)
    code, _, err = run("partner", "edit", "agency", "--email", "nope", "--db", db)
    assert code == 1 and "email" in err
    assert partners_in(run, db) == [EXPECTED]


def test_edit_archive_and_log_find_partners_like_owners(run, db):
    add_odd_agency(run, db)
    assert run("partner", "add", "Smithson Digital", "--kind", "freelancer", "--db", db)[0] == 0
    code, _, err = run("partner", "edit", "smith", "--rating", "4", "--db", db)
    assert code == 1 and f"could be {ODD_NAME}, Smithson Digital" in err
    code, _, err = run("partner", "edit", "zzz", "--rating", "4", "--db", db)
    assert code == 1 and "unknown partner 'zzz'" in err
    code, out, err = run(
        "partner", "edit", "AGENCY", "--contact", "zoë ñúñez", "--phone", "+34 600 000 000", "--retainer", "2600.50",
        "--services", "SEO", "--db", db,
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    first = partners_in(run, db)[0]
    assert first["contacts"] == [{"name": "Zoë Ñúñez", "email": "a@b.co", "phone": "+34 600 000 000"}]
    assert (first["retainer"], first["services"]) == (2600.5, ["SEO"])
    code, out, err = run(
        "partner", "log", "agency", "--kind", "call", "--summary", "Renewal [bold]talk[/]", "--next", "Send offer",
        "--follow-up", "2026-12-01", "--db", db,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out == "logged call with partner 1 on 2026-11-23, follow up 2026-12-01\n"
    assert run("partner", "log", "agency", "--kind", "lunch", "--summary", "x", "--db", db)[0] == 1
    code, out, _ = run("partner", "archive", "smithson", "--db", db)
    assert (code, out) == (0, "archived partner 2: Smithson Digital\n")
    assert [p["name"] for p in partners_in(run, db)] == [ODD_NAME]
    code, out, _ = run("partner", "list", "--archived", "--json", "--db", db)
    assert [p["name"] for p in json.loads(out)] == [ODD_NAME, "Smithson Digital"]


def test_reading_commands_never_create_a_database(run, db):
    for args in (("partner", "list"), ("export", "vcf"), ("partner", "archive", "x")):
        code, _, err = run(*args, "--db", db)
        assert code == 1 and err.startswith("ecomtui: error: no database at"), (args, err)
    assert not Path(db).exists()


def test_export_import_round_trip_into_an_empty_store(run, db, tmp_path):
    import vobject

    add_odd_agency(run, db)
    out_file = tmp_path / "contacts.vcf"
    code, out, err = run("export", "vcf", "--out", str(out_file), "--db", db)
    assert (code, out) == (0, "") and "wrote 1 contact cards" in err
    (card,) = list(vobject.readComponents(out_file.read_text(encoding="utf-8")))
    assert (card.version.value, card.fn.value, card.org.value, card.email.value) == (
        "3.0",
        "Zoë Ñúñez",
        [ODD_NAME],
        "a@b.co",
    )
    empty = str(tmp_path / "empty.db")
    code, out, err = run("import", "vcf", str(out_file), "--db", empty)
    assert (code, err) == (0, "")
    assert out == "contacts.vcf: 1 card read; 1 partner and 1 contact added; 0 already known\n"
    imported = partners_in(run, empty)
    assert [(p["name"], p["kind"], p["services"], p["contacts"]) for p in imported] == [
        (ODD_NAME, "agency", ["SEO", "PPC"], EXPECTED["contacts"])
    ]
    code, out, _ = run("import", "vcf", str(out_file), "--db", empty)
    assert out == "contacts.vcf: 1 card read; 0 partners and 0 contacts added; 1 already known\n"
    assert partners_in(run, empty) == imported


def test_export_to_standard_output(run, db):
    add_odd_agency(run, db)
    code, out, err = run("export", "vcf", "--db", db)
    assert (code, err) == (0, "")
    assert out.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and "ORG:Agency\\; Smith\\, & Co\r\n" in out


def test_an_unreadable_vcard_file_is_refused_before_any_database_is_made(run, db, tmp_path):
    bad = tmp_path / "bad.vcf"
    bad.write_text("hello\n", encoding="utf-8")
    code, _, err = run("import", "vcf", str(bad), "--db", db)
    assert code == 1 and err == "ecomtui: error: bad.vcf: no vCard in it (no BEGIN:VCARD line)\n"
    wrong = tmp_path / "wrong.vcf"
    wrong.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nORG:Shop\nEMAIL:ann-at-shop\nEND:VCARD\n", encoding="utf-8")
    code, _, err = run("import", "vcf", str(wrong), "--db", db)
    assert code == 1 and "card 1 (Shop): email: 'ann-at-shop' is not an e-mail address" in err
    assert len(err.splitlines()) == 1
    assert not Path(db).exists()
    code, out, _ = run("import", "vcf", str(wrong), "--skip-bad-rows", "--db", db)
    assert code == 0 and "skipped card 1 (Shop)" in out
