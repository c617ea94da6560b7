"""vCard 3.0 out and back: every field survives commas, semicolons, line breaks and non-Latin letters."""

from __future__ import annotations

from datetime import date

import vobject

from ecomtui.exporters.vcf import vcards
from ecomtui.importers.vcf import read_cards
from ecomtui.services.contact_import import import_cards
from ecomtui.services.partner_queries import load_roster
from ecomtui.services.partner_roster import ContactRow, Partner

TODAY = date(2026, 11, 23)

ODD = Partner(
    id=1,
    name="Agency; Smith, & Co \\ Ltd",
    kind="agency",
    services=("SEO", "Paid Social; Meta"),
    website="https://smith.example/a;b",
    notes="First line; with, punctuation\nSecond line: 渡辺",
    contacts=(
        ContactRow(1, "Zoë Ñúñez", "Head of SEO, EMEA; interim", "zoe@smith.example", "+34 600 000 000"),
        ContactRow(2, "渡辺 健二", "", "kenji@smith.example", ""),
        ContactRow(3, "Ахмед Üzgün-O'Neil", "Контент", "", "+7 (495) 000-00-00"),
    ),
)
ORGANISATION = Partner(id=2, name="Pixel & Pine", kind="freelancer", services=("UX",))


def parsed(text: str) -> list:
    return list(vobject.readComponents(text))


def test_every_person_is_a_vcard_3_with_its_fields():
    cards = parsed(vcards([ODD]))
    assert [c.version.value for c in cards] == ["3.0"] * 3
    assert [c.fn.value for c in cards] == [c.name for c in ODD.contacts]
    first = cards[0]
    assert (first.n.value.given, first.n.value.family) == ("Zoë", "Ñúñez")
    assert first.org.value == [ODD.name]
    assert first.role.value == "Head of SEO, EMEA; interim"
    assert (first.email.value, first.tel.value) == ("zoe@smith.example", "+34 600 000 000")
    assert first.categories.value == ["SEO", "Paid Social; Meta"]
    assert first.note.value == ODD.notes
    assert "email" not in cards[2].contents and cards[2].tel.value == "+7 (495) 000-00-00"


def test_a_partner_without_people_is_an_organisation_card():
    (card,) = parsed(vcards([ORGANISATION]))
    assert card.org.value == ["Pixel & Pine"]
    assert card.fn.value == "Pixel & Pine"
    assert card.contents["x-abshowas"][0].value == "COMPANY"


def test_reading_our_export_gives_every_field_back():
    cards = read_cards(vcards([ODD, ORGANISATION]))
    assert [(c.organisation, c.person, c.role, c.email, c.phone) for c in cards] == [
        (ODD.name, p.name, p.role, p.email, p.phone) for p in ODD.contacts
    ] + [("Pixel & Pine", "", "", "", "")]
    assert {c.services for c in cards} == {ODD.services, ("UX",)}
    assert cards[0].notes == ODD.notes and cards[0].kind == "agency" and cards[-1].kind == "freelancer"
    assert cards[0].website == ODD.website


def test_import_into_an_empty_store_gives_the_same_partners_and_a_second_import_adds_none(database):
    text = vcards([ODD, ORGANISATION])
    with database.transaction() as conn:
        first = import_cards(conn, read_cards(text), TODAY)
    assert (first.partners_added, first.contacts_added) == ([ODD.name, "Pixel & Pine"], 3)
    with database.connect() as conn:
        roster = load_roster(conn, TODAY)
    odd = next(p for p in roster if p.name == ODD.name)
    assert [(c.name, c.role, c.email, c.phone) for c in odd.contacts] == [
        (c.name, c.role, c.email, c.phone) for c in ODD.contacts
    ]
    assert (odd.kind, odd.services, odd.notes, odd.website) == (ODD.kind, ODD.services, ODD.notes, ODD.website)
    organisation = next(p for p in roster if p.name == "Pixel & Pine")
    assert (organisation.kind, organisation.contacts) == ("freelancer", ())
    with database.transaction() as conn:
        again = import_cards(conn, read_cards(text), TODAY)
    assert (again.partners_added, again.contacts_added, again.unchanged) == ([], 0, 4)
    with database.connect() as conn:
        assert load_roster(conn, TODAY) == roster


def test_a_phone_export_adds_people_to_known_partners_by_name_ignoring_case(database):
    phone_export = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Ortega;Sofía;;;\r\nFN:Sofía Ortega\r\nORG:SCROLLSTOP SOCIAL;Ads\r\n"
        "TEL;CELL:+49 30 23125 161\r\nEMAIL;PREF;INTERNET:sofia@scrollstop.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lindqvist;Nora;;;\r\nFN:Nora Lindqvist\r\nTITLE:Photographer\r\nEND:VCARD\r\n"
    )
    with database.transaction() as conn:
        from ecomtui.services import partners
        from ecomtui.services.partner_roster import build_partner_input

        partners.create_partner(conn, build_partner_input(name="Scrollstop Social", kind="agency"), TODAY)
        summary = import_cards(conn, read_cards(phone_export), TODAY)
    assert (summary.partners_added, summary.contacts_added) == (["Nora Lindqvist"], 2)
    with database.connect() as conn:
        roster = {p.name: p for p in load_roster(conn, TODAY)}
    assert [c.name for c in roster["Scrollstop Social"].contacts] == ["Sofía Ortega"]
    assert roster["Nora Lindqvist"].kind == "freelancer"
    assert [(c.name, c.role) for c in roster["Nora Lindqvist"].contacts] == [("Nora Lindqvist", "Photographer")]
