"""Contacts read from a phone or mail client's export, added to the partner roster.

A card names a person and, usually, their organisation. The organisation is
the partner (matched to an existing partner by name, ignoring case; created
otherwise, as an agency unless the card says its kind); a card without one is
a freelancer of that name. The person becomes one of the partner's contacts
unless it has a contact of that name already. So importing a file twice adds
nothing the second time, and nothing is ever overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ecomtui.services.partner_roster import ContactInput, build_contact_input, build_partner_input
from ecomtui.services.validation import InvalidInput
from ecomtui.vocabulary import counted


@dataclass(frozen=True)
class ImportedCard:
    """What one card says, before it is checked."""

    number: int  # 1-based position in the file, for messages
    organisation: str = ""
    person: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    services: tuple[str, ...] = ()
    kind: str = ""
    website: str = ""
    notes: str = ""


@dataclass
class ImportSummary:
    cards: int = 0
    partners_added: list[str] = field(default_factory=list)
    contacts_added: int = 0
    services_added: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)  # "card 3: reason"

    def lines(self, file_name: str) -> list[str]:
        lines = [
            f"{file_name}: {counted(self.cards, 'card')} read; {counted(len(self.partners_added), 'partner')} and "
            f"{counted(self.contacts_added, 'contact')} added; {self.unchanged} already known"
        ]
        lines += [f"  skipped {reason}" for reason in self.skipped]
        return lines


def _partner_name(card: ImportedCard) -> str:
    return card.organisation or card.person


def _check(card: ImportedCard) -> tuple[str, ContactInput | None]:
    """The partner's name and the contact (None for an organisation card); InvalidInput if unusable."""
    name = _partner_name(card)
    if not name.strip():
        raise InvalidInput(f"card {card.number}: neither a name nor an organisation")
    try:
        build_partner_input(name=name, kind="agency", website=card.website)
        person = card.person if card.person and card.person != card.organisation else ""
        contact = build_contact_input(person, card.role, card.email, card.phone) if person else None
    except InvalidInput as exc:
        raise InvalidInput(f"card {card.number} ({name.strip()}): {exc.message}", exc.field) from None
    return name.strip(), contact


def check_cards(
    cards: list[ImportedCard], *, skip_bad: bool
) -> tuple[list[tuple[ImportedCard, str, ContactInput | None]], list[str]]:
    """Every usable card with its partner name and contact; the reasons of the others.

    Without ``skip_bad`` one bad card refuses the whole file (every reason listed).
    """
    good, bad = [], []
    for card in cards:
        try:
            good.append((card, *_check(card)))
        except InvalidInput as exc:
            bad.append(exc.message)
    if bad and not skip_bad:
        raise InvalidInput("; ".join(bad) + " — nothing was imported (--skip-bad-rows imports the rest)")
    return good, bad


def import_cards(conn, cards: list[ImportedCard], today: date, *, skip_bad: bool = False) -> ImportSummary:
    """Add the cards' partners, contacts and services that are not in the store yet."""
    from ecomtui.services import partners
    from ecomtui.services.partner_queries import load_roster
    from ecomtui.vocabulary import PARTNER_KINDS

    good, bad = check_cards(cards, skip_bad=skip_bad)
    summary = ImportSummary(cards=len(cards), skipped=bad)
    roster = {p.name.casefold(): p.id for p in load_roster(conn, today)}
    for card, name, contact in good:
        partner_id = roster.get(name.casefold())
        changed = False
        if partner_id is None:
            kind = card.kind if card.kind in PARTNER_KINDS else ("agency" if card.organisation else "freelancer")
            data = build_partner_input(
                name=name, kind=kind, services=", ".join(card.services), website=card.website, notes=card.notes
            )
            partner_id = partners.create_partner(conn, data, today).id
            roster[name.casefold()] = partner_id
            summary.partners_added.append(name)
            changed = True
        else:
            added = partners.add_services(conn, partner_id, card.services)
            summary.services_added += added
            changed = bool(added)
        if contact is not None:
            added = partners.add_contacts(conn, partner_id, [contact], today)
            summary.contacts_added += added
            changed = changed or bool(added)
        if not changed:
            summary.unchanged += 1
    return summary
