"""Partners: changes of agencies, freelancers and in-house specialists, their contacts and their log.

Core only, inside the caller's transaction. A partner's edit (its fields,
services and contacts together) is conflict-safe on the partner's row version:
a save based on a stale copy raises :class:`Conflict` carrying the partner as
it is now. Logging an interaction adds a row and leaves the partner's version
alone, so it never upsets an edit open elsewhere.

Reads live in :mod:`ecomtui.services.partner_queries`, the pure logic in
:mod:`ecomtui.services.partner_roster`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import delete, insert, select, update

from ecomtui.db.tables import contact, interaction, partner, partner_service
from ecomtui.services.partner_queries import get_partner, partner_names
from ecomtui.services.partner_roster import (
    ContactInput,
    InteractionInput,
    InteractionRow,
    Partner,
    PartnerInput,
    build_contact_input,
    build_partner_input,
)
from ecomtui.services.validation import InvalidInput, resolve_name
from ecomtui.services.versioning import Conflict, Gone, delete_row, update_row


def _what(partner_id: int) -> str:
    return f"partner {partner_id}"


def find_partner(conn, name: str | None) -> int:
    """The partner ``name`` means (archived ones too): exact, or a unique prefix of any word."""
    typed = (name or "").strip()
    if not typed:
        raise InvalidInput("partner: a name is required", "partner")
    return resolve_name(partner_names(conn), typed, "partner")


def _check_name_free(conn, name: str, partner_id: int | None = None) -> None:
    wanted = name.casefold()
    for other_id, other in partner_names(conn):
        if other.casefold() == wanted and other_id != partner_id:
            raise InvalidInput(f"name: a partner called '{other}' exists already", "name")


def _partner_values(data: PartnerInput) -> dict:
    return {
        "name": data.name,
        "kind": data.kind,
        "website": data.website,
        "retainer_minor": data.retainer_minor,
        "contract_start": data.contract_start,
        "contract_end": data.contract_end,
        "notice_days": data.notice_days,
        "rating": data.rating,
        "notes": data.notes,
        "archived": data.archived,
    }


def _write_services(conn, partner_id: int, services: tuple[str, ...]) -> None:
    conn.execute(delete(partner_service).where(partner_service.c.partner_id == partner_id))
    if services:
        conn.execute(
            insert(partner_service),
            [{"partner_id": partner_id, "service": s, "position": i} for i, s in enumerate(services)],
        )


def _contact_values(item: ContactInput) -> dict:
    return {"name": item.name, "role": item.role, "email": item.email, "phone": item.phone}


def _write_contacts(conn, partner_id: int, contacts: tuple[ContactInput, ...]) -> None:
    """Make the partner's contacts exactly ``contacts``: edit those with ids, add the rest, drop the others."""
    stored = {
        row[0]: tuple(row[1:])
        for row in conn.execute(
            select(contact.c.id, contact.c.name, contact.c.role, contact.c.email, contact.c.phone).where(
                contact.c.partner_id == partner_id
            )
        )
    }
    kept = {item.id for item in contacts if item.id in stored}
    gone = [cid for cid in stored if cid not in kept]
    if gone:
        conn.execute(delete(contact).where(contact.c.id.in_(gone)))
    for item in contacts:
        values = _contact_values(item)
        if item.id in stored:
            if stored[item.id] != tuple(values.values()):
                conn.execute(
                    update(contact).where(contact.c.id == item.id).values(**values, version=contact.c.version + 1)
                )
        else:
            conn.execute(insert(contact).values(partner_id=partner_id, **values))


def create_partner(conn, data: PartnerInput, today: date) -> Partner:
    """Insert a partner with its services and contacts; returns it as stored."""
    _check_name_free(conn, data.name)
    partner_id = conn.execute(insert(partner).values(**_partner_values(data)).returning(partner.c.id)).scalar_one()
    _write_services(conn, partner_id, data.services)
    _write_contacts(conn, partner_id, data.contacts)
    return get_partner(conn, partner_id, today)


def _versioned(conn, partner_id: int, today: date, write):
    """Run a versioned write; a conflict carries the partner as it is now."""
    try:
        return write()
    except Conflict as exc:
        exc.current = get_partner(conn, partner_id, today)
        raise


def update_partner(
    conn, partner_id: int, data: PartnerInput, today: date, expected_version: int | None = None
) -> Partner:
    """Replace a partner's fields, services and contacts; refused (Conflict) if it changed since ``expected_version``."""
    _check_name_free(conn, data.name, partner_id)
    values = _partner_values(data)
    _versioned(
        conn,
        partner_id,
        today,
        lambda: update_row(conn, partner, partner_id, values, expected=expected_version, what=_what(partner_id)),
    )
    _write_services(conn, partner_id, data.services)
    _write_contacts(conn, partner_id, data.contacts)
    return get_partner(conn, partner_id, today)


def set_archived(conn, partner_id: int, archived: bool, today: date, expected_version: int | None = None) -> Partner:
    """Archive (or restore) a partner: it keeps its tasks, expenses and log but owns no new work."""
    _versioned(
        conn,
        partner_id,
        today,
        lambda: update_row(
            conn, partner, partner_id, {"archived": archived}, expected=expected_version, what=_what(partner_id)
        ),
    )
    return get_partner(conn, partner_id, today)


def delete_partner(conn, partner_id: int, today: date, expected_version: int | None = None) -> None:
    """Delete a partner with its contacts and log; its tasks lose their owner, its expenses their partner."""
    _versioned(
        conn,
        partner_id,
        today,
        lambda: delete_row(conn, partner, partner_id, expected=expected_version, what=_what(partner_id)),
    )


def log_interaction(conn, partner_id: int, data: InteractionInput) -> InteractionRow:
    """Add an interaction; earlier follow-ups of the partner due by its day count as done."""
    exists = conn.execute(select(partner.c.id).where(partner.c.id == partner_id)).scalar()
    if exists is None:
        raise Gone(_what(partner_id))
    conn.execute(
        update(interaction)
        .where(
            interaction.c.partner_id == partner_id,
            interaction.c.follow_up.is_not(None),
            interaction.c.follow_up <= data.day,
            interaction.c.follow_up_done.is_(False),
        )
        .values(follow_up_done=True, version=interaction.c.version + 1)
    )
    values = {
        "partner_id": partner_id,
        "day": data.day,
        "kind": data.kind,
        "summary": data.summary,
        "next_step": data.next_step,
        "follow_up": data.follow_up,
        "follow_up_done": False,
    }
    new_id = conn.execute(insert(interaction).values(**values).returning(interaction.c.id)).scalar_one()
    return InteractionRow(new_id, partner_id, data.day, data.kind, data.summary, data.next_step, data.follow_up)


# ---- the command line's edits: typed options over the stored values ---------------------


def partner_fields(p: Partner) -> dict[str, str]:
    """A stored partner's editable fields as typed text (what an edit starts from)."""
    from ecomtui.services.money import amount_text

    return {
        "name": p.name,
        "kind": p.kind,
        "services": ", ".join(p.services),
        "website": p.website,
        "retainer": amount_text(p.retainer_minor) if p.retainer_minor is not None else "",
        "contract_start": p.contract_start.isoformat() if p.contract_start else "",
        "contract_end": p.contract_end.isoformat() if p.contract_end else "",
        "notice": str(p.notice_days) if p.notice_days is not None else "",
        "rating": str(p.rating) if p.rating is not None else "",
        "notes": p.notes,
    }


def contact_inputs(p: Partner) -> tuple[ContactInput, ...]:
    return tuple(ContactInput(c.name, c.role, c.email, c.phone, c.id) for c in p.contacts)


def merge_contact(
    contacts: tuple[ContactInput, ...],
    name: str | None,
    email: str | None,
    phone: str | None,
    role: str | None = None,
) -> tuple[ContactInput, ...]:
    """The contact options of ``partner add/edit``: update the contact of that name (or, without a
    name, the first one) with what is given, or add it."""
    if name is None and email is None and phone is None and role is None:
        return contacts
    if name is None:
        if not contacts:
            raise InvalidInput(
                "contact: --email, --phone and --role need --contact NAME for a partner without contacts", "contact"
            )
        target = 0
    else:
        wanted = name.strip().casefold()
        target = next((i for i, c in enumerate(contacts) if c.name.casefold() == wanted), None)
    if target is None:
        return (*contacts, build_contact_input(name, role, email, phone))
    old = contacts[target]
    new = build_contact_input(
        old.name,  # found by its name: kept as stored
        role if role is not None else old.role,
        email if email is not None else old.email,
        phone if phone is not None else old.phone,
        id=old.id,
    )
    return (*contacts[:target], new, *contacts[target + 1 :])


def edited_input(p: Partner, changes: dict[str, str | None], contacts: tuple[ContactInput, ...]) -> PartnerInput:
    """``p`` with the typed ``changes`` (None: unchanged) applied, validated."""
    fields = partner_fields(p)
    fields.update({k: v for k, v in changes.items() if v is not None})
    return build_partner_input(**fields, archived=p.archived, contacts=contacts)


def add_services(conn, partner_id: int, services: tuple[str, ...]) -> int:
    """Add the services a partner does not list yet (case-insensitive); returns how many were added."""
    stored = conn.execute(select(partner_service.c.service).where(partner_service.c.partner_id == partner_id)).all()
    known = {s.casefold() for (s,) in stored}
    new = []
    for service in services:
        if service.casefold() not in known:
            known.add(service.casefold())
            new.append({"partner_id": partner_id, "service": service, "position": len(stored) + len(new)})
    if new:
        conn.execute(insert(partner_service), new)
        update_row(conn, partner, partner_id, {}, expected=None, what=_what(partner_id))
    return len(new)


def add_contacts(conn, partner_id: int, contacts: list[ContactInput], today: date) -> int:
    """Add contacts to a partner, skipping names it has already (case-insensitive); returns how many were added."""
    current = get_partner(conn, partner_id, today)
    if current is None:
        raise Gone(_what(partner_id))
    known = {c.name.casefold() for c in current.contacts}
    added = 0
    for item in contacts:
        if item.name.casefold() in known:
            continue
        conn.execute(insert(contact).values(partner_id=partner_id, **_contact_values(replace(item, id=None))))
        known.add(item.name.casefold())
        added += 1
    if added:
        update_row(conn, partner, partner_id, {}, expected=None, what=_what(partner_id))
    return added
