"""Partners' contacts as vCard 3.0 (RFC 2426), for a phone or mail client.

Each contact person is one card: ``N``/``FN`` their name, ``ORG`` the
partner, ``ROLE``, ``EMAIL``, ``TEL`` and the partner's services as
``CATEGORIES``. A partner without contact people is one organisation card
(``ORG`` and ``X-ABShowAs:COMPANY``, which Apple and others show as a
company). ``X-ECOMTUI-KIND`` keeps the partner's kind so an import of this
file back gives the same partners. vobject escapes commas, semicolons and
line breaks; it is imported only here, when an export runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from ecomtui.services.partner_roster import ContactRow, Partner

KIND_PROPERTY = "x-ecomtui-kind"


def split_name(name: str) -> tuple[str, str]:
    """(given, family): the last word is the family name (``Zoë Ñúñez`` -> Zoë, Ñúñez)."""
    words = name.split()
    if len(words) < 2:
        return name, ""
    return " ".join(words[:-1]), words[-1]


def _card(partner: Partner, person: ContactRow | None):
    import vobject

    card = vobject.vCard()  # VERSION:3.0
    if person is not None:
        given, family = split_name(person.name)
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        card.add("fn").value = person.name
        if person.role:
            card.add("role").value = person.role
        if person.email:
            email = card.add("email")
            email.value = person.email
            email.type_param = "INTERNET"
        if person.phone:
            tel = card.add("tel")
            tel.value = person.phone
            tel.type_param = "WORK"
    else:
        card.add("n").value = vobject.vcard.Name()
        card.add("fn").value = partner.name
        card.add("x-abshowas").value = "COMPANY"
    card.add("org").value = [partner.name]
    if partner.services:
        card.add("categories").value = list(partner.services)
    if partner.website:
        card.add("url").value = partner.website
    if partner.notes:
        card.add("note").value = partner.notes
    card.add(KIND_PROPERTY).value = partner.kind
    return card


def vcards(partners: Iterable[Partner]) -> str:
    """Every contact of every partner (an organisation card for a partner without contacts)."""
    cards = []
    for partner in partners:
        people = partner.contacts or (None,)
        cards.extend(_card(partner, person).serialize() for person in people)
    return "".join(cards)


def export_vcf(database, today) -> tuple[str, int]:
    """The vCard text of the store's partners and the number of cards in it."""
    from ecomtui.services.partner_queries import load_roster

    with database.connect() as conn:
        roster = load_roster(conn, today)
    text = vcards(roster)
    return text, text.count("BEGIN:VCARD")
