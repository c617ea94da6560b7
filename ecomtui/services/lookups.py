"""Name lookups shared by every domain: channels and owners (partners) by name.

Core-only (no ORM, no SQLModel import): these run on the start-up path, with
either a Core connection or a session.
"""

from __future__ import annotations

from sqlalchemy import false, select

from ecomtui.db.tables import channel, partner
from ecomtui.services.validation import InvalidInput, match_name


def channel_names(conn) -> list[tuple[int, str]]:
    """All channels as (id, name) in display order."""
    rows = conn.execute(select(channel.c.id, channel.c.name).order_by(channel.c.position, channel.c.name))
    return [(r[0], r[1]) for r in rows]


def owner_names(conn) -> list[tuple[int, str]]:
    """Everyone who can own a task (team members and partners) as (id, name)."""
    rows = conn.execute(
        select(partner.c.id, partner.c.name).where(partner.c.archived == false()).order_by(partner.c.name)
    )
    return [(r[0], r[1]) for r in rows]


def find_channel(session, name: str | None) -> int | None:
    """The id of the channel called ``name`` (case-insensitive); None for empty."""
    name = (name or "").strip()
    if not name:
        return None
    channels = channel_names(session)
    found = match_name(channels, name)
    if found is None:
        known = ", ".join(n for _, n in channels)
        raise InvalidInput(f"channel: unknown channel '{name}' (known: {known})", "channel")
    return found


def find_owner(session, name: str | None) -> int | None:
    """The id of the partner or team member called ``name`` (case-insensitive)."""
    name = (name or "").strip()
    if not name:
        return None
    owners = owner_names(session)
    found = match_name(owners, name)
    if found is None:
        names = [n for _, n in owners]
        known = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
        raise InvalidInput(f"owner: unknown owner '{name}' (known: {known or 'none yet'})", "owner")
    return found
