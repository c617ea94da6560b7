"""Channels are the user's: add, rename, reorder, colour, retire and restore them.

Core only, like the task writes. A retired channel keeps its tasks, budget
lines and promotions but is no longer offered for new ones. Names are unique
ignoring case; positions are kept as 0..n-1 in display order.
"""

from __future__ import annotations

from sqlalchemy import func, insert, select, update

from ecomtui.db.tables import channel, task
from ecomtui.services.channel_colours import ChannelInfo, next_colour, parse_colour
from ecomtui.services.lookups import channel_rows, find_channel
from ecomtui.services.validation import InvalidInput, require_text

NAME_LENGTH = 80


def list_channels(conn) -> list[ChannelInfo]:
    """Every channel, retired ones too, in display order."""
    return channel_rows(conn)


def task_counts(conn) -> dict[int, int]:
    """How many tasks use each channel (channels without tasks are absent)."""
    rows = conn.execute(
        select(task.c.channel_id, func.count()).where(task.c.channel_id.is_not(None)).group_by(task.c.channel_id)
    )
    return {r[0]: r[1] for r in rows}


def get_channel(conn, channel_id: int) -> ChannelInfo:
    for info in channel_rows(conn):
        if info.id == channel_id:
            return info
    raise InvalidInput(f"channel {channel_id} no longer exists", "channel")


def find_any_channel(conn, name: str | None) -> ChannelInfo:
    """The channel ``name`` means, retired ones included (for renaming, retiring, filtering)."""
    channel_id = find_channel(conn, name, include_retired=True)
    if channel_id is None:
        raise InvalidInput("channel: a channel name is required", "channel")
    return get_channel(conn, channel_id)


def check_name(conn, name: str | None, *, keep_id: int | None = None) -> str:
    """A new channel name: one line of text, not used by another channel (ignoring case)."""
    name = require_text(name, "name", max_length=NAME_LENGTH)
    for info in channel_rows(conn):
        if info.id != keep_id and info.name.casefold() == name.casefold():
            state = " (retired: restore it instead)" if info.retired else ""
            raise InvalidInput(f"name: there is already a channel called '{info.name}'{state}", "name")
    return name


def add_channel(conn, name: str | None, colour: str | None = None) -> ChannelInfo:
    """A new channel at the end of the list; without a colour it takes the next free palette colour."""
    name = check_name(conn, name)
    rows = channel_rows(conn)
    colour = parse_colour(colour) if colour else next_colour(c.colour for c in rows if not c.retired)
    position = max((c.position for c in rows), default=-1) + 1
    values = {"name": name, "colour": colour, "position": position, "retired": False}
    channel_id = conn.execute(insert(channel).values(**values).returning(channel.c.id)).scalar_one()
    return get_channel(conn, channel_id)


def rename_channel(conn, channel_id: int, name: str | None) -> ChannelInfo:
    get_channel(conn, channel_id)
    name = check_name(conn, name, keep_id=channel_id)
    conn.execute(update(channel).where(channel.c.id == channel_id).values(name=name))
    return get_channel(conn, channel_id)


def set_colour(conn, channel_id: int, colour: str | None) -> ChannelInfo:
    get_channel(conn, channel_id)
    conn.execute(update(channel).where(channel.c.id == channel_id).values(colour=parse_colour(colour)))
    return get_channel(conn, channel_id)


def set_retired(conn, channel_id: int, retired: bool = True) -> ChannelInfo:
    """Retire a channel (its items keep it; new ones cannot choose it) or bring it back."""
    get_channel(conn, channel_id)
    conn.execute(update(channel).where(channel.c.id == channel_id).values(retired=retired))
    return get_channel(conn, channel_id)


def move_channel(conn, channel_id: int, index: int) -> list[ChannelInfo]:
    """Put a channel at ``index`` (0-based, clamped) of the display order; returns the new order."""
    rows = channel_rows(conn)
    moving = next((c for c in rows if c.id == channel_id), None)
    if moving is None:
        raise InvalidInput(f"channel {channel_id} no longer exists", "channel")
    order = [c for c in rows if c.id != channel_id]
    order.insert(max(0, min(index, len(order))), moving)
    for position, info in enumerate(order):
        if info.position != position:
            conn.execute(update(channel).where(channel.c.id == info.id).values(position=position))
    return channel_rows(conn)
