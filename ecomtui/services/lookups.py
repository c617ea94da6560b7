"""Name lookups shared by every domain: channels and owners (partners) by name.

A name matches case-insensitively, in full or by a unique prefix of any word
(``jonas`` finds Jonas Berg); an unknown or ambiguous name is refused with the
candidates listed. Core-only (no ORM, no SQLModel import): these run on the
start-up path, with either a Core connection or a session.
"""

from __future__ import annotations

from sqlalchemy import false, select

from ecomtui.db.tables import channel, partner
from ecomtui.services.channel_colours import ChannelInfo
from ecomtui.services.validation import InvalidInput, name_candidates, resolve_name


def channel_rows(conn) -> list[ChannelInfo]:
    """Every channel, retired ones too, in display order."""
    rows = conn.execute(
        select(channel.c.id, channel.c.name, channel.c.colour, channel.c.position, channel.c.retired).order_by(
            channel.c.position, channel.c.name
        )
    )
    return [ChannelInfo(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]


def channel_names(conn) -> list[tuple[int, str]]:
    """The channels offered for new items (not retired) as (id, name), in display order."""
    return [(c.id, c.name) for c in channel_rows(conn) if not c.retired]


def owner_names(conn, *, include_archived: bool = False) -> list[tuple[int, str]]:
    """Everyone who can own a task (team members and partners) as (id, name)."""
    query = select(partner.c.id, partner.c.name).order_by(partner.c.name)
    if not include_archived:
        query = query.where(partner.c.archived == false())
    return [(r[0], r[1]) for r in conn.execute(query)]


def find_channel(conn, name: str | None, *, include_retired: bool = False) -> int | None:
    """The id of the channel ``name`` means; None for empty.

    A retired channel is not offered for new work: naming one is refused with a
    hint, unless ``include_retired`` (filters, renaming, restoring).
    """
    name = (name or "").strip()
    if not name:
        return None
    rows = channel_rows(conn)
    if include_retired:
        return resolve_name([(c.id, c.name) for c in rows], name, "channel")
    active = [(c.id, c.name) for c in rows if not c.retired]
    if not name_candidates(active, name):
        retired = name_candidates([(c.id, c.name) for c in rows if c.retired], name)
        if len(retired) == 1:
            raise InvalidInput(f"channel: '{retired[0][1]}' is retired (restore it to use it again)", "channel")
    return resolve_name(active, name, "channel")


def find_owner(conn, name: str | None, *, include_archived: bool = False) -> int | None:
    """The id of the partner or team member ``name`` means; None for empty."""
    name = (name or "").strip()
    if not name:
        return None
    return resolve_name(owner_names(conn, include_archived=include_archived), name, "owner")
