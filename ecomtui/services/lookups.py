"""Name lookups shared by every domain: channels and owners (partners) by name."""

from __future__ import annotations

from sqlmodel import Session, select

from ecomtui.db.models import Channel, Partner
from ecomtui.services.validation import InvalidInput


def channel_names(session: Session) -> list[tuple[int, str]]:
    """All channels as (id, name) in display order."""
    rows = session.exec(select(Channel.id, Channel.name).order_by(Channel.position, Channel.name))
    return [(r[0], r[1]) for r in rows]


def owner_names(session: Session) -> list[tuple[int, str]]:
    """Everyone who can own a task (team members and partners) as (id, name)."""
    rows = session.exec(
        select(Partner.id, Partner.name).where(Partner.archived == False).order_by(Partner.name)  # noqa: E712
    )
    return [(r[0], r[1]) for r in rows]


def _match_name(rows: list[tuple[int, str]], name: str) -> int | None:
    """The id whose name equals ``name`` ignoring case (Unicode-aware, unlike SQL lower())."""
    wanted = name.casefold()
    for row_id, row_name in rows:
        if row_name.casefold() == wanted:
            return row_id
    return None


def find_channel(session: Session, name: str | None) -> int | None:
    """The id of the channel called ``name`` (case-insensitive); None for empty."""
    name = (name or "").strip()
    if not name:
        return None
    channels = channel_names(session)
    found = _match_name(channels, name)
    if found is None:
        known = ", ".join(n for _, n in channels)
        raise InvalidInput(f"channel: unknown channel '{name}' (known: {known})", "channel")
    return found


def find_owner(session: Session, name: str | None) -> int | None:
    """The id of the partner or team member called ``name`` (case-insensitive)."""
    name = (name or "").strip()
    if not name:
        return None
    owners = owner_names(session)
    found = _match_name(owners, name)
    if found is None:
        names = [n for _, n in owners]
        known = ", ".join(names[:12]) + (", ..." if len(names) > 12 else "")
        raise InvalidInput(f"owner: unknown owner '{name}' (known: {known or 'none yet'})", "owner")
    return found
