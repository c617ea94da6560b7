"""How a channel's colour is drawn: the one lookup every screen uses (cards now, calendar bars
and budget rows later).

The colour itself comes from the channel rows (:mod:`ecomtui.services.channel_colours`);
this turns it into a Rich style, or into nothing under ``NO_COLOR``, where the
channel's name alone says which channel it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text

from ecomtui.services.channel_colours import ChannelInfo


def channel_styles(channels: Iterable[ChannelInfo], no_color: bool) -> dict[int, Style]:
    """Channel id -> the style its name is drawn in (empty under NO_COLOR)."""
    if no_color:
        return {}
    return {c.id: Style(color=c.colour) for c in channels}


def channel_text(name: str, channel_id: int | None, styles: dict[int, Style], swatch: bool = False) -> Text:
    """A channel's name in its colour; with ``swatch`` a coloured ● before it (not under NO_COLOR)."""
    style = styles.get(channel_id) if channel_id is not None else None
    text = Text()
    if swatch and style is not None:
        text.append("● ", style)
    text.append(name, style or "")
    return text
